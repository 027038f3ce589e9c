return create('nodollar', 'GET').input('id', 'int').var('x', input.id).response('$x').build()
