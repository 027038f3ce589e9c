table "post" {
  description = "Blog posts"
  schema {
    int id
    timestamp created_at?=now
    int user_id {
      table = "user"
    }
    text title filters=trim
    text body?
    text[] tags?
    bool published?=false
  }
  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree", field: [{name: "user_id", op: "asc"}]}
  ]
}
