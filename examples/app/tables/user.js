// The authentication table: Xano issues tokens for its rows.
return createTable('user')
  .auth()
  .column('created_at', 'timestamp', {default: 'now'})
  .column('name', 'text', {filters: 'trim'})
  .column('email', 'email', {filters: 'trim|lower', sensitive: true})
  .column('password', 'password', {filters: 'min:8|minAlpha:1|minDigit:1', sensitive: true})
  .column('role', 'enum', {values: ['member', 'admin'], default: 'member'})
  .column('stripe_customer_id', 'text', {required: false})
  .index('btree', 'created_at desc')
  .index('btree|unique', 'email')
  .build();
