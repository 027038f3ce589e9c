task "times" {
  stack {
    debug.log {
      value = "tick"
    }
  }
  schedule = [{starts_on: 2026-01-05 03:04:05+0000, freq: 86400}, {starts_on: 2026-01-01 03:00:00+0000, freq: 3600}, {starts_on: 2026-01-01 03:00:00+0530, freq: 60}, {starts_on: 2026-01-01 03:00:00-0800, freq: 604800}, {starts_on: 2026-06-30 23:59:59+0000, freq: 60}]
}
