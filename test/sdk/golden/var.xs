function "vars" {
  input {
  }
  stack {
    var $count {
      value = 0
    }
    var $name {
      value = "Ada"
    }
    var $next {
      value = $count + 1
    }
    var $list {
      value = [1, 2, 3]
    }
    var $obj {
      value = {a: 1, "b c": true, d: null}
    }
    var $has {
      value = ($list|count) > 0
    }
    var $greeting {
      value = "Hello " ~ $name ~ "!"
    }
    var.update $count {
      value = $count + 1
    }
    var.update $obj.a {
      value = 2
    }
  }
  response = $count
}
