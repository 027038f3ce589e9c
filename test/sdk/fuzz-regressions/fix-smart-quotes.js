return create(‘quotes’, “GET”).response(‘It’s fine’).build();
