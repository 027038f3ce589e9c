const ep = create('no_build', 'GET').response(1)
