task "my_test_task" {
  active = true

  stack {
  }
  
  schedule {
    events = [{starts_on: 2025-08-2+0000, freq: 86400}]
  }

  history =""" "inherit"

}