return create('x', 'get').input('s', 'string').response(1).build()
