query "hello" verb=GET {
  input {
  }
  stack {
  }
  response = "Hello, world"
}
