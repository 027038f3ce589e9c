return create('x', 'GET').var('input', 1).dbGet('user', {id: 1}, 'response').build()
