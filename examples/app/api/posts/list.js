// My posts, newest first, optionally only the published ones.
return create('posts', 'GET')
  .apiGroup('Posts')
  .requiresAuth('user')
  .input('published', 'bool', {required: false})
  .input('page', 'int', {default: 1, filters: 'min:1'})
  .input('per_page', 'int', {default: 20, filters: 'min:1|max:100'})
  .dbQuery('post', {
    where: {user_id: '$auth.id', 'published?': '$input.published'},
    sort: {created_at: 'desc'},
    page: '$input.page',
    perPage: '$input.per_page',
    totals: true,
  }, 'posts')
  .response('$posts')
  .build();
