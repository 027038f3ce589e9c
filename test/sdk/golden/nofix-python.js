return create('x', 'GET').var('a', True).response('$a')
