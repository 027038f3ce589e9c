function "cache" {
  input {
  }
  stack {
    redis.set {
      key = "greeting"
      data = "hello"
      ttl = 3600
    }
    redis.set {
      key = "n"
      data = 0
      ttl = 60
    }
    redis.get {
      key = "greeting"
    } as $cached
    redis.incr {
      key = "n"
      by = 1
    } as $n_now
    redis.incr {
      key = "n"
      by = 1
    } as $counter
    redis.del {
      key = "greeting"
    }
  }
  response = $cached
}
