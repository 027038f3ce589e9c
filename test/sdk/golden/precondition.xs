query "things/{thing_id}" verb=GET {
  input {
    int thing_id
  }
  stack {
    db.get "thing" {
      field_name = "id"
      field_value = $input.thing_id
    } as $thing
    precondition ($thing != null) {
      error_type = "notfound"
      error = "Not Found."
    }
    precondition ($thing.active) {
      error_type = "notfound"
      error = "Gone"
    }
    precondition ($thing.owner_id == $auth.id) {
      error_type = "accessdenied"
      error = "Not yours"
    }
    precondition ($thing.ok) {
    }
  }
  response = $thing
}
