return create('posts', 'get')
  .input('q', 'string')
  .input('page', 'int', {default: 1})
  .dbQuery('post', {sort: {created_at: 'down'}, page: '$input.page'}, 'posts')
  .var(‘flag’, True)
  .conditional('$input.nope > 1', b => b.log('x'))
  .respons('$posts'),
