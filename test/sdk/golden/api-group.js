return createApiGroup('Posts')
  .canonical('myapp-posts')
  .description('Posts of the blog')
  .tags('blog', 'posts')
  .active()
  .build();
