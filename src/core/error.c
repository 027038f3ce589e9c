#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xano-mcp/core/error.h"

/* Newlines would break the one-line promise (and MCP/log framing). */
static void flatten(char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			*s = ' ';
		}
	}
}

/* The attribute lets clang's -Wformat-nonliteral trust fmt: the public
 * entry points check it against their arguments. */
__attribute__((format(printf, 3, 0)))
static void vset(struct xm_error *err, int errnum, const char *fmt, va_list ap)
{
	int n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	if (n < 0) {
		err->message[0] = '\0';
		n = 0;
	}
	if (errnum != 0 && (size_t)n < sizeof(err->message)) {
		snprintf(err->message + n, sizeof(err->message) - (size_t)n, ": %s",
			strerror(errnum));
	}
	err->errnum = errnum;
	flatten(err->message);
}

void xm_error_set(struct xm_error *err, const char *fmt, ...)
{
	if (!err) {
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vset(err, 0, fmt, ap);
	va_end(ap);
}

void xm_error_set_errno(struct xm_error *err, int errnum, const char *fmt, ...)
{
	if (!err) {
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vset(err, errnum, fmt, ap);
	va_end(ap);
}
