return createFunction('tr')
  .input('x', 'int')
  .conditional('$input.x > 10', b => b.throw('TooBig', 'x is too big'))
  .conditional('$input.x < 0', b => b.throw('negative'))
  .conditional('$input.x == 0', b => b.return({zero: true}))
  .response('$input.x')
  .build();
