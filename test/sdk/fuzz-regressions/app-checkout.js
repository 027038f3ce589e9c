// A Stripe Checkout session for a subscription; the secret key lives in the
// workspace environment variable stripe_api_key.
return create('billing/checkout', 'POST')
  .apiGroup('Billing')
  .requiresAuth('user')
  .input('price_id', 'text', {filters: 'trim'})
  .input('success_url', 'text', {filters: 'trim'})
  .input('cancel_url', 'text', {filters: 'trim'})
  .dbGet('user', {id: '$auth.id'}, 'user')
  .apiRequest('https://api.stripe.com/v1/checkout/sessions', 'POST', {
    headers: {Authorization: ("Basic %s"|sprintf:($env.stripe_api_key|base64_encode))},
    body: {
      mode: 'subscription',
      success_url: '$input.success_url',
      cancel_url: '$input.cancel_url',
      customer_email: '$user.email',
      client_reference_id: $user.id|to_text,
      line_items: [{price: '$input.price_id', quantity: 1}],
    },
    timeout: 30,
  }, 'stripe')
  .precondition('$stripe.response.status == 200', `Stripe error: ${$stripe.response.result.error.message|to_text}`)
  .response({url: '$stripe.response.result.url', id: '$stripe.response.result.id'})
  .build();
