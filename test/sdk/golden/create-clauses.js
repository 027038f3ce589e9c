return create('posts', 'GET')
  .apiGroup('Posts')
  .requiresAuth('user')
  .description('List my posts')
  .tags(['posts', 'list'])
  .response(null)
  .build();
