function "loops" {
  input {
    json items
  }
  stack {
    foreach ($input.items) {
      each as $item {
        debug.log {
          value = $item
        }
      }
    }
    foreach ($input.items) {
      each as $item {
        conditional {
          if ($item == null) {
            continue
          }
        }
      }
    }
    for (3) {
      each as $i {
        debug.log {
          value = $i
        }
      }
    }
    for (5) {
      each as $i {
        break
      }
    }
    var $n {
      value = 0
    }
    while ($n < 3) {
      each {
        var.update $n {
          value = $n + 1
        }
      }
    }
  }
  response = null
}
