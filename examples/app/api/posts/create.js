return create('posts', 'POST')
  .apiGroup('Posts')
  .requiresAuth('user')
  .input('title', 'text', {filters: 'trim'})
  .input('body', 'text', {required: false})
  .input('tags', 'text[]', {required: false})
  .input('published', 'bool', {default: false})
  .dbAdd('post', {
    user_id: '$auth.id',
    title: '$input.title',
    body: '$input.body',
    tags: '$input.tags',
    published: '$input.published',
  }, 'post')
  .response('$post')
  .build();
