query "billing/checkout" verb=POST {
  auth = "user"
  input {
    text price_id
  }
  stack {
    api.request {
      url = "https://api.stripe.com/v1/checkout/sessions"
      method = "POST"
      params = {mode: "subscription", line_items: [{price: $input.price_id, quantity: 1}]}
      headers = ["Authorization: " ~ ("Bearer " ~ $env.stripe_api_key)]
      timeout = 30
    } as $stripe
    api.request {
      url = "https://example.com/ping"
      method = "GET"
    } as $api_result
    api.request {
      url = "https://example.com/search"
      method = "GET"
      params = {q: "x"}
      headers = ["Accept: application/json"]
    } as $search
  }
  response = $stripe.response.result
}
