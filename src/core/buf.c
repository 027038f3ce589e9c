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

void xm_buf_reserve(struct xm_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1;
	if (need > buf->cap) {
		grow(buf, need);
	}
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
