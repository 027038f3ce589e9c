task "nightly" {
  description = "Runs every night"
  stack {
    debug.log {
      value = "tick"
    }
  }
  schedule = [{starts_on: 2026-01-01 03:00:00+0000, freq: 86400}]
}
