#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/fileio.h"
#include "xano-mcp/core/xalloc.h"

bool xm_file_read_fd(int fd, const char *name, size_t max, struct xm_buf *out,
		struct xm_error *err)
{
	size_t start = out->len;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		xm_error_set_errno(err, errno, "%s", name);
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		xm_error_set(err, "%s: is a directory", name);
		return false;
	}
	/* Fail before reading a file that is already known to be too big. */
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		xm_error_set(err, "%s: file is too large (%lld bytes, the limit is %zu)", name,
			(long long)st.st_size, max);
		return false;
	}
	for (;;) {
		/* Read one byte past the cap to tell "exactly max" from "more". */
		size_t room = max - (out->len - start);
		size_t chunk = room < 65535 ? room + 1 : 65536;
		xm_buf_reserve(out, chunk);
		ssize_t n = read(fd, out->data + out->len, chunk);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			xm_error_set_errno(err, errno, "%s", name);
			goto fail;
		}
		if (n == 0) {
			out->data[out->len] = '\0';
			break;
		}
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len - start > max) {
			xm_error_set(err, "%s: input is larger than the limit of %zu bytes", name, max);
			goto fail;
		}
	}
	return true;
fail:
	xm_buf_truncate(out, start);
	/* Storage may have been reserved before anything was read. */
	out->data[out->len] = '\0';
	return false;
}

const char *xm_file_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

bool xm_file_read(const char *path, size_t max, struct xm_buf *out, struct xm_error *err)
{
	if (strcmp(path, "-") == 0) {
		return xm_file_read_fd(STDIN_FILENO, xm_file_name(path), max, out, err);
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		xm_error_set_errno(err, errno, "%s", path);
		return false;
	}
	bool ok = xm_file_read_fd(fd, path, max, out, err);
	close(fd);
	return ok;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return false;
		}
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* The directory part of path, for the temp file and the final fsync. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		return xm_strdup(".");
	}
	if (slash == path) {
		return xm_strdup("/");
	}
	return xm_strndup(path, (size_t)(slash - path));
}

bool xm_file_write_atomic(const char *path, const void *data, size_t len,
		enum xm_file_mode mode, struct xm_error *err)
{
	bool ok = false;
	int fd = -1, dirfd = -1;
	char *dir = dir_of(path);
	struct xm_buf tmp = XM_BUF_INIT;
	xm_buf_addf(&tmp, "%s.tmp.XXXXXX", path);

	/* mkstemp creates the file 0600, so a secret is never briefly public. */
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		xm_error_set_errno(err, errno, "%s: cannot create a temporary file", path);
		goto out;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || !write_all(fd, data, len) || fsync(fd) != 0) {
		xm_error_set_errno(err, errno, "%s: cannot write", tmp.data);
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		xm_error_set_errno(err, errno, "%s: cannot write", tmp.data);
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0) {
		xm_error_set_errno(err, errno, "%s: cannot replace", path);
		goto out;
	}
	xm_buf_truncate(&tmp, 0);
	/* The rename is durable only once the directory entry is on disk. */
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0 || fsync(dirfd) != 0) {
		xm_error_set_errno(err, errno, "%s: cannot sync directory", dir);
		goto out;
	}
	ok = true;
out:
	if (fd >= 0) {
		close(fd);
	}
	if (dirfd >= 0) {
		close(dirfd);
	}
	if (tmp.len > 0) {
		unlink(tmp.data);
	}
	xm_buf_finish(&tmp);
	free(dir);
	return ok;
}
