/*
 * check: parse + validate in one call, the judge of XanoScript text.
 *
 * Used by `xano-mcp check`, the validate_xanoscript MCP tool, and the SDK
 * compiler's self-check. The tree is built in a private arena and dropped;
 * only the diagnostics remain, sorted by position.
 *
 * After a syntax error the validator still runs (one pass explains a whole
 * file), but its "missing …" findings are dropped then: a clause the parser
 * could not read is not missing, and such echoes would bury the real error.
 *
 * Pure and reentrant: no I/O, no globals.
 */
#ifndef XM_XS_CHECK_H
#define XM_XS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/xs/diag.h"

struct xm_xs_check_opts {
	size_t max_bytes;      /* 0: the parser's default (XM_XS_MAX_BYTES) */
	unsigned validate;     /* XM_XS_VALIDATE_* flags */
};

/*
 * Checks text (len bytes, need not be NUL-terminated). diags must be
 * initialised by the caller; findings are appended and the list sorted.
 * opts may be NULL. Returns true when there is no error (warnings allowed).
 */
bool xm_xs_check(const char *text, size_t len, const struct xm_xs_check_opts *opts,
		struct xm_diags *diags);

#endif
