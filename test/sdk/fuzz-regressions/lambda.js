return createFunction('js')
  .lambda('return $input.a + 1;', 5, 'sum')
  .lambda('return 1;')
  .response('$sum')
  .build();
