return createApiGroup('Posts')
  .canonical('blog-posts')
  .description('Each user manages their own posts')
  .tags(['posts'])
  .build();
