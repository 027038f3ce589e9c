const data = {a: 1};
return create('x', 'GET').var('a', dat).build()
