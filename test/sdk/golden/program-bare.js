create('bare', 'GET').response(true).build()
