query "posts/{post_id}" verb=PATCH {
  auth = "user"
  input {
    int post_id
    text title?
  }
  stack {
    db.add "log" {
      data = {post_id: $input.post_id, at: now}
    } as $entry
    db.edit "post" {
      field_name = "id"
      field_value = $input.post_id
      data = {title: $input.title}
    } as $edited
    db.patch "post" {
      field_name = "id"
      field_value = $input.post_id
      data = $edited
    } as $patched
    db.add_or_edit "stats" {
      field_name = "post_id"
      field_value = $input.post_id
      data = {post_id: $input.post_id, views: 0}
    } as $stats
    db.del "draft" {
      field_name = "post_id"
      field_value = $input.post_id
    }
    db.transaction {
      stack {
        db.add "audit" {
          data = {what: "patch"}
        } as $audit
        db.del "lock" {
          field_name = "post_id"
          field_value = $input.post_id
        }
      }
    }
  }
  response = $patched
}
