return create('x', 'GET').var('a').dbGet().build()
