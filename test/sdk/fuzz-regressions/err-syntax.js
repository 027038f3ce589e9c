return create('x', 'GET')
  .input('a' 'int')
  .var('b', {c = 1})
  .build()
