query "me" verb=GET {
  auth = "user"
  input {
  }
  stack {
  }
  response = $auth.id
}
