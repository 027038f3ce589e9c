return createFunction('tc')
  .tryCatch(t => t.callFunction('risky', {}, 'r'), c => c.log('$error'))
  .tryCatch(t => t.log(1), c => c.log(2), f => f.log(3))
  .tryCatch(t => t.log('no catch given'))
  .response(null)
  .build();
