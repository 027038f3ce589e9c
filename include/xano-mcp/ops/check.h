/*
 * ops/check: checking XanoScript sources, shared by `xano-mcp check` and
 * the validate_xanoscript MCP tool.
 *
 * xm_check_file() reads a file ("-" for standard input) with the language
 * layer's size cap and runs xm_xs_check() over it. The renderers turn the
 * diagnostics into the one JSON shape both faces use:
 *
 *   {"valid": false, "summary": "1 error, 0 warnings",
 *    "errors": [{"severity": "error", "line": 12, "column": 5, "endColumn": 12,
 *                "code": "else-if", "message": "…", "suggestion": "…"}]}
 *
 * ("errors" lists every diagnostic, warnings included, in source order;
 * "suggestion" is null when there is none). Operations never print: the
 * callers write the buffers. Reentrant; no globals.
 */
#ifndef XM_OPS_CHECK_H
#define XM_OPS_CHECK_H

#include <stdbool.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/error.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/xs/check.h"
#include "xano-mcp/xs/diag.h"

/*
 * Reads path into text (appended; the diagnostics refer to it) and checks
 * it into diags (initialised by the caller). Returns false with err filled
 * when the file cannot be read or is too large; otherwise true, whatever the
 * diagnostics say (see xm_diags_has_errors()).
 */
bool xm_check_file(const char *path, const struct xm_xs_check_opts *opts,
		struct xm_buf *text, struct xm_diags *diags, struct xm_error *err);

/* "2 errors, 1 warning" (and "; N more not shown" past the cap). */
void xm_check_summary(const struct xm_diags *diags, struct xm_buf *out);

/*
 * Writes the members valid, summary and errors of the shape above into the
 * object g is currently inside (the caller opens and closes it, and may add
 * members of its own, such as "file").
 */
void xm_check_json_members(struct xm_json_gen *g, const struct xm_diags *diags);

#endif
