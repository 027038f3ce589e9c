query "posts" verb=GET {
  auth = "user"
  input {
    bool published?
    int page?=1
  }
  stack {
    db.query "post" {
      where = ($db.post.user_id == $auth.id) && ($db.post.published ==? $input.published)
      sort = {created_at: "desc"}
      return = {
        type  : "list"
        paging: {page: $input.page, per_page: 20, totals: true}
      }
    } as $posts
  }
  response = $posts
}
