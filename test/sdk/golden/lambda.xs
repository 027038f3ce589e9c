function "js" {
  input {
  }
  stack {
    api.lambda {
      code = "return $input.a + 1;"
      timeout = 5
    } as $sum
    api.lambda {
      code = "return 1;"
      timeout = 10
    } as $lambda_result
  }
  response = $sum
}
