query "auth/login" verb=POST {
  input {
    email email filters=trim|lower
    text password
  }
  stack {
    db.get "user" {
      field_name = "email"
      field_value = $input.email
      output = ["id", "password"]
    } as $user
    precondition ($user != null) {
      error_type = "accessdenied"
      error = "Invalid Credentials."
    }
    security.check_password {
      text_password = $input.password
      hash_password = $user.password
    } as $pass_result
    precondition ($pass_result) {
      error_type = "accessdenied"
      error = "Invalid Credentials."
    }
    security.create_auth_token {
      table = "user"
      extras = {role: $user.role}
      expiration = 3600
      id = $user.id
    } as $authToken
    security.create_uuid as $request_id
    security.create_uuid as $uuid
  }
  response = {authToken: $authToken, request_id: $request_id}
}
