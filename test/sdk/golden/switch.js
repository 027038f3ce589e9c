return createFunction('sw')
  .input('mode', 'text')
  .switch('$input.mode', s => s
    .case('a', b => b.log('A'))
    .case(2, b => b.log('two'))
    .default(b => b.log('other')))
  .response(null)
  .build();
