query "fixes" verb=POST {
  input {
    int n?=2
    decimal r?=0.5
    text s
    bool flag?
  }
  stack {
    db.get "user" {
      field_name = "id"
      field_value = $input.n
    } as $user
    db.has "user" {
      field_name = "id"
      field_value = $input.n
    } as $there
    db.get "user" {
      field_name = "id"
      field_value = $input.n
    } as $again
  }
  response = $user
}
