query "slash" verb=GET {
  input {
  }
  stack {
  }
  response = 1
}
