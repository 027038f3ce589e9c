#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/sdk/lower.h"
#include "xano-mcp/xs/catalog.h"
#include "xano-mcp/xs/parse.h"

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

static void err(struct lw *lw, unsigned line, unsigned col, unsigned end, const char *code,
		const char *suggestion, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void err(struct lw *lw, unsigned line, unsigned col, unsigned end, const char *code,
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

static void err_node(struct lw *lw, const struct xm_sdk_node *n, const char *code,
		const char *suggestion, const char *msg)
{
	unsigned end = n->end_line == n->line && n->end_col > n->col ? n->end_col : n->col + 1;
	err(lw, n->line, n->col, end, code, suggestion, "%s", msg);
}

static const char *dup(struct lw *lw, const char *s)
{
	return xm_arena_strdup(lw->arena, s);
}

static struct xm_xs_node *at(struct xm_xs_node *n, unsigned line, unsigned col)
{
	n->line = line;
	n->col = col;
	return n;
}

/* ---- XanoScript expressions ------------------------------------------- */

static bool is_ident(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_')) {
		return false;
	}
	for (size_t i = 1; i < n; i++) {
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_')) {
			return false;
		}
	}
	return true;
}

/* `$name.a.b` without indexes or filters: built directly, no parse. */
static struct xm_xs_node *simple_var(const char *text, size_t len, struct xm_arena *arena)
{
	if (len < 2 || text[0] != '$') {
		return NULL;
	}
	size_t i = 1;
	size_t start = i;
	while (i < len && text[i] != '.') {
		i++;
	}
	if (!is_ident(text + start, i - start)) {
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
		if (!is_ident(text + start + off, i - start - off)) {
			return NULL;
		}
		xm_xs_var_member(arena, var, xm_arena_strndup(arena, text + start, i - start));
	}
	return var;
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
	struct xm_xs_node *fast = simple_var(text, len, arena);
	if (fast) {
		return fast;
	}
	/*
	 * xs/parse reads whole documents: wrap the expression as the response
	 * of a query and take it back out. Newlines would end the attribute,
	 * so they become spaces (the SDK keeps expressions on one logical line).
	 */
	static const char head[] = "query \"x\" verb=GET {\n  response = ";
	static const char tail[] = "\n}\n";
	struct xm_buf doc = XM_BUF_INIT;
	xm_buf_add(&doc, head, sizeof(head) - 1);
	for (size_t i = 0; i < len; i++) {
		xm_buf_addc(&doc, text[i] == '\n' || text[i] == '\r' ? ' ' : text[i]);
	}
	xm_buf_add(&doc, tail, sizeof(tail) - 1);
	struct xm_diags local;
	xm_diags_init(&local, 16);
	struct xm_xs_node *file = xm_xs_parse(arena, doc.data, doc.len, NULL, &local);
	xm_buf_finish(&doc);
	struct xm_xs_node *value = NULL;
	const unsigned head_col = 14; /* column of the expression in line 2 */
	for (size_t i = 0; i < local.len; i++) {
		const struct xm_diag *d = &local.items[i];
		unsigned c = d->line == 2 && d->col >= head_col ? col + d->col - head_col : col;
		unsigned e = d->line == 2 && d->end_col >= head_col ? col + d->end_col - head_col :
			c + 1;
		xm_diags_add(diags, XM_SEV_ERROR, line, c, e, d->code, d->suggestion,
			"in expression `%.*s`: %s", (int)(len > 60 ? 60 : len), text, d->message);
	}
	if (local.errors == 0 && file->items.first && file->items.first->items.first) {
		struct xm_xs_node *construct = file->items.first->items.first;
		struct xm_xs_node *attr = xm_xs_find_attr(construct, "response");
		value = attr ? attr->value : NULL;
		if (!value || construct->items.len != 1) {
			xm_diags_add(diags, XM_SEV_ERROR, line, col, col + 1, "bad-expression",
				"write one XanoScript expression", "`%.*s` is not one expression",
				(int)(len > 60 ? 60 : len), text);
			value = NULL;
		}
	}
	xm_diags_finish(&local);
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
static struct xm_xs_node *paren(struct lw *lw, struct xm_xs_node *n)
{
	return atomic(n) ? n : xm_xs_new_paren(lw->arena, n);
}

static struct xm_xs_node *binary(struct lw *lw, enum xm_xs_op op, struct xm_xs_node *a,
		struct xm_xs_node *b)
{
	return xm_xs_new_binary(lw->arena, op, paren(lw, a), paren(lw, b));
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
		snprintf(sugg, sizeof(sugg), g ? "did you mean `%s`?" :
			"common filters: count, get, set, first, to_text, to_int, trim, to_lower, sprintf", g);
		err(lw, line, col, col + 1, "unknown-filter", sugg,
			"`%s` is not a XanoScript filter", x->name);
	} else if (x->kind == XM_XS_UNARY && x->op == XM_XS_OP_NOT) {
		err(lw, line, col, col + 1, "unsupported-operator",
			"compare instead: `$x == false`", "`!` is not accepted by every "
			"XanoScript parser");
	} else if (x->kind == XM_XS_BINARY && x->op == XM_XS_OP_MOD) {
		err(lw, line, col, col + 1, "unsupported-operator", "write `$a|modulus:$b`",
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

static struct xm_xs_node *xs_at(struct lw *lw, const char *text, size_t len, unsigned line,
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
	return xs_at(lw, text, len, n->line, col);
}

static struct xm_xs_node *string_node(struct lw *lw, const char *s, size_t len)
{
	return xm_xs_new_string(lw->arena, s, len);
}

static struct xm_xs_node *str(struct lw *lw, const char *s)
{
	return string_node(lw, s, strlen(s));
}

static bool starts_expr(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '(')) {
		s++;
		len--;
	}
	return len > 0 && *s == '$';
}

static struct xm_xs_node *value(struct lw *lw, const struct xm_sdk_node *n, enum mode mode);

static struct xm_xs_node *object_value(struct lw *lw, const struct xm_sdk_node *n,
		bool multiline)
{
	struct xm_xs_node *obj = xm_xs_new_object(lw->arena);
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct xm_sdk_prop *p = &n->u.object.props[i];
		struct xm_xs_node *v = value(lw, p->value, TEXT);
		if (!v) {
			continue;
		}
		bool quoted = !is_ident(p->key, p->key_len);
		/* A quoted key is printed as written: escape it like a string. */
		const char *key = quoted ? string_node(lw, p->key, p->key_len)->text : p->key;
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
			x = xs_at(lw, part->text, part->len, part->line, part->col);
			if (!x) {
				return NULL;
			}
		} else {
			x = string_node(lw, part->text, part->len);
		}
		acc = acc ? xm_xs_new_binary(lw->arena, XM_XS_OP_CONCAT, paren(lw, x), acc) :
			n->u.tmpl.n > 1 ? paren(lw, x) : x;
	}
	return acc ? acc : str(lw, "");
}

/* `input.x…` or `auth.x…`: a XanoScript variable written without its `$`. */
static bool missing_dollar(const char *s)
{
	return (strncmp(s, "input.", 6) == 0 && isalpha((unsigned char)s[6])) ||
		(strncmp(s, "auth.", 5) == 0 && isalpha((unsigned char)s[5]));
}

static struct xm_xs_node *value(struct lw *lw, const struct xm_sdk_node *n, enum mode mode)
{
	switch (n->kind) {
	case XM_SDK_NULL:
		return xm_xs_new_ident(lw->arena, "null");
	case XM_SDK_BOOL:
		return xm_xs_new_ident(lw->arena, n->u.boolean ? "true" : "false");
	case XM_SDK_NUMBER:
		return xm_xs_new_number(lw->arena, n->u.str.text);
	case XM_SDK_STRING:
		if (mode == EXPR && missing_dollar(n->u.str.text)) {
			/* 'input.x > 1' where a condition is expected. */
			char sugg[96];
			snprintf(sugg, sizeof(sugg), "write `$%.60s`", n->u.str.text);
			if (!xm_sdk_fix_or_error(lw->fixes, lw->diags, n->line, n->col + 1,
					n->col + 2, "missing-dollar", sugg, "added `$` before `%.40s`",
					n->u.str.text)) {
				lw->ok = false;
				return NULL;
			}
			struct xm_buf b = XM_BUF_INIT;
			xm_buf_addc(&b, '$');
			xm_buf_add(&b, n->u.str.text, n->u.str.len);
			struct xm_xs_node *x = xs_text(lw, n, b.data, b.len, n->col + 1);
			xm_buf_finish(&b);
			return x;
		}
		if (mode == EXPR || starts_expr(n->u.str.text, n->u.str.len)) {
			return xs_text(lw, n, n->u.str.text, n->u.str.len, n->col + 1);
		}
		return string_node(lw, n->u.str.text, n->u.str.len);
	case XM_SDK_TEMPLATE:
		return template_value(lw, n);
	case XM_SDK_XS:
		return xs_text(lw, n, n->u.str.text, n->u.str.len, n->col);
	case XM_SDK_OBJECT:
		return object_value(lw, n, false);
	case XM_SDK_ARRAY: {
		struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
		for (size_t i = 0; i < n->u.array.n; i++) {
			struct xm_xs_node *v = value(lw, n->u.array.items[i], TEXT);
			if (v) {
				xm_xs_add_item(arr, v);
			}
		}
		return arr;
	}
	default:
		err_node(lw, n, "not-a-value", NULL, "this is not a value");
		return NULL;
	}
}

/* A string argument (table name, alias, key); NULL and an error otherwise. */
static const char *want_string(struct lw *lw, const struct xm_sdk_node *n, const char *what)
{
	if (n->kind == XM_SDK_STRING) {
		if (memchr(n->u.str.text, '\0', n->u.str.len)) {
			err_node(lw, n, "bad-argument", NULL, "NUL byte in a name");
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
	err_node(lw, n, "bad-argument", "write it in quotes, as in 'user'", msg);
	return NULL;
}

/* A name that must be a plain identifier (variables, inputs, columns). */
static const char *want_name(struct lw *lw, const struct xm_sdk_node *n, const char *what,
		bool strip_dollar)
{
	const char *s = want_string(lw, n, what);
	if (!s) {
		return NULL;
	}
	if (strip_dollar && s[0] == '$') {
		s++;
	}
	if (!is_ident(s, strlen(s))) {
		char msg[160];
		snprintf(msg, sizeof(msg), "%s `%.60s` is not a valid name", what, s);
		err_node(lw, n, "bad-name", "use letters, digits and `_`, starting with a letter",
			msg);
		return NULL;
	}
	return s;
}

static const char *const reserved_vars[] = {
	"response", "output", "input", "auth", "env", "db", "this", "result", "index",
};

static struct xm_xs_node *alias_var(struct lw *lw, const struct xm_sdk_node *n)
{
	const char *name = want_name(lw, n, "the alias", true);
	if (!name) {
		return NULL;
	}
	for (size_t i = 0; i < sizeof(reserved_vars) / sizeof(reserved_vars[0]); i++) {
		if (strcmp(name, reserved_vars[i]) == 0) {
			char sugg[96], msg[96];
			snprintf(sugg, sizeof(sugg), "pick another name, such as `%s_value`", name);
			snprintf(msg, sizeof(msg), "`$%s` is reserved by XanoScript", name);
			err_node(lw, n, "reserved-variable", sugg, msg);
			return NULL;
		}
	}
	return xm_xs_new_var(lw->arena, name);
}

/* The alias argument at index i, or a default. */
static struct xm_xs_node *alias_or(struct lw *lw, const struct xm_sdk_call *c, size_t i,
		const char *fallback)
{
	if (i < c->nargs && c->args[i]->kind != XM_SDK_NULL) {
		return alias_var(lw, c->args[i]);
	}
	return xm_xs_new_var(lw->arena, fallback);
}

static const struct xm_sdk_node *arg(const struct xm_sdk_call *c, size_t i)
{
	return i < c->nargs ? c->args[i] : NULL;
}

static const struct xm_sdk_node *prop(const struct xm_sdk_node *obj, const char *key)
{
	if (!obj || obj->kind != XM_SDK_OBJECT) {
		return NULL;
	}
	for (size_t i = 0; i < obj->u.object.n; i++) {
		if (strcmp(obj->u.object.props[i].key, key) == 0) {
			return obj->u.object.props[i].value;
		}
	}
	return NULL;
}

/* Every key of obj must be in allowed (NULL-terminated). */
static bool check_keys(struct lw *lw, const struct xm_sdk_node *obj,
		const char *const *allowed, const char *what)
{
	if (!obj) {
		return true;
	}
	if (obj->kind != XM_SDK_OBJECT) {
		char msg[128];
		snprintf(msg, sizeof(msg), "%s must be an object, not a %s", what,
			xm_sdk_kind_name(obj->kind));
		err_node(lw, obj, "bad-argument", NULL, msg);
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
		err(lw, p->line, p->col, p->col + (unsigned)p->key_len, "unknown-option",
			sugg.data, "`%s` is not an option of %s", p->key, what);
		xm_buf_finish(&sugg);
		ok = false;
	}
	return ok;
}

/* A value of one of the catalogue's closed sets, or an error listing them. */
static bool in_set(struct lw *lw, const struct xm_sdk_node *n, enum xm_xs_set set,
		const char *value, const char *what)
{
	if (xm_xs_catalog_set_has(set, value, true)) {
		return true;
	}
	char sugg[256], msg[160];
	snprintf(sugg, sizeof(sugg), "write %s", xm_xs_catalog_set_text(set));
	snprintf(msg, sizeof(msg), "`%.60s` is not %s", value, what);
	err_node(lw, n, "bad-argument", sugg, msg);
	return false;
}

/* ---- statements -------------------------------------------------------- */

static struct xm_xs_node *stmt(struct lw *lw, const struct xm_sdk_call *c, const char *name)
{
	return at(xm_xs_new_stmt(lw->arena, name), c->line, c->col);
}

static void attr(struct lw *lw, struct xm_xs_node *parent, const char *name,
		struct xm_xs_node *v)
{
	if (!v) {
		return;
	}
	struct xm_xs_node *a = xm_xs_new_attr(lw->arena, name, v);
	a->line = parent->line;
	a->col = parent->col;
	xm_xs_add_item(parent, a);
	parent->flags |= XM_XS_F_BODY;
}

static void lower_calls(struct lw *lw, const struct xm_sdk_block *b, struct xm_xs_node *into);

/* The statements of an arrow-function argument, into parent. */
static void body(struct lw *lw, const struct xm_sdk_node *fn, struct xm_xs_node *parent)
{
	parent->flags |= XM_XS_F_BODY;
	if (!fn) {
		return;
	}
	if (fn->kind != XM_SDK_ARROW || !fn->u.arrow.block) {
		err_node(lw, fn, "bad-argument", "write a block as `b => b.var('x', 1)`",
			"expected an arrow function (a nested block)");
		return;
	}
	lower_calls(lw, fn->u.arrow.block, parent);
}

static struct xm_xs_node *cond(struct lw *lw, const struct xm_sdk_node *n)
{
	if (n->kind == XM_SDK_ARROW) {
		err_node(lw, n, "bad-argument", "the condition comes first: "
			".conditional('$x > 1', b => …)", "expected a condition, found a block");
		return NULL;
	}
	return value(lw, n, EXPR);
}

/* dbGet-style filters: {field: 'id', value: …}, {id: …} or a bare value. */
static bool filter(struct lw *lw, const struct xm_sdk_node *n, struct xm_xs_node *s)
{
	const char *field = NULL;
	const struct xm_sdk_node *v = NULL;
	if (n->kind == XM_SDK_OBJECT) {
		const struct xm_sdk_node *f = prop(n, "field");
		v = prop(n, "value");
		if (f && v && n->u.object.n == 2) {
			field = want_name(lw, f, "the field", false);
		} else if (n->u.object.n == 1) {
			field = n->u.object.props[0].key;
			v = n->u.object.props[0].value;
		} else {
			err_node(lw, n, "bad-filter", "write {field: 'id', value: '$input.id'} or "
				"{id: '$input.id'}", "a record filter names one field and one value");
			return false;
		}
	} else if (n->kind == XM_SDK_XS || n->kind == XM_SDK_NUMBER ||
			(n->kind == XM_SDK_STRING && starts_expr(n->u.str.text, n->u.str.len))) {
		field = "id";
		v = n;
	} else {
		err_node(lw, n, "bad-filter", "write {field: 'id', value: '$input.id'} or "
			"{id: '$input.id'}", "expected a record filter");
		return false;
	}
	if (!field) {
		return false;
	}
	attr(lw, s, "field_name", str(lw, field));
	attr(lw, s, "field_value", value(lw, v, v->kind == XM_SDK_STRING &&
		missing_dollar(v->u.str.text) ? EXPR : TEXT));
	return true;
}

static struct xm_xs_node *table_target(struct lw *lw, const struct xm_sdk_node *n)
{
	const char *t = want_name(lw, n, "the table name", false);
	return t ? str(lw, t) : NULL;
}

static struct xm_xs_node *string_array(struct lw *lw, const struct xm_sdk_node *n,
		const char *what)
{
	if (n->kind == XM_SDK_STRING) {
		struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
		xm_xs_add_item(arr, string_node(lw, n->u.str.text, n->u.str.len));
		return arr;
	}
	if (n->kind != XM_SDK_ARRAY) {
		char msg[96];
		snprintf(msg, sizeof(msg), "%s must be a list of strings", what);
		err_node(lw, n, "bad-argument", "write ['id', 'name']", msg);
		return NULL;
	}
	struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
	for (size_t i = 0; i < n->u.array.n; i++) {
		const char *s = want_string(lw, n->u.array.items[i], what);
		if (s) {
			xm_xs_add_item(arr, str(lw, s));
		}
	}
	return arr;
}

static void lower_db_record(struct lw *lw, const struct xm_sdk_call *c,
		struct xm_xs_node *into, const char *op, bool has_data, bool data_object)
{
	struct xm_xs_node *s = stmt(lw, c, op);
	s->target = table_target(lw, c->args[0]);
	if (!s->target) {
		return;
	}
	const char *table = c->args[0]->u.str.text;
	size_t alias_at = 2;
	if (c->method->id == XM_SDK_M_DB_ADD) {
		alias_at = 2;
	} else if (!filter(lw, c->args[1], s)) {
		return;
	} else if (has_data) {
		alias_at = 3;
	}
	if (has_data) {
		const struct xm_sdk_node *d = c->args[c->method->id == XM_SDK_M_DB_ADD ? 1 : 2];
		if (data_object && d->kind != XM_SDK_OBJECT) {
			err_node(lw, d, "bad-argument", "pass an object literal such as "
				"{title: '$input.title'}, or use dbPatch for a variable",
				"dbEdit's data must be an object literal");
			return;
		}
		struct xm_xs_node *v = d->kind == XM_SDK_OBJECT ? object_value(lw, d, true) :
			value(lw, d, TEXT);
		attr(lw, s, "data", v);
	}
	if (c->method->id == XM_SDK_M_DB_GET && arg(c, 3)) {
		static const char *const keys[] = {"output", NULL};
		if (check_keys(lw, c->args[3], keys, "dbGet") && prop(c->args[3], "output")) {
			attr(lw, s, "output", string_array(lw, prop(c->args[3], "output"),
				"output"));
		}
	}
	if (c->method->id != XM_SDK_M_DB_DELETE) {
		char fallback[80];
		snprintf(fallback, sizeof(fallback), "%.60s%s", table,
			c->method->id == XM_SDK_M_DB_HAS ? "_exists" :
			c->method->id == XM_SDK_M_DB_EDIT || c->method->id == XM_SDK_M_DB_PATCH ?
			"_updated" : "");
		s->as = alias_or(lw, c, alias_at, dup(lw, fallback));
	}
	xm_xs_add_item(into, s);
}

/* where: a XanoScript query expression, or {column: value, 'column?': value}. */
static struct xm_xs_node *where_clause(struct lw *lw, const struct xm_sdk_node *n,
		const char *table)
{
	if (n->kind != XM_SDK_OBJECT) {
		return value(lw, n, EXPR);
	}
	struct xm_xs_node *acc = NULL;
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct xm_sdk_prop *p = &n->u.object.props[i];
		size_t klen = p->key_len;
		enum xm_xs_op op = XM_XS_OP_EQ;
		if (klen > 1 && p->key[klen - 1] == '?') {
			op = XM_XS_OP_EQ_Q; /* ignored when the value is null */
			klen--;
		}
		if (!is_ident(p->key, klen)) {
			err(lw, p->line, p->col, p->col + (unsigned)p->key_len, "bad-name",
				"write a column name, optionally followed by `?`",
				"`%s` is not a column name", p->key);
			continue;
		}
		struct xm_xs_node *col = xm_xs_new_var(lw->arena, "db");
		xm_xs_var_member(lw->arena, col, table);
		xm_xs_var_member(lw->arena, col, xm_arena_strndup(lw->arena, p->key, klen));
		struct xm_xs_node *v = value(lw, p->value, TEXT);
		if (!v) {
			continue;
		}
		struct xm_xs_node *cmp = binary(lw, op, col, v);
		acc = acc ? binary(lw, XM_XS_OP_AND, acc, cmp) : cmp;
	}
	if (!acc) {
		err_node(lw, n, "bad-argument", "write {user_id: '$auth.id'} or "
			"'$db.post.user_id == $auth.id'", "empty where clause");
	}
	return acc;
}

static void lower_db_query(struct lw *lw, const struct xm_sdk_call *c,
		struct xm_xs_node *into, bool count)
{
	static const char *const keys[] = {
		"where", "sort", "page", "perPage", "per_page", "offset", "totals", "metadata",
		"return", "output", "join", "eval", "distinct", NULL,
	};
	static const char *const count_keys[] = {"where", "join", NULL};
	struct xm_xs_node *s = stmt(lw, c, "db.query");
	s->target = table_target(lw, c->args[0]);
	const struct xm_sdk_node *opts = arg(c, 1);
	if (opts && opts->kind == XM_SDK_NULL) {
		opts = NULL;
	}
	if (!s->target || !check_keys(lw, opts, count ? count_keys : keys,
			count ? "dbCount" : "dbQuery")) {
		return;
	}
	const char *table = c->args[0]->u.str.text;
	const struct xm_sdk_node *v;
	if ((v = prop(opts, "join"))) {
		for (size_t i = 0; v->kind == XM_SDK_OBJECT && i < v->u.object.n; i++) {
			const struct xm_sdk_node *j = v->u.object.props[i].value;
			const struct xm_sdk_node *t = prop(j, "type");
			const char *jt = t ? want_string(lw, t, "a join type") : NULL;
			if (jt) {
				in_set(lw, t, XM_XS_SET_JOIN_TYPE, jt, "a join type");
			}
		}
		attr(lw, s, "join", value(lw, v, TEXT));
	}
	if ((v = prop(opts, "where"))) {
		attr(lw, s, "where", where_clause(lw, v, table));
	}
	if ((v = prop(opts, "eval"))) {
		attr(lw, s, "eval", value(lw, v, TEXT));
	}
	if ((v = prop(opts, "sort"))) {
		if (v->kind != XM_SDK_OBJECT) {
			err_node(lw, v, "bad-argument", "write {created_at: 'desc'}",
				"sort must be an object of column: 'asc' | 'desc' | 'rand'");
		} else {
			for (size_t i = 0; i < v->u.object.n; i++) {
				const struct xm_sdk_node *dir = v->u.object.props[i].value;
				const char *d = want_string(lw, dir, "a sort direction");
				if (d && strcmp(d, "asc") && strcmp(d, "desc") && strcmp(d, "rand")) {
					err_node(lw, dir, "bad-argument", "write 'asc', 'desc' or 'rand'",
						"unknown sort direction");
				}
			}
			attr(lw, s, "sort", value(lw, v, TEXT));
		}
	}
	struct xm_xs_node *ret = xm_xs_new_object(lw->arena);
	const char *type = count ? "count" : "list";
	if ((v = prop(opts, "return"))) {
		static const char *const types[] = {
			"list", "single", "count", "exists", "stream", NULL,
		};
		type = want_string(lw, v, "return");
		if (!type) {
			return;
		}
		bool known = false;
		for (size_t i = 0; types[i] && !known; i++) {
			known = strcmp(type, types[i]) == 0;
		}
		if (!known) {
			const char *g = xm_suggest(type, types, 5);
			char sugg[64];
			snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
				"write 'list', 'single', 'count', 'exists' or 'stream'", g);
			err_node(lw, v, "bad-argument", sugg, "unknown return type");
			return;
		}
	}
	xm_xs_object_add(lw->arena, ret, "type", false, str(lw, type));
	struct xm_xs_node *paging = xm_xs_new_object(lw->arena);
	static const struct {
		const char *sdk, *xs;
	} pk[] = {
		{"page", "page"}, {"perPage", "per_page"}, {"per_page", "per_page"},
		{"offset", "offset"}, {"totals", "totals"}, {"metadata", "metadata"},
	};
	for (size_t i = 0; i < sizeof(pk) / sizeof(pk[0]); i++) {
		if ((v = prop(opts, pk[i].sdk))) {
			xm_xs_object_add(lw->arena, paging, pk[i].xs, false, value(lw, v, TEXT));
		}
	}
	if (paging->items.len) {
		xm_xs_object_add(lw->arena, ret, "paging", false, paging);
		ret->flags |= XM_XS_F_MULTILINE;
	}
	if ((v = prop(opts, "distinct"))) {
		xm_xs_object_add(lw->arena, ret, "distinct", false, value(lw, v, TEXT));
	}
	attr(lw, s, "return", ret);
	if ((v = prop(opts, "output"))) {
		attr(lw, s, "output", string_array(lw, v, "output"));
	}
	char fallback[80];
	snprintf(fallback, sizeof(fallback), "%.60s_%s", table, count ? "count" : "list");
	s->as = alias_or(lw, c, 2, dup(lw, fallback));
	xm_xs_add_item(into, s);
}

/* conditional/if and the elseif/else/then/endConditional calls after it.
 * Returns the last call consumed. */
static const struct xm_sdk_call *lower_conditional(struct lw *lw, const struct xm_sdk_call *c,
		struct xm_xs_node *into)
{
	struct xm_xs_node *s = stmt(lw, c, "conditional");
	s->flags |= XM_XS_F_BODY;
	struct xm_xs_node *branch = stmt(lw, c, "if");
	branch->arg = cond(lw, c->args[0]);
	xm_xs_add_item(s, branch);
	bool has_body = c->nargs > 1;
	body(lw, arg(c, 1), branch);
	bool has_else = false;
	const struct xm_sdk_call *last = c;
	for (const struct xm_sdk_call *n = c->next; n; n = n->next) {
		enum xm_sdk_method_id id = n->method->id;
		if (id == XM_SDK_M_THEN && !has_body) {
			body(lw, n->args[0], branch);
			has_body = true;
		} else if (id == XM_SDK_M_ELSEIF && !has_else) {
			struct xm_xs_node *e = stmt(lw, n, "elseif");
			e->arg = cond(lw, n->args[0]);
			body(lw, n->args[1], e);
			xm_xs_add_item(s, e);
		} else if (id == XM_SDK_M_ELSE && !has_else) {
			struct xm_xs_node *e = stmt(lw, n, "else");
			body(lw, n->args[0], e);
			xm_xs_add_item(s, e);
			has_else = true;
		} else if (id == XM_SDK_M_END_CONDITIONAL) {
			last = n;
			break;
		} else {
			break;
		}
		last = n;
	}
	if (!has_body) {
		err(lw, c->line, c->col, c->col + 11, "missing-body",
			"write .conditional('$x > 1', b => b.var('y', 1))",
			"this conditional has no body");
	}
	xm_xs_add_item(into, s);
	return last;
}

static void lower_loop(struct lw *lw, const struct xm_sdk_call *c, struct xm_xs_node *into)
{
	enum xm_sdk_method_id id = c->method->id;
	struct xm_xs_node *s = stmt(lw, c, id == XM_SDK_M_FOR_EACH ? "foreach" :
		id == XM_SDK_M_FOR ? "for" : "while");
	s->flags |= XM_XS_F_BODY;
	s->arg = id == XM_SDK_M_FOR && c->args[0]->kind == XM_SDK_NUMBER ?
		value(lw, c->args[0], TEXT) : cond(lw, c->args[0]);
	struct xm_xs_node *each = stmt(lw, c, "each");
	const struct xm_sdk_node *fn = c->args[c->nargs - 1];
	if (id != XM_SDK_M_WHILE) {
		if (c->nargs == 3) {
			each->as = alias_var(lw, c->args[1]);
		} else {
			each->as = xm_xs_new_var(lw->arena, id == XM_SDK_M_FOR_EACH ? "item" : "i");
		}
		each->flags |= XM_XS_F_AS_BEFORE;
	}
	body(lw, fn, each);
	xm_xs_add_item(s, each);
	xm_xs_add_item(into, s);
}

static void lower_switch(struct lw *lw, const struct xm_sdk_call *c, struct xm_xs_node *into)
{
	struct xm_xs_node *s = stmt(lw, c, "switch");
	s->flags |= XM_XS_F_BODY;
	s->arg = cond(lw, c->args[0]);
	const struct xm_sdk_node *fn = c->args[1];
	if (fn->kind != XM_SDK_ARROW || !fn->u.arrow.block) {
		err_node(lw, fn, "bad-argument", "write .switch('$x', s => s.case('a', b => …)"
			".default(b => …))", "expected the cases as an arrow function");
		return;
	}
	bool seen_default = false;
	for (const struct xm_sdk_call *k = fn->u.arrow.block->first; k; k = k->next) {
		if (k->method->id == XM_SDK_M_CASE) {
			struct xm_xs_node *cs = stmt(lw, k, "case");
			cs->arg = value(lw, k->args[0], TEXT);
			cs->flags |= XM_XS_F_BREAK;
			body(lw, k->args[1], cs);
			xm_xs_add_item(s, cs);
		} else if (!seen_default) {
			struct xm_xs_node *d = stmt(lw, k, "default");
			body(lw, k->args[0], d);
			xm_xs_add_item(s, d);
			seen_default = true;
		} else {
			err(lw, k->line, k->col, k->col + 7, "duplicate", "keep one default",
				"a second default");
		}
	}
	xm_xs_add_item(into, s);
}

static const char *error_type(struct lw *lw, const struct xm_sdk_node *n)
{
	static const struct {
		int status;
		const char *name;
	} statuses[] = {
		{400, "inputerror"}, {401, "accessdenied"}, {403, "accessdenied"},
		{404, "notfound"}, {500, "standard"},
	};
	static const char *const names[] = {
		"inputerror", "accessdenied", "notfound", "standard", "badrequest", NULL,
	};
	if (n->kind == XM_SDK_NUMBER) {
		int code = atoi(n->u.str.text);
		for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
			if (statuses[i].status == code) {
				return statuses[i].name;
			}
		}
		err_node(lw, n, "bad-argument", "use 400, 401, 403, 404 or 500, or a name "
			"such as 'notfound'", "no XanoScript error type for this status");
		return NULL;
	}
	const char *s = want_string(lw, n, "the error type");
	if (!s) {
		return NULL;
	}
	for (size_t i = 0; names[i]; i++) {
		if (strcmp(s, names[i]) == 0) {
			return s;
		}
	}
	const char *g = xm_suggest(s, names, 5);
	char sugg[96];
	snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
		"write 'inputerror', 'accessdenied', 'notfound', 'standard' or 'badrequest'", g);
	err_node(lw, n, "bad-argument", sugg, "unknown error type");
	return NULL;
}

static void lower_create_token(struct lw *lw, const struct xm_sdk_call *c,
		struct xm_xs_node *into)
{
	struct xm_xs_node *s = stmt(lw, c, "security.create_auth_token");
	const struct xm_sdk_node *a0 = c->args[0];
	const char *table = lw->auth_table ? lw->auth_table : "user";
	size_t i = 0;
	bool table_form = c->nargs >= 2 && a0->kind == XM_SDK_STRING &&
		!starts_expr(a0->u.str.text, a0->u.str.len);
	if (table_form) {
		table = want_name(lw, a0, "the table name", false);
		i = 1;
	}
	const struct xm_sdk_node *id = c->args[i];
	const struct xm_sdk_node *alias = arg(c, i + 1);
	const struct xm_sdk_node *opts = arg(c, i + 2);
	if (alias && alias->kind == XM_SDK_OBJECT && !opts) {
		opts = alias;
		alias = NULL;
	}
	static const char *const keys[] = {"expiration", "extras", NULL};
	if (!table || !check_keys(lw, opts, keys, "createToken")) {
		return;
	}
	attr(lw, s, "table", str(lw, table));
	const struct xm_sdk_node *v = prop(opts, "extras");
	attr(lw, s, "extras", v ? value(lw, v, TEXT) : xm_xs_new_object(lw->arena));
	v = prop(opts, "expiration");
	attr(lw, s, "expiration", v ? value(lw, v, TEXT) : xm_xs_new_number(lw->arena, "86400"));
	attr(lw, s, "id", value(lw, id, EXPR));
	s->as = alias ? alias_var(lw, alias) : xm_xs_new_var(lw->arena, "authToken");
	xm_xs_add_item(into, s);
}

/* "Name: value" for headers, concatenated when the value is an expression. */
static struct xm_xs_node *header_line(struct lw *lw, const char *name,
		const struct xm_sdk_node *v)
{
	if (v->kind == XM_SDK_STRING && !starts_expr(v->u.str.text, v->u.str.len)) {
		struct xm_buf b = XM_BUF_INIT;
		xm_buf_addf(&b, "%s: ", name);
		xm_buf_add(&b, v->u.str.text, v->u.str.len);
		struct xm_xs_node *s = string_node(lw, b.data, b.len);
		xm_buf_finish(&b);
		return s;
	}
	struct xm_xs_node *x = value(lw, v, TEXT);
	if (!x) {
		return NULL;
	}
	struct xm_buf b = XM_BUF_INIT;
	xm_buf_addf(&b, "%s: ", name);
	struct xm_xs_node *s = binary(lw, XM_XS_OP_CONCAT, str(lw, b.data), x);
	xm_buf_finish(&b);
	return s;
}

static void lower_api_request(struct lw *lw, const struct xm_sdk_call *c,
		struct xm_xs_node *into)
{
	static const char *const keys[] = {
		"headers", "params", "body", "query", "timeout", "verifyPeer", "followLocation", NULL,
	};
	struct xm_xs_node *s = stmt(lw, c, "api.request");
	const struct xm_sdk_node *method = arg(c, 1), *opts = arg(c, 2), *alias = arg(c, 3);
	if (method && method->kind == XM_SDK_OBJECT && !opts) {
		opts = method; /* apiRequest(url, {…}, alias) */
		alias = arg(c, 2);
		method = NULL;
	}
	if (opts && opts->kind == XM_SDK_NULL) {
		opts = NULL;
	}
	if (!check_keys(lw, opts, keys, "apiRequest")) {
		return;
	}
	attr(lw, s, "url", value(lw, c->args[0], TEXT));
	const char *m = "GET";
	if (method) {
		m = want_string(lw, method, "the HTTP method");
		if (!m) {
			return;
		}
		char upper[16];
		size_t n = strlen(m);
		if (n >= sizeof(upper)) {
			n = sizeof(upper) - 1;
		}
		bool lower = false;
		for (size_t i = 0; i < n; i++) {
			upper[i] = (char)toupper((unsigned char)m[i]);
			lower |= upper[i] != m[i];
		}
		upper[n] = '\0';
		if (lower && !xm_sdk_fix_or_error(lw->fixes, lw->diags, method->line,
				method->col, method->end_col, "lower-case-verb", "write it in capitals",
				"upper-cased the method `%s`", m)) {
			lw->ok = false;
			return;
		}
		m = dup(lw, upper);
		static const char *const verbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE",
			"HEAD", "OPTIONS", NULL};
		bool known = false;
		for (size_t i = 0; verbs[i] && !known; i++) {
			known = strcmp(m, verbs[i]) == 0;
		}
		if (!known) {
			err_node(lw, method, "bad-argument", "write GET, POST, PUT, PATCH or DELETE",
				"unknown HTTP method");
			return;
		}
	}
	attr(lw, s, "method", str(lw, m));
	const struct xm_sdk_node *params = prop(opts, "params");
	const struct xm_sdk_node *b = prop(opts, "body");
	const struct xm_sdk_node *q = prop(opts, "query");
	if ((params != NULL) + (b != NULL) + (q != NULL) > 1) {
		err_node(lw, opts, "bad-argument", "XanoScript sends one `params` object: the "
			"body, or the query string for GET", "give only one of params, body and query");
		return;
	}
	const struct xm_sdk_node *p = params ? params : b ? b : q;
	if (p) {
		attr(lw, s, "params", p->kind == XM_SDK_OBJECT ? object_value(lw, p, true) :
			value(lw, p, TEXT));
	}
	const struct xm_sdk_node *h = prop(opts, "headers");
	if (h && h->kind == XM_SDK_OBJECT) {
		struct xm_xs_node *arr = xm_xs_new_array(lw->arena);
		for (size_t i = 0; i < h->u.object.n; i++) {
			struct xm_xs_node *line = header_line(lw, h->u.object.props[i].key,
				h->u.object.props[i].value);
			if (line) {
				xm_xs_add_item(arr, line);
			}
		}
		if (h->u.object.n > 1) {
			arr->flags |= XM_XS_F_MULTILINE;
		}
		attr(lw, s, "headers", arr);
	} else if (h) {
		attr(lw, s, "headers", value(lw, h, TEXT));
	}
	const struct xm_sdk_node *v;
	if ((v = prop(opts, "timeout"))) {
		attr(lw, s, "timeout", value(lw, v, TEXT));
	}
	if ((v = prop(opts, "verifyPeer"))) {
		attr(lw, s, "verify_peer", value(lw, v, TEXT));
	}
	if ((v = prop(opts, "followLocation"))) {
		attr(lw, s, "follow_location", value(lw, v, TEXT));
	}
	s->as = alias && alias->kind != XM_SDK_NULL ? alias_var(lw, alias) :
		xm_xs_new_var(lw->arena, "api_result");
	xm_xs_add_item(into, s);
}

/* A one-attribute statement: util.sleep { value = … } and friends. */
static struct xm_xs_node *simple(struct lw *lw, const struct xm_sdk_call *c, const char *op,
		const char *key, const struct xm_sdk_node *v, struct xm_xs_node *into)
{
	struct xm_xs_node *s = stmt(lw, c, op);
	attr(lw, s, key, value(lw, v, TEXT));
	xm_xs_add_item(into, s);
	return s;
}

static void lower_stmt_call(struct lw *lw, const struct xm_sdk_call **cp,
		struct xm_xs_node *into)
{
	const struct xm_sdk_call *c = *cp;
	struct xm_xs_node *s;
	const struct xm_sdk_node *v;
	switch (c->method->id) {
	case XM_SDK_M_VAR:
		s = stmt(lw, c, "var");
		s->target = alias_var(lw, c->args[0]);
		attr(lw, s, "value", value(lw, c->args[1], TEXT));
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_VAR_UPDATE: {
		s = stmt(lw, c, "var.update");
		const char *t = want_string(lw, c->args[0], "the variable");
		if (!t) {
			break;
		}
		struct xm_buf b = XM_BUF_INIT;
		if (t[0] != '$') {
			xm_buf_addc(&b, '$');
		}
		xm_buf_adds(&b, t);
		s->target = simple_var(b.data, b.len, lw->arena);
		xm_buf_finish(&b);
		if (!s->target) {
			err_node(lw, c->args[0], "bad-name", "write a variable such as 'total' or "
				"'$user.name'", "not a variable path");
			break;
		}
		attr(lw, s, "value", value(lw, c->args[1], TEXT));
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_CONDITIONAL:
		*cp = lower_conditional(lw, c, into);
		break;
	case XM_SDK_M_THEN:
	case XM_SDK_M_ELSEIF:
	case XM_SDK_M_ELSE:
	case XM_SDK_M_END_CONDITIONAL:
		err(lw, c->line, c->col, c->col + (unsigned)strlen(c->method->name),
			"misplaced-method", "chain it right after .conditional(…) or .if(…)",
			"`%s` without a conditional before it", c->method->name);
		break;
	case XM_SDK_M_FOR_EACH:
	case XM_SDK_M_FOR:
	case XM_SDK_M_WHILE:
		lower_loop(lw, c, into);
		break;
	case XM_SDK_M_BREAK:
	case XM_SDK_M_CONTINUE:
		xm_xs_add_item(into, stmt(lw, c, c->method->name));
		break;
	case XM_SDK_M_SWITCH:
		lower_switch(lw, c, into);
		break;
	case XM_SDK_M_TRY_CATCH: {
		s = stmt(lw, c, "try_catch");
		s->flags |= XM_XS_F_BODY;
		static const char *const parts[] = {"try", "catch", "finally"};
		for (size_t i = 0; i < 3; i++) {
			if (i < c->nargs || i == 1) {
				struct xm_xs_node *p = stmt(lw, c, parts[i]);
				body(lw, arg(c, i), p);
				xm_xs_add_item(s, p);
			}
		}
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_PRECONDITION:
		s = stmt(lw, c, "precondition");
		s->arg = cond(lw, c->args[0]);
		s->flags |= XM_XS_F_BODY;
		if ((v = arg(c, 2))) {
			const char *t = error_type(lw, v);
			if (t) {
				attr(lw, s, "error_type", str(lw, t));
			}
		}
		if ((v = arg(c, 1))) {
			attr(lw, s, "error", value(lw, v, TEXT));
		}
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_THROW:
		s = stmt(lw, c, "throw");
		if (c->nargs == 2) {
			attr(lw, s, "name", value(lw, c->args[0], TEXT));
			attr(lw, s, "value", value(lw, c->args[1], TEXT));
		} else {
			attr(lw, s, "name", str(lw, "Error"));
			attr(lw, s, "value", value(lw, c->args[0], TEXT));
		}
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_RETURN:
		simple(lw, c, "return", "value", c->args[0], into);
		break;
	case XM_SDK_M_COMMENT: {
		const char *t = want_string(lw, c->args[0], "the comment");
		if (!t) {
			break;
		}
		/* One comment line per line of text. */
		const char *p = t;
		do {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			struct xm_buf b = XM_BUF_INIT;
			xm_buf_addc(&b, ' ');
			xm_buf_add(&b, p, n);
			struct xm_xs_node *cm = xm_xs_new_comment(lw->arena,
				xm_arena_strndup(lw->arena, b.data, b.len));
			xm_buf_finish(&b);
			xm_xs_add_item(into, at(cm, c->line, c->col));
			p = nl ? nl + 1 : NULL;
		} while (p);
		break;
	}
	case XM_SDK_M_DB_GET:
	case XM_SDK_M_DB_HAS:
		lower_db_record(lw, c, into, c->method->id == XM_SDK_M_DB_GET ? "db.get" :
			"db.has", false, false);
		break;
	case XM_SDK_M_DB_ADD:
		lower_db_record(lw, c, into, "db.add", true, false);
		break;
	case XM_SDK_M_DB_EDIT:
		lower_db_record(lw, c, into, "db.edit", true, true);
		break;
	case XM_SDK_M_DB_PATCH:
		lower_db_record(lw, c, into, "db.patch", true, false);
		break;
	case XM_SDK_M_DB_ADD_OR_EDIT:
		lower_db_record(lw, c, into, "db.add_or_edit", true, false);
		break;
	case XM_SDK_M_DB_DELETE:
		lower_db_record(lw, c, into, "db.del", false, false);
		break;
	case XM_SDK_M_DB_QUERY:
	case XM_SDK_M_DB_COUNT:
		lower_db_query(lw, c, into, c->method->id == XM_SDK_M_DB_COUNT);
		break;
	case XM_SDK_M_DB_TRANSACTION: {
		s = stmt(lw, c, "db.transaction");
		s->flags |= XM_XS_F_BODY;
		struct xm_xs_node *st = stmt(lw, c, "stack");
		body(lw, c->args[0], st);
		xm_xs_add_item(s, st);
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_CREATE_TOKEN:
		lower_create_token(lw, c, into);
		break;
	case XM_SDK_M_VERIFY_PASSWORD:
		s = stmt(lw, c, "security.check_password");
		attr(lw, s, "text_password", value(lw, c->args[0], EXPR));
		attr(lw, s, "hash_password", value(lw, c->args[1], EXPR));
		s->as = alias_or(lw, c, 2, "pass_result");
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_CREATE_UUID:
		s = stmt(lw, c, "security.create_uuid");
		s->as = alias_or(lw, c, 0, "uuid");
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_API_REQUEST:
		lower_api_request(lw, c, into);
		break;
	case XM_SDK_M_CALL_FUNCTION: {
		s = stmt(lw, c, "function.run");
		const char *name = want_string(lw, c->args[0], "the function name");
		if (!name) {
			break;
		}
		s->target = str(lw, name);
		v = arg(c, 1);
		if (v && v->kind != XM_SDK_OBJECT && v->kind != XM_SDK_NULL) {
			err_node(lw, v, "bad-argument", "list the inputs: {user_id: '$auth.id'}",
				"a function's input must be an object literal");
			break;
		}
		/* No inputs: no block at all (the 11.x parser refuses `input = {}`). */
		if (v && v->kind == XM_SDK_OBJECT && v->u.object.n) {
			attr(lw, s, "input", object_value(lw, v, true));
		}
		s->as = alias_or(lw, c, 2, "func_result");
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_SET_HEADER: {
		s = stmt(lw, c, "util.set_header");
		if (c->nargs == 1) {
			attr(lw, s, "value", value(lw, c->args[0], TEXT));
		} else {
			const char *name = want_string(lw, c->args[0], "the header name");
			if (!name) {
				break;
			}
			attr(lw, s, "value", header_line(lw, name, c->args[1]));
		}
		const char *dupl = "replace";
		if ((v = arg(c, 2))) {
			dupl = want_string(lw, v, "duplicates");
			if (dupl && strcmp(dupl, "replace") && strcmp(dupl, "add")) {
				err_node(lw, v, "bad-argument", "write 'replace' or 'add'",
					"unknown duplicates mode");
				break;
			}
		}
		if (dupl) {
			attr(lw, s, "duplicates", str(lw, dupl));
		}
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_SLEEP:
		simple(lw, c, "util.sleep", "value", c->args[0], into);
		break;
	case XM_SDK_M_LOG:
		simple(lw, c, "debug.log", "value", c->args[0], into);
		break;
	case XM_SDK_M_STOP:
		simple(lw, c, "debug.stop", "value", c->args[0], into);
		break;
	case XM_SDK_M_LAMBDA: {
		s = stmt(lw, c, "api.lambda");
		const struct xm_sdk_node *timeout = NULL, *alias = NULL;
		for (size_t i = 1; i < c->nargs; i++) {
			if (c->args[i]->kind == XM_SDK_NUMBER) {
				timeout = c->args[i];
			} else {
				alias = c->args[i];
			}
		}
		const char *code = want_string(lw, c->args[0], "the code");
		if (!code) {
			break;
		}
		attr(lw, s, "code", string_node(lw, code, c->args[0]->u.str.len));
		attr(lw, s, "timeout", timeout ? value(lw, timeout, TEXT) :
			xm_xs_new_number(lw->arena, "10"));
		s->as = alias ? alias_var(lw, alias) : xm_xs_new_var(lw->arena, "lambda_result");
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_REDIS_GET:
		s = simple(lw, c, "redis.get", "key", c->args[0], into);
		s->as = alias_or(lw, c, 1, "cached");
		break;
	case XM_SDK_M_REDIS_SET:
		s = simple(lw, c, "redis.set", "key", c->args[0], into);
		attr(lw, s, "data", value(lw, c->args[1], TEXT));
		if ((v = arg(c, 2))) {
			attr(lw, s, "ttl", value(lw, v, TEXT));
		}
		break;
	case XM_SDK_M_REDIS_DELETE:
		simple(lw, c, "redis.del", "key", c->args[0], into);
		break;
	case XM_SDK_M_REDIS_INCR:
		s = simple(lw, c, "redis.incr", "key", c->args[0], into);
		attr(lw, s, "by", (v = arg(c, 1)) ? value(lw, v, TEXT) :
			xm_xs_new_number(lw->arena, "1"));
		s->as = alias_or(lw, c, 2, "counter");
		break;
	case XM_SDK_M_STORAGE_CREATE_FILE:
		s = simple(lw, c, "storage.create_file_resource", "filename", c->args[0], into);
		attr(lw, s, "filedata", value(lw, c->args[1], TEXT));
		s->as = alias_or(lw, c, 2, "file");
		break;
	case XM_SDK_M_STORAGE_CREATE_ATTACHMENT:
		s = simple(lw, c, "storage.create_attachment", "value", c->args[0], into);
		if ((v = arg(c, 1))) {
			attr(lw, s, "filename", value(lw, v, TEXT));
		}
		if ((v = arg(c, 2))) {
			const char *access = want_string(lw, v, "access");
			if (access && strcmp(access, "public") && strcmp(access, "private")) {
				err_node(lw, v, "bad-argument", "write 'public' or 'private'",
					"unknown access");
			}
			attr(lw, s, "access", value(lw, v, TEXT));
		} else {
			attr(lw, s, "access", str(lw, "public"));
		}
		s->as = alias_or(lw, c, 3, "attachment");
		break;
	default:
		/* Clauses are handled by the construct; the resolver already
		 * rejected them here. */
		break;
	}
}

static void lower_calls(struct lw *lw, const struct xm_sdk_block *b, struct xm_xs_node *into)
{
	for (const struct xm_sdk_call *c = b->first; c; c = c->next) {
		if (c->method->contexts & XM_SDK_CTX_STACK) {
			lower_stmt_call(lw, &c, into);
		}
	}
}

/* ---- declarations (inputs and columns) ---------------------------------- */

static const char *const xs_types[] = {
	"int", "decimal", "text", "bool", "email", "password", "uuid", "timestamp", "date",
	"json", "vector", "image", "video", "audio", "attachment", "file", "geo_point",
	"geo_multipoint", "geo_linestring", "geo_multilinestring", "geo_polygon",
	"geo_multipolygon", "enum", "object",
};

/* JavaScript and other usual names of XanoScript types. */
static const struct {
	const char *from, *to;
} js_types[] = {
	{"string", "text"}, {"String", "text"}, {"str", "text"}, {"varchar", "text"},
	{"integer", "int"}, {"Integer", "int"}, {"float", "decimal"}, {"double", "decimal"},
	{"boolean", "bool"}, {"Boolean", "bool"}, {"datetime", "timestamp"},
	{"Date", "timestamp"}, {"array", "json"}, {"Array", "json"}, {"any", "json"},
	{"Object", "json"},
};

static bool is_integer_literal(const struct xm_sdk_node *n)
{
	return n && n->kind == XM_SDK_NUMBER && !strchr(n->u.str.text, '.');
}

/* -?DIGITS[.DIGITS], the numbers XanoScript reads. */
static bool is_number(const char *t, size_t n)
{
	size_t i = n && t[0] == '-' ? 1 : 0, digits = 0;
	for (; i < n && isdigit((unsigned char)t[i]); i++) {
		digits++;
	}
	if (i < n && t[i] == '.') {
		size_t frac = 0;
		for (i++; i < n && isdigit((unsigned char)t[i]); i++) {
			frac++;
		}
		if (!frac) {
			return false;
		}
	}
	return digits && i == n;
}

/* Splits `trim|min:8|pattern:"^a|b$"` into FILTER nodes on decl. */
static bool decl_filters_text(struct lw *lw, const struct xm_sdk_node *at_node,
		const char *s, struct xm_xs_node *decl)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		/* One filter: up to a `|` outside quotes. */
		size_t start = i;
		char q = 0;
		while (i < n && (q || s[i] != '|')) {
			if (q && s[i] == '\\' && i + 1 < n) {
				i += 2;
				continue;
			}
			if (s[i] == '"' || s[i] == '\'') {
				q = q == s[i] ? 0 : q ? q : s[i];
			}
			i++;
		}
		size_t end = i++;
		size_t k = start;
		while (k < end && s[k] != ':') {
			k++;
		}
		if (!is_ident(s + start, k - start)) {
			err_node(lw, at_node, "bad-filter", "write filters as 'trim|min:8'",
				"a filter name is missing or not a name");
			return false;
		}
		struct xm_xs_node *f = xm_xs_new_filter(lw->arena, NULL,
			xm_arena_strndup(lw->arena, s + start, k - start));
		while (k < end) {
			size_t a = ++k;
			char aq = 0;
			while (k < end && (aq || s[k] != ':')) {
				if (aq && s[k] == '\\' && k + 1 < end) {
					k += 2;
					continue;
				}
				if (s[k] == '"' || s[k] == '\'') {
					aq = aq == s[k] ? 0 : aq ? aq : s[k];
				}
				k++;
			}
			const char *t = s + a;
			size_t tl = k - a;
			struct xm_xs_node *x;
			if (is_number(t, tl)) {
				x = xm_xs_new_number(lw->arena, xm_arena_strndup(lw->arena, t, tl));
			} else if (tl >= 2 && (t[0] == '"' || t[0] == '\'') && t[tl - 1] == t[0]) {
				/* Decode the quotes' escapes, then re-escape for output. */
				struct xm_buf raw = XM_BUF_INIT;
				for (size_t j = 1; j + 1 < tl; j++) {
					if (t[j] == '\\' && j + 2 < tl) {
						j++;
					}
					xm_buf_addc(&raw, t[j]);
				}
				x = string_node(lw, raw.data ? raw.data : "", raw.len);
				xm_buf_finish(&raw);
			} else if (is_ident(t, tl)) {
				x = xm_xs_new_ident(lw->arena, xm_arena_strndup(lw->arena, t, tl));
			} else {
				/* Unquoted regexes and other text: quoted, the one form
				 * every parser accepts. */
				x = string_node(lw, t, tl);
			}
			xm_xs_add_arg(f, x);
		}
		const struct xm_xs_type_spec *spec = xm_xs_catalog_type(decl->text);
		if (spec && !xm_xs_catalog_input_filter_allowed(spec, f->name)) {
			char sugg[160], msg[128];
			snprintf(sugg, sizeof(sugg), spec->filters[0] ? "`%s` takes: %s" :
				"`%s` takes no filters%s", decl->text, spec->filters);
			snprintf(msg, sizeof(msg), "`%s` is not %s filter for `%s`", f->name,
				xm_xs_catalog_input_filter(f->name) ? "an allowed" : "an input",
				decl->text);
			err_node(lw, at_node, "bad-filter", sugg, msg);
			return false;
		}
		xm_xs_add_arg(decl, f);
	}
	return true;
}

static bool decl_filters(struct lw *lw, const struct xm_sdk_node *f, struct xm_xs_node *decl)
{
	if (f->kind == XM_SDK_STRING) {
		return decl_filters_text(lw, f, f->u.str.text, decl);
	}
	if (f->kind == XM_SDK_ARRAY) {
		for (size_t i = 0; i < f->u.array.n; i++) {
			const char *s = want_string(lw, f->u.array.items[i], "a filter");
			if (!s || !decl_filters_text(lw, f->u.array.items[i], s, decl)) {
				return false;
			}
		}
		return true;
	}
	err_node(lw, f, "bad-filter", "write 'trim|lower' or ['trim', 'min:8']",
		"filters must be a string or a list of strings");
	return false;
}

static void meta(struct lw *lw, struct xm_xs_node *decl, const char *name,
		struct xm_xs_node *v)
{
	if (v) {
		struct xm_xs_node *a = xm_xs_new_attr(lw->arena, name, v);
		at(a, decl->line, decl->col);
		xm_xs_add_item(decl, a);
		decl->flags |= XM_XS_F_BODY;
	}
}

static struct xm_xs_node *decl(struct lw *lw, const struct xm_sdk_call *c, bool column)
{
	static const char *const keys[] = {
		"required", "optional", "default", "nullable", "filters", "description",
		"values", "table", "sensitive", NULL,
	};
	const struct xm_sdk_node *opts = arg(c, 2);
	if (opts && opts->kind == XM_SDK_NULL) {
		opts = NULL;
	}
	if (!check_keys(lw, opts, keys, column ? "column" : "input")) {
		return NULL;
	}
	const char *raw = want_string(lw, c->args[0], column ? "the column name" : "the input name");
	if (!raw) {
		return NULL;
	}
	size_t nlen = strlen(raw);
	bool optional = false;
	if (nlen > 1 && raw[nlen - 1] == '?') {
		optional = true;
		nlen--;
	}
	const char *name = xm_arena_strndup(lw->arena, raw, nlen);
	if (!is_ident(name, nlen)) {
		err_node(lw, c->args[0], "bad-name", "use letters, digits and `_`",
			"not a valid name");
		return NULL;
	}
	const char *type_text = "text";
	const struct xm_sdk_node *type_node = arg(c, 1);
	if (type_node && type_node->kind != XM_SDK_NULL) {
		type_text = want_string(lw, type_node, "the type");
		if (!type_text) {
			return NULL;
		}
	}
	/* type[lo:hi]? */
	size_t tl = strlen(type_text);
	bool nullable = false, array = false;
	const char *bounds = NULL;
	if (tl && type_text[tl - 1] == '?') {
		nullable = true;
		tl--;
	}
	const char *br = memchr(type_text, '[', tl);
	size_t base_len = br ? (size_t)(br - type_text) : tl;
	if (br) {
		if (type_text[tl - 1] != ']') {
			err_node(lw, type_node, "bad-type", "write 'text[]' or 'int[1:10]'",
				"unclosed `[` in the type");
			return NULL;
		}
		array = true;
		bounds = xm_arena_strndup(lw->arena, br + 1, (size_t)(type_text + tl - 1 - br - 1));
		const char *colon = strchr(bounds, ':');
		bool ok_bounds = bounds[0] == '\0' || (colon && colon > bounds && colon[1]);
		for (const char *b = bounds; *b && ok_bounds; b++) {
			ok_bounds = isdigit((unsigned char)*b) || b == colon;
		}
		if (!ok_bounds) {
			err_node(lw, type_node, "bad-type", "write 'int[]' or 'int[1:10]'",
				"array bounds are `[]` or `[min:max]`");
			return NULL;
		}
	}
	char *base = xm_arena_strndup(lw->arena, type_text, base_len);
	const struct xm_sdk_node *def = prop(opts, "default");
	bool known = false;
	for (size_t i = 0; i < sizeof(xs_types) / sizeof(xs_types[0]) && !known; i++) {
		known = strcmp(base, xs_types[i]) == 0;
	}
	if (!known) {
		const char *to = NULL;
		if (strcmp(base, "number") == 0 || strcmp(base, "Number") == 0) {
			to = !def || is_integer_literal(def) ? "int" : "decimal";
		}
		for (size_t i = 0; !to && i < sizeof(js_types) / sizeof(js_types[0]); i++) {
			if (strcmp(base, js_types[i].from) == 0) {
				to = js_types[i].to;
			}
		}
		if (!to) {
			const char *g = xm_suggest(base, xs_types,
				sizeof(xs_types) / sizeof(xs_types[0]));
			char sugg[96];
			snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
				"types: int decimal text bool email password uuid timestamp date "
				"json enum file …", g);
			char msg[128];
			snprintf(msg, sizeof(msg), "`%s` is not a XanoScript type", base);
			err_node(lw, type_node, "unknown-type", sugg, msg);
			return NULL;
		}
		char sugg[64];
		snprintf(sugg, sizeof(sugg), "write '%s'", to);
		if (!xm_sdk_fix_or_error(lw->fixes, lw->diags, type_node->line, type_node->col,
				type_node->end_col, "js-type", sugg, "type `%s` of `%s` written as `%s`",
				base, name, to)) {
			lw->ok = false;
			return NULL;
		}
		base = (char *)dup(lw, to);
	}
	const struct xm_sdk_node *values = prop(opts, "values");
	if (strcmp(base, "enum") == 0 && !values) {
		err_node(lw, type_node, "missing-option", "add {values: ['a', 'b']}",
			"an enum needs its values");
		return NULL;
	}
	if (values && strcmp(base, "enum") != 0) {
		err_node(lw, values, "bad-option", "use type 'enum'", "values are for enums");
		return NULL;
	}
	if (strcmp(base, "object") == 0) {
		err_node(lw, type_node, "unsupported", "use 'json' for free-form objects",
			"object inputs need a schema, which the SDK does not declare yet");
		return NULL;
	}
	struct xm_xs_node *d = xm_xs_new_decl(lw->arena, base, name);
	at(d, c->line, c->col);
	if (array) {
		d->flags |= XM_XS_F_ARRAY;
		d->extra = bounds;
	}
	const struct xm_sdk_node *v;
	if ((v = prop(opts, "nullable")) && v->kind == XM_SDK_BOOL && v->u.boolean) {
		nullable = true;
	}
	if (nullable) {
		d->flags |= XM_XS_F_NULLABLE;
	}
	bool required = !optional && !def;
	if ((v = prop(opts, "required"))) {
		if (v->kind != XM_SDK_BOOL) {
			err_node(lw, v, "bad-option", "write true or false", "required is a boolean");
			return NULL;
		}
		required = v->u.boolean;
	}
	if ((v = prop(opts, "optional")) && v->kind == XM_SDK_BOOL) {
		required = !v->u.boolean;
	}
	if (!required) {
		d->flags |= XM_XS_F_OPTIONAL;
	}
	if (def) {
		if (def->kind == XM_SDK_STRING && strcmp(def->u.str.text, "now") == 0 &&
				(strcmp(base, "timestamp") == 0 || strcmp(base, "date") == 0)) {
			d->value = xm_xs_new_ident(lw->arena, "now");
		} else if (def->kind == XM_SDK_XS && strcmp(def->u.str.text, "now") == 0) {
			d->value = xm_xs_new_ident(lw->arena, "now");
		} else if (def->kind == XM_SDK_NUMBER || def->kind == XM_SDK_BOOL ||
				def->kind == XM_SDK_NULL || (def->kind == XM_SDK_STRING &&
				!starts_expr(def->u.str.text, def->u.str.len))) {
			d->value = value(lw, def, TEXT);
		} else {
			err_node(lw, def, "bad-option", "use a literal: a number, a string, "
				"true/false, or 'now' for timestamps", "a default must be a literal");
			return NULL;
		}
	}
	if ((v = prop(opts, "filters")) && !decl_filters(lw, v, d)) {
		return NULL;
	}
	if (values) {
		meta(lw, d, "values", string_array(lw, values, "values"));
	}
	if ((v = prop(opts, "description"))) {
		meta(lw, d, "description", value(lw, v, TEXT));
	}
	if ((v = prop(opts, "sensitive"))) {
		meta(lw, d, "sensitive", value(lw, v, TEXT));
	}
	if ((v = prop(opts, "table"))) {
		const char *t = want_name(lw, v, "the table", false);
		if (t) {
			meta(lw, d, "table", str(lw, t));
		}
	}
	return d;
}

/* ---- clauses ------------------------------------------------------------ */

/* `2026-01-01T03:00:00Z`, `2026-01-01 03:00:00+0000`, `2026-01-01`
 * to the timestamp literal of task schedules. */
static const char *timestamp(struct lw *lw, const struct xm_sdk_node *n)
{
	const char *s = want_string(lw, n, "the start time");
	if (!s) {
		return NULL;
	}
	int y, mo, d, h = 0, mi = 0, sec = 0;
	char sep = 0, tz[16] = "";
	int k = sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d%15s", &y, &mo, &d, &sep, &h, &mi, &sec, tz);
	bool ok = (k == 3 && strlen(s) == 10) || k == 7 || k == 8;
	if (ok && k >= 7) {
		ok = sep == 'T' || sep == ' ';
	}
	int off_h = 0, off_m = 0;
	char sign = '+';
	if (ok && tz[0]) {
		if (strcmp(tz, "Z") == 0 || strcmp(tz, "z") == 0) {
			/* UTC */
		} else if ((tz[0] == '+' || tz[0] == '-') &&
				(sscanf(tz + 1, "%2d:%2d", &off_h, &off_m) == 2 ||
				 sscanf(tz + 1, "%2d%2d", &off_h, &off_m) == 2)) {
			sign = tz[0];
		} else {
			ok = false;
		}
	}
	if (!ok || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
			y < 1970 || y > 9999) {
		err_node(lw, n, "bad-timestamp", "write '2026-01-01 03:00:00+0000' or "
			"'2026-01-01T03:00:00Z'", "not a timestamp");
		return NULL;
	}
	char out[96];
	snprintf(out, sizeof(out), "%04d-%02d-%02d %02d:%02d:%02d%c%02d%02d", y, mo, d, h, mi,
		sec, sign, off_h, off_m);
	return dup(lw, out);
}

static struct xm_xs_node *freq(struct lw *lw, const struct xm_sdk_node *n)
{
	static const struct {
		const char *name, *seconds;
	} names[] = {
		{"minutely", "60"}, {"hourly", "3600"}, {"daily", "86400"}, {"weekly", "604800"},
	};
	if (n->kind == XM_SDK_NUMBER) {
		return xm_xs_new_number(lw->arena, n->u.str.text);
	}
	if (n->kind == XM_SDK_STRING) {
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (strcmp(n->u.str.text, names[i].name) == 0) {
				return xm_xs_new_number(lw->arena, names[i].seconds);
			}
		}
	}
	err_node(lw, n, "bad-argument", "give seconds (86400) or 'minutely', 'hourly', "
		"'daily', 'weekly'", "not a frequency");
	return NULL;
}

static struct xm_xs_node *schedule_entry(struct lw *lw, const struct xm_sdk_node *start,
		const struct xm_sdk_node *f, const struct xm_sdk_node *end)
{
	struct xm_xs_node *o = xm_xs_new_object(lw->arena);
	const char *ts = timestamp(lw, start);
	if (!ts) {
		return NULL;
	}
	struct xm_xs_node *t = xm_xs_node_new(lw->arena, XM_XS_TIMESTAMP, 0, 0);
	t->text = ts;
	xm_xs_object_add(lw->arena, o, "starts_on", false, t);
	if (f && f->kind != XM_SDK_NULL) {
		struct xm_xs_node *fr = freq(lw, f);
		if (!fr) {
			return NULL;
		}
		xm_xs_object_add(lw->arena, o, "freq", false, fr);
	}
	if (end && end->kind != XM_SDK_NULL) {
		const char *e = timestamp(lw, end);
		if (!e) {
			return NULL;
		}
		struct xm_xs_node *et = xm_xs_node_new(lw->arena, XM_XS_TIMESTAMP, 0, 0);
		et->text = e;
		xm_xs_object_add(lw->arena, o, "ends_on", false, et);
	}
	return o;
}

static void schedule(struct lw *lw, const struct xm_sdk_call *c, struct xm_xs_node *arr)
{
	static const char *const keys[] = {
		"startsOn", "starts_on", "freq", "frequency", "endsOn", "ends_on", NULL,
	};
	const struct xm_sdk_node *a = c->args[0];
	const struct xm_sdk_node *const *items = &a;
	size_t n = 1;
	if (a->kind == XM_SDK_ARRAY) {
		items = (const struct xm_sdk_node *const *)a->u.array.items;
		n = a->u.array.n;
	}
	for (size_t i = 0; i < n; i++) {
		const struct xm_sdk_node *e = items[i];
		struct xm_xs_node *o;
		if (e->kind == XM_SDK_OBJECT) {
			if (!check_keys(lw, e, keys, "schedule")) {
				continue;
			}
			const struct xm_sdk_node *s = prop(e, "startsOn") ? prop(e, "startsOn") :
				prop(e, "starts_on");
			if (!s) {
				err_node(lw, e, "missing-option", "add startsOn: '2026-01-01 03:00:00+0000'",
					"a schedule needs a start");
				continue;
			}
			o = schedule_entry(lw, s, prop(e, "freq") ? prop(e, "freq") :
				prop(e, "frequency"), prop(e, "endsOn") ? prop(e, "endsOn") :
				prop(e, "ends_on"));
		} else {
			o = schedule_entry(lw, e, arg(c, 1), arg(c, 2));
		}
		if (o) {
			xm_xs_add_item(arr, o);
		}
	}
}

static bool index_op(struct lw *lw, const struct xm_sdk_node *n, const char *op)
{
	return in_set(lw, n, XM_XS_SET_INDEX_OP, op, "an index op");
}

static struct xm_xs_node *index_entry(struct lw *lw, const struct xm_sdk_call *c)
{
	static const char *const types[] = {
		"primary", "btree", "btree|unique", "unique", "gin", "search", "vector", NULL,
	};
	const char *type = want_string(lw, c->args[0], "the index type");
	if (!type) {
		return NULL;
	}
	bool known = false;
	for (size_t i = 0; types[i] && !known; i++) {
		known = strcmp(type, types[i]) == 0;
	}
	if (!known) {
		const char *g = xm_suggest(type, types, 7);
		char sugg[96];
		snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
			"write 'primary', 'btree', 'btree|unique', 'gin', 'search' or 'vector'", g);
		err_node(lw, c->args[0], "bad-argument", sugg, "unknown index type");
		return NULL;
	}
	if (strcmp(type, "unique") == 0) {
		type = "btree|unique";
	}
	struct xm_xs_node *o = xm_xs_new_object(lw->arena);
	xm_xs_object_add(lw->arena, o, "type", false, str(lw, type));
	struct xm_xs_node *fields = xm_xs_new_array(lw->arena);
	const struct xm_sdk_node *f = c->args[1];
	const struct xm_sdk_node *const *items = &f;
	size_t n = 1;
	if (f->kind == XM_SDK_ARRAY) {
		items = (const struct xm_sdk_node *const *)f->u.array.items;
		n = f->u.array.n;
	}
	for (size_t i = 0; i < n; i++) {
		const struct xm_sdk_node *e = items[i];
		struct xm_xs_node *fo = xm_xs_new_object(lw->arena);
		if (e->kind == XM_SDK_OBJECT) {
			static const char *const keys[] = {"name", "op", NULL};
			if (!check_keys(lw, e, keys, "an index field") || !prop(e, "name")) {
				continue;
			}
			xm_xs_object_add(lw->arena, fo, "name", false, value(lw, prop(e, "name"), TEXT));
			if (prop(e, "op")) {
				const char *op = want_string(lw, prop(e, "op"), "an index op");
				if (!op || !index_op(lw, prop(e, "op"), op)) {
					continue;
				}
				xm_xs_object_add(lw->arena, fo, "op", false, str(lw, op));
			}
		} else {
			/* 'created_at' or 'created_at desc' */
			const char *s = want_string(lw, e, "an index field");
			if (!s) {
				continue;
			}
			const char *sp = strchr(s, ' ');
			xm_xs_object_add(lw->arena, fo, "name", false,
				string_node(lw, s, sp ? (size_t)(sp - s) : strlen(s)));
			if (sp) {
				if (!index_op(lw, e, sp + 1)) {
					continue;
				}
				xm_xs_object_add(lw->arena, fo, "op", false, str(lw, sp + 1));
			} else if (strncmp(type, "btree", 5) == 0) {
				xm_xs_object_add(lw->arena, fo, "op", false, str(lw, "asc"));
			}
		}
		xm_xs_add_item(fields, fo);
	}
	xm_xs_object_add(lw->arena, o, "field", false, fields);
	return o;
}

static struct xm_xs_node *flag(struct lw *lw, const struct xm_sdk_node *n)
{
	if (n->kind != XM_SDK_BOOL) {
		err_node(lw, n, "bad-argument", "write true or false", "expected true or false");
		return NULL;
	}
	return value(lw, n, TEXT);
}

/* Records that a single-valued clause is set; false (and an error) twice. */
static bool once(struct lw *lw, const struct xm_sdk_call *c, const struct xm_sdk_call **slot)
{
	if (*slot) {
		err(lw, c->line, c->col, c->col + (unsigned)strlen(c->method->name), "duplicate",
			"keep one", "`%s` is already set on line %u", c->method->name, (*slot)->line);
		return false;
	}
	*slot = c;
	return true;
}

/* Every `$input.NAME` in n must name a declared input. */
static void check_inputs(struct lw *lw, const struct xm_xs_node *n, unsigned line,
		unsigned col)
{
	if (!n) {
		return;
	}
	if (n->kind == XM_XS_VAR && strcmp(n->name, "input") == 0 && n->items.first &&
			n->items.first->kind == XM_XS_MEMBER) {
		const char *field = n->items.first->name;
		bool found = false;
		for (xm_xs_each(d, &lw->inputs->items)) {
			found |= d->kind == XM_XS_DECL && strcmp(d->name, field) == 0;
		}
		if (!found) {
			char sugg[128];
			snprintf(sugg, sizeof(sugg), "declare it: .input('%.60s', 'text')", field);
			err(lw, line, col, col + 1, "unknown-input", sugg,
				"`$input.%s` is not an input of this %s", field,
				lw->root->ctx == XM_SDK_CTX_QUERY ? "endpoint" : "function");
		}
	}
	if (n->kind == XM_XS_STMT || n->kind == XM_XS_DECL || n->kind == XM_XS_ATTR) {
		line = n->line ? n->line : line;
		col = n->line ? n->col : col;
	}
	check_inputs(lw, n->target, line, col);
	check_inputs(lw, n->arg, line, col);
	check_inputs(lw, n->value, line, col);
	check_inputs(lw, n->rhs, line, col);
	for (xm_xs_each(k, &n->args)) {
		check_inputs(lw, k, line, col);
	}
	for (xm_xs_each(k, &n->items)) {
		check_inputs(lw, k, line, col);
	}
}

static struct xm_xs_node *add_attr(struct lw *lw, struct xm_xs_node *construct,
		const char *name, struct xm_xs_node *v, const struct xm_sdk_call *c)
{
	if (!v) {
		return NULL;
	}
	struct xm_xs_node *a = xm_xs_new_attr(lw->arena, name, v);
	if (c) {
		at(a, c->line, c->col);
	}
	return xm_xs_add_item(construct, a);
}

static const char *verb(struct lw *lw, const struct xm_sdk_node *n)
{
	static const char *const verbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE", NULL};
	const char *v = want_string(lw, n, "the verb");
	if (!v) {
		return NULL;
	}
	char up[8];
	size_t len = strlen(v);
	if (len < sizeof(up)) {
		for (size_t i = 0; i <= len; i++) {
			up[i] = (char)toupper((unsigned char)v[i]);
		}
		for (size_t i = 0; verbs[i]; i++) {
			if (strcmp(up, verbs[i]) == 0) {
				if (strcmp(v, up) != 0 && !xm_sdk_fix_or_error(lw->fixes, lw->diags,
						n->line, n->col, n->end_col, "lower-case-verb",
						"write it in capitals", "upper-cased the verb `%s`", v)) {
					lw->ok = false;
					return NULL;
				}
				return verbs[i];
			}
		}
	}
	const char *g = xm_suggest(v, verbs, 5);
	char sugg[80];
	snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
		"write 'GET', 'POST', 'PUT', 'PATCH' or 'DELETE'", g);
	err_node(lw, n, "bad-verb", sugg, "not an HTTP verb XanoScript accepts");
	return NULL;
}

/* Path parameters `{name}` must be declared as inputs. */
static void check_path(struct lw *lw, const char *path, const struct xm_sdk_node *at_node)
{
	for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		if (!e) {
			err_node(lw, at_node, "bad-path", "close it with `}`",
				"unclosed `{` in the path");
			return;
		}
		size_t n = (size_t)(e - p - 1);
		bool found = false;
		for (xm_xs_each(d, &lw->inputs->items)) {
			found |= strlen(d->name) == n && strncmp(d->name, p + 1, n) == 0;
		}
		if (!found) {
			char sugg[128], msg[128];
			snprintf(sugg, sizeof(sugg), "add .input('%.*s', 'int')", (int)n, p + 1);
			snprintf(msg, sizeof(msg), "path parameter `{%.*s}` has no input", (int)n,
				p + 1);
			err_node(lw, at_node, "missing-input", sugg, msg);
		}
	}
}

struct xm_xs_node *xm_sdk_lower(const struct xm_sdk_block *root, struct xm_arena *arena,
		struct xm_sdk_fixes *fixes, struct xm_diags *diags)
{
	struct lw lw = {.arena = arena, .fixes = fixes, .diags = diags, .root = root, .ok = true};
	static const char *const keywords[] = {
		[XM_SDK_M_CREATE] = "query",
		[XM_SDK_M_CREATE_FUNCTION] = "function",
		[XM_SDK_M_CREATE_TASK] = "task",
		[XM_SDK_M_CREATE_TABLE] = "table",
		[XM_SDK_M_CREATE_API_GROUP] = "api_group",
	};
	enum xm_sdk_method_id kind = root->builder->id;
	const char *name = want_string(&lw, root->args[0], "the name");
	if (!name) {
		return NULL;
	}
	const struct xm_sdk_node *name_node = root->args[0];
	if (name[0] == '/' && (kind == XM_SDK_M_CREATE || kind == XM_SDK_M_CREATE_FUNCTION)) {
		if (!xm_sdk_fix_or_error(fixes, diags, name_node->line, name_node->col,
				name_node->end_col, "leading-slash", "drop the leading `/`",
				"removed the leading `/` of `%s`", name)) {
			return NULL;
		}
		name++;
	}
	if (!name[0]) {
		err_node(&lw, name_node, "bad-argument", NULL, "the name is empty");
		return NULL;
	}
	struct xm_xs_node *construct = xm_xs_new_construct(arena, keywords[kind],
		str(&lw, name));
	at(construct, root->line, root->col);
	if (kind == XM_SDK_M_CREATE) {
		const char *v = root->nargs > 1 ? verb(&lw, root->args[1]) : "GET";
		if (!v) {
			return NULL;
		}
		xm_xs_add_arg(construct, xm_xs_new_attr(arena, "verb", xm_xs_new_ident(arena, v)));
	}

	/* Clauses first, in the canonical order; statements into stack. */
	const struct xm_sdk_call *description = NULL, *auth = NULL, *group = NULL,
		*response = NULL, *canonical = NULL, *active = NULL, *tags = NULL;
	struct xm_xs_node *inputs = at(xm_xs_new_block(arena,
		kind == XM_SDK_M_CREATE_TABLE ? "schema" : "input"), root->line, root->col);
	struct xm_xs_node *stack = at(xm_xs_new_block(arena, "stack"), root->line, root->col);
	struct xm_xs_node *sched = xm_xs_new_array(arena);
	struct xm_xs_node *indexes = xm_xs_new_array(arena);
	indexes->flags |= XM_XS_F_MULTILINE;
	const struct xm_sdk_call *first_sched = NULL, *first_index = NULL;
	lw.inputs = inputs;
	for (const struct xm_sdk_call *c = root->first; c; c = c->next) {
		switch (c->method->id) {
		case XM_SDK_M_INPUT:
		case XM_SDK_M_COLUMN: {
			struct xm_xs_node *d = decl(&lw, c, c->method->id == XM_SDK_M_COLUMN);
			if (!d) {
				break;
			}
			for (xm_xs_each(o, &inputs->items)) {
				if (strcmp(o->name, d->name) == 0) {
					err(&lw, c->line, c->col, c->col + 5, "duplicate", "rename one",
						"`%s` is declared twice", d->name);
				}
			}
			xm_xs_add_item(inputs, d);
			break;
		}
		case XM_SDK_M_DESCRIPTION:
			once(&lw, c, &description);
			break;
		case XM_SDK_M_REQUIRES_AUTH:
		case XM_SDK_M_AUTH:
			once(&lw, c, &auth);
			break;
		case XM_SDK_M_API_GROUP:
			once(&lw, c, &group);
			break;
		case XM_SDK_M_RESPONSE:
			once(&lw, c, &response);
			break;
		case XM_SDK_M_CANONICAL:
			once(&lw, c, &canonical);
			break;
		case XM_SDK_M_ACTIVE:
			once(&lw, c, &active);
			break;
		case XM_SDK_M_TAGS:
			once(&lw, c, &tags);
			break;
		case XM_SDK_M_SCHEDULE:
			first_sched = first_sched ? first_sched : c;
			schedule(&lw, c, sched);
			break;
		case XM_SDK_M_INDEX: {
			first_index = first_index ? first_index : c;
			struct xm_xs_node *e = index_entry(&lw, c);
			if (e) {
				xm_xs_add_item(indexes, e);
			}
			break;
		}
		default:
			break;
		}
	}
	if (auth && kind == XM_SDK_M_CREATE) {
		lw.auth_table = auth->nargs ? want_name(&lw, auth->args[0], "the auth table",
			false) : "user";
	}
	lower_calls(&lw, root, stack);

	if (group) {
		const char *g = want_string(&lw, group->args[0], "the API group");
		add_attr(&lw, construct, "api_group", g ? str(&lw, g) : NULL, group);
	}
	if (canonical) {
		const char *g = want_string(&lw, canonical->args[0], "the canonical name");
		add_attr(&lw, construct, "canonical", g ? str(&lw, g) : NULL, canonical);
	}
	if (auth && kind == XM_SDK_M_CREATE && lw.auth_table) {
		add_attr(&lw, construct, "auth", str(&lw, lw.auth_table), auth);
	} else if (auth && kind == XM_SDK_M_CREATE_TABLE) {
		const struct xm_sdk_node *f = arg(auth, 0);
		add_attr(&lw, construct, "auth", f ? flag(&lw, f) :
			xm_xs_new_ident(arena, "true"), auth);
	}
	if (description) {
		const char *d = want_string(&lw, description->args[0], "the description");
		add_attr(&lw, construct, "description", d ? str(&lw, d) : NULL, description);
	}
	if (active) {
		const struct xm_sdk_node *f = arg(active, 0);
		add_attr(&lw, construct, "active", f ? flag(&lw, f) :
			xm_xs_new_ident(arena, "true"), active);
	}
	if (tags) {
		struct xm_xs_node *arr;
		if (tags->nargs == 1 && tags->args[0]->kind == XM_SDK_ARRAY) {
			arr = string_array(&lw, tags->args[0], "tags");
		} else {
			arr = xm_xs_new_array(arena);
			for (size_t i = 0; i < tags->nargs; i++) {
				const char *t = want_string(&lw, tags->args[i], "a tag");
				if (t) {
					xm_xs_add_item(arr, str(&lw, t));
				}
			}
		}
		add_attr(&lw, construct, "tags", arr, tags);
	}
	switch (kind) {
	case XM_SDK_M_CREATE:
	case XM_SDK_M_CREATE_FUNCTION:
		xm_xs_add_item(construct, inputs);
		xm_xs_add_item(construct, stack);
		add_attr(&lw, construct, "response", response ?
			value(&lw, response->args[0], TEXT) : xm_xs_new_ident(arena, "null"),
			response);
		if (kind == XM_SDK_M_CREATE) {
			check_path(&lw, name, name_node);
		}
		check_inputs(&lw, construct, root->line, root->col);
		break;
	case XM_SDK_M_CREATE_TASK:
		xm_xs_add_item(construct, stack);
		if (sched->items.len) {
			add_attr(&lw, construct, "schedule", sched, first_sched);
		}
		break;
	case XM_SDK_M_CREATE_TABLE: {
		/* Every table has an `int id` primary key first (reference §7). */
		bool has_id = false;
		for (xm_xs_each(d, &inputs->items)) {
			has_id |= strcmp(d->name, "id") == 0;
		}
		if (!has_id) {
			struct xm_xs_node *id = at(xm_xs_new_decl(arena, "int", "id"), root->line,
				root->col);
			id->next = inputs->items.first;
			inputs->items.first = id;
			if (!inputs->items.last) {
				inputs->items.last = id;
			}
			inputs->items.len++;
		}
		xm_xs_add_item(construct, inputs);
		bool has_primary = false;
		for (xm_xs_each(e, &indexes->items)) {
			struct xm_xs_node *t = e->items.first ? e->items.first->value : NULL;
			has_primary |= t && t->kind == XM_XS_STRING && strcmp(t->text, "primary") == 0;
		}
		if (!has_primary) {
			struct xm_xs_node *o = xm_xs_new_object(arena);
			xm_xs_object_add(arena, o, "type", false, str(&lw, "primary"));
			struct xm_xs_node *f = xm_xs_new_array(arena);
			struct xm_xs_node *fo = xm_xs_new_object(arena);
			xm_xs_object_add(arena, fo, "name", false, str(&lw, "id"));
			xm_xs_add_item(f, fo);
			xm_xs_object_add(arena, o, "field", false, f);
			o->next = indexes->items.first;
			indexes->items.first = o;
			if (!indexes->items.last) {
				indexes->items.last = o;
			}
			indexes->items.len++;
		}
		add_attr(&lw, construct, "index", indexes, first_index);
		break;
	}
	default:
		break;
	}
	if (!lw.ok) {
		return NULL;
	}
	struct xm_xs_node *file = xm_xs_node_new(arena, XM_XS_FILE, 0, 0);
	struct xm_xs_node *doc = xm_xs_node_new(arena, XM_XS_DOC, 0, 0);
	xm_xs_add_item(doc, construct);
	xm_xs_add_item(file, doc);
	return file;
}
