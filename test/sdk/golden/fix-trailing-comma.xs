query "comma" verb=GET {
  input {
  }
  stack {
  }
  response = 1
}
