return createTask('many')
  .active(false)
  .log('tick')
  .schedule([{startsOn: '2026-02-01T00:00:00Z', freq: 'hourly'}, {starts_on: '2026-03-01', freq: 'weekly', endsOn: '2026-12-31T23:59:59+01:00'}])
  .schedule('2026-04-01T12:30:00Z')
  .build();
