query "posts" verb=GET {
  api_group = "Posts"
  auth = "user"
  description = "List my posts"
  tags = ["posts", "list"]
  input {
  }
  stack {
  }
  response = null
}
