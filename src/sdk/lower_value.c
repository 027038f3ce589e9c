/*
 * Values of the lowering: SDK literals and XanoScript expressions to XanoScript
 * expression nodes, argument checks, and the helpers the other lower_*.c
 * files share (declared in lower_impl.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/xs/catalog.h"
#include "xano-mcp/xs/parse.h"

#include "lower_impl.h"

void xm_lower_err(struct lw *lw, unsigned line, unsigned col, unsigned end, const char *code,
		const char *suggestion, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct xm_buf msg = XM_BUF_INIT;
	xm_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	xm_diags_add(lw->diags, XM_SEV_ERROR, line, col, end, code, suggestion, "%s", msg.data);
	xm_buf_finish(&msg);
	lw->ok = false;
}

void xm_lower_err_node(struct lw *lw, const struct xm_sdk_node *n, const char *code,
		const char *suggestion, const char *msg)
{
	unsigned end = n->end_line == n->line && n->end_col > n->col ? n->end_col : n->col + 1;
	xm_lower_err(lw, n->line, n->col, end, code, suggestion, "%s", msg);
}

const char *xm_lower_dup(struct lw *lw, const char *s)
{
	return xm_arena_strdup(lw->arena, s);
}

struct xm_xs_node *xm_lower_at(struct xm_xs_node *n, unsigned line, unsigned col)
{
	n->line = line;
	n->col = col;
	return n;
}

/* ASCII letters and `_` (1), and digits (2): the bytes of a name. A table
 * rather than <ctype.h>: every key, alias and member is tested. */
static const unsigned char ident_byte[256] = {
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2,
	['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['_'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

bool xm_lower_is_ident(const char *s, size_t n)
{
	if (n == 0 || ident_byte[(unsigned char)s[0]] != 1) {
		return false;
	}
	for (size_t i = 1; i < n; i++) {
		if (!ident_byte[(unsigned char)s[i]]) {
			return false;
		}
	}
	return true;
}

/* `$name.a.b` without indexes or filters: built directly, no parse. */
struct xm_xs_node *xm_lower_simple_var(const char *text, size_t len, struct xm_arena *arena)
{
	if (len < 2 || text[0] != '$') {
		return NULL;
	}
	size_t i = 1;
	size_t start = i;
	while (i < len && text[i] != '.') {
		i++;
	}
	if (!xm_lower_is_ident(text + start, i - start)) {
		return NULL;
	}
	struct xm_xs_node *var = xm_xs_new_var(arena, xm_arena_strndup(arena, text + start,
		i - start));
	while (i < len) {
		i++; /* . */
		start = i;
		if (i < len && text[i] == '$') {
			i++; /* $env.$remote_ip */
		}
		while (i < len && text[i] != '.') {
			i++;
		}
		size_t off = text[start] == '$' ? 1 : 0;
		if (!xm_lower_is_ident(text + start + off, i - start - off)) {
			return NULL;
		}
		xm_xs_var_member(arena, var, xm_arena_strndup(arena, text + start, i - start));
	}
	return var;
}

/*
 * Moves the positions of a parsed expression, which count from its own first
 * byte, to where it stands in the SDK code, so later checks point at the
 * operand rather than at the method call. An expression that spanned lines
 * was flattened to one, so its columns no longer match the SDK text: its
 * nodes get the expression's start. The recursion is as deep as the tree,
 * which the parser caps.
 */
static void relocate(struct xm_xs_node *n, unsigned line, unsigned col, bool one_line)
{
	if (!n) {
		return;
	}
	n->col = one_line ? col + n->col - 1 : col;
	n->end_col = one_line && n->end_col ? col + n->end_col - 1 : n->col;
	n->line = line;
	n->end_line = line;
	relocate(n->target, line, col, one_line);
	relocate(n->arg, line, col, one_line);
	relocate(n->value, line, col, one_line);
	relocate(n->rhs, line, col, one_line);
	for (xm_xs_each(k, &n->args)) {
		relocate(k, line, col, one_line);
	}
	for (xm_xs_each(k, &n->items)) {
		relocate(k, line, col, one_line);
	}
}

struct xm_xs_node *xm_sdk_parse_xs_expr(const char *text, size_t len, unsigned line,
		unsigned col, struct xm_arena *arena, struct xm_diags *diags)
{
	while (len && isspace((unsigned char)*text)) {
		text++;
		len--;
		col++;
	}
	while (len && isspace((unsigned char)text[len - 1])) {
		len--;
	}
	if (len == 0) {
		xm_diags_add(diags, XM_SEV_ERROR, line, col, col + 1, "empty-expression",
			"write a XanoScript expression such as $input.id", "empty expression");
		return NULL;
	}
	struct xm_xs_node *fast = xm_lower_simple_var(text, len, arena);
	if (fast) {
		fast->line = line;
		fast->col = col;
		fast->end_line = line;
		fast->end_col = col + (unsigned)len;
		return fast;
	}
	/*
	 * The SDK keeps an expression on one logical line, where a line break
	 * is a space; in XanoScript it would end the attribute.
	 */
	bool one_line = !memchr(text, '\n', len) && !memchr(text, '\r', len);
	if (!one_line) {
		char *flat = xm_arena_strndup(arena, text, len);
		for (size_t i = 0; i < len; i++) {
			if (flat[i] == '\n' || flat[i] == '\r') {
				flat[i] = ' ';
			}
		}
		text = flat;
	}
	/* Only the first error is kept (the rest are counted): an expression
	 * is short, and what follows is a cascade whose wording (lines, `(` at
	 * line 1) is the parser's view of the lone expression, not the user's. */
	struct xm_diags local;
	xm_diags_init(&local, 1);
	struct xm_xs_node *value = xm_xs_parse_expr(arena, text, len, NULL, &local);
	if (local.len) {
		const struct xm_diag *d = &local.items[0];
		unsigned c = col + d->col - 1;
		unsigned e = d->end_col > d->col ? col + d->end_col - 1 : c + 1;
		xm_diags_add(diags, XM_SEV_ERROR, line, c, e, d->code, d->suggestion,
			"in expression `%.*s`: %s", (int)(len > 60 ? 60 : len), text, d->message);
	}
	if (local.errors) {
		value = NULL;
	}
	xm_diags_finish(&local);
	relocate(value, line, col, one_line);
	return value;
}

static bool atomic(const struct xm_xs_node *n)
{
	switch (n->kind) {
	case XM_XS_BINARY:
	case XM_XS_TERNARY:
	case XM_XS_UNARY:
	case XM_XS_FILTER:
		return false;
	default:
		return true;
	}
}

/* Parenthesises n unless it is a single operand. */
struct xm_xs_node *xm_lower_paren(struct lw *lw, struct xm_xs_node *n)
{
	return atomic(n) ? n : xm_xs_new_paren(lw->arena, n);
}

struct xm_xs_node *xm_lower_binary(struct lw *lw, enum xm_xs_op op, struct xm_xs_node *a,
		struct xm_xs_node *b)
{
	return xm_xs_new_binary(lw->arena, op, xm_lower_paren(lw, a), xm_lower_paren(lw, b));
}

/*
 * What the parser accepts but Xano does not, in a user's expression: unknown
 * filters, and `!x` / `%` (the 11.x grammar has neither).
 */
static void check_expr(struct lw *lw, const struct xm_xs_node *x, unsigned line,
		unsigned col, unsigned depth)
{
	if (!x || depth > 200) {
		return;
	}
	if (x->kind == XM_XS_FILTER && x->name && !xm_xs_catalog_filter(x->name) &&
			!xm_xs_catalog_column_filter(x->name)) {
		const char *fix = xm_xs_catalog_filter_fix(x->name);
		const char *g = fix ? fix : xm_xs_catalog_suggest_filter(x->name);
		char sugg[128];
		snprintf(sugg, sizeof(sugg),
				g ? "did you mean `%s`?"
				  : "common filters: count, get, set, first, to_text, "
				    "to_int, trim, to_lower, sprintf",
				g);
		xm_lower_err(lw, line, col, col + 1, "unknown-filter", sugg,
			"`%s` is not a XanoScript filter", x->name);
	} else if (x->kind == XM_XS_UNARY && x->op == XM_XS_OP_NOT) {
		xm_lower_err(lw, line, col, col + 1, "unsupported-operator",
			"compare instead: `$x == false`", "`!` is not accepted by every "
			"XanoScript parser");
	} else if (x->kind == XM_XS_BINARY && x->op == XM_XS_OP_MOD) {
		xm_lower_err(lw, line, col, col + 1, "unsupported-operator",
				"write `$a|modulus:$b`",
				"`%%` is not accepted by every XanoScript parser");
	}
	check_expr(lw, x->target, line, col, depth + 1);
	check_expr(lw, x->arg, line, col, depth + 1);
	check_expr(lw, x->value, line, col, depth + 1);
	check_expr(lw, x->rhs, line, col, depth + 1);
	for (xm_xs_each(k, &x->args)) {
		check_expr(lw, k, line, col, depth + 1);
	}
	for (xm_xs_each(k, &x->items)) {
		check_expr(lw, k, line, col, depth + 1);
	}
}

struct xm_xs_node *xm_lower_xs_at(struct lw *lw, const char *text, size_t len, unsigned line,
		unsigned col)
{
	struct xm_xs_node *x = xm_sdk_parse_xs_expr(text, len, line, col, lw->arena,
		lw->diags);
	if (!x) {
		lw->ok = false;
		return NULL;
	}
	check_expr(lw, x, line, col, 0);
	return x;
}

static struct xm_xs_node *xs_text(struct lw *lw, const struct xm_sdk_node *n,
		const char *text, size_t len, unsigned col)
{
	return xm_lower_xs_at(lw, text, len, n->line, col);
}

struct xm_xs_node *xm_lower_string_node(struct lw *lw, const char *s, size_t len)
{
	return xm_xs_new_string(lw->arena, s, len);
}

struct xm_xs_node *xm_lower_str(struct lw *lw, const char *s)
{
	return xm_lower_string_node(lw, s, strlen(s));
}

bool xm_lower_starts_expr(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '(')) {
		s++;
		len--;
	}
	return len > 0 && *s == '$';
}

struct xm_xs_node *xm_lower_object_value(struct lw *lw, const struct xm_sdk_node *n,
		bool multiline)
{
	struct xm_xs_node *obj = xm_xs_new_object(lw->arena);
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct xm_sdk_prop *p = &n->u.object.props[i];
		struct xm_xs_node *v = xm_lower_value(lw, p->value, TEXT);
		if (!v) {
			continue;
		}
		bool quoted = !xm_lower_is_ident(p->key, p->key_len);
		/* A quoted key is printed as written: escape it like a string. */
		const char *key = quoted ? xm_lower_string_node(lw, p->key, p->key_len)->text
					 : p->key;
		xm_xs_object_add(lw->arena, obj, key, quoted, v);
	}
	if (multiline && n->u.object.n >= 3) {
		obj->flags |= XM_XS_F_MULTILINE;
	}
	return obj;
}

/*
 * `a ${$b} c` is "a " ~ $b ~ " c": built right-nested so the chain prints
 * flat (`~` is associative), with only non-operand parts parenthesised.
 */
static struct xm_xs_node *template_value(struct lw *lw, const struct xm_sdk_node *n)
{
	struct xm_xs_node *acc = NULL;
	for (size_t i = n->u.tmpl.n; i-- > 0;) {
		const struct xm_sdk_part *part = &n->u.tmpl.parts[i];
		struct xm_xs_node *x;
		if (part->is_expr) {
			x = xm_lower_xs_at(lw, part->text, part->len, part->line, part->col);
			if (!x) {
				return NULL;
			}
		} else {
			x = xm_lower_string_node(lw, part->text, part->len);
		}
		acc = acc ? xm_xs_new_binary(
					    lw->arena, XM_XS_OP_CONCAT, xm_lower_paren(lw, x), acc)
				: n->u.tmpl.n > 1 ? xm_lower_paren(lw, x)
						  : x;
	}
	return acc ? acc : xm_lower_str(lw, "");
}

/* `input.x…` or `auth.x…`: a XanoScript variable written without its `$`. */
bool xm_lower_missing_dollar(const char *s)
{
	return (strncmp(s, "input.", 6) == 0 && isalpha((unsigned char)s[6])) ||
		(strncmp(s, "auth.", 5) == 0 && isalpha((unsigned char)s[5]));
}

struct xm_xs_node *xm_lower_value(struct lw *lw, const struct xm_sdk_node *n, enum mode mode)
{
	switch (n->kind) {
	case XM_SDK_NULL:
		return xm_xs_new_ident(lw->arena, "null");
	case XM_SDK_BOOL:
		return xm_xs_new_ident(lw->arena, n->u.boolean ? "true" : "false");
	case XM_SDK_NUMBER:
		return xm_xs_new_number(lw->arena, n->u.str.text);
	case XM_SDK_STRING:
		if (mode == EXPR && xm_lower_missing_dollar(n->u.str.text)) {
			/* 'input.x > 1' where a condition is expected. */
			char sugg[96];
			snprintf(sugg, sizeof(sugg), "write `$%.60s`", n->u.str.text);
			xm_sdk_fix_or_error(lw->fixes, lw->diags, n->line, n->col + 1, n->col + 2,
				"missing-dollar", sugg, "added `$` before `%.40s`", n->u.str.text);
			struct xm_buf b = XM_BUF_INIT;
			xm_buf_addc(&b, '$');
			xm_buf_add(&b, n->u.str.text, n->u.str.len);
			struct xm_xs_node *x = xs_text(lw, n, b.data, b.len, n->col + 1);
			xm_buf_finish(&b);
			return x;
		}
		if (mode == EXPR || xm_lower_starts_expr(n->u.str.text, n->u.str.len)) {
			return xs_text(lw, n, n->u.str.text, n->u.str.len, n->col + 1);
		}
		return xm_lower_string_node(lw, n->u.str.text, n->u.str.len);
	case XM_SDK_TEMPLATE:
		return template_value(lw, n);
	case XM_SDK_XS:
		return xs_text(lw, n, n->u.str.text, n->u.str.len, n->col);
	case XM_SDK_OBJECT:
		return xm_lower_object_value(lw, n, false);
	case XM_SDK_ARRAY: {
		struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
		for (size_t i = 0; i < n->u.array.n; i++) {
			struct xm_xs_node *v = xm_lower_value(lw, n->u.array.items[i], TEXT);
			if (v) {
				xm_xs_add_item(arr, v);
			}
		}
		return arr;
	}
	default:
		xm_lower_err_node(lw, n, "not-a-value", NULL, "this is not a value");
		return NULL;
	}
}

/* A string argument (table name, alias, key); NULL and an error otherwise. */
const char *xm_lower_want_string(struct lw *lw, const struct xm_sdk_node *n, const char *what)
{
	if (n->kind == XM_SDK_STRING) {
		if (memchr(n->u.str.text, '\0', n->u.str.len)) {
			xm_lower_err_node(lw, n, "bad-argument", NULL, "NUL byte in a name");
			return NULL;
		}
		return n->u.str.text;
	}
	if (n->kind == XM_SDK_TEMPLATE && n->u.tmpl.n <= 1 &&
			(n->u.tmpl.n == 0 || !n->u.tmpl.parts[0].is_expr)) {
		return n->u.tmpl.n ? n->u.tmpl.parts[0].text : "";
	}
	char msg[128];
	snprintf(msg, sizeof(msg), "%s must be a string, not a %s", what,
		xm_sdk_kind_name(n->kind));
	xm_lower_err_node(lw, n, "bad-argument", "write it in quotes, as in 'user'", msg);
	return NULL;
}

/* A name that must be a plain identifier (variables, inputs, columns). */
const char *xm_lower_want_name(struct lw *lw, const struct xm_sdk_node *n, const char *what,
		bool strip_dollar)
{
	const char *s = xm_lower_want_string(lw, n, what);
	if (!s) {
		return NULL;
	}
	if (strip_dollar && s[0] == '$') {
		s++;
	}
	if (!xm_lower_is_ident(s, strlen(s))) {
		char msg[160];
		snprintf(msg, sizeof(msg), "%s `%.60s` is not a valid name", what, s);
		xm_lower_err_node(lw, n, "bad-name",
				"use letters, digits and `_`, starting with a letter", msg);
		return NULL;
	}
	return s;
}

static const char *const reserved_vars[] = {
	"response", "output", "input", "auth", "env", "db", "this", "result", "index",
};

struct xm_xs_node *xm_lower_alias_var(struct lw *lw, const struct xm_sdk_node *n)
{
	const char *name = xm_lower_want_name(lw, n, "the alias", true);
	if (!name) {
		return NULL;
	}
	for (size_t i = 0; i < sizeof(reserved_vars) / sizeof(reserved_vars[0]); i++) {
		/* The first byte rules out most names without a call. */
		if (name[0] == reserved_vars[i][0] && strcmp(name, reserved_vars[i]) == 0) {
			char sugg[96], msg[96];
			snprintf(sugg, sizeof(sugg), "pick another name, such as `%s_value`",
					name);
			snprintf(msg, sizeof(msg), "`$%s` is reserved by XanoScript", name);
			xm_lower_err_node(lw, n, "reserved-variable", sugg, msg);
			return NULL;
		}
	}
	return xm_xs_new_var(lw->arena, name);
}

/* The alias argument at index i, or a default. */
struct xm_xs_node *xm_lower_alias_or(struct lw *lw, const struct xm_sdk_call *c, size_t i,
		const char *fallback)
{
	if (i < c->nargs && c->args[i]->kind != XM_SDK_NULL) {
		return xm_lower_alias_var(lw, c->args[i]);
	}
	return xm_xs_new_var(lw->arena, fallback);
}

const struct xm_sdk_node *xm_lower_arg(const struct xm_sdk_call *c, size_t i)
{
	return i < c->nargs ? c->args[i] : NULL;
}

const struct xm_sdk_node *xm_lower_prop(const struct xm_sdk_node *obj, const char *key)
{
	if (!obj || obj->kind != XM_SDK_OBJECT) {
		return NULL;
	}
	for (size_t i = 0; i < obj->u.object.n; i++) {
		const char *k = obj->u.object.props[i].key;
		/* Lowering asks for each option by name: the first byte rules out
		 * most keys without a call. */
		if (k[0] == key[0] && strcmp(k, key) == 0) {
			return obj->u.object.props[i].value;
		}
	}
	return NULL;
}

/* Every key of obj must be in allowed (NULL-terminated). */
bool xm_lower_check_keys(struct lw *lw, const struct xm_sdk_node *obj,
		const char *const *allowed, const char *what)
{
	if (!obj) {
		return true;
	}
	if (obj->kind != XM_SDK_OBJECT) {
		char msg[128];
		snprintf(msg, sizeof(msg), "%s must be an object, not a %s", what,
			xm_sdk_kind_name(obj->kind));
		xm_lower_err_node(lw, obj, "bad-argument", NULL, msg);
		return false;
	}
	size_t n = 0;
	while (allowed[n]) {
		n++;
	}
	bool ok = true;
	for (size_t i = 0; i < obj->u.object.n; i++) {
		const struct xm_sdk_prop *p = &obj->u.object.props[i];
		bool found = false;
		for (size_t k = 0; k < n && !found; k++) {
			found = strcmp(p->key, allowed[k]) == 0;
		}
		if (found) {
			continue;
		}
		const char *guess = xm_suggest(p->key, allowed, n);
		struct xm_buf sugg = XM_BUF_INIT;
		if (guess) {
			xm_buf_addf(&sugg, "did you mean `%s`?", guess);
		} else {
			xm_buf_adds(&sugg, "known keys:");
			for (size_t k = 0; k < n; k++) {
				xm_buf_addf(&sugg, " %s", allowed[k]);
			}
		}
		xm_lower_err(lw, p->line, p->col, p->col + (unsigned)p->key_len, "unknown-option",
			sugg.data, "`%s` is not an option of %s", p->key, what);
		xm_buf_finish(&sugg);
		ok = false;
	}
	return ok;
}

/* A value of one of the catalogue's closed sets, or an error listing them. */
bool xm_lower_in_set(struct lw *lw, const struct xm_sdk_node *n, enum xm_xs_set set,
		const char *value, const char *what)
{
	if (xm_xs_catalog_set_has(set, value, true)) {
		return true;
	}
	char sugg[256], msg[160];
	snprintf(sugg, sizeof(sugg), "write %s", xm_xs_catalog_set_text(set));
	snprintf(msg, sizeof(msg), "`%.60s` is not %s", value, what);
	xm_lower_err_node(lw, n, "bad-argument", sugg, msg);
	return false;
}

/* A string or a list of strings, as a XanoScript array. */
struct xm_xs_node *xm_lower_string_array(struct lw *lw, const struct xm_sdk_node *n,
		const char *what)
{
	if (n->kind == XM_SDK_STRING) {
		struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
		xm_xs_add_item(arr, xm_lower_string_node(lw, n->u.str.text, n->u.str.len));
		return arr;
	}
	if (n->kind != XM_SDK_ARRAY) {
		char msg[96];
		snprintf(msg, sizeof(msg), "%s must be a list of strings", what);
		xm_lower_err_node(lw, n, "bad-argument", "write ['id', 'name']", msg);
		return NULL;
	}
	struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
	for (size_t i = 0; i < n->u.array.n; i++) {
		const char *s = xm_lower_want_string(lw, n->u.array.items[i], what);
		if (s) {
			xm_xs_add_item(arr, xm_lower_str(lw, s));
		}
	}
	return arr;
}
