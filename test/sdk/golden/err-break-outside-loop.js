return createFunction('x').break().build()
