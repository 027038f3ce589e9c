return create('x', 'PATCH').dbEdit('post', {id: 1}, '$data').callFunction('f', '$input').build()
