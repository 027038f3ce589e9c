function "utils" {
  input {
  }
  stack {
    function.run "posts/count_for_user" {
      input = {user_id: 1}
    } as $count
    function.run "noop" as $func_result
    util.set_header {
      value = "X-Count: " ~ $count
      duplicates = "replace"
    }
    util.set_header {
      value = "Cache-Control: no-store: " ~ null
      duplicates = "add"
    }
    util.sleep {
      value = 2
    }
    debug.log {
      value = {count: $count}
    }
    debug.stop {
      value = $count
    }
  }
  response = $count
}
