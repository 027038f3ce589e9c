function f {
  stack {
   !int  security.random_bytes {
      length = 1
    } as $x5
  }
}
