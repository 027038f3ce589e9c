/*
 * fileio: whole-file reads with a size cap, and atomic writes.
 *
 * Reads: every file we read comes from outside (SDK code, XanoScript,
 * config), so each read names a cap and fails with a clear message beyond
 * it instead of swallowing a runaway file or a pipe that never ends.
 *
 * Writes: xm_file_write_atomic() writes a temporary file in the same
 * directory, fsyncs it, renames it over the target and fsyncs the directory,
 * so a reader sees the old contents or the new ones, never a torn file, even
 * across a crash or power loss. A symbolic link at path is replaced by a
 * regular file.
 *
 * Errors: false and err filled ("FILE: reason"). Thread-safe: no shared
 * state.
 */
#ifndef XM_CORE_FILEIO_H
#define XM_CORE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/error.h"

/* Permissions of written files. Exact: the umask does not apply. */
enum xm_file_mode {
	XM_FILE_PUBLIC = 0644,
	XM_FILE_PRIVATE = 0600, /* tokens, journals, anything with a secret */
};

/*
 * Appends the contents of path to out; "-" reads standard input. Fails when
 * the contents exceed max bytes (out is then left as it was), and on
 * directories. The data may contain NUL bytes: out->len is the truth.
 */
bool xm_file_read(const char *path, size_t max, struct xm_buf *out, struct xm_error *err);

/* How messages name path: "<stdin>" for "-", else path itself (borrowed). */
const char *xm_file_name(const char *path);

/* Same from an open descriptor, which stays open; name is for messages. */
bool xm_file_read_fd(int fd, const char *name, size_t max, struct xm_buf *out,
		struct xm_error *err);

/* Replaces path with len bytes of data, atomically (see above). */
bool xm_file_write_atomic(const char *path, const void *data, size_t len,
		enum xm_file_mode mode, struct xm_error *err);

#endif
