#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/xs/catalog.h"
#include "xano-mcp/xs/validate.h"

/* Clauses or attributes of one block tracked for duplicates and presence. */
enum { MAX_SEEN = 64 };

struct ctx {
	struct xm_diags *diags;
	unsigned flags;
	/* The input block of the construct being checked (NULL: none). */
	const struct xm_xs_node *inputs;
	/* A `dblink` among the inputs: any input name may exist. */
	bool inputs_open;
};

/* The first byte rules out most pairs without a call to strcmp(). */
static bool same_name(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

/* ---- reporting ---- */

struct span {
	unsigned line, col, end_col;
};

/* The span of len bytes at node's start. */
static struct span at(const struct xm_xs_node *n, size_t len)
{
	struct span s = { n->line, n->col, n->col + (unsigned)len };
	return s;
}

/* The span of a node's name (statements, attributes, clauses). */
static struct span at_name(const struct xm_xs_node *n)
{
	return at(n, n->name ? strlen(n->name) + ((n->flags & XM_XS_F_DISABLED) ? 1 : 0) : 1);
}

/* The whole node when it fits on its first line, else its first byte. */
static struct span at_node(const struct xm_xs_node *n)
{
	struct span s = { n->line, n->col, n->col + 1 };
	if (n->end_line == n->line && n->end_col > n->col) {
		s.end_col = n->end_col;
	}
	return s;
}

static void report(struct ctx *c, enum xm_severity sev, struct span s, const char *code,
		const char *suggestion, const char *fmt, ...)
	__attribute__((cold, format(printf, 6, 7)));

static void report(struct ctx *c, enum xm_severity sev, struct span s, const char *code,
		const char *suggestion, const char *fmt, ...)
{
	struct xm_buf msg = XM_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	xm_diags_add(c->diags, sev, s.line, s.col, s.end_col, code, suggestion, "%s",
		xm_buf_str(&msg));
	xm_buf_finish(&msg);
}

/* "did you mean `NAME`?" in buf; NULL when name is NULL (nothing close). */
static const char *did_you_mean(char *buf, size_t size, const char *name)
{
	if (!name) {
		return NULL;
	}
	snprintf(buf, size, "did you mean `%s`?", name);
	return buf;
}

/* ---- values ---- */

/* The literal at the root of an expression: `[]|push:1` is an array. */
static const struct xm_xs_node *root_literal(const struct xm_xs_node *v)
{
	while (v && (v->kind == XM_XS_FILTER || v->kind == XM_XS_PAREN)) {
		v = v->value;
	}
	return v;
}

static bool is_word(const struct xm_xs_node *v, const char *word)
{
	return v && v->kind == XM_XS_IDENT && v->name && strcmp(v->name, word) == 0;
}

static unsigned value_kind(const struct xm_xs_node *v)
{
	if (!v) {
		return 0;
	}
	switch (v->kind) {
	case XM_XS_STRING:
		return XM_XS_VK_STRING;
	case XM_XS_NUMBER:
		return XM_XS_VK_NUMBER;
	case XM_XS_OBJECT:
		return XM_XS_VK_OBJECT;
	case XM_XS_ARRAY:
		return XM_XS_VK_ARRAY;
	case XM_XS_IDENT:
		return is_word(v, "true") || is_word(v, "false") ? XM_XS_VK_BOOL : 0;
	case XM_XS_UNARY:
		return v->op == XM_XS_OP_NEG && v->value && v->value->kind == XM_XS_NUMBER ?
			XM_XS_VK_NUMBER : 0;
	default:
		return 0;
	}
}

static const char *kinds_text(unsigned kinds)
{
	if (kinds & XM_XS_VK_OBJECT) {
		return kinds & XM_XS_VK_ARRAY ? "an object or array literal" :
			"an object literal such as `{key: $value}`";
	}
	if (kinds & XM_XS_VK_ARRAY) {
		return "an array literal such as `[\"a\", \"b\"]`";
	}
	if (kinds & XM_XS_VK_STRING) {
		return kinds & XM_XS_VK_NUMBER ? "a string or a number" : "a string literal";
	}
	if (kinds & XM_XS_VK_BOOL) {
		return "`true` or `false`";
	}
	if (kinds & XM_XS_VK_NUMBER) {
		return "a number";
	}
	return "a value";
}

/*
 * Whether v fits kinds. Objects and arrays may be built with filters
 * (`{}|set:"a":1`); strings, numbers and booleans must be literals.
 */
static bool kind_fits(const struct xm_xs_node *v, unsigned kinds)
{
	if (!v || v->kind == XM_XS_ERROR || (kinds & (XM_XS_VK_EXPR | XM_XS_VK_QUERY))) {
		return true;
	}
	unsigned k = value_kind(v);
	if (k & kinds) {
		return true;
	}
	k = value_kind(root_literal(v));
	return (k & kinds & (XM_XS_VK_OBJECT | XM_XS_VK_ARRAY)) != 0;
}

/* Text of a literal for set membership; NULL when v is not a literal. */
static const char *literal_text(const struct xm_xs_node *v, bool *is_string)
{
	if (!v) {
		return NULL;
	}
	*is_string = v->kind == XM_XS_STRING;
	if (v->kind == XM_XS_STRING || v->kind == XM_XS_NUMBER) {
		return v->text;
	}
	if (v->kind == XM_XS_IDENT) {
		return v->name;
	}
	return NULL;
}

/* The report of a value text (of node v) outside a closed set; what is the
 * subject of the message. */
__attribute__((cold))
static void report_set(struct ctx *c, const struct xm_xs_node *v, enum xm_xs_set set,
		const char *what, const char *text)
{
	/* error_type and duplicates are open-ended in the engine: warn. */
	enum xm_severity sev = set == XM_XS_SET_ERROR_TYPE || set == XM_XS_SET_DUPLICATES ?
		XM_SEV_WARNING : XM_SEV_ERROR;
	size_t n;
	const char *const *values = xm_xs_catalog_set_values(set, &n);
	const char *close = xm_suggest(text, values, n);
	char sugg[256];
	if (close && set == XM_XS_SET_HISTORY && (same_name(close, "inherit") ||
			same_name(close, "all"))) {
		snprintf(sugg, sizeof(sugg), "write `\"%s\"`", close);
	} else if (close && (set == XM_XS_SET_HISTORY || set == XM_XS_SET_VERB)) {
		snprintf(sugg, sizeof(sugg), "write `%s`", close);
	} else if (close) {
		snprintf(sugg, sizeof(sugg), "write `\"%s\"`", close);
	} else {
		snprintf(sugg, sizeof(sugg), "use one of %s", xm_xs_catalog_set_text(set));
	}
	report(c, sev, at_node(v), "bad-value", sugg, "`%s` is not a valid %s; "
		"it must be %s", text, what, xm_xs_catalog_set_text(set));
}

/* The literal text of v when it is not in the closed set, else NULL. */
static const char *outside_set(const struct xm_xs_node *v, enum xm_xs_set set)
{
	bool is_string = false;
	const char *text = literal_text(v, &is_string);
	return text && !xm_xs_catalog_set_has(set, text, is_string) ? text : NULL;
}

/* Checks a value against a closed set; reports with what as the subject. */
static void check_set(struct ctx *c, const struct xm_xs_node *v, enum xm_xs_set set,
		const char *what)
{
	const char *text = outside_set(v, set);
	if (text) {
		report_set(c, v, set, what, text);
	}
}

/* check_set() for the value of attribute attr: the subject, "`attr`
 * value", is spelled out only when there is something to report. */
static void check_attr_set(struct ctx *c, const struct xm_xs_node *v, enum xm_xs_set set,
		const char *attr)
{
	const char *text = outside_set(v, set);
	if (text) {
		char what[96];
		snprintf(what, sizeof(what), "`%s` value", attr);
		report_set(c, v, set, what, text);
	}
}

/* ---- expressions ---- */

static void check_expr(struct ctx *c, const struct xm_xs_node *e, bool query);

/* Where the name of a filter starts: after the operand and `|`. */
static struct span filter_name_span(const struct xm_xs_node *f)
{
	size_t len = strlen(f->name);
	struct span s = { f->end_line, 0, 0 };
	if (f->args.first && f->args.first->line) {
		s.line = f->args.first->line;
		s.col = f->args.first->col > len + 1 ? f->args.first->col - 1 - (unsigned)len : 1;
	} else {
		s.col = f->end_col > len ? f->end_col - (unsigned)len : 1;
	}
	if (!s.line) {
		s.line = f->line;
		s.col = f->col;
	}
	s.end_col = s.col + (unsigned)len;
	return s;
}

static void check_filter(struct ctx *c, const struct xm_xs_node *f, bool query)
{
	const char *name = f->name;
	if (!name || !*name) {
		return; /* the parser reported it */
	}
	if (xm_xs_catalog_filter(name) || (query && xm_xs_catalog_column_filter(name))) {
		return;
	}
	const char *fix = xm_xs_catalog_filter_fix(name);
	char sugg[160];
	const char *suggestion = sugg;
	if (fix) {
		snprintf(sugg, sizeof(sugg), "XanoScript spells it %s", fix);
	} else if (xm_xs_catalog_column_filter(name)) {
		snprintf(sugg, sizeof(sugg), "`%s` only works on `$db` columns inside a `where`",
			name);
	} else {
		/* NULL when nothing is close (sugg is then left unwritten). */
		suggestion = did_you_mean(sugg, sizeof(sugg), xm_xs_catalog_suggest_filter(name));
	}
	report(c, XM_SEV_ERROR, filter_name_span(f), "unknown-filter", suggestion,
		"`%s` is not a XanoScript filter", name);
}

static void check_object(struct ctx *c, const struct xm_xs_node *o, bool query)
{
	/* Objects are small; quadratic duplicate search stays cheap and allocation-free. */
	for (const struct xm_xs_node *p = o->items.first; p; p = p->next) {
		for (const struct xm_xs_node *q = o->items.first; q != p; q = q->next) {
			if (p->name && q->name && strcmp(p->name, q->name) == 0) {
				char sugg[160];
				snprintf(sugg, sizeof(sugg), "remove one of the two `%s` keys",
					p->name);
				size_t quotes = (p->flags & XM_XS_F_QUOTED) ? 2 : 0;
				size_t len = strlen(p->name) + quotes;
				report(c, XM_SEV_ERROR, at(p, len), "duplicate-key", sugg,
					"the key `%s` appears twice in this object "
					"(first on line %u)", p->name, q->line);
				break;
			}
		}
		check_expr(c, p->value, query);
	}
}

/* `$input.x` without an input `x`. */
static void check_var(struct ctx *c, const struct xm_xs_node *v)
{
	if (!c->inputs || c->inputs_open || !v->name || !same_name(v->name, "input")) {
		return;
	}
	const struct xm_xs_node *m = v->items.first;
	if (!m || m->kind != XM_XS_MEMBER || !m->name) {
		return;
	}
	if (xm_xs_find_item(c->inputs, XM_XS_DECL, m->name)) {
		return;
	}
	char sugg[160];
	snprintf(sugg, sizeof(sugg), "declare it in `input`, for example `text %s?`", m->name);
	report(c, XM_SEV_WARNING, at_node(v), "unknown-input", sugg,
		"`$input.%s` reads an input that is not declared", m->name);
}

static void check_expr(struct ctx *c, const struct xm_xs_node *e, bool query)
{
	/* Iterate down the left spine (filter chains, binary chains) to
	 * keep recursion proportional to real nesting only. */
	while (e) {
		switch (e->kind) {
		case XM_XS_FILTER:
			check_filter(c, e, query);
			for (const struct xm_xs_node *a = e->args.first; a; a = a->next) {
				check_expr(c, a, query);
			}
			e = e->value;
			continue;
		case XM_XS_BINARY:
			if (e->op == XM_XS_OP_MOD && (c->flags & XM_XS_VALIDATE_LS11)) {
				report(c, XM_SEV_WARNING, at_node(e), "ls11-only",
					"write `$a|modulus:$b`",
					"Xano 11.x has no `%%` operator");
			}
			check_expr(c, e->rhs, query);
			e = e->value;
			continue;
		case XM_XS_TERNARY:
			check_expr(c, e->arg, query);
			check_expr(c, e->rhs, query);
			e = e->value;
			continue;
		case XM_XS_UNARY:
			if (e->op == XM_XS_OP_NOT && (c->flags & XM_XS_VALIDATE_LS11)) {
				report(c, XM_SEV_WARNING, at(e, 1), "ls11-only",
					"compare instead: `$x == false`",
					"Xano 11.x has no unary `!`");
			}
			e = e->value;
			continue;
		case XM_XS_PAREN:
		case XM_XS_CAST:
			e = e->value;
			continue;
		case XM_XS_OBJECT:
			check_object(c, e, query);
			return;
		case XM_XS_ARRAY:
			for (const struct xm_xs_node *a = e->items.first; a; a = a->next) {
				check_expr(c, a, query);
			}
			return;
		case XM_XS_VAR:
			check_var(c, e);
			for (const struct xm_xs_node *m = e->items.first; m; m = m->next) {
				if (m->kind == XM_XS_INDEX) {
					check_expr(c, m->arg, query);
				}
			}
			return;
		default:
			return;
		}
	}
}

/* ---- attributes shared by statements and constructs ---- */

/* Special value rules of particular attributes (sort, return, join, index). */
static void check_attr_value(struct ctx *c, const char *owner, const struct xm_xs_node *a,
		const struct xm_xs_attr_spec *spec)
{
	const struct xm_xs_node *v = a->value;
	bool is_string;
	/* A bare word where a set value is expected: the set check explains better. */
	bool set_literal = spec->set != XM_XS_SET_NONE && spec->set != XM_XS_SET_SORT &&
		literal_text(v, &is_string) != NULL;
	if (!set_literal && !kind_fits(v, spec->kinds)) {
		char sugg[200];
		snprintf(sugg, sizeof(sugg), "write %s", kinds_text(spec->kinds));
		report(c, XM_SEV_ERROR, at_node(v), "wrong-value-kind", sugg,
			"`%s` of `%s` must be %s", a->name, owner, kinds_text(spec->kinds));
		return;
	}
	if (!v || v->kind == XM_XS_ERROR) {
		return;
	}
	if (spec->set == XM_XS_SET_SORT) {
		/* `sort = {col: "asc"}` or a list of such objects. */
		const struct xm_xs_node *one = v->kind == XM_XS_OBJECT ? v : NULL;
		const struct xm_xs_node *list = v->kind == XM_XS_ARRAY ? v->items.first : one;
		for (const struct xm_xs_node *o = list; o; o = one ? NULL : o->next) {
			if (o->kind != XM_XS_OBJECT) {
				continue;
			}
			for (const struct xm_xs_node *p = o->items.first; p; p = p->next) {
				check_set(c, p->value, XM_XS_SET_SORT, "sort order");
			}
		}
	} else if (spec->set != XM_XS_SET_NONE) {
		check_attr_set(c, v, (enum xm_xs_set)spec->set, a->name);
	}
	if (same_name(a->name, "return") && v->kind == XM_XS_OBJECT) {
		const struct xm_xs_node *type = xm_xs_find_item(v, XM_XS_PAIR, "type");
		if (type) {
			check_set(c, type->value, XM_XS_SET_RETURN_TYPE, "`return.type`");
		}
	}
	if (same_name(a->name, "join") && v->kind == XM_XS_OBJECT) {
		for (const struct xm_xs_node *p = v->items.first; p; p = p->next) {
			const struct xm_xs_node *j = p->value;
			const struct xm_xs_node *type = j && j->kind == XM_XS_OBJECT ?
				xm_xs_find_item(j, XM_XS_PAIR, "type") : NULL;
			if (type) {
				check_set(c, type->value, XM_XS_SET_JOIN_TYPE, "join type");
			}
		}
	}
	if (same_name(a->name, "index") && same_name(owner, "table") &&
			v->kind == XM_XS_ARRAY) {
		for (const struct xm_xs_node *i = v->items.first; i; i = i->next) {
			if (i->kind != XM_XS_OBJECT) {
				continue;
			}
			const struct xm_xs_node *type = xm_xs_find_item(i, XM_XS_PAIR, "type");
			if (type) {
				check_set(c, type->value, XM_XS_SET_INDEX_TYPE, "index type");
			}
			const struct xm_xs_node *fields = xm_xs_find_item(i, XM_XS_PAIR, "field");
			if (fields && fields->value && fields->value->kind == XM_XS_ARRAY) {
				for (const struct xm_xs_node *f = fields->value->items.first; f;
						f = f->next) {
					const struct xm_xs_node *op = f->kind == XM_XS_OBJECT ?
						xm_xs_find_item(f, XM_XS_PAIR, "op") : NULL;
					if (op) {
						check_set(c, op->value, XM_XS_SET_INDEX_OP,
							"index op");
					}
				}
			}
		}
	}
}

/* Names already seen in one block, to find duplicates. */
struct seen {
	const struct xm_xs_node *items[MAX_SEEN];
	size_t n;
};


/* The earlier item with the same name, or NULL (and remember this one). */
static const struct xm_xs_node *seen_before(struct seen *s, const struct xm_xs_node *n)
{
	for (size_t i = 0; i < s->n; i++) {
		if (same_name(s->items[i]->name, n->name)) {
			return s->items[i];
		}
	}
	if (s->n < MAX_SEEN) {
		s->items[s->n++] = n;
	}
	return NULL;
}

static bool seen_has(const struct seen *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++) {
		if (same_name(s->items[i]->name, name)) {
			return true;
		}
	}
	return false;
}

/* ---- declarations (input, schema) ---- */

static void check_decls(struct ctx *c, const struct xm_xs_node *block, bool in_table);

static void check_input_filters(struct ctx *c, const struct xm_xs_node *d,
		const struct xm_xs_type_spec *type)
{
	for (const struct xm_xs_node *f = d->args.first; f; f = f->next) {
		/* `@:dbo=36` links the input to a table column: not a filter. */
		if (!f->name || !*f->name || same_name(f->name, "@")) {
			continue;
		}
		char sugg[200];
		struct span s = at(f, strlen(f->name));
		if (!xm_xs_catalog_input_filter(f->name)) {
			const char *close = xm_xs_catalog_suggest_input_filter(f->name);
			report(c, XM_SEV_ERROR, s, "unknown-input-filter",
				did_you_mean(sugg, sizeof(sugg), close),
				"`%s` is not an input filter", f->name);
		} else if (type && !xm_xs_catalog_input_filter_allowed(type, f->name)) {
			if (type->filters && *type->filters) {
				snprintf(sugg, sizeof(sugg), "`%s` inputs take only: %s",
					type->name, type->filters);
			} else {
				snprintf(sugg, sizeof(sugg), "remove `filters=`: `%s` inputs "
					"take no filters", type->name);
			}
			report(c, XM_SEV_ERROR, s, "filter-not-allowed", sugg,
				"the input filter `%s` cannot be applied to a `%s` field", f->name,
				type->name);
		}
		for (const struct xm_xs_node *a = f->args.first; a; a = a->next) {
			if (a->kind == XM_XS_RAW) {
				snprintf(sugg, sizeof(sugg), "quote it: `%s:\"%s\"`", f->name,
					a->text);
				report(c, XM_SEV_ERROR, at(a, strlen(a->text)),
					"unquoted-filter-arg", sugg, "the argument of input "
					"filter `%s` must be a string, a number or a /regex/",
					f->name);
			}
		}
	}
}

static void check_meta(struct ctx *c, const struct xm_xs_node *d, const char *type)
{
	struct seen seen;
	seen.n = 0; /* the items are written before they are read */
	for (const struct xm_xs_node *m = d->items.first; m; m = m->next) {
		if (m->kind == XM_XS_COMMENT) {
			continue;
		}
		if (m->kind == XM_XS_BLOCK && m->name && same_name(m->name, "schema")) {
			if (!same_name(type, "object")) {
				report(c, XM_SEV_ERROR, at_name(m), "unexpected-schema",
					"make the field an `object`, or remove the block",
					"only `object` fields take a `schema` block, not `%s`",
					type);
			}
			seen_before(&seen, m);
			check_decls(c, m, false);
			continue;
		}
		if (m->kind != XM_XS_ATTR) {
			report(c, XM_SEV_ERROR, at_name(m), "unexpected-item",
				"write field metadata as `description = \"…\"`",
				"only metadata such as `description` or `table` may appear "
				"inside a field's block");
			continue;
		}
		const struct xm_xs_attr_spec *spec = xm_xs_catalog_decl_attr(m->name);
		if (!spec) {
			char sugg[160];
			report(c, XM_SEV_ERROR, at_name(m), "unknown-metadata",
				did_you_mean(sugg, sizeof(sugg),
					xm_xs_catalog_suggest_decl_attr(m->name)),
				"`%s` is not a field metadata attribute", m->name);
			continue;
		}
		const struct xm_xs_node *prev = seen_before(&seen, m);
		if (prev) {
			report(c, XM_SEV_ERROR, at_name(m), "duplicate-attribute",
				"remove one of them", "`%s` is set twice for this field (first on "
				"line %u)", m->name, prev->line);
		}
		const char *only = xm_xs_catalog_decl_attr_types(m->name);
		if (only && xm_xs_catalog_type(type) &&
				!xm_xs_catalog_decl_attr_fits(m->name, type)) {
			char sugg[160];
			snprintf(sugg, sizeof(sugg), "remove it: it applies to %s fields only",
				only);
			report(c, XM_SEV_ERROR, at_name(m), "metadata-not-allowed", sugg,
				"`%s` does not apply to a `%s` field", m->name, type);
		}
		check_attr_value(c, type, m, spec);
		check_expr(c, m->value, false);
	}
	if (same_name(type, "enum") && !seen_has(&seen, "values")) {
		report(c, XM_SEV_ERROR, at(d, strlen(type)), "enum-without-values",
			"add `values = [\"a\", \"b\"]` in its block",
			"the enum `%s` has no `values`", d->name ? d->name : "");
	}
	if (same_name(type, "object") && !seen_has(&seen, "schema")) {
		/* The engine's schema requires it, even where the newer editor
		 * parser lets `object[] items { description = "…" }` through. */
		report(c, XM_SEV_ERROR, at(d, strlen(type)), "object-without-schema",
			"add a `schema { … }` block, or use `json` for free-form data",
			"the object `%s` has no `schema`", d->name ? d->name : "");
	}
}

static void check_dblink(struct ctx *c, const struct xm_xs_node *b)
{
	bool table = false;
	for (const struct xm_xs_node *m = b->items.first; m; m = m->next) {
		if (m->kind == XM_XS_ATTR && same_name(m->name, "table")) {
			table = true;
		} else if (m->kind == XM_XS_ATTR && !same_name(m->name, "override")) {
			report(c, XM_SEV_ERROR, at_name(m), "unknown-metadata",
				"`dblink` takes `table` and `override`",
				"`%s` is not allowed in a `dblink` block", m->name);
		}
	}
	if (!table) {
		report(c, XM_SEV_ERROR, at_name(b), "missing-attribute",
			"add `table = \"name\"`", "`dblink` needs the `table` it links to");
	}
}

static void check_decl(struct ctx *c, const struct xm_xs_node *d, bool in_table)
{
	const char *tname = d->text ? d->text : "";
	const struct xm_xs_type_spec *type = xm_xs_catalog_type(tname);
	if (!type) {
		/* A known foreign name first (`string`), then a misspelt
		 * XanoScript type (`txt`), then a misspelt foreign name
		 * (`strng`): the last is far from every XanoScript type. */
		char sugg[200];
		const char *fix = xm_xs_catalog_type_fix(tname);
		const char *close = fix ? NULL : xm_xs_catalog_suggest_type(tname);
		if (!fix && !close) {
			fix = xm_xs_catalog_suggest_type_fix(tname);
		}
		if (fix) {
			snprintf(sugg, sizeof(sugg), "write %s", fix);
		} else {
			did_you_mean(sugg, sizeof(sugg), close);
		}
		report(c, XM_SEV_ERROR, at(d, strlen(tname)), "unknown-type",
			fix || close ? sugg : NULL, "`%s` is not a XanoScript type", tname);
	} else {
		if (in_table && (type->flags & XM_XS_T_INPUT_ONLY)) {
			report(c, XM_SEV_ERROR, at(d, strlen(tname)), "input-only-type",
				"use `attachment`, `image`, `video` or `audio` for stored files",
				"`%s` is an input type and cannot be a table column", tname);
		}
		if ((type->flags & XM_XS_T_NO_NULLABLE) && (d->flags & XM_XS_F_NULLABLE)) {
			/* Only the 11.x parser rejects it; newer ones accept it. */
			report(c, XM_SEV_WARNING, at(d, strlen(tname) + 1), "nullable-object",
				"drop the `?` after `object` (`object name?` makes it optional)",
				"Xano 11.x rejects a nullable `object` field");
		}
	}
	check_input_filters(c, d, type);
	if (d->value) {
		check_expr(c, d->value, false);
	}
	check_meta(c, d, type ? type->name : tname);
}

static void check_decls(struct ctx *c, const struct xm_xs_node *block, bool in_table)
{
	for (const struct xm_xs_node *d = block->items.first; d; d = d->next) {
		if (d->kind == XM_XS_DECL) {
			for (const struct xm_xs_node *e = block->items.first; e != d;
					e = e->next) {
				if (e->kind == XM_XS_DECL && e->name && d->name &&
						strcmp(e->name, d->name) == 0) {
					report(c, XM_SEV_ERROR, at_node(d), "duplicate-field",
						"rename or remove one of them",
						"the field `%s` is declared twice "
						"(first on line %u)", d->name, e->line);
					break;
				}
			}
			check_decl(c, d, in_table);
		} else if (d->kind == XM_XS_BLOCK && d->name && same_name(d->name, "dblink")) {
			check_dblink(c, d);
		}
	}
}

/* ---- statements ---- */

static void check_stmts(struct ctx *c, const struct xm_xs_node *body,
		const struct xm_xs_node *parent, const struct xm_xs_stmt_spec *pspec);
static void check_test_body(struct ctx *c, const struct xm_xs_node *block);

/* What to suggest for an unknown statement. */
static const char *stmt_suggestion(const char *name, char *buf, size_t size)
{
	const char *fix = xm_xs_catalog_stmt_fix(name);
	return fix ? fix : did_you_mean(buf, size, xm_xs_catalog_suggest_stmt(name));
}

static void check_binding(struct ctx *c, const struct xm_xs_node *var, const char *how)
{
	if (!var || var->kind != XM_XS_VAR || !var->name || var->items.first) {
		return;
	}
	if (xm_xs_catalog_reserved_var(var->name)) {
		char sugg[160];
		snprintf(sugg, sizeof(sugg), "choose another name, such as `$%s_value`",
			var->name);
		report(c, XM_SEV_ERROR, at(var, strlen(var->name) + 1), "reserved-variable", sugg,
			"`$%s` is reserved and cannot be %s", var->name, how);
	}
}

static const char *parents_text(const char *parents, char *buf, size_t size)
{
	/* "foreach for while" -> "`foreach`, `for` or `while`" */
	struct xm_buf b = XM_BUF_INIT;
	const char *p = parents;
	size_t count = 0;
	for (const char *q = p; *q; q++) {
		count += *q == ' ';
	}
	size_t i = 0;
	while (*p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (i > 0) {
			xm_buf_adds(&b, i == count ? " or " : ", ");
		}
		xm_buf_addf(&b, "`%.*s`", (int)len, p);
		i++;
		p += len + (end ? 1 : 0);
	}
	snprintf(buf, size, "%s", xm_buf_str(&b));
	xm_buf_finish(&b);
	return buf;
}

static void check_stmt_attrs(struct ctx *c, const struct xm_xs_node *s,
		const struct xm_xs_stmt_spec *spec)
{
	struct seen seen;
	seen.n = 0; /* the items are written before they are read */
	bool open = spec->flags & XM_XS_S_OPEN;
	for (const struct xm_xs_node *a = s->items.first; a; a = a->next) {
		if (a->kind == XM_XS_COMMENT) {
			continue;
		}
		if (a->kind == XM_XS_STMT) {
			const struct xm_xs_attr_spec *bs = xm_xs_catalog_stmt_attr(spec, a->name);
			if (bs && (bs->kinds & XM_XS_VK_BLOCK)) {
				seen_before(&seen, a);
				check_stmts(c, a, a, xm_xs_catalog_stmt(a->name));
				continue;
			}
			if (open) {
				continue;
			}
			report(c, XM_SEV_ERROR, at_name(a), "unexpected-statement",
				"statements go in a `stack`, not in an attribute block",
				"`%s` cannot appear inside the attributes of `%s`", a->name,
				spec->name);
			continue;
		}
		if (a->kind != XM_XS_ATTR) {
			continue;
		}
		const struct xm_xs_attr_spec *as = xm_xs_catalog_stmt_attr(spec, a->name);
		if (!as && !open) {
			char sugg[200];
			const char *sg = xm_xs_catalog_attr_fix(spec->name, a->name);
			if (!sg) {
				sg = did_you_mean(sugg, sizeof(sugg),
					xm_xs_catalog_suggest_stmt_attr(spec, a->name));
			}
			report(c, XM_SEV_ERROR, at_name(a), "unknown-attribute", sg,
				"`%s` does not take the attribute `%s`", spec->name, a->name);
			check_expr(c, a->value, false);
			continue;
		}
		const struct xm_xs_node *prev = seen_before(&seen, a);
		if (prev && !(as && (as->flags & XM_XS_A_REPEAT))) {
			report(c, XM_SEV_ERROR, at_name(a), "duplicate-attribute",
				"remove one of them", "`%s` is set twice in `%s` "
				"(first on line %u)", a->name, spec->name, prev->line);
		}
		if (as) {
			check_attr_value(c, spec->name, a, as);
		}
		check_expr(c, a->value, as && (as->kinds & XM_XS_VK_QUERY));
	}
	if (open) {
		return;
	}
	for (size_t i = 0; i < spec->nattrs; i++) {
		const struct xm_xs_attr_spec *as = &spec->attrs[i];
		if ((as->flags & XM_XS_A_REQUIRED) && !seen_has(&seen, as->name)) {
			char sugg[160];
			if (as->kinds & XM_XS_VK_BLOCK) {
				snprintf(sugg, sizeof(sugg), "add a `%s { … }` block", as->name);
			} else {
				snprintf(sugg, sizeof(sugg), "add `%s = …`", as->name);
			}
			report(c, XM_SEV_ERROR, at_name(s), "missing-attribute", sugg,
				"`%s` requires `%s`", spec->name, as->name);
		}
	}
}

static void check_stmt(struct ctx *c, const struct xm_xs_node *s,
		const struct xm_xs_node *parent, const struct xm_xs_stmt_spec *pspec)
{
	const char *name = s->name ? s->name : "";
	const struct xm_xs_stmt_spec *spec = xm_xs_catalog_stmt(name);
	char sugg[200];
	if (!spec) {
		report(c, XM_SEV_ERROR, at_name(s), "unknown-statement",
			stmt_suggestion(name, sugg, sizeof(sugg)),
			"`%s` is not a XanoScript statement", name);
		/* Still look inside: its values may hold more mistakes. */
		for (const struct xm_xs_node *i = s->items.first; i; i = i->next) {
			if (i->kind == XM_XS_ATTR) {
				check_expr(c, i->value, false);
			} else if (i->kind == XM_XS_STMT) {
				check_stmt(c, i, s, NULL);
			}
		}
		return;
	}
	const char *pname = parent && parent->kind == XM_XS_STMT ? parent->name : NULL;
	if (!xm_xs_catalog_stmt_parent_ok(spec, pname)) {
		char where[120];
		parents_text(spec->parents, where, sizeof(where));
		snprintf(sugg, sizeof(sugg), "move it into %s", where);
		report(c, XM_SEV_ERROR, at_name(s), "misplaced-statement", sugg,
			"`%s` is only valid directly inside %s", name, where);
	}
	if (pspec && !xm_xs_catalog_stmt_child_ok(pspec, name)) {
		char what[120];
		snprintf(sugg, sizeof(sugg), "put it inside %s",
			parents_text(pspec->children, what, sizeof(what)));
		report(c, XM_SEV_ERROR, at_name(s), "unexpected-statement", sugg,
			"`%s` cannot appear directly inside `%s`", name, pspec->name);
	}
	if ((spec->flags & XM_XS_S_TARGET) && !s->target) {
		bool db = strncmp(name, "db.", 3) == 0;
		bool call = strncmp(name, "function.", 9) == 0 || same_name(name, "task.call");
		snprintf(sugg, sizeof(sugg), "write `%s %s`", name,
			db ? "\"table\"" : call ? "\"path/name\"" : "$name");
		report(c, XM_SEV_ERROR, at_name(s), "missing-target", sugg,
			"`%s` needs %s after it", name, db ? "a table name" :
			call ? "the name of what it calls" : "a variable");
	} else if (!(spec->flags & (XM_XS_S_TARGET | XM_XS_S_TARGET_OPT)) && s->target &&
			!(spec->flags & XM_XS_S_OPEN)) {
		report(c, XM_SEV_ERROR, at_node(s->target), "unexpected-target", "remove it",
			"`%s` does not take a name or variable after it", name);
	}
	if ((spec->flags & XM_XS_S_ARG) && !s->arg) {
		snprintf(sugg, sizeof(sugg), "write `%s (…)`", name);
		report(c, XM_SEV_ERROR, at_name(s), "missing-condition", sugg,
			"`%s` needs a parenthesised expression after it", name);
	} else if (s->arg && strncmp(name, "expect.", 7) != 0 &&
			!(spec->flags & (XM_XS_S_ARG | XM_XS_S_ARG_OPT | XM_XS_S_COND))) {
		report(c, XM_SEV_ERROR, at_node(s->arg), "unexpected-condition",
			"remove the parenthesised expression",
			"`%s` does not take a parenthesised expression", name);
	}
	if (s->as && !(spec->flags & XM_XS_S_AS)) {
		report(c, XM_SEV_ERROR, at_node(s->as), "unexpected-as", "remove `as …`",
			"`%s` does not produce a value to bind with `as`", name);
	}
	check_binding(c, s->as, "bound with `as`");
	if (same_name(name, "var")) {
		check_binding(c, s->target, "declared with `var`");
	}
	bool body = s->flags & XM_XS_F_BODY;
	if (body && (spec->flags & XM_XS_S_NO_BODY)) {
		report(c, XM_SEV_ERROR, at_name(s), "unexpected-body", "remove the block",
			"`%s` does not take a block", name);
	} else if (!body && (spec->flags & XM_XS_S_BODY_REQ)) {
		snprintf(sugg, sizeof(sugg), "write `%s {` on this line and `}` below it", name);
		report(c, XM_SEV_ERROR, at_name(s), "missing-body", sugg,
			"`%s` needs a block", name);
	}
	check_expr(c, s->target, false);
	check_expr(c, s->arg, false);
	check_expr(c, s->value, false);
	if (spec->body == XM_XS_BODY_STMTS) {
		check_stmts(c, s, s, spec);
	} else if (spec->body == XM_XS_BODY_ATTRS || body) {
		check_stmt_attrs(c, s, spec);
	}
}

/* The items of a statement body: statements (attributes are mistakes). */
static void check_stmts(struct ctx *c, const struct xm_xs_node *body,
		const struct xm_xs_node *parent, const struct xm_xs_stmt_spec *pspec)
{
	struct seen seen;
	seen.n = 0; /* the items are written before they are read */
	for (const struct xm_xs_node *i = body->items.first; i; i = i->next) {
		if (i->kind == XM_XS_STMT) {
			check_stmt(c, i, parent, pspec);
		} else if (i->kind == XM_XS_ATTR) {
			if (pspec && xm_xs_catalog_stmt_attr(pspec, i->name)) {
				const struct xm_xs_node *prev = seen_before(&seen, i);
				if (prev) {
					report(c, XM_SEV_ERROR, at_name(i), "duplicate-attribute",
						"remove one of them", "`%s` is set twice in `%s` "
						"(first on line %u)", i->name, pspec->name,
						prev->line);
				}
				check_expr(c, i->value, false);
				continue;
			}
			report(c, XM_SEV_ERROR, at_name(i), "unexpected-attribute",
				"attributes belong in a statement's block, "
				"e.g. `var $x { value = … }`",
				"`%s = …` cannot stand alone among statements", i->name);
			check_expr(c, i->value, false);
		}
	}
}

static void check_test_body(struct ctx *c, const struct xm_xs_node *block)
{
	for (const struct xm_xs_node *i = block->items.first; i; i = i->next) {
		if (i->kind == XM_XS_STMT) {
			check_stmt(c, i, block, NULL);
		} else if (i->kind == XM_XS_ATTR) {
			check_expr(c, i->value, false);
		}
	}
}

/* ---- constructs ---- */

/* Path parameters `{p}` in a query name without an input `p`. */
static void check_path_params(struct ctx *c, const struct xm_xs_node *con)
{
	const struct xm_xs_node *t = con->target;
	const char *path = t ? (t->kind == XM_XS_STRING ? t->text : t->name) : NULL;
	if (!path || c->inputs_open) {
		return;
	}
	for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		if (!end || end == p + 1 || end - p > 100) {
			continue;
		}
		char param[104];
		size_t len = (size_t)(end - p - 1); /* at most 99: see above */
		memcpy(param, p + 1, len);
		param[len] = '\0';
		if (c->inputs && xm_xs_find_item(c->inputs, XM_XS_DECL, param)) {
			continue;
		}
		char sugg[200];
		snprintf(sugg, sizeof(sugg), "declare it in `input`, for example `int %s`", param);
		report(c, XM_SEV_WARNING, at_node(t), "missing-path-input", sugg,
			"the path parameter `{%s}` has no matching input", param);
	}
}

static void check_block_body(struct ctx *c, const struct xm_xs_node *b, unsigned body,
		bool in_table)
{
	switch (body) {
	case XM_XS_BODY_DECLS:
		check_decls(c, b, in_table);
		break;
	case XM_XS_BODY_STMTS:
		check_stmts(c, b, NULL, NULL);
		break;
	case XM_XS_BODY_TEST:
		check_test_body(c, b);
		break;
	case XM_XS_BODY_ATTRS:
		for (const struct xm_xs_node *i = b->items.first; i; i = i->next) {
			if (i->kind == XM_XS_ATTR) {
				check_expr(c, i->value, false);
			}
		}
		break;
	default:
		break;
	}
}

/* For constructs without a clause list: the body implied by a block's name. */
static unsigned default_body(const char *name)
{
	if (same_name(name, "input") || same_name(name, "schema")) {
		return XM_XS_BODY_DECLS;
	}
	if (same_name(name, "stack")) {
		return XM_XS_BODY_STMTS;
	}
	if (same_name(name, "test")) {
		return XM_XS_BODY_TEST;
	}
	return XM_XS_BODY_ANY;
}

static void check_verb(struct ctx *c, const struct xm_xs_node *con)
{
	const struct xm_xs_node *verb = NULL;
	for (const struct xm_xs_node *a = con->args.first; a; a = a->next) {
		if (a->kind == XM_XS_ATTR && a->name && same_name(a->name, "verb")) {
			verb = a;
		} else if (a->kind == XM_XS_ATTR) {
			report(c, XM_SEV_ERROR, at_name(a), "unknown-clause", "only `verb=` goes "
				"on the header line", "`%s=` is not allowed after the query name",
				a->name);
		}
	}
	if (!verb) {
		report(c, XM_SEV_ERROR, at_name(con), "missing-verb",
			"add `verb=GET` (or POST, PUT, PATCH, DELETE) after the name",
			"a query needs an HTTP verb");
		return;
	}
	bool is_string = false;
	const char *text = literal_text(verb->value, &is_string);
	if (!text) {
		return;
	}
	if (is_string || !xm_xs_catalog_set_has(XM_XS_SET_VERB, text, false)) {
		char upper[16], sugg[64];
		size_t i = 0;
		for (; text[i] && i + 1 < sizeof(upper); i++) {
			char ch = text[i];
			upper[i] = (char)(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
		}
		upper[i] = '\0';
		size_t n;
		const char *const *verbs = xm_xs_catalog_set_values(XM_XS_SET_VERB, &n);
		const char *close = xm_xs_catalog_set_has(XM_XS_SET_VERB, upper, false) ? upper :
			xm_suggest(upper, verbs, n);
		if (close) {
			snprintf(sugg, sizeof(sugg), "write `verb=%s`", close);
		} else {
			snprintf(sugg, sizeof(sugg), "use GET, POST, PUT, PATCH or DELETE");
		}
		if (is_string && close) {
			report(c, XM_SEV_ERROR, at_node(verb->value), "bad-verb", sugg,
				"the verb is a bare word, not a string");
		} else {
			report(c, XM_SEV_ERROR, at_node(verb->value), "bad-verb", sugg,
				"`%s` is not an HTTP verb that Xano accepts", text);
		}
	}
}

/* Collects the input block and whether a dblink opens it. */
static void find_inputs(struct ctx *c, const struct xm_xs_node *con)
{
	c->inputs = NULL;
	c->inputs_open = false;
	for (const struct xm_xs_node *i = con->items.first; i; i = i->next) {
		if (i->kind == XM_XS_BLOCK && i->name && same_name(i->name, "input")) {
			c->inputs = i;
			for (const struct xm_xs_node *d = i->items.first; d; d = d->next) {
				if (d->kind == XM_XS_BLOCK) {
					c->inputs_open = true;
				}
			}
		}
	}
}

/* Clauses the current engine accepts and Xano 11.x rejects (reference §11). */
static void check_ls11_clause(struct ctx *c, const char *construct,
		const struct xm_xs_node *i)
{
	const char *why = NULL, *fix = NULL;
	if (same_name(i->name, "guid")) {
		why = "Xano 11.x rejects `guid`";
		fix = "omit it: Xano assigns it";
	} else if (same_name(construct, "query") && same_name(i->name, "api_group")) {
		why = "Xano 11.x rejects `api_group` inside a query";
		fix = "keep the query in its group's folder instead";
	} else if (same_name(construct, "task") && same_name(i->name, "schedule") &&
			i->kind == XM_XS_ATTR) {
		why = "Xano 11.x only knows the block form of `schedule`";
		fix = "write `schedule {` / `events = [ … ]` / `}` for 11.x";
	}
	if (why) {
		report(c, XM_SEV_WARNING, at_name(i), "ls11-only", fix, "%s", why);
	}
}

static void check_construct(struct ctx *c, const struct xm_xs_node *con)
{
	const char *name = con->name ? con->name : "";
	const struct xm_xs_construct_spec *spec = xm_xs_catalog_construct(name);
	char sugg[200];
	if (!spec) {
		const char *close = xm_xs_catalog_suggest_construct(name);
		report(c, XM_SEV_ERROR, at_name(con), "unknown-construct", close ?
			did_you_mean(sugg, sizeof(sugg), close) :
			"start with `query`, `function`, `table`, `task`, `api_group`, "
			"`middleware` or another construct",
			"`%s` is not a XanoScript construct", name);
	} else if ((spec->flags & XM_XS_C_NAME) && !con->target) {
		snprintf(sugg, sizeof(sugg), "write `%s \"name\" {`", name);
		report(c, XM_SEV_ERROR, at_name(con), "missing-name", sugg,
			"`%s` needs a name", name);
	}
	if (spec && (spec->flags & XM_XS_C_VERB)) {
		check_verb(c, con);
	}
	find_inputs(c, con);
	/* Inputs declared by the platform or hidden in a dblink: skip `$input` checks. */
	if (!spec || (spec->flags & XM_XS_C_OPEN)) {
		c->inputs_open = true;
	}
	bool open = !spec || (spec->flags & XM_XS_C_OPEN);
	bool in_table = spec && same_name(spec->name, "table");
	struct seen seen;
	seen.n = 0; /* the items are written before they are read */
	for (const struct xm_xs_node *i = con->items.first; i; i = i->next) {
		if (i->kind != XM_XS_ATTR && i->kind != XM_XS_BLOCK) {
			continue;
		}
		const char *iname = i->name ? i->name : "";
		const struct xm_xs_attr_spec *cs = open ? NULL : xm_xs_catalog_clause(spec, iname);
		if (!cs) {
			if (!open) {
				report(c, XM_SEV_ERROR, at_name(i), "unknown-clause",
					did_you_mean(sugg, sizeof(sugg),
						xm_xs_catalog_suggest_clause(spec, iname)),
					"`%s` is not a clause of `%s`", iname, name);
			}
			if (i->kind == XM_XS_BLOCK) {
				check_block_body(c, i, default_body(iname), in_table);
			} else {
				check_expr(c, i->value, false);
			}
			continue;
		}
		if (c->flags & XM_XS_VALIDATE_LS11) {
			check_ls11_clause(c, name, i);
		}
		const struct xm_xs_node *prev = seen_before(&seen, i);
		if (prev && !(cs->flags & XM_XS_A_REPEAT)) {
			report(c, XM_SEV_ERROR, at_name(i), "duplicate-clause",
				"remove one of them", "`%s` appears twice in this %s "
				"(first on line %u)", iname, name, prev->line);
		}
		if (i->kind == XM_XS_BLOCK) {
			if (!(cs->kinds & XM_XS_VK_BLOCK)) {
				snprintf(sugg, sizeof(sugg), "write `%s = …`", iname);
				report(c, XM_SEV_ERROR, at_name(i), "clause-not-block", sugg,
					"`%s` is written `%s = …`, not as a block", iname, iname);
				continue;
			}
			check_block_body(c, i, cs->body, in_table);
		} else {
			if (!(cs->kinds & ~XM_XS_VK_BLOCK)) {
				snprintf(sugg, sizeof(sugg), "write `%s {` and its items below",
					iname);
				report(c, XM_SEV_ERROR, at_name(i), "clause-needs-block", sugg,
					"`%s` is a block, not an attribute", iname);
				continue;
			}
			check_attr_value(c, name, i, cs);
			check_expr(c, i->value, false);
		}
	}
	if (!open) {
		for (size_t k = 0; k < spec->nclauses; k++) {
			const struct xm_xs_attr_spec *cs = &spec->clauses[k];
			if (seen_has(&seen, cs->name)) {
				continue;
			}
			if (cs->flags & XM_XS_A_REQUIRED) {
				snprintf(sugg, sizeof(sugg), (cs->kinds & XM_XS_VK_BLOCK) ?
					"add `%s {` and `}` (it may be empty)" : "add `%s = …`",
					cs->name);
				report(c, XM_SEV_ERROR, at_name(con), "missing-clause", sugg,
					"this %s has no `%s`", name, cs->name);
			} else if ((cs->flags & XM_XS_A_LS11_REQUIRED) &&
					(c->flags & XM_XS_VALIDATE_LS11)) {
				snprintf(sugg, sizeof(sugg), "add `%s = null` for older parsers",
					cs->name);
				report(c, XM_SEV_WARNING, at_name(con), "missing-response", sugg,
					"this %s has no `%s`, which Xano 11.x requires", name,
					cs->name);
			}
		}
	}
	if (spec && same_name(spec->name, "query")) {
		check_path_params(c, con);
	}
}

static void check_doc(struct ctx *c, const struct xm_xs_node *doc)
{
	const struct xm_xs_node *first = NULL;
	for (const struct xm_xs_node *i = doc->items.first; i; i = i->next) {
		if (i->kind != XM_XS_CONSTRUCT) {
			continue;
		}
		if (first) {
			report(c, XM_SEV_ERROR, at_name(i), "multiple-constructs",
				"separate documents with a line `---`, or use one file each",
				"a document holds one construct; `%s` follows the `%s` of line %u",
				i->name ? i->name : "", first->name ? first->name : "",
				first->line);
		} else {
			first = i;
		}
		check_construct(c, i);
	}
}

void xm_xs_validate(const struct xm_xs_node *root, const struct xm_xs_validate_opts *opts,
		struct xm_diags *diags)
{
	struct ctx c = {
		.diags = diags,
		.flags = opts ? opts->flags : 0,
	};
	if (!root) {
		return;
	}
	switch (root->kind) {
	case XM_XS_FILE: {
		bool any = false;
		for (const struct xm_xs_node *d = root->items.first; d; d = d->next) {
			if (d->kind == XM_XS_DOC) {
				for (const struct xm_xs_node *i = d->items.first; i; i = i->next) {
					any = any || i->kind == XM_XS_CONSTRUCT;
				}
				check_doc(&c, d);
			}
		}
		if (!any && diags->errors == 0) {
			struct span s = { 1, 1, 1 };
			report(&c, XM_SEV_ERROR, s, "no-construct",
				"start with a construct such as `function \"name\" {`",
				"there is no XanoScript construct in this text");
		}
		break;
	}
	case XM_XS_DOC:
		check_doc(&c, root);
		break;
	case XM_XS_CONSTRUCT:
		check_construct(&c, root);
		break;
	default:
		break;
	}
}
