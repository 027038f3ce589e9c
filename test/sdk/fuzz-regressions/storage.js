return create('upload', 'POST')
  .input('upload', 'file')
  .storageCreateAttachment('$input.upload', 'photo.jpg', 'private', 'photo')
  .storageCreateAttachment('$input.upload', 'b.jpg')
  .storageCreateFile('notes.txt', 'hello', 'notes')
  .response('$photo')
  .build();
