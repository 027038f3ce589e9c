return create('/slash', 'GET').response(1).build()
