return create('addresses', 'POST')
  .input('address', 'object', {
    description: 'Where to ship',
    schema: {
      street: 'text',
      city: 'string',
      'zip?': 'int',
      country: {type: 'text', filters: 'trim|upper', default: 'FR'},
      tags: 'text[]',
      note: {type: 'text?', required: false, description: 'For the courier'},
      kind: {type: 'enum', values: ['home', 'work']},
      geo: {schema: {lat: 'decimal', lng: 'decimal'}},
    },
  })
  .input('items', 'object[]', {required: false, schema: {sku: 'text', qty: {type: 'int', filters: 'min:1'}}})
  .response('$input.address')
  .build();
