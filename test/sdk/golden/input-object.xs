query "addresses" verb=POST {
  input {
    object address {
      description = "Where to ship"
      schema {
        text street
        text city
        int zip?
        text country?="FR" filters=trim|upper
        text[] tags
        text? note? {
          description = "For the courier"
        }
        enum kind {
          values = ["home", "work"]
        }
        object geo {
          schema {
            decimal lat
            decimal lng
          }
        }
      }
    }
    object[] items? {
      schema {
        text sku
        int qty filters=min:1
      }
    }
  }
  stack {
  }
  response = $input.address
}
