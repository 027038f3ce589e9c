return create('users/{id}', 'GET')
  .input('id', 'int')
  .dbGet('user', {id: 'input.id'}, 'user')
  .precondition('auth.id == $user.id', 'Not yours', 403)
  .response('$user')
  .build();
