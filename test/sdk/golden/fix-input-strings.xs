query "users/{id}" verb=GET {
  input {
    int id
  }
  stack {
    db.get "user" {
      field_name = "id"
      field_value = $input.id
    } as $user
    precondition ($auth.id == $user.id) {
      error_type = "accessdenied"
      error = "Not yours"
    }
  }
  response = $user
}
