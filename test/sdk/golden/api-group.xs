api_group "Posts" {
  canonical = "myapp-posts"
  description = "Posts of the blog"
  active = true
  tags = ["blog", "posts"]
}
