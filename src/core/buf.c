#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/xalloc.h"

void xm_buf_init(struct xm_buf *buf)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
}

void xm_buf_finish(struct xm_buf *buf)
{
	if (!buf) {
		return;
	}
	free(buf->data);
	xm_buf_init(buf);
}

void xm_buf_wipe(struct xm_buf *buf)
{
	if (!buf) {
		return;
	}
	if (buf->data) {
		xm_wipe(buf->data, buf->cap);
	}
	xm_buf_finish(buf);
}

void xm_buf_reset(struct xm_buf *buf)
{
	buf->len = 0;
	if (buf->data) {
		buf->data[0] = '\0';
	}
}

/* The slow path of make_room(), out of line so the callers' common case
 * stays a compare and a branch. */
static void grow(struct xm_buf *buf, size_t need)
{
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < need) {
		cap *= 2;
	}
	buf->data = xm_realloc(buf->data, cap);
	buf->cap = cap;
}

/* The adders run once per token of everything the formatter prints: the
 * check that there is room is inlined into them rather than a call. */
static inline void make_room(struct xm_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1;
	if (need > buf->cap) {
		grow(buf, need);
	}
}

void xm_buf_reserve(struct xm_buf *buf, size_t extra)
{
	make_room(buf, extra);
}

void xm_buf_add(struct xm_buf *buf, const void *data, size_t len)
{
	make_room(buf, len);
	if (len) {
		memcpy(buf->data + buf->len, data, len);
	}
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void xm_buf_adds(struct xm_buf *buf, const char *s)
{
	xm_buf_add(buf, s, strlen(s));
}

void xm_buf_addc(struct xm_buf *buf, char c)
{
	make_room(buf, 1);
	buf->data[buf->len++] = c;
	buf->data[buf->len] = '\0';
}

void xm_buf_addn(struct xm_buf *buf, char c, size_t n)
{
	make_room(buf, n);
	memset(buf->data + buf->len, c, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
}

void xm_buf_vaddf(struct xm_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	char small[256];
	int n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0) {
		return;
	}
	if ((size_t)n < sizeof(small)) {
		xm_buf_add(buf, small, (size_t)n);
		return;
	}
	xm_buf_reserve(buf, (size_t)n);
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
}

void xm_buf_addf(struct xm_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(buf, fmt, ap);
	va_end(ap);
}

void xm_buf_truncate(struct xm_buf *buf, size_t len)
{
	if (len < buf->len) {
		buf->len = len;
		buf->data[len] = '\0';
	}
}

char *xm_buf_steal(struct xm_buf *buf)
{
	char *s = buf->data ? buf->data : xm_strdup("");
	xm_buf_init(buf);
	return s;
}

const char *xm_buf_str(const struct xm_buf *buf)
{
	return buf->data ? buf->data : "";
}
