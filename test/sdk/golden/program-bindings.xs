query "people" verb=POST {
  input {
    text name
  }
  stack {
    db.add "person" {
      data = {name: $input.name}
    } as $person
  }
  response = $person
}
