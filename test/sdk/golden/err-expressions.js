return create('x', 'GET').var('a', '$x|lenght').var('b', '$x +').var('c', !$x).var('d', $x % 2).build()
