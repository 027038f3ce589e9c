return createFunction('queries')
  .dbQuery('post', {where: '$db.post.published == true && $db.post.title ~ "x"', return: 'single'}, 'one')
  .dbQuery('post', {return: 'exists'}, 'any')
  .dbQuery('post', {output: ['id', 'title'], join: {user: {table: 'user', type: 'left', where: '$db.post.user_id == $db.user.id'}}}, 'joined')
  .dbQuery('post')
  .dbCount('post', null, 'total')
  .response('$total')
  .build();
