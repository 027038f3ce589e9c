/*
 * sdk/resolve: from the parse tree to builders.
 *
 * Evaluates the program the way JavaScript would, without running
 * anything: `const`/`let` bindings, method chains on builders (also split
 * over several statements, `ep.input(…); ep.var(…)`), arrow functions as
 * nested blocks, and loops written without a body (`.forEach(list, 'item')
 * … .endForEach()`) as the same nested blocks: the lowering cannot tell the
 * two forms apart. The result is the builder the program returns (or ends
 * with): its kind, constructor arguments and the ordered list of method
 * calls, each with arguments in which names are replaced by their values.
 *
 * Checks: unknown names and methods (with did-you-mean), methods called
 * where they do not belong (`.column()` on an endpoint), argument counts,
 * begin/end loops never closed, closed twice or by the wrong end, nesting
 * beyond XM_SDK_MAX_BLOCK_DEPTH.
 * Repairs through sdk/autofix.h: method names (`db_get`, `.db.get`,
 * misspellings), `input.x` without `$`, Python literals, a missing
 * `return`/`.build()`.
 *
 * Everything is allocated in the arena; the program must outlive the
 * result. Pure; not thread-safe per arena.
 */
#ifndef XM_SDK_RESOLVE_H
#define XM_SDK_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/sdk/ast.h"
#include "xano-mcp/sdk/autofix.h"
#include "xano-mcp/sdk/methods.h"
#include "xano-mcp/sdk/parse.h"
#include "xano-mcp/xs/diag.h"

struct xm_sdk_call {
	const struct xm_sdk_method *method;
	const struct xm_sdk_node *node; /* the call as written (position) */
	unsigned line, col;             /* of the method name */
	struct xm_sdk_node **args;      /* resolved values */
	size_t nargs;
	struct xm_sdk_call *next;
};

struct xm_sdk_block {
	enum xm_sdk_ctx ctx;            /* one bit */
	const struct xm_sdk_method *builder; /* create… for roots, else NULL */
	unsigned line, col;
	struct xm_sdk_node **args;      /* constructor arguments (roots) */
	size_t nargs;
	struct xm_sdk_call *first, *last;
	size_t ncalls;
	bool built;                     /* .build() was called */
	unsigned depth;                 /* blocks around this one */
	/*
	 * Begin/end loops: `.forEach(list, 'item')` without a body opens one,
	 * and the calls chained after it go into its body, up to
	 * `.endForEach()`. `open` is the body still open on this block (it
	 * may have one open in turn); `opener` is, for such a body, the loop
	 * call whose last argument it is.
	 */
	struct xm_sdk_block *open;
	const struct xm_sdk_call *opener;
	/* Loops opened on this block beyond XM_SDK_MAX_BLOCK_DEPTH (an
	 * error): only counted, so that their ends still match. */
	unsigned excess;
};

/*
 * Blocks nest at most this deep (arrow bodies and begin/end loops
 * together): the parser's nesting limit, of which an arrow body takes two
 * levels, applied to the loops that need no nesting in the text.
 */
enum { XM_SDK_MAX_BLOCK_DEPTH = XM_SDK_MAX_DEPTH / 2 };

/*
 * Resolves prog. Returns the root builder, or NULL when the program has
 * none (an error was reported). Errors go to diags; repairs to fixes.
 */
struct xm_sdk_block *xm_sdk_resolve(const struct xm_sdk_program *prog,
		struct xm_arena *arena, struct xm_sdk_fixes *fixes, struct xm_diags *diags);

#endif
