return createTable('customer')
  .column('id', 'int')
  .column('name', 'text')
  .column('address', 'object', {required: false, schema: {street: 'text', 'zip?': 'int', lines: 'text[]'}})
  .column('contacts', 'object[]', {schema: {email: 'email', primary: {type: 'bool', default: false}}})
  .build();
