query "py" verb=GET {
  input {
  }
  stack {
    var $a {
      value = true
    }
    var $b {
      value = null
    }
    var $c {
      value = false
    }
  }
  response = $a
}
