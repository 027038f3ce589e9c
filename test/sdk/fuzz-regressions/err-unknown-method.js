return create('x', 'GET').frobnicate(1).build()
