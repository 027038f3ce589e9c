// Stripe calls this. (A production webhook must also verify the
// Stripe-Signature header; see xano-mcp-sdk(7), EXAMPLES.)
return create('billing/webhook', 'POST')
  .apiGroup('Billing')
  .input('type', 'text', {required: false})
  .input('data', 'json', {required: false})
  .if('$input.type == "checkout.session.completed"', b => b
    .var('session', $input.data|get:"object":null)
    .dbEdit('user', {id: $session.client_reference_id|to_int}, {stripe_customer_id: '$session.customer'}, 'updated'))
  .elseif('$input.type == "customer.subscription.deleted"', b => b.log('subscription cancelled'))
  .response({received: true})
  .build();
