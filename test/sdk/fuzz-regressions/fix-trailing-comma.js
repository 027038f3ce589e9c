create('comma', 'GET').response(1).build(),
