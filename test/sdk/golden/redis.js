return createFunction('cache')
  .redisSet('greeting', 'hello', 3600)
  .redisSet('n', 0, 60)
  .redisGet('greeting', 'cached')
  .redisIncr('n', 1, 'n_now')
  .redisIncr('n')
  .redisDelete('greeting')
  .response('$cached')
  .build();
