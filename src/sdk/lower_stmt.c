/*
 * Statements of the lowering: one SDK method call on a stack (dbGet,
 * conditional, apiRequest...) to its XanoScript statement.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/xs/catalog.h"

#include "lower_impl.h"

static struct xm_xs_node *stmt(struct lw *lw, const struct xm_sdk_call *c, const char *name)
{
	return xm_lower_at(xm_xs_new_stmt(lw->arena, name), c->line, c->col);
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

/* `<table><suffix>`, the table's name cut at 60 bytes: the variable a
 * database statement binds when the code names none. */
static const char *default_alias(struct lw *lw, const char *table, const char *suffix)
{
	size_t t = strnlen(table, 60), n = strlen(suffix);
	char *out = xm_arena_alloc(lw->arena, t + n + 1);
	memcpy(out, table, t);
	memcpy(out + t, suffix, n + 1);
	return out;
}

/* The statements of an arrow-function argument, into parent. */
static void body(struct lw *lw, const struct xm_sdk_node *fn, struct xm_xs_node *parent)
{
	parent->flags |= XM_XS_F_BODY;
	if (!fn) {
		return;
	}
	if (fn->kind != XM_SDK_ARROW || !fn->u.arrow.block) {
		xm_lower_err_node(lw, fn, "bad-argument", "write a block as `b => b.var('x', 1)`",
			"expected an arrow function (a nested block)");
		return;
	}
	xm_lower_stmts(lw, fn->u.arrow.block, parent);
}

static struct xm_xs_node *cond(struct lw *lw, const struct xm_sdk_node *n)
{
	if (n->kind == XM_SDK_ARROW) {
		xm_lower_err_node(lw, n, "bad-argument", "the condition comes first: "
			".conditional('$x > 1', b => …)", "expected a condition, found a block");
		return NULL;
	}
	return xm_lower_value(lw, n, EXPR);
}

/* dbGet-style filters: {field: 'id', value: …}, {id: …} or a bare value. */
static bool filter(struct lw *lw, const struct xm_sdk_node *n, struct xm_xs_node *s)
{
	const char *field = NULL;
	const struct xm_sdk_node *v = NULL;
	if (n->kind == XM_SDK_OBJECT) {
		const struct xm_sdk_node *f = xm_lower_prop(n, "field");
		v = xm_lower_prop(n, "value");
		if (f && v && n->u.object.n == 2) {
			field = xm_lower_want_name(lw, f, "the field", false);
		} else if (n->u.object.n == 1) {
			field = n->u.object.props[0].key;
			v = n->u.object.props[0].value;
		} else {
			xm_lower_err_node(lw, n, "bad-filter",
					"write {field: 'id', value: '$input.id'} or "
					"{id: '$input.id'}",
					"a record filter names one field and one value");
			return false;
		}
	} else if (n->kind == XM_SDK_XS || n->kind == XM_SDK_NUMBER ||
			(n->kind == XM_SDK_STRING &&
					xm_lower_starts_expr(n->u.str.text, n->u.str.len))) {
		field = "id";
		v = n;
	} else {
		xm_lower_err_node(lw, n, "bad-filter",
				"write {field: 'id', value: '$input.id'} or "
				"{id: '$input.id'}",
				"expected a record filter");
		return false;
	}
	if (!field) {
		return false;
	}
	attr(lw, s, "field_name", xm_lower_str(lw, field));
	attr(lw, s, "field_value", xm_lower_value(lw, v, v->kind == XM_SDK_STRING &&
		xm_lower_missing_dollar(v->u.str.text) ? EXPR : TEXT));
	return true;
}

static struct xm_xs_node *table_target(struct lw *lw, const struct xm_sdk_node *n)
{
	const char *t = xm_lower_want_name(lw, n, "the table name", false);
	return t ? xm_lower_str(lw, t) : NULL;
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
			xm_lower_err_node(lw, d, "bad-argument", "pass an object literal such as "
				"{title: '$input.title'}, or use dbPatch for a variable",
				"dbEdit's data must be an object literal");
			return;
		}
		struct xm_xs_node *v = d->kind == XM_SDK_OBJECT
				? xm_lower_object_value(lw, d, true)
				: xm_lower_value(lw, d, TEXT);
		attr(lw, s, "data", v);
	}
	if (c->method->id == XM_SDK_M_DB_GET && xm_lower_arg(c, 3)) {
		static const char *const keys[] = {"output", NULL};
		if (xm_lower_check_keys(lw, c->args[3], keys, "dbGet") &&
				xm_lower_prop(c->args[3], "output")) {
			attr(lw, s, "output",
					xm_lower_string_array(lw,
							xm_lower_prop(c->args[3], "output"),
							"output"));
		}
	}
	if (c->method->id != XM_SDK_M_DB_DELETE) {
		const char *suffix = c->method->id == XM_SDK_M_DB_HAS ? "_exists" :
			c->method->id == XM_SDK_M_DB_EDIT || c->method->id == XM_SDK_M_DB_PATCH ?
			"_updated" : "";
		s->as = xm_lower_alias_or(lw, c, alias_at, default_alias(lw, table, suffix));
	}
	xm_xs_add_item(into, s);
}

/* where: a XanoScript query expression, or {column: value, 'column?': value}. */
static struct xm_xs_node *where_clause(struct lw *lw, const struct xm_sdk_node *n,
		const char *table)
{
	if (n->kind != XM_SDK_OBJECT) {
		return xm_lower_value(lw, n, EXPR);
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
		if (!xm_lower_is_ident(p->key, klen)) {
			xm_lower_err(lw, p->line, p->col, p->col + (unsigned)p->key_len,
					"bad-name",
					"write a column name, optionally followed by `?`",
					"`%s` is not a column name", p->key);
			continue;
		}
		struct xm_xs_node *col = xm_xs_new_var(lw->arena, "db");
		xm_xs_var_member(lw->arena, col, table);
		xm_xs_var_member(lw->arena, col, xm_arena_strndup(lw->arena, p->key, klen));
		struct xm_xs_node *v = xm_lower_value(lw, p->value, TEXT);
		if (!v) {
			continue;
		}
		struct xm_xs_node *cmp = xm_lower_binary(lw, op, col, v);
		acc = acc ? xm_lower_binary(lw, XM_XS_OP_AND, acc, cmp) : cmp;
	}
	if (!acc) {
		xm_lower_err_node(lw, n, "bad-argument", "write {user_id: '$auth.id'} or "
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
	const struct xm_sdk_node *opts = xm_lower_arg(c, 1);
	if (opts && opts->kind == XM_SDK_NULL) {
		opts = NULL;
	}
	if (!s->target || !xm_lower_check_keys(lw, opts, count ? count_keys : keys,
			count ? "dbCount" : "dbQuery")) {
		return;
	}
	const char *table = c->args[0]->u.str.text;
	const struct xm_sdk_node *v;
	if ((v = xm_lower_prop(opts, "join"))) {
		for (size_t i = 0; v->kind == XM_SDK_OBJECT && i < v->u.object.n; i++) {
			const struct xm_sdk_node *j = v->u.object.props[i].value;
			const struct xm_sdk_node *t = xm_lower_prop(j, "type");
			const char *jt = t ? xm_lower_want_string(lw, t, "a join type") : NULL;
			if (jt) {
				xm_lower_in_set(lw, t, XM_XS_SET_JOIN_TYPE, jt, "a join type");
			}
		}
		attr(lw, s, "join", xm_lower_value(lw, v, TEXT));
	}
	if ((v = xm_lower_prop(opts, "where"))) {
		attr(lw, s, "where", where_clause(lw, v, table));
	}
	if ((v = xm_lower_prop(opts, "eval"))) {
		attr(lw, s, "eval", xm_lower_value(lw, v, TEXT));
	}
	if ((v = xm_lower_prop(opts, "sort"))) {
		if (v->kind != XM_SDK_OBJECT) {
			xm_lower_err_node(lw, v, "bad-argument", "write {created_at: 'desc'}",
				"sort must be an object of column: 'asc' | 'desc' | 'rand'");
		} else {
			for (size_t i = 0; i < v->u.object.n; i++) {
				const struct xm_sdk_node *dir = v->u.object.props[i].value;
				const char *d = xm_lower_want_string(lw, dir, "a sort direction");
				if (d && strcmp(d, "asc") && strcmp(d, "desc") &&
						strcmp(d, "rand")) {
					xm_lower_err_node(lw, dir, "bad-argument",
							"write 'asc', 'desc' or 'rand'",
							"unknown sort direction");
				}
			}
			attr(lw, s, "sort", xm_lower_value(lw, v, TEXT));
		}
	}
	struct xm_xs_node *ret = xm_xs_new_object(lw->arena);
	const char *type = count ? "count" : "list";
	if ((v = xm_lower_prop(opts, "return"))) {
		static const char *const types[] = {
			"list", "single", "count", "exists", "stream", NULL,
		};
		type = xm_lower_want_string(lw, v, "return");
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
			xm_lower_err_node(lw, v, "bad-argument", sugg, "unknown return type");
			return;
		}
	}
	xm_xs_object_add(lw->arena, ret, "type", false, xm_lower_str(lw, type));
	struct xm_xs_node *paging = xm_xs_new_object(lw->arena);
	static const struct {
		const char *sdk, *xs;
	} pk[] = {
		{"page", "page"}, {"perPage", "per_page"}, {"per_page", "per_page"},
		{"offset", "offset"}, {"totals", "totals"}, {"metadata", "metadata"},
	};
	for (size_t i = 0; i < sizeof(pk) / sizeof(pk[0]); i++) {
		if ((v = xm_lower_prop(opts, pk[i].sdk))) {
			xm_xs_object_add(lw->arena, paging, pk[i].xs, false,
					xm_lower_value(lw, v, TEXT));
		}
	}
	if (paging->items.first) {
		xm_xs_object_add(lw->arena, ret, "paging", false, paging);
		ret->flags |= XM_XS_F_MULTILINE;
	}
	if ((v = xm_lower_prop(opts, "distinct"))) {
		xm_xs_object_add(lw->arena, ret, "distinct", false, xm_lower_value(lw, v, TEXT));
	}
	attr(lw, s, "return", ret);
	if ((v = xm_lower_prop(opts, "output"))) {
		attr(lw, s, "output", xm_lower_string_array(lw, v, "output"));
	}
	s->as = xm_lower_alias_or(lw, c, 2,
		default_alias(lw, table, count ? "_count" : "_list"));
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
	body(lw, xm_lower_arg(c, 1), branch);
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
		xm_lower_err(lw, c->line, c->col, c->col + 11, "missing-body",
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
		xm_lower_value(lw, c->args[0], TEXT) : cond(lw, c->args[0]);
	struct xm_xs_node *each = stmt(lw, c, "each");
	const struct xm_sdk_node *fn = c->args[c->nargs - 1];
	if (id != XM_SDK_M_WHILE) {
		if (c->nargs == 3) {
			each->as = xm_lower_alias_var(lw, c->args[1]);
		} else {
			each->as = xm_xs_new_var(
					lw->arena, id == XM_SDK_M_FOR_EACH ? "item" : "i");
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
		xm_lower_err_node(lw, fn, "bad-argument",
				"write .switch('$x', s => s.case('a', b => …)"
				".default(b => …))",
				"expected the cases as an arrow function");
		return;
	}
	bool seen_default = false;
	for (const struct xm_sdk_call *k = fn->u.arrow.block->first; k; k = k->next) {
		if (k->method->id == XM_SDK_M_CASE) {
			struct xm_xs_node *cs = stmt(lw, k, "case");
			cs->arg = xm_lower_value(lw, k->args[0], TEXT);
			cs->flags |= XM_XS_F_BREAK;
			body(lw, k->args[1], cs);
			xm_xs_add_item(s, cs);
		} else if (!seen_default) {
			struct xm_xs_node *d = stmt(lw, k, "default");
			body(lw, k->args[0], d);
			xm_xs_add_item(s, d);
			seen_default = true;
		} else {
			xm_lower_err(lw, k->line, k->col, k->col + 7, "duplicate",
					"keep one default", "a second default");
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
		xm_lower_err_node(lw, n, "bad-argument",
				"use 400, 401, 403, 404 or 500, or a name "
				"such as 'notfound'",
				"no XanoScript error type for this status");
		return NULL;
	}
	const char *s = xm_lower_want_string(lw, n, "the error type");
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
	xm_lower_err_node(lw, n, "bad-argument", sugg, "unknown error type");
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
		!xm_lower_starts_expr(a0->u.str.text, a0->u.str.len);
	if (table_form) {
		table = xm_lower_want_name(lw, a0, "the table name", false);
		i = 1;
	}
	const struct xm_sdk_node *id = c->args[i];
	const struct xm_sdk_node *alias = xm_lower_arg(c, i + 1);
	const struct xm_sdk_node *opts = xm_lower_arg(c, i + 2);
	if (alias && alias->kind == XM_SDK_OBJECT && !opts) {
		opts = alias;
		alias = NULL;
	}
	static const char *const keys[] = {"expiration", "extras", NULL};
	if (!table || !xm_lower_check_keys(lw, opts, keys, "createToken")) {
		return;
	}
	attr(lw, s, "table", xm_lower_str(lw, table));
	const struct xm_sdk_node *v = xm_lower_prop(opts, "extras");
	attr(lw, s, "extras", v ? xm_lower_value(lw, v, TEXT) : xm_xs_new_object(lw->arena));
	v = xm_lower_prop(opts, "expiration");
	attr(lw, s, "expiration",
			v ? xm_lower_value(lw, v, TEXT) : xm_xs_new_number(lw->arena, "86400"));
	attr(lw, s, "id", xm_lower_value(lw, id, EXPR));
	s->as = alias ? xm_lower_alias_var(lw, alias) : xm_xs_new_var(lw->arena, "authToken");
	xm_xs_add_item(into, s);
}

/* "Name: value" for headers, concatenated when the value is an expression. */
static struct xm_xs_node *header_line(struct lw *lw, const char *name,
		const struct xm_sdk_node *v)
{
	if (v->kind == XM_SDK_STRING && !xm_lower_starts_expr(v->u.str.text, v->u.str.len)) {
		struct xm_buf b = XM_BUF_INIT;
		xm_buf_addf(&b, "%s: ", name);
		xm_buf_add(&b, v->u.str.text, v->u.str.len);
		struct xm_xs_node *s = xm_lower_string_node(lw, b.data, b.len);
		xm_buf_finish(&b);
		return s;
	}
	struct xm_xs_node *x = xm_lower_value(lw, v, TEXT);
	if (!x) {
		return NULL;
	}
	struct xm_buf b = XM_BUF_INIT;
	xm_buf_addf(&b, "%s: ", name);
	struct xm_xs_node *s = xm_lower_binary(lw, XM_XS_OP_CONCAT, xm_lower_str(lw, b.data), x);
	xm_buf_finish(&b);
	return s;
}

static void lower_api_request(struct lw *lw, const struct xm_sdk_call *c,
		struct xm_xs_node *into)
{
	static const char *const keys[] = {
			"headers",
			"params",
			"body",
			"query",
			"timeout",
			"verifyPeer",
			"followLocation",
			NULL,
	};
	struct xm_xs_node *s = stmt(lw, c, "api.request");
	const struct xm_sdk_node *method = xm_lower_arg(c, 1), *opts = xm_lower_arg(c, 2),
				 *alias = xm_lower_arg(c, 3);
	if (method && method->kind == XM_SDK_OBJECT && !opts) {
		opts = method; /* apiRequest(url, {…}, alias) */
		alias = xm_lower_arg(c, 2);
		method = NULL;
	}
	if (opts && opts->kind == XM_SDK_NULL) {
		opts = NULL;
	}
	if (!xm_lower_check_keys(lw, opts, keys, "apiRequest")) {
		return;
	}
	attr(lw, s, "url", xm_lower_value(lw, c->args[0], TEXT));
	const char *m = "GET";
	if (method) {
		m = xm_lower_want_string(lw, method, "the HTTP method");
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
		if (lower) {
			xm_sdk_fix_or_error(lw->fixes, lw->diags, method->line, method->col,
				method->end_col, "lower-case-verb", "write it in capitals",
				"upper-cased the method `%s`", m);
		}
		m = xm_lower_dup(lw, upper);
		static const char *const verbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE",
			"HEAD", "OPTIONS", NULL};
		bool known = false;
		for (size_t i = 0; verbs[i] && !known; i++) {
			known = strcmp(m, verbs[i]) == 0;
		}
		if (!known) {
			xm_lower_err_node(lw, method, "bad-argument",
					"write GET, POST, PUT, PATCH or DELETE",
					"unknown HTTP method");
			return;
		}
	}
	attr(lw, s, "method", xm_lower_str(lw, m));
	const struct xm_sdk_node *params = xm_lower_prop(opts, "params");
	const struct xm_sdk_node *b = xm_lower_prop(opts, "body");
	const struct xm_sdk_node *q = xm_lower_prop(opts, "query");
	if ((params != NULL) + (b != NULL) + (q != NULL) > 1) {
		xm_lower_err_node(lw, opts, "bad-argument",
				"XanoScript sends one `params` object: the "
				"body, or the query string for GET",
				"give only one of params, body and query");
		return;
	}
	const struct xm_sdk_node *p = params ? params : b ? b : q;
	if (p) {
		attr(lw, s, "params",
				p->kind == XM_SDK_OBJECT ? xm_lower_object_value(lw, p, true)
							 : xm_lower_value(lw, p, TEXT));
	}
	const struct xm_sdk_node *h = xm_lower_prop(opts, "headers");
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
		attr(lw, s, "headers", xm_lower_value(lw, h, TEXT));
	}
	const struct xm_sdk_node *v;
	if ((v = xm_lower_prop(opts, "timeout"))) {
		attr(lw, s, "timeout", xm_lower_value(lw, v, TEXT));
	}
	if ((v = xm_lower_prop(opts, "verifyPeer"))) {
		attr(lw, s, "verify_peer", xm_lower_value(lw, v, TEXT));
	}
	if ((v = xm_lower_prop(opts, "followLocation"))) {
		attr(lw, s, "follow_location", xm_lower_value(lw, v, TEXT));
	}
	s->as = alias && alias->kind != XM_SDK_NULL ? xm_lower_alias_var(lw, alias) :
		xm_xs_new_var(lw->arena, "api_result");
	xm_xs_add_item(into, s);
}

/* A one-attribute statement: util.sleep { value = … } and friends. */
static struct xm_xs_node *simple(struct lw *lw, const struct xm_sdk_call *c, const char *op,
		const char *key, const struct xm_sdk_node *v, struct xm_xs_node *into)
{
	struct xm_xs_node *s = stmt(lw, c, op);
	attr(lw, s, key, xm_lower_value(lw, v, TEXT));
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
		s->target = xm_lower_alias_var(lw, c->args[0]);
		attr(lw, s, "value", xm_lower_value(lw, c->args[1], TEXT));
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_VAR_UPDATE: {
		s = stmt(lw, c, "var.update");
		const char *t = xm_lower_want_string(lw, c->args[0], "the variable");
		if (!t) {
			break;
		}
		struct xm_buf b = XM_BUF_INIT;
		if (t[0] != '$') {
			xm_buf_addc(&b, '$');
		}
		xm_buf_adds(&b, t);
		s->target = xm_lower_simple_var(b.data, b.len, lw->arena);
		xm_buf_finish(&b);
		if (!s->target) {
			xm_lower_err_node(lw, c->args[0], "bad-name",
					"write a variable such as 'total' or "
					"'$user.name'",
					"not a variable path");
			break;
		}
		attr(lw, s, "value", xm_lower_value(lw, c->args[1], TEXT));
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
		xm_lower_err(lw, c->line, c->col, c->col + (unsigned)strlen(c->method->name),
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
				body(lw, xm_lower_arg(c, i), p);
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
		if ((v = xm_lower_arg(c, 2))) {
			const char *t = error_type(lw, v);
			if (t) {
				attr(lw, s, "error_type", xm_lower_str(lw, t));
			}
		}
		if ((v = xm_lower_arg(c, 1))) {
			attr(lw, s, "error", xm_lower_value(lw, v, TEXT));
		}
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_THROW:
		s = stmt(lw, c, "throw");
		if (c->nargs == 2) {
			attr(lw, s, "name", xm_lower_value(lw, c->args[0], TEXT));
			attr(lw, s, "value", xm_lower_value(lw, c->args[1], TEXT));
		} else {
			attr(lw, s, "name", xm_lower_str(lw, "Error"));
			attr(lw, s, "value", xm_lower_value(lw, c->args[0], TEXT));
		}
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_RETURN:
		simple(lw, c, "return", "value", c->args[0], into);
		break;
	case XM_SDK_M_COMMENT: {
		const char *t = xm_lower_want_string(lw, c->args[0], "the comment");
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
			xm_xs_add_item(into, xm_lower_at(cm, c->line, c->col));
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
		attr(lw, s, "text_password", xm_lower_value(lw, c->args[0], EXPR));
		attr(lw, s, "hash_password", xm_lower_value(lw, c->args[1], EXPR));
		s->as = xm_lower_alias_or(lw, c, 2, "pass_result");
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_CREATE_UUID:
		s = stmt(lw, c, "security.create_uuid");
		s->as = xm_lower_alias_or(lw, c, 0, "uuid");
		xm_xs_add_item(into, s);
		break;
	case XM_SDK_M_API_REQUEST:
		lower_api_request(lw, c, into);
		break;
	case XM_SDK_M_CALL_FUNCTION: {
		s = stmt(lw, c, "function.run");
		const char *name = xm_lower_want_string(lw, c->args[0], "the function name");
		if (!name) {
			break;
		}
		s->target = xm_lower_str(lw, name);
		v = xm_lower_arg(c, 1);
		if (v && v->kind != XM_SDK_OBJECT && v->kind != XM_SDK_NULL) {
			xm_lower_err_node(lw, v, "bad-argument",
					"list the inputs: {user_id: '$auth.id'}",
					"a function's input must be an object literal");
			break;
		}
		/* No inputs: no block at all (the 11.x parser refuses `input = {}`). */
		if (v && v->kind == XM_SDK_OBJECT && v->u.object.n) {
			attr(lw, s, "input", xm_lower_object_value(lw, v, true));
		}
		s->as = xm_lower_alias_or(lw, c, 2, "func_result");
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_SET_HEADER: {
		s = stmt(lw, c, "util.set_header");
		if (c->nargs == 1) {
			attr(lw, s, "value", xm_lower_value(lw, c->args[0], TEXT));
		} else {
			const char *name = xm_lower_want_string(lw, c->args[0], "the header name");
			if (!name) {
				break;
			}
			attr(lw, s, "value", header_line(lw, name, c->args[1]));
		}
		const char *dupl = "replace";
		if ((v = xm_lower_arg(c, 2))) {
			dupl = xm_lower_want_string(lw, v, "duplicates");
			if (dupl && strcmp(dupl, "replace") && strcmp(dupl, "add")) {
				xm_lower_err_node(lw, v, "bad-argument",
						"write 'replace' or 'add'",
						"unknown duplicates mode");
				break;
			}
		}
		if (dupl) {
			attr(lw, s, "duplicates", xm_lower_str(lw, dupl));
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
		const char *code = xm_lower_want_string(lw, c->args[0], "the code");
		if (!code) {
			break;
		}
		attr(lw, s, "code", xm_lower_string_node(lw, code, c->args[0]->u.str.len));
		attr(lw, s, "timeout", timeout ? xm_lower_value(lw, timeout, TEXT) :
			xm_xs_new_number(lw->arena, "10"));
		s->as = alias ? xm_lower_alias_var(lw, alias)
			      : xm_xs_new_var(lw->arena, "lambda_result");
		xm_xs_add_item(into, s);
		break;
	}
	case XM_SDK_M_REDIS_GET:
		s = simple(lw, c, "redis.get", "key", c->args[0], into);
		s->as = xm_lower_alias_or(lw, c, 1, "cached");
		break;
	case XM_SDK_M_REDIS_SET:
		s = simple(lw, c, "redis.set", "key", c->args[0], into);
		attr(lw, s, "data", xm_lower_value(lw, c->args[1], TEXT));
		if ((v = xm_lower_arg(c, 2))) {
			attr(lw, s, "ttl", xm_lower_value(lw, v, TEXT));
		}
		break;
	case XM_SDK_M_REDIS_DELETE:
		simple(lw, c, "redis.del", "key", c->args[0], into);
		break;
	case XM_SDK_M_REDIS_INCR:
		s = simple(lw, c, "redis.incr", "key", c->args[0], into);
		attr(lw, s, "by", (v = xm_lower_arg(c, 1)) ? xm_lower_value(lw, v, TEXT) :
			xm_xs_new_number(lw->arena, "1"));
		s->as = xm_lower_alias_or(lw, c, 2, "counter");
		break;
	case XM_SDK_M_STORAGE_CREATE_FILE:
		s = simple(lw, c, "storage.create_file_resource", "filename", c->args[0], into);
		attr(lw, s, "filedata", xm_lower_value(lw, c->args[1], TEXT));
		s->as = xm_lower_alias_or(lw, c, 2, "file");
		break;
	case XM_SDK_M_STORAGE_CREATE_ATTACHMENT:
		s = simple(lw, c, "storage.create_attachment", "value", c->args[0], into);
		if ((v = xm_lower_arg(c, 1))) {
			attr(lw, s, "filename", xm_lower_value(lw, v, TEXT));
		}
		if ((v = xm_lower_arg(c, 2))) {
			const char *access = xm_lower_want_string(lw, v, "access");
			if (access && strcmp(access, "public") && strcmp(access, "private")) {
				xm_lower_err_node(lw, v, "bad-argument",
						"write 'public' or 'private'", "unknown access");
			}
			attr(lw, s, "access", xm_lower_value(lw, v, TEXT));
		} else {
			attr(lw, s, "access", xm_lower_str(lw, "public"));
		}
		s->as = xm_lower_alias_or(lw, c, 3, "attachment");
		break;
	default:
		/* Clauses are handled by the construct; the resolver already
		 * rejected them here. */
		break;
	}
}

void xm_lower_stmts(struct lw *lw, const struct xm_sdk_block *b, struct xm_xs_node *into)
{
	for (const struct xm_sdk_call *c = b->first; c; c = c->next) {
		if (c->method->contexts & XM_SDK_CTX_STACK) {
			lower_stmt_call(lw, &c, into);
		}
	}
}

