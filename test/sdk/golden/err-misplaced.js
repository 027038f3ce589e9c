return create('x', 'GET').column('a', 'int').schedule('2026-01-01').build()
