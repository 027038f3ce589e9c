query "bare" verb=GET {
  input {
  }
  stack {
  }
  response = true
}
