query "admin/token" verb=POST {
  auth = "admin"
  input {
  }
  stack {
    security.create_auth_token {
      table = "admin"
      extras = {}
      expiration = 86400
      id = $auth.id
    } as $authToken
    security.create_auth_token {
      table = "admin"
      extras = {}
      expiration = 86400
      id = $auth.id
    } as $admin_token
  }
  response = $authToken
}
