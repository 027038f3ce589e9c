/*
 * buf: a growable byte buffer that doubles as a string builder.
 *
 * A struct xm_buf is caller-owned (init/finish). Its data is always
 * NUL-terminated once anything was added, so it can be used as a C string;
 * len never counts that terminator. Embedded NUL bytes are allowed (len is
 * the truth). Allocation failures abort (see xalloc.h). Not thread-safe: one
 * owner at a time.
 */
#ifndef XM_CORE_BUF_H
#define XM_CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct xm_buf {
	char *data; /* NULL until the first add */
	size_t len;
	size_t cap;
};

#define XM_BUF_INIT { NULL, 0, 0 }

void xm_buf_init(struct xm_buf *buf);
/* Frees the storage; accepts NULL and a zeroed buffer. */
void xm_buf_finish(struct xm_buf *buf);
/* Like finish, but zeroes the storage first: for buffers that held secrets. */
void xm_buf_wipe(struct xm_buf *buf);
/* Forgets the contents and keeps the storage. */
void xm_buf_reset(struct xm_buf *buf);
/* Makes room for at least extra more bytes (plus the terminator). */
void xm_buf_reserve(struct xm_buf *buf, size_t extra);

/*
 * The adders. They run once per token of everything the formatter prints,
 * so they are inline: the room check is a compare, a literal's length is
 * known at compile time and its copy is a move; only growing is a call.
 */
static inline void xm_buf_add(struct xm_buf *buf, const void *data, size_t len)
{
	if (buf->cap - buf->len <= len) {
		xm_buf_reserve(buf, len);
	}
	if (len) {
		memcpy(buf->data + buf->len, data, len);
	}
	buf->len += len;
	buf->data[buf->len] = '\0';
}

static inline void xm_buf_adds(struct xm_buf *buf, const char *s)
{
	xm_buf_add(buf, s, strlen(s));
}

static inline void xm_buf_addc(struct xm_buf *buf, char c)
{
	if (buf->cap - buf->len < 2) {
		xm_buf_reserve(buf, 1);
	}
	buf->data[buf->len++] = c;
	buf->data[buf->len] = '\0';
}

/* Appends n copies of c (indentation, padding). */
static inline void xm_buf_addn(struct xm_buf *buf, char c, size_t n)
{
	if (buf->cap - buf->len <= n) {
		xm_buf_reserve(buf, n);
	}
	memset(buf->data + buf->len, c, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
}

void xm_buf_addf(struct xm_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void xm_buf_vaddf(struct xm_buf *buf, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Shortens the contents to len bytes; a len beyond the contents does nothing. */
void xm_buf_truncate(struct xm_buf *buf, size_t len);

/*
 * Returns the contents as a malloc'd NUL-terminated string (never NULL, ""
 * for an empty buffer) that the caller frees; the buffer is left empty.
 */
char *xm_buf_steal(struct xm_buf *buf);

/* The contents as a C string: "" when nothing was added. Borrowed. */
const char *xm_buf_str(const struct xm_buf *buf);

#endif
