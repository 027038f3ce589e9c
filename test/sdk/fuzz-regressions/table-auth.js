return createTable('user')
  .auth()
  .column('id', 'int')
  .column('email', 'email', {filters: ['trim', 'lower'], sensitive: true})
  .index('primary', 'id')
  .index('unique', 'email')
  .index('btree', [{name: 'id', op: 'desc'}])
  .build();
