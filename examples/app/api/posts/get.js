return create('posts/{post_id}', 'GET')
  .apiGroup('Posts')
  .requiresAuth('user')
  .input('post_id', 'int', {filters: 'min:1'})
  .dbGet('post', {id: '$input.post_id'}, 'post')
  .precondition('$post != null && $post.user_id == $auth.id', 'Not Found.', 'notfound')
  .response('$post')
  .build();
