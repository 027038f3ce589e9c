function "queries" {
  input {
  }
  stack {
    db.query "post" {
      where = $db.post.published == true && $db.post.title ~ "x"
      return = {type: "single"}
    } as $one
    db.query "post" {
      return = {type: "exists"}
    } as $any
    db.query "post" {
      join = {user: {table: "user", type: "left", where: $db.post.user_id == $db.user.id}}
      return = {type: "list"}
      output = ["id", "title"]
    } as $joined
    db.query "post" {
      return = {type: "list"}
    } as $post_list
    db.query "post" {
      return = {type: "count"}
    } as $total
  }
  response = $total
}
