function "cond" {
  input {
    int x
  }
  stack {
    conditional {
      if ($input.x > 1) {
        var $y {
          value = 1
        }
      }
      elseif ($input.x == 1) {
        var $y {
          value = 2
        }
        debug.log {
          value = "one"
        }
      }
      else {
        var $y {
          value = 3
        }
      }
    }
    conditional {
      if ($input.x < 0) {
        throw {
          name = "Negative"
          value = "x is negative"
        }
      }
    }
  }
  response = null
}
