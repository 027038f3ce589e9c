create('hello').response('Hello, world').build()
