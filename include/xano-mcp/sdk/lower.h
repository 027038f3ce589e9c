/*
 * sdk/lower: a resolved builder (sdk/resolve.h) to a XanoScript tree.
 *
 * Every method maps to the statements of the reference (xanoscript.md
 * §4-§12), never to the pre-beta dialect: dbGet to `db.get "t" { field_name
 * … field_value … } as $x`, apiRequest's body to `params`, and so on; see
 * xano-mcp-sdk(7) for the whole table. Values: strings are text unless they
 * start with `$` (then, and in condition positions always, they are
 * XanoScript expressions, parsed with xs/parse); template literals become
 * `~` concatenations; every sub-expression the compiler builds is
 * parenthesised.
 *
 * Each STMT, DECL, ATTR and BLOCK of the tree carries the SDK line and
 * column of the call it came from (the basis of the source map).
 *
 * Errors (wrong argument kinds, unknown types, bad options with
 * did-you-mean) go to diags with SDK positions; repairs (JavaScript type
 * names, lower-case verbs) go through sdk/autofix.h. Returns the FILE node,
 * or NULL when errors prevent a tree. Allocates from arena. Pure.
 */
#ifndef XM_SDK_LOWER_H
#define XM_SDK_LOWER_H

#include "xano-mcp/core/arena.h"
#include "xano-mcp/sdk/autofix.h"
#include "xano-mcp/sdk/resolve.h"
#include "xano-mcp/xs/ast.h"
#include "xano-mcp/xs/diag.h"

struct xm_xs_node *xm_sdk_lower(const struct xm_sdk_block *root, struct xm_arena *arena,
		struct xm_sdk_fixes *fixes, struct xm_diags *diags);

/*
 * Parses text (len bytes) as one XanoScript expression into arena; line and
 * col say where the text starts in the SDK code, for diagnostics. NULL on
 * error (reported). Exposed for the tests.
 */
struct xm_xs_node *xm_sdk_parse_xs_expr(const char *text, size_t len, unsigned line,
		unsigned col, struct xm_arena *arena, struct xm_diags *diags);

#endif
