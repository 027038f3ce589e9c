return create('posts/{post_id}', 'PATCH')
  .requiresAuth('user')
  .input('post_id', 'int')
  .input('title', 'text', {required: false})
  .dbAdd('log', {post_id: '$input.post_id', at: now}, 'entry')
  .dbEdit('post', {id: '$input.post_id'}, {title: '$input.title'}, 'edited')
  .dbPatch('post', {id: '$input.post_id'}, '$edited', 'patched')
  .dbAddOrEdit('stats', {field: 'post_id', value: '$input.post_id'}, {post_id: '$input.post_id', views: 0}, 'stats')
  .dbDelete('draft', {post_id: '$input.post_id'})
  .dbTransaction(t => {
    t.dbAdd('audit', {what: 'patch'});
    t.dbDelete('lock', {post_id: '$input.post_id'});
  })
  .response('$patched')
  .build();
