return create('users/{id}', 'GET')
  .input('id', 'int')
  .dbGet('user', {field: 'id', value: '$input.id'}, 'user')
  .response('$user')
  .build();
