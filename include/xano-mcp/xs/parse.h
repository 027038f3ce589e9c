/*
 * parse: XanoScript text to an AST (see ast.h), with syntax diagnostics.
 *
 * A recursive-descent parser over the tokens of lex.h. It reports every
 * syntax error it finds (up to the cap of the struct xm_diags) and recovers
 * at the next line or closing brace, so one pass explains a whole file.
 * Known mistakes get a precise message and a suggestion (`else if` ->
 * `elseif`, `{a = 1}` -> `{a: 1}`, `key: value` in an attribute block ->
 * `key = value`, commas between attributes, trailing comments, `$x -1`,
 * a missing `}`), see the diagnostic codes in xano-mcp-xanoscript(7).
 *
 * Diagnostic codes (all errors): "syntax" (anything else, with what was
 * expected and found), "unterminated" (string, backtick or regex literal),
 * "missing-close", "extra-close", "trailing-comment", "comma-between-attributes",
 * "attr-colon", "response-colon", "object-equals", "else-if", "sticky-minus"
 * (`$x -1`), "filtered-operand" (`$a|count > 0`), "comment-in-literal",
 * "too-large", "too-deep".
 *
 * The parser checks syntax only: statement, filter, type and attribute
 * names are the validator's business (it walks the tree with the catalogue).
 *
 * Limits: inputs over max_bytes are refused with one "too-large" error, and
 * so is a text holding a NUL byte (binary data, one "syntax" error);
 * nesting deeper than max_depth is reported once ("too-deep") and skipped.
 * The parser never recurses without a depth check and runs in linear time.
 *
 * Memory: the tree and its strings are allocated from the caller's arena;
 * the parser's own scratch memory is freed before it returns. Pure and
 * reentrant: no globals, no I/O.
 */
#ifndef XM_XS_PARSE_H
#define XM_XS_PARSE_H

#include <stddef.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/xs/ast.h"
#include "xano-mcp/xs/diag.h"

enum {
	XM_XS_MAX_BYTES = 4 * 1024 * 1024,
	XM_XS_MAX_DEPTH = 256,
};

struct xm_xs_parse_opts {
	size_t max_bytes;    /* 0: XM_XS_MAX_BYTES; more than UINT_MAX counts as UINT_MAX */
	unsigned max_depth;  /* 0: XM_XS_MAX_DEPTH */
};

/*
 * Parses src (len bytes, need not be NUL-terminated) into a FILE node, which
 * is never NULL: on errors it holds what could be read (ERROR nodes where an
 * expression was missing). Diagnostics go to diags (errors only; sorted by
 * position). opts may be NULL.
 */
struct xm_xs_node *xm_xs_parse(struct xm_arena *arena, const char *src, size_t len,
		const struct xm_xs_parse_opts *opts, struct xm_diags *diags);

/*
 * Parses src as one expression, as it could stand after `name = ` in an
 * attribute: line breaks are allowed where an attribute value allows them
 * (inside brackets, before a `|filter` or a binary operator other than
 * `-`); leading and trailing line breaks are ignored; anything left after
 * the expression is a "syntax" error ("expected the end of the expression").
 * Positions in the tree and the diagnostics count from line 1, column 1 of
 * src. Returns the expression, never NULL: an ERROR node when nothing could
 * be read (empty text, too large, a NUL byte). Same limits, diagnostics,
 * memory and thread-safety rules as xm_xs_parse(); diags holds errors only,
 * so `diags->errors == 0` after the call means the tree is the whole text.
 */
struct xm_xs_node *xm_xs_parse_expr(struct xm_arena *arena, const char *src, size_t len,
		const struct xm_xs_parse_opts *opts, struct xm_diags *diags);

#endif
