return create('admin/token', 'POST')
  .requiresAuth('admin')
  .createToken('$auth.id')
  .createToken('admin', '$auth.id', 'admin_token')
  .response('$authToken')
  .build();
