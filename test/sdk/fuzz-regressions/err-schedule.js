return createTask('x').schedule('tomorrow', 'often').build()
