return createFunction('posts/count_for_user')
  .description('How many posts a user has')
  .input('user_id', 'int', {table: 'user'})
  .dbCount('post', {where: {user_id: '$input.user_id'}}, 'n')
  .response('$n')
  .build();
