return create('brackets', 'GET').response({a: [1, 2
