query "search" verb=GET {
  input {
    text q filters=trim|min:1 {
      description = "What to look for"
    }
    int page?=1 filters=min:1
    int per_page?=20 filters=min:1|max:100
    text? note?
    int[1:10] scores?
    text code filters=pattern:"^[0-9]+$"
    text sku filters=startsWith:"SKU-"
    file avatar?
    enum level?="low" {
      values = ["low", "high"]
    }
    decimal? ratio?=0.5
    bool opt?
  }
  stack {
  }
  response = $input
}
