return createFunction('commented')
  .comment('first step')
  .var('a', 1)
  .comment('two\nlines')
  .response('$a')
  .build();
