table "customer" {
  schema {
    int id
    text name
    object address? {
      schema {
        text street
        int zip?
        text[] lines
      }
    }
    object[] contacts {
      schema {
        email email
        bool primary?=false
      }
    }
  }
  index = [
    {type: "primary", field: [{name: "id"}]}
  ]
}
