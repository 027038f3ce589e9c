// Every form of start time the schedule takes, as written by hand.
return createTask('times')
  .log('tick')
  .schedule([
    {startsOn: '2026-1-5 3:4:5', freq: 'daily'},
    {startsOn: ' 2026-01-01 03:00:00 ', freq: 'hourly'},
    {startsOn: '2026-01-01T03:00:00+05:30', freq: 60},
    {startsOn: '2026-01-01T03:00:00-0800', freq: 'weekly'},
    {startsOn: '2026-06-30T23:59:59z', freq: 'minutely'},
  ])
  .build();
