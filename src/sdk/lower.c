#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/xs/catalog.h"

#include "lower_impl.h"

/* Reads min to max decimal digits at *s into *out; false when fewer. */
static bool read_digits(const char **s, int min, int max, int *out)
{
	int v = 0, k = 0;
	while (k < max && (*s)[k] >= '0' && (*s)[k] <= '9') {
		v = v * 10 + ((*s)[k] - '0');
		k++;
	}
	*s += k;
	*out = v;
	return k >= min;
}

/* Writes v in width digits, zero-padded (v < 10^width). */
static char *put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/*
 * `2026-01-01T03:00:00Z`, `2026-01-01 03:00:00+0000`, `2026-01-01` to the
 * timestamp literal of task schedules. Read by hand: the year has four
 * digits, the other fields one or two (`2026-1-5 3:04:05` is fine, a date
 * alone is written in full), the zone is Z or an offset +HH:MM or -HHMM,
 * and only spaces may come before or after. (Every task with a schedule goes through
 * here, and sscanf() plus snprintf() cost fifty times as much.)
 */
static const char *timestamp(struct lw *lw, const struct xm_sdk_node *n)
{
	const char *s = xm_lower_want_string(lw, n, "the start time");
	if (!s) {
		return NULL;
	}
	const char *p = s;
	while (*p == ' ') {
		p++;
	}
	const char *date = p;
	int y, mo, d, h = 0, mi = 0, sec = 0, off_h = 0, off_m = 0;
	char sign = '+';
	bool ok = read_digits(&p, 4, 4, &y) && *p++ == '-' && read_digits(&p, 1, 2, &mo) &&
		*p++ == '-' && read_digits(&p, 1, 2, &d);
	if (ok && *p == '\0') {
		ok = p - date == 10;
	} else if (ok) {
		ok = (*p == 'T' || *p == ' ') && (p++, read_digits(&p, 1, 2, &h)) &&
			*p++ == ':' && read_digits(&p, 1, 2, &mi) && *p++ == ':' &&
			read_digits(&p, 1, 2, &sec);
		if (ok && (*p == 'Z' || *p == 'z')) {
			p++;
		} else if (ok && (*p == '+' || *p == '-')) {
			sign = *p++;
			ok = read_digits(&p, 1, 2, &off_h) && (*p != ':' || *p++ == ':') &&
				read_digits(&p, 1, 2, &off_m);
		}
		while (ok && *p == ' ') {
			p++;
		}
		ok = ok && *p == '\0';
	}
	if (!ok || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
			y < 1970) {
		xm_lower_err_node(lw, n, "bad-timestamp", "write '2026-01-01 03:00:00+0000' or "
			"'2026-01-01T03:00:00Z'", "not a timestamp");
		return NULL;
	}
	/* 2026-01-01 03:00:00+0000 */
	char out[25], *o = out;
	o = put_digits(o, y, 4);
	*o++ = '-';
	o = put_digits(o, mo, 2);
	*o++ = '-';
	o = put_digits(o, d, 2);
	*o++ = ' ';
	o = put_digits(o, h, 2);
	*o++ = ':';
	o = put_digits(o, mi, 2);
	*o++ = ':';
	o = put_digits(o, sec, 2);
	*o++ = sign;
	o = put_digits(o, off_h, 2);
	o = put_digits(o, off_m, 2);
	*o = '\0';
	return xm_lower_dup(lw, out);
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
	xm_lower_err_node(lw, n, "bad-argument", "give seconds (86400) or 'minutely', 'hourly', "
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
			if (!xm_lower_check_keys(lw, e, keys, "schedule")) {
				continue;
			}
			const struct xm_sdk_node *s = xm_lower_prop(e, "startsOn")
					? xm_lower_prop(e, "startsOn")
					: xm_lower_prop(e, "starts_on");
			if (!s) {
				xm_lower_err_node(lw, e, "missing-option",
						"add startsOn: '2026-01-01 03:00:00+0000'",
						"a schedule needs a start");
				continue;
			}
			o = schedule_entry(lw, s,
					xm_lower_prop(e, "freq") ? xm_lower_prop(e, "freq")
								 : xm_lower_prop(e, "frequency"),
					xm_lower_prop(e, "endsOn") ? xm_lower_prop(e, "endsOn")
								   : xm_lower_prop(e, "ends_on"));
		} else {
			o = schedule_entry(lw, e, xm_lower_arg(c, 1), xm_lower_arg(c, 2));
		}
		if (o) {
			xm_xs_add_item(arr, o);
		}
	}
}

static bool index_op(struct lw *lw, const struct xm_sdk_node *n, const char *op)
{
	return xm_lower_in_set(lw, n, XM_XS_SET_INDEX_OP, op, "an index op");
}

static struct xm_xs_node *index_entry(struct lw *lw, const struct xm_sdk_call *c)
{
	static const char *const types[] = {
		"primary", "btree", "btree|unique", "unique", "gin", "search", "vector", NULL,
	};
	const char *type = xm_lower_want_string(lw, c->args[0], "the index type");
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
		snprintf(sugg, sizeof(sugg),
				g ? "did you mean '%s'?"
				  : "write 'primary', 'btree', 'btree|unique', 'gin', "
				    "'search' or 'vector'",
				g);
		xm_lower_err_node(lw, c->args[0], "bad-argument", sugg, "unknown index type");
		return NULL;
	}
	if (strcmp(type, "unique") == 0) {
		type = "btree|unique";
	}
	struct xm_xs_node *o = xm_xs_new_object(lw->arena);
	xm_xs_object_add(lw->arena, o, "type", false, xm_lower_str(lw, type));
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
			if (!xm_lower_check_keys(lw, e, keys, "an index field") ||
					!xm_lower_prop(e, "name")) {
				continue;
			}
			xm_xs_object_add(lw->arena, fo, "name", false,
					xm_lower_value(lw, xm_lower_prop(e, "name"), TEXT));
			if (xm_lower_prop(e, "op")) {
				const char *op = xm_lower_want_string(
						lw, xm_lower_prop(e, "op"), "an index op");
				if (!op || !index_op(lw, xm_lower_prop(e, "op"), op)) {
					continue;
				}
				xm_xs_object_add(lw->arena, fo, "op", false, xm_lower_str(lw, op));
			}
		} else {
			/* 'created_at' or 'created_at desc' */
			const char *s = xm_lower_want_string(lw, e, "an index field");
			if (!s) {
				continue;
			}
			const char *sp = strchr(s, ' ');
			xm_xs_object_add(lw->arena, fo, "name", false,
				xm_lower_string_node(lw, s, sp ? (size_t)(sp - s) : strlen(s)));
			if (sp) {
				if (!index_op(lw, e, sp + 1)) {
					continue;
				}
				xm_xs_object_add(lw->arena, fo, "op", false,
						xm_lower_str(lw, sp + 1));
			} else if (strncmp(type, "btree", 5) == 0) {
				xm_xs_object_add(lw->arena, fo, "op", false,
						xm_lower_str(lw, "asc"));
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
		xm_lower_err_node(lw, n, "bad-argument", "write true or false",
				"expected true or false");
		return NULL;
	}
	return xm_lower_value(lw, n, TEXT);
}

/* Records that a single-valued clause is set; false (and an error) twice. */
static bool once(struct lw *lw, const struct xm_sdk_call *c, const struct xm_sdk_call **slot)
{
	if (*slot) {
		xm_lower_err(lw, c->line, c->col, c->col + (unsigned)strlen(c->method->name),
				"duplicate", "keep one", "`%s` is already set on line %u",
				c->method->name, (*slot)->line);
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
	if (n->kind == XM_XS_VAR && n->name[0] == 'i' && strcmp(n->name, "input") == 0 &&
			n->items.first && n->items.first->kind == XM_XS_MEMBER) {
		const char *field = n->items.first->name;
		bool found = false;
		for (xm_xs_each(d, &lw->inputs->items)) {
			if (d->kind == XM_XS_DECL && strcmp(d->name, field) == 0) {
				found = true;
				break;
			}
		}
		if (!found) {
			char sugg[128];
			snprintf(sugg, sizeof(sugg), "declare it: .input('%.60s', 'text')", field);
			/* The operand itself when the expression parser placed it. */
			if (n->line) {
				line = n->line;
				col = n->col;
			}
			unsigned end = col + (unsigned)(sizeof("$input.") - 1 + strlen(field));
			xm_lower_err(lw, line, col, end, "unknown-input", sugg,
				"`$input.%s` is not an input of this %s", field,
				lw->root->ctx == XM_SDK_CTX_QUERY ? "endpoint" : "function");
		}
	}
	if (n->kind == XM_XS_STMT || n->kind == XM_XS_DECL || n->kind == XM_XS_ATTR) {
		line = n->line ? n->line : line;
		col = n->line ? n->col : col;
	}
	/* The walk visits every node of the tree, and most links are
	 * empty: test them here rather than in a call. */
	if (n->target) {
		check_inputs(lw, n->target, line, col);
	}
	if (n->arg) {
		check_inputs(lw, n->arg, line, col);
	}
	if (n->value) {
		check_inputs(lw, n->value, line, col);
	}
	if (n->rhs) {
		check_inputs(lw, n->rhs, line, col);
	}
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
		xm_lower_at(a, c->line, c->col);
	}
	return xm_xs_add_item(construct, a);
}

static const char *verb(struct lw *lw, const struct xm_sdk_node *n)
{
	static const char *const verbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE", NULL};
	const char *v = xm_lower_want_string(lw, n, "the verb");
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
				if (strcmp(v, up) != 0) {
					xm_sdk_fix_or_error(lw->fixes, lw->diags, n->line, n->col,
						n->end_col, "lower-case-verb",
						"write it in capitals",
						"upper-cased the verb `%s`", v);
				}
				return verbs[i];
			}
		}
	}
	const char *g = xm_suggest(v, verbs, 5);
	char sugg[80];
	snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
		"write 'GET', 'POST', 'PUT', 'PATCH' or 'DELETE'", g);
	xm_lower_err_node(lw, n, "bad-verb", sugg, "not an HTTP verb XanoScript accepts");
	return NULL;
}

/* Path parameters `{name}` must be declared as inputs. */
static void check_path(struct lw *lw, const char *path, const struct xm_sdk_node *at_node)
{
	for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		if (!e) {
			xm_lower_err_node(lw, at_node, "bad-path", "close it with `}`",
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
			xm_lower_err_node(lw, at_node, "missing-input", sugg, msg);
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
	const char *name = xm_lower_want_string(&lw, root->args[0], "the name");
	if (!name) {
		return NULL;
	}
	const struct xm_sdk_node *name_node = root->args[0];
	if (name[0] == '/' && (kind == XM_SDK_M_CREATE || kind == XM_SDK_M_CREATE_FUNCTION)) {
		xm_sdk_fix_or_error(fixes, diags, name_node->line, name_node->col,
			name_node->end_col, "leading-slash", "drop the leading `/`",
			"removed the leading `/` of `%s`", name);
		name++;
	}
	if (!name[0]) {
		xm_lower_err_node(&lw, name_node, "bad-argument", NULL, "the name is empty");
		return NULL;
	}
	struct xm_xs_node *construct = xm_xs_new_construct(arena, keywords[kind],
		xm_lower_str(&lw, name));
	xm_lower_at(construct, root->line, root->col);
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
	struct xm_xs_node *inputs = xm_lower_at(xm_xs_new_block(arena,
		kind == XM_SDK_M_CREATE_TABLE ? "schema" : "input"), root->line, root->col);
	struct xm_xs_node *stack =
			xm_lower_at(xm_xs_new_block(arena, "stack"), root->line, root->col);
	struct xm_xs_node *sched = xm_xs_new_array(arena);
	struct xm_xs_node *indexes = xm_xs_new_array(arena);
	indexes->flags |= XM_XS_F_MULTILINE;
	const struct xm_sdk_call *first_sched = NULL, *first_index = NULL;
	lw.inputs = inputs;
	for (const struct xm_sdk_call *c = root->first; c; c = c->next) {
		switch (c->method->id) {
		case XM_SDK_M_INPUT:
		case XM_SDK_M_COLUMN: {
			struct xm_xs_node *d =
					xm_lower_decl(&lw, c, c->method->id == XM_SDK_M_COLUMN);
			if (!d) {
				break;
			}
			for (xm_xs_each(o, &inputs->items)) {
				if (strcmp(o->name, d->name) == 0) {
					xm_lower_err(&lw, c->line, c->col, c->col + 5, "duplicate",
							"rename one", "`%s` is declared twice",
							d->name);
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
				/* Each entry prints on a line of its own: the source
				 * map points it at its own call. */
				xm_xs_add_item(indexes, xm_lower_at(e, c->line, c->col));
			}
			break;
		}
		default:
			break;
		}
	}
	if (auth && kind == XM_SDK_M_CREATE) {
		lw.auth_table = auth->nargs
				? xm_lower_want_name(&lw, auth->args[0], "the auth table", false)
				: "user";
	}
	xm_lower_stmts(&lw, root, stack);

	if (group) {
		const char *g = xm_lower_want_string(&lw, group->args[0], "the API group");
		add_attr(&lw, construct, "api_group", g ? xm_lower_str(&lw, g) : NULL, group);
	}
	if (canonical) {
		const char *g = xm_lower_want_string(
				&lw, canonical->args[0], "the canonical name");
		add_attr(&lw, construct, "canonical", g ? xm_lower_str(&lw, g) : NULL, canonical);
	}
	if (auth && kind == XM_SDK_M_CREATE && lw.auth_table) {
		add_attr(&lw, construct, "auth", xm_lower_str(&lw, lw.auth_table), auth);
	} else if (auth && kind == XM_SDK_M_CREATE_TABLE) {
		const struct xm_sdk_node *f = xm_lower_arg(auth, 0);
		add_attr(&lw, construct, "auth", f ? flag(&lw, f) :
			xm_xs_new_ident(arena, "true"), auth);
	}
	if (description) {
		const char *d = xm_lower_want_string(&lw, description->args[0], "the description");
		add_attr(&lw, construct, "description", d ? xm_lower_str(&lw, d) : NULL,
				description);
	}
	if (active) {
		const struct xm_sdk_node *f = xm_lower_arg(active, 0);
		add_attr(&lw, construct, "active", f ? flag(&lw, f) :
			xm_xs_new_ident(arena, "true"), active);
	}
	if (tags) {
		struct xm_xs_node *arr;
		if (tags->nargs == 1 && tags->args[0]->kind == XM_SDK_ARRAY) {
			arr = xm_lower_string_array(&lw, tags->args[0], "tags");
		} else {
			arr = xm_xs_new_array(arena);
			for (size_t i = 0; i < tags->nargs; i++) {
				const char *t = xm_lower_want_string(&lw, tags->args[i], "a tag");
				if (t) {
					xm_xs_add_item(arr, xm_lower_str(&lw, t));
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
		add_attr(&lw, construct, "response",
				response ? xm_lower_value(&lw, response->args[0], TEXT)
					 : xm_xs_new_ident(arena, "null"),
				response);
		if (kind == XM_SDK_M_CREATE) {
			check_path(&lw, name, name_node);
		}
		check_inputs(&lw, construct, root->line, root->col);
		break;
	case XM_SDK_M_CREATE_TASK:
		xm_xs_add_item(construct, stack);
		if (sched->items.first) {
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
			struct xm_xs_node *id = xm_lower_at(
					xm_xs_new_decl(arena, "int", "id"), root->line, root->col);
			id->next = inputs->items.first;
			inputs->items.first = id;
			if (!inputs->items.last) {
				inputs->items.last = id;
			}
		}
		xm_xs_add_item(construct, inputs);
		bool has_primary = false;
		for (xm_xs_each(e, &indexes->items)) {
			struct xm_xs_node *t = e->items.first ? e->items.first->value : NULL;
			has_primary |= t && t->kind == XM_XS_STRING &&
					strcmp(t->text, "primary") == 0;
		}
		if (!has_primary) {
			struct xm_xs_node *o = xm_xs_new_object(arena);
			xm_xs_object_add(arena, o, "type", false, xm_lower_str(&lw, "primary"));
			struct xm_xs_node *f = xm_xs_new_array(arena);
			struct xm_xs_node *fo = xm_xs_new_object(arena);
			xm_xs_object_add(arena, fo, "name", false, xm_lower_str(&lw, "id"));
			xm_xs_add_item(f, fo);
			xm_xs_object_add(arena, o, "field", false, f);
			o->next = indexes->items.first;
			indexes->items.first = o;
			if (!indexes->items.last) {
				indexes->items.last = o;
			}
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

