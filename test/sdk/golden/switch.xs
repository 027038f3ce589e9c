function "sw" {
  input {
    text mode
  }
  stack {
    switch ($input.mode) {
      case ("a") {
        debug.log {
          value = "A"
        }
      } break
      case (2) {
        debug.log {
          value = "two"
        }
      } break
      default {
        debug.log {
          value = "other"
        }
      }
    }
  }
  response = null
}
