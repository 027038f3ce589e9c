function "cond_then" {
  input {
    int x
  }
  stack {
    conditional {
      if ($input.x > 1) {
        debug.log {
          value = "big"
        }
      }
      else {
        debug.log {
          value = "small"
        }
      }
    }
  }
  response = null
}
