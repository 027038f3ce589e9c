return create('x', 'FETCH').build()
