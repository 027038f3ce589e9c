return create('posts', 'GET')
  .requiresAuth('user')
  .input('published', 'bool', {required: false})
  .input('page', 'int', {default: 1})
  .dbQuery('post', {
    where: {user_id: '$auth.id', 'published?': '$input.published'},
    sort: {created_at: 'desc'},
    page: '$input.page',
    perPage: 20,
    totals: true,
  }, 'posts')
  .response('$posts')
  .build();
