/*
 * validate: the meaning checks of XanoScript, over a parsed tree.
 *
 * The parser (parse.h) reports what cannot be read; the validator walks the
 * tree it built and asks the catalogue (catalog.h) about every name: unknown
 * constructs, clauses, statements, attributes, types and filters (each with a
 * did-you-mean or the known right form), missing required parts, duplicates,
 * values of the wrong kind or outside their closed set (verb, history, sort,
 * return type...), reserved bindings, and a few cross-references inside one
 * document (`$input.x` without an input `x`, a path parameter `{p}` without
 * an input `p`).
 *
 * Severity: an error is something Xano rejects; a warning is legal but
 * probably a mistake, or rejected only by the 11.x parser. Every message is
 * one sentence; codes are listed in xano-mcp-xanoscript(7).
 *
 * Diagnostics are appended to diags (not sorted: the caller sorts once).
 * Trees with ERROR nodes (from a failed parse) are walked too; the ERROR
 * nodes themselves are not reported again. Pure, reentrant, no allocation
 * beyond the diagnostics; recursion is bounded by the tree's depth (the
 * parser caps it).
 */
#ifndef XM_XS_VALIDATE_H
#define XM_XS_VALIDATE_H

#include "xano-mcp/xs/ast.h"
#include "xano-mcp/xs/diag.h"

enum {
	/* Also report what only the 11.x parser rejects (as warnings). */
	XM_XS_VALIDATE_LS11 = 1u << 0,
};

struct xm_xs_validate_opts {
	unsigned flags;
};

/* Validates a FILE node (or a DOC or CONSTRUCT). opts may be NULL. */
void xm_xs_validate(const struct xm_xs_node *root, const struct xm_xs_validate_opts *opts,
		struct xm_diags *diags);

#endif
