return create('posts/{post_id}', 'DELETE')
  .apiGroup('Posts')
  .requiresAuth('user')
  .input('post_id', 'int', {filters: 'min:1'})
  .dbGet('post', {id: '$input.post_id'}, 'post')
  .precondition('$post != null && $post.user_id == $auth.id', 'Not Found.', 'notfound')
  .dbDelete('post', {id: '$input.post_id'})
  .response({success: true})
  .build();
