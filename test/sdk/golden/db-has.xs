query "exists" verb=GET {
  input {
    email email
  }
  stack {
    db.has "user" {
      field_name = "email"
      field_value = $input.email
    } as $taken
    db.has "user" {
      field_name = "id"
      field_value = $input.email
    } as $user_exists
  }
  response = $taken
}
