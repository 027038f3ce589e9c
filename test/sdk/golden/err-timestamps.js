return createTask('bad_times')
  .schedule([
    {startsOn: '2026-01-01T03:00:00Zjunk', freq: 'daily'},
    {startsOn: '2026-1-01', freq: 'daily'},
    {startsOn: '2026-01-01T03:00', freq: 'daily'},
    {startsOn: '1969-12-31', freq: 'daily'},
    {startsOn: '2026-01-01X03:00:00', freq: 'daily'},
    {startsOn: '26-01-01', freq: 'daily'},
  ])
  .build();
