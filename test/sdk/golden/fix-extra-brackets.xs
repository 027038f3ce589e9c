query "extra" verb=GET {
  input {
  }
  stack {
  }
  response = 1
}
