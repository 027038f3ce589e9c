query "brackets" verb=GET {
  input {
  }
  stack {
  }
  response = {a: [1, 2]}
}
