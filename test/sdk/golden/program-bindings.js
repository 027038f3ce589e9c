// Split over statements, with named values.
const data = {name: '$input.name'};
const ep = create('people', 'POST');
ep.input('name', 'text');
ep.dbAdd('person', data, 'person');
ep.response('$person');
return ep.build();
