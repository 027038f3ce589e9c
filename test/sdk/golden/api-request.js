return create('billing/checkout', 'POST')
  .requiresAuth('user')
  .input('price_id', 'text')
  .apiRequest('https://api.stripe.com/v1/checkout/sessions', 'POST', {
    headers: {Authorization: `Bearer ${$env.stripe_api_key}`},
    body: {mode: 'subscription', line_items: [{price: '$input.price_id', quantity: 1}]},
    timeout: 30,
  }, 'stripe')
  .apiRequest('https://example.com/ping')
  .apiRequest('https://example.com/search', 'get', {query: {q: 'x'}, headers: ['Accept: application/json']}, 'search')
  .response('$stripe.response.result')
  .build();
