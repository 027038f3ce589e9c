return createFunction('f')
  .input('items', 'json')
  .forEach('$input.items', 'item')
    .log('$item')
    .while('$item.n < 3')
      .log('$item')
  .response(null)
  .conditional('$input.items == null', b => b.for(3).log('$i'))
  .build();
