query "upload" verb=POST {
  input {
    file upload
  }
  stack {
    storage.create_attachment {
      value = $input.upload
      filename = "photo.jpg"
      access = "private"
    } as $photo
    storage.create_attachment {
      value = $input.upload
      filename = "b.jpg"
      access = "public"
    } as $attachment
    storage.create_file_resource {
      filename = "notes.txt"
      filedata = "hello"
    } as $notes
  }
  response = $photo
}
