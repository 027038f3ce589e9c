return create('auth/me', 'GET')
  .apiGroup('Authentication')
  .requiresAuth('user')
  .description('The signed-in user, without the password')
  .dbGet('user', {id: '$auth.id'}, 'user', {output: ['id', 'created_at', 'name', 'email']})
  .response('$user')
  .build();
