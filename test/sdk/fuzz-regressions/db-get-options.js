return create('auth/me', 'GET')
  .requiresAuth('user')
  .dbGet('user', {id: '$auth.id'}, 'user', {output: ['id', 'created_at', 'name', 'email']})
  .response('$user')
  .build();
