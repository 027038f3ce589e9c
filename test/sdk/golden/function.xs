function "posts/count_for_user" {
  description = "Count the posts of a user"
  input {
    int user_id {
      table = "user"
    }
  }
  stack {
    db.query "post" {
      where = $db.post.user_id == $input.user_id
      return = {type: "count"}
    } as $n
  }
  response = $n
}
