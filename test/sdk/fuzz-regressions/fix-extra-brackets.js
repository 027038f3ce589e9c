return create('extra', 'GET').response(1).build());
