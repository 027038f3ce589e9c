/*
 * error: a caller-owned error report for functions that can fail for
 * reasons a user must read ("config:12: unknown key 'workspce'").
 *
 * Functions that may fail take a `struct xm_error *err` last, return false
 * or NULL on failure and fill err (when it is not NULL) with one line of
 * text, no trailing newline, and the errno value behind it, if any. The
 * caller decides where the text goes: stderr for the CLI, a tool result for
 * MCP. Nothing is allocated, so error paths cannot leak. Thread-safe as long
 * as each thread uses its own struct.
 */
#ifndef XM_CORE_ERROR_H
#define XM_CORE_ERROR_H

#include <stdbool.h>

enum { XM_ERROR_MAX = 1024 };

struct xm_error {
	/* errno value of the failed system call, 0 when there was none. */
	int errnum;
	/* One line; longer messages are cut. "" until set. */
	char message[XM_ERROR_MAX];
};

#define XM_ERROR_INIT { 0, "" }

/* Formats the message. err may be NULL: then nothing happens. */
void xm_error_set(struct xm_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Same, appending ": strerror(errnum)" and keeping errnum. */
void xm_error_set_errno(struct xm_error *err, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
