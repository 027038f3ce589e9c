return create('x', 'GET').input('a', 'strin').input('b', 'enum').input('c', 'int', {filters: 'trim'}).build()
