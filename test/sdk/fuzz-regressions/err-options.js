return create('x', 'GET').dbQuery('post', {wehre: {a: 1}, sort: {a: 'up'}}).apiRequest('http://x', 'GET', {body: {}, query: {}}).build()
