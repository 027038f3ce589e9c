function "loops_begin_end" {
  input {
    json items
  }
  stack {
    foreach ($input.items) {
      each as $item {
        debug.log {
          value = $item
        }
        conditional {
          if ($item == null) {
            continue
          }
        }
        for (3) {
          each as $i {
            debug.log {
              value = $i
            }
            foreach ($input.items) {
              each as $item {
                debug.log {
                  value = $item
                }
              }
            }
          }
        }
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
        conditional {
          if ($n == 2) {
            foreach ($input.items) {
              each as $item {
                break
              }
            }
          }
        }
      }
    }
  }
  response = null
}
