function "tc" {
  input {
  }
  stack {
    try_catch {
      try {
        function.run "risky" as $r
      }
      catch {
        debug.log {
          value = $error
        }
      }
    }
    try_catch {
      try {
        debug.log {
          value = 1
        }
      }
      catch {
        debug.log {
          value = 2
        }
      }
      finally {
        debug.log {
          value = 3
        }
      }
    }
    try_catch {
      try {
        debug.log {
          value = "no catch given"
        }
      }
      catch {
      }
    }
  }
  response = null
}
