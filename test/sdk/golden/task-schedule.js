return createTask('nightly')
  .description('Runs every night')
  .log('tick')
  .schedule('2026-01-01 03:00:00+0000', 86400)
  .build();
