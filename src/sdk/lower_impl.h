/*
 * lower_impl: what the files of the SDK lowering share (private to src/sdk).
 *
 *   lower.c        the construct: clauses, schedule, indexes, checks, entry
 *   lower_stmt.c   stack statements, one per SDK method
 *   lower_decl.c   input and column declarations
 *   lower_value.c  values and expressions, argument checks, diagnostics
 *
 * Everything allocates from lw->arena; errors are reported into lw->diags
 * and clear lw->ok. Not thread-safe per struct lw.
 */
#ifndef XM_SDK_LOWER_IMPL_H
#define XM_SDK_LOWER_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/sdk/lower.h"
#include "xano-mcp/xs/catalog.h"

struct lw {
	struct xm_arena *arena;
	struct xm_sdk_fixes *fixes;
	struct xm_diags *diags;
	const struct xm_sdk_block *root;
	const char *auth_table;    /* from requiresAuth(), for createToken */
	struct xm_xs_node *inputs; /* the input block, for $input.x checks */
	bool ok;
};

/* How a string value is read: as text unless it starts with `$`, or always
 * as a XanoScript expression (conditions, lists to iterate). */
enum mode {
	TEXT,
	EXPR,
};

/* Diagnostics (both clear lw->ok). Cold: see xm_diags_add(). */
void xm_lower_err(struct lw *lw, unsigned line, unsigned col, unsigned end, const char *code,
		const char *suggestion, const char *fmt, ...)
		__attribute__((cold, format(printf, 7, 8)));
void xm_lower_err_node(struct lw *lw, const struct xm_sdk_node *n, const char *code,
		const char *suggestion, const char *msg) __attribute__((cold));

/* Small builders. */
const char *xm_lower_dup(struct lw *lw, const char *s);
struct xm_xs_node *xm_lower_at(struct xm_xs_node *n, unsigned line, unsigned col);
bool xm_lower_is_ident(const char *s, size_t n);
struct xm_xs_node *xm_lower_string_node(struct lw *lw, const char *s, size_t len);
struct xm_xs_node *xm_lower_str(struct lw *lw, const char *s);
/* `$name.a.b` built directly; NULL when text is not such a path. */
struct xm_xs_node *xm_lower_simple_var(const char *text, size_t len, struct xm_arena *arena);

/* Expressions: parenthesised operands, parsed and checked XanoScript. */
struct xm_xs_node *xm_lower_paren(struct lw *lw, struct xm_xs_node *n);
struct xm_xs_node *xm_lower_binary(struct lw *lw, enum xm_xs_op op, struct xm_xs_node *a,
		struct xm_xs_node *b);
struct xm_xs_node *xm_lower_xs_at(struct lw *lw, const char *text, size_t len, unsigned line,
		unsigned col);
bool xm_lower_starts_expr(const char *s, size_t len);
bool xm_lower_missing_dollar(const char *s);

/* SDK values to XanoScript; NULL on error (reported). */
struct xm_xs_node *xm_lower_value(struct lw *lw, const struct xm_sdk_node *n, enum mode mode);
struct xm_xs_node *xm_lower_object_value(struct lw *lw, const struct xm_sdk_node *n,
		bool multiline);

/* Arguments. */
const char *xm_lower_want_string(struct lw *lw, const struct xm_sdk_node *n, const char *what);
const char *xm_lower_want_name(struct lw *lw, const struct xm_sdk_node *n, const char *what,
		bool strip_dollar);
struct xm_xs_node *xm_lower_alias_var(struct lw *lw, const struct xm_sdk_node *n);
struct xm_xs_node *xm_lower_alias_or(struct lw *lw, const struct xm_sdk_call *c, size_t i,
		const char *fallback);
const struct xm_sdk_node *xm_lower_arg(const struct xm_sdk_call *c, size_t i);
const struct xm_sdk_node *xm_lower_prop(const struct xm_sdk_node *obj, const char *key);
bool xm_lower_check_keys(struct lw *lw, const struct xm_sdk_node *obj,
		const char *const *allowed, const char *what);
struct xm_xs_node *xm_lower_string_array(struct lw *lw, const struct xm_sdk_node *n,
		const char *what);
bool xm_lower_in_set(struct lw *lw, const struct xm_sdk_node *n, enum xm_xs_set set,
		const char *value, const char *what);

/* The parts. */
void xm_lower_stmts(struct lw *lw, const struct xm_sdk_block *b, struct xm_xs_node *into);
struct xm_xs_node *xm_lower_decl(struct lw *lw, const struct xm_sdk_call *c, bool column);

#endif
