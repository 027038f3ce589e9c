return create('users/{id}', 'GET').var('a', '$input.nope').build()
