/*
 * ops/compile: the SDK compiler pipeline, shared by `xano-mcp compile`, the
 * MCP tools compile_sdk_code / validate_sdk_code and the deploy tools.
 *
 *   text repairs (sdk/autofix) -> parse (sdk/parse) -> resolve (sdk/resolve)
 *   -> lower (sdk/lower) -> format (xs/format) -> re-parse and validate the
 *   printed text (xs/parse, xs/validate) -> source map, pattern, metrics
 *
 * A problem in the printed XanoScript is a compiler bug, never the user's:
 * it is reported as an error with code "internal-error" and
 * result.internal_error set, and no XanoScript is returned.
 *
 * Never prints. The result is caller-owned (init/finish) and owns every
 * string in it. Diagnostic positions refer to result.source, the code after
 * the text repairs (lines never move; columns can, on a repaired line).
 * Thread-safe for distinct results.
 */
#ifndef XM_OPS_COMPILE_H
#define XM_OPS_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/sdk/autofix.h"
#include "xano-mcp/sdk/metrics.h"
#include "xano-mcp/xs/diag.h"

struct xm_compile_opts {
	bool no_fix; /* report repairs as errors instead of applying them */
};

struct xm_compile_result {
	bool ok;              /* xanoscript is set: no errors */
	bool internal_error;  /* the compiler produced invalid XanoScript */
	char *xanoscript;     /* NUL-terminated, ends with a newline; NULL unless ok */
	size_t xanoscript_len;
	char *source;         /* the SDK code after text repairs */
	size_t source_len;
	struct xm_diags diags;
	struct xm_sdk_fixes fixes;
	const char *pattern;  /* static; NULL unless ok */
	const char *kind;     /* static: "query", "function", "task", "table", "api_group" */
	const char *name;     /* the construct's name (owned); NULL unless ok */
	struct xm_sdk_metrics metrics;
	/* source_map[i] is the SDK line that output line i + 1 came from
	 * (0: none); map_len is the number of output lines. */
	unsigned *source_map;
	size_t map_len;
};

void xm_compile_result_init(struct xm_compile_result *result);
/* Accepts NULL and a zeroed result. */
void xm_compile_result_finish(struct xm_compile_result *result);

/*
 * Compiles SDK code (len bytes). Returns result->ok. opts may be NULL.
 * result must be freshly initialised.
 */
bool xm_compile_sdk(const char *code, size_t len, const struct xm_compile_opts *opts,
		struct xm_compile_result *result);

/* The SDK line for output line out_line (1-based), 0 when unknown. */
unsigned xm_compile_map_line(const struct xm_compile_result *result, unsigned out_line);

struct xm_json_gen;

/*
 * Writes the result as one JSON object (the shape of `compile --json` and
 * of the compile_sdk_code tool's structured content, documented in
 * xano-mcp-sdk(7)): ok, internal_error, xanoscript (null unless ok),
 * pattern, kind, name, diagnostics[], fixes[], metrics{}, source_map[],
 * and source (the repaired code) when text repairs changed it.
 * with_xanoscript false leaves xanoscript out (validate_sdk_code).
 */
void xm_compile_result_json(const struct xm_compile_result *result, bool with_xanoscript,
		struct xm_json_gen *gen);

#endif
