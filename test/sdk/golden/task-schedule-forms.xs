task "many" {
  active = false
  stack {
    debug.log {
      value = "tick"
    }
  }
  schedule = [{starts_on: 2026-02-01 00:00:00+0000, freq: 3600}, {starts_on: 2026-03-01 00:00:00+0000, freq: 604800, ends_on: 2026-12-31 23:59:59+0100}, {starts_on: 2026-04-01 12:30:00+0000}]
}
