query "no_build" verb=GET {
  input {
  }
  stack {
  }
  response = 1
}
