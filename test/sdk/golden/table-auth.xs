table "user" {
  auth = true
  schema {
    int id
    email email filters=trim|lower {
      sensitive = true
    }
  }
  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree|unique", field: [{name: "email", op: "asc"}]}
    {type: "btree", field: [{name: "id", op: "desc"}]}
  ]
}
