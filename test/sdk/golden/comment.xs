function "commented" {
  input {
  }
  stack {
    // first step
    var $a {
      value = 1
    }
    // two
    // lines
  }
  response = $a
}
