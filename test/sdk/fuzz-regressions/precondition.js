return create('things/{thing_id}', 'GET')
  .input('thing_id', 'int')
  .dbGet('thing', {id: '$input.thing_id'}, 'thing')
  .precondition('$thing != null', 'Not Found.', 'notfound')
  .precondition('$thing.active', 'Gone', 404)
  .precondition('$thing.owner_id == $auth.id', 'Not yours', 403)
  .precondition('$thing.ok')
  .response('$thing')
  .build();
