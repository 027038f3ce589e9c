query "nodollar" verb=GET {
  input {
    int id
  }
  stack {
    var $x {
      value = $input.id
    }
  }
  response = $x
}
