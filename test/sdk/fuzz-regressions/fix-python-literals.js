return create('py', 'GET').var('a', True).var('b', None).var('c', False).response('$a').build()
