query "users/{id}" verb=GET {
  input {
    int id
  }
  stack {
    db.get "user" {
      field_name = "id"
      field_value = $input.id
    } as $user
  }
  response = $user
}
