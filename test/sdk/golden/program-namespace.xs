query "ns" verb=GET {
  input {
  }
  stack {
  }
  response = 1
}
