function "tr" {
  input {
    int x
  }
  stack {
    conditional {
      if ($input.x > 10) {
        throw {
          name = "TooBig"
          value = "x is too big"
        }
      }
    }
    conditional {
      if ($input.x < 0) {
        throw {
          name = "Error"
          value = "negative"
        }
      }
    }
    conditional {
      if ($input.x == 0) {
        return {
          value = {zero: true}
        }
      }
    }
  }
  response = $input.x
}
