return createFunction('cond')
  .input('x', 'int')
  .conditional('$input.x > 1', b => b.var('y', 1))
  .elseif('$input.x == 1', b => {
    b.var('y', 2);
    b.log('one');
  })
  .else(b => b.var('y', 3))
  .if('$input.x < 0', b => b.throw('Negative', 'x is negative'))
  .response(null)
  .build();
