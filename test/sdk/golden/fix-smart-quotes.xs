query "quotes" verb=GET {
  input {
  }
  stack {
  }
  response = "It’s fine"
}
