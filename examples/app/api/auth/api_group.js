return createApiGroup('Authentication')
  .canonical('blog-auth')
  .description('Sign up, log in, and who am I')
  .tags(['auth'])
  .build();
