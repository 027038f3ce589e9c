return createFunction('cond_then')
  .input('x', 'int')
  .conditional('$input.x > 1')
  .then(b => b.log('big'))
  .else(b => b.log('small'))
  .endConditional()
  .response(null)
  .build();
