return create('exists', 'GET')
  .input('email', 'email')
  .dbHas('user', {email: '$input.email'}, 'taken')
  .dbHas('user', '$input.email')
  .response('$taken')
  .build();
