return create('me', 'GET').requiresAuth().response('$auth.id').build();
