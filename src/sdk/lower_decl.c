/*
 * Declarations of the lowering: input() and column() to `TYPE NAME` lines of
 * input { } and schema { }, with filters, defaults and metadata, and the
 * fields of an object's schema option, declared the same way.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/xs/catalog.h"

#include "lower_impl.h"

static const char *const xs_types[] = {
	"int", "decimal", "text", "bool", "email", "password", "uuid", "timestamp", "date",
	"json", "vector", "image", "video", "audio", "attachment", "file", "geo_point",
	"geo_multipoint", "geo_linestring", "geo_multilinestring", "geo_polygon",
	"geo_multipolygon", "enum", "object",
};

/* JavaScript and other usual names of XanoScript types. */
struct js_type {
	const char *from, *to;
};

static const struct js_type js_types[] = {
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
		if (!xm_lower_is_ident(s + start, k - start)) {
			xm_lower_err_node(lw, at_node, "bad-filter",
					"write filters as 'trim|min:8'",
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
				x = xm_xs_new_number(
						lw->arena, xm_arena_strndup(lw->arena, t, tl));
			} else if (tl >= 2 && (t[0] == '"' || t[0] == '\'') && t[tl - 1] == t[0]) {
				/* Decode the quotes' escapes, then re-escape for output. */
				struct xm_buf raw = XM_BUF_INIT;
				for (size_t j = 1; j + 1 < tl; j++) {
					if (t[j] == '\\' && j + 2 < tl) {
						j++;
					}
					xm_buf_addc(&raw, t[j]);
				}
				x = xm_lower_string_node(lw, raw.data ? raw.data : "", raw.len);
				xm_buf_finish(&raw);
			} else if (xm_lower_is_ident(t, tl)) {
				x = xm_xs_new_ident(lw->arena, xm_arena_strndup(lw->arena, t, tl));
			} else {
				/* Unquoted regexes and other text: quoted, the one form
				 * every parser accepts. */
				x = xm_lower_string_node(lw, t, tl);
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
			xm_lower_err_node(lw, at_node, "bad-filter", sugg, msg);
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
			const char *s = xm_lower_want_string(lw, f->u.array.items[i], "a filter");
			if (!s || !decl_filters_text(lw, f->u.array.items[i], s, decl)) {
				return false;
			}
		}
		return true;
	}
	xm_lower_err_node(lw, f, "bad-filter", "write 'trim|lower' or ['trim', 'min:8']",
		"filters must be a string or a list of strings");
	return false;
}

static void meta(struct lw *lw, struct xm_xs_node *decl, const char *name,
		struct xm_xs_node *v)
{
	if (v) {
		struct xm_xs_node *a = xm_xs_new_attr(lw->arena, name, v);
		xm_lower_at(a, decl->line, decl->col);
		xm_xs_add_item(decl, a);
		decl->flags |= XM_XS_F_BODY;
	}
}

static struct xm_xs_node *declare(struct lw *lw, const struct xm_sdk_node *name_node,
		const struct xm_sdk_node *type_node, const struct xm_sdk_node *opts,
		unsigned line, unsigned col, bool column, unsigned depth);

/*
 * The schema option of an object: {street: 'text', zip: {type: 'int',
 * required: false}, meta: {type: 'object', schema: {…}}}, each field
 * declared like an input, into a `schema { }` block of decl. The recursion
 * is bounded by the nesting of values, which the parser and the resolver
 * limit to XM_SDK_MAX_DEPTH levels (bound names included).
 */
static bool schema_block(struct lw *lw, const struct xm_sdk_node *n, bool column,
		unsigned depth, struct xm_xs_node *decl)
{
	if (n->kind != XM_SDK_OBJECT || n->u.object.n == 0) {
		xm_lower_err_node(lw, n, "bad-option", "list the fields: {schema: {street: "
			"'text', zip: {type: 'int', required: false}}}; use 'json' for "
			"free-form objects", n->kind == XM_SDK_OBJECT ?
			"an object's schema lists at least one field" :
			"schema must be an object of field names and types");
		return false;
	}
	struct xm_xs_node *b = xm_lower_at(xm_xs_new_block(lw->arena, "schema"), n->line,
		n->col);
	b->flags |= XM_XS_F_BODY;
	bool ok = true;
	for (size_t i = 0; i < n->u.object.n; i++) {
		const struct xm_sdk_prop *p = &n->u.object.props[i];
		/* The key, as the name argument of an input. */
		struct xm_sdk_node *name = xm_arena_alloc(lw->arena, sizeof(*name));
		name->kind = XM_SDK_STRING;
		name->line = name->end_line = p->line;
		name->col = p->col;
		name->end_col = p->col + (unsigned)p->key_len;
		name->u.str.text = p->key;
		name->u.str.len = p->key_len;
		const struct xm_sdk_node *v = p->value, *type = v, *opts = NULL;
		if (v->kind == XM_SDK_OBJECT) {
			opts = v;
			type = xm_lower_prop(v, "type");
		} else if (v->kind != XM_SDK_STRING) {
			xm_lower_err_node(lw, v, "bad-option", "write a type such as 'text', "
				"or options such as {type: 'int', required: false}",
				"a schema field is a type or an object of options");
			ok = false;
			continue;
		}
		struct xm_xs_node *f = declare(lw, name, type, opts, p->line, p->col, column,
			depth + 1);
		if (!f) {
			ok = false;
			continue;
		}
		for (const struct xm_xs_node *e = b->items.first; e; e = e->next) {
			if (strcmp(e->name, f->name) == 0) {
				xm_lower_err(lw, p->line, p->col, name->end_col, "duplicate",
					"rename or remove one of them",
					"the field `%s` is declared twice in this schema",
					f->name);
				ok = false;
				break;
			}
		}
		xm_xs_add_item(b, f);
	}
	if (ok) {
		xm_xs_add_item(decl, b);
		decl->flags |= XM_XS_F_BODY;
	}
	return ok;
}

struct xm_xs_node *xm_lower_decl(struct lw *lw, const struct xm_sdk_call *c, bool column)
{
	return declare(lw, c->args[0], xm_lower_arg(c, 1), xm_lower_arg(c, 2), c->line, c->col,
		column, 0);
}

/* An input, a column, or (depth > 0) a field of an object's schema. */
static struct xm_xs_node *declare(struct lw *lw, const struct xm_sdk_node *name_node,
		const struct xm_sdk_node *type_node, const struct xm_sdk_node *opts,
		unsigned line, unsigned col, bool column, unsigned depth)
{
	static const char *const keys[] = {
		"required", "optional", "default", "nullable", "filters", "description",
		"values", "table", "sensitive", "schema", NULL,
	};
	static const char *const field_keys[] = {
		"type", "required", "optional", "default", "nullable", "filters", "description",
		"values", "table", "sensitive", "schema", NULL,
	};
	if (opts && opts->kind == XM_SDK_NULL) {
		opts = NULL;
	}
	if (!xm_lower_check_keys(lw, opts, depth ? field_keys : keys,
			depth ? "a schema field" : column ? "column" : "input")) {
		return NULL;
	}
	const char *raw = xm_lower_want_string(lw, name_node,
		depth ? "the field name" : column ? "the column name" : "the input name");
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
	if (!xm_lower_is_ident(name, nlen)) {
		xm_lower_err_node(lw, name_node, "bad-name", "use letters, digits and `_`",
			"not a valid name");
		return NULL;
	}
	const struct xm_sdk_node *schema = xm_lower_prop(opts, "schema");
	/* Without a type: text, or an object when a schema is given. */
	const char *type_text = schema ? "object" : "text";
	if (type_node && type_node->kind != XM_SDK_NULL) {
		type_text = xm_lower_want_string(lw, type_node, "the type");
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
			xm_lower_err_node(lw, type_node, "bad-type",
					"write 'text[]' or 'int[1:10]'",
					"unclosed `[` in the type");
			return NULL;
		}
		array = true;
		bounds = xm_arena_strndup(
				lw->arena, br + 1, (size_t)(type_text + tl - 1 - br - 1));
		const char *colon = strchr(bounds, ':');
		bool ok_bounds = bounds[0] == '\0' || (colon && colon > bounds && colon[1]);
		for (const char *b = bounds; *b && ok_bounds; b++) {
			ok_bounds = isdigit((unsigned char)*b) || b == colon;
		}
		if (!ok_bounds) {
			xm_lower_err_node(lw, type_node, "bad-type",
					"write 'int[]' or 'int[1:10]'",
					"array bounds are `[]` or `[min:max]`");
			return NULL;
		}
	}
	char *base = xm_arena_strndup(lw->arena, type_text, base_len);
	const struct xm_sdk_node *def = xm_lower_prop(opts, "default");
	bool known = false;
	for (size_t i = 0; i < sizeof(xs_types) / sizeof(xs_types[0]) && !known; i++) {
		known = base[0] == xs_types[i][0] && strcmp(base, xs_types[i]) == 0;
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
			if (!g) {
				/* A misspelt JavaScript name (`strng`): suggest the
				 * XanoScript type it stands for. */
				g = xm_suggest_field(base, js_types,
					sizeof(js_types) / sizeof(js_types[0]), sizeof(js_types[0]),
					offsetof(struct js_type, from));
				for (size_t i = 0; g && i < sizeof(js_types) / sizeof(js_types[0]);
						i++) {
					if (js_types[i].from == g) {
						g = js_types[i].to;
						break;
					}
				}
			}
			char sugg[96];
			snprintf(sugg, sizeof(sugg), g ? "did you mean '%s'?" :
				"types: int decimal text bool email password uuid timestamp date "
				"json enum file …", g);
			char msg[128];
			snprintf(msg, sizeof(msg), "`%s` is not a XanoScript type", base);
			xm_lower_err_node(lw, type_node, "unknown-type", sugg, msg);
			return NULL;
		}
		char sugg[64];
		snprintf(sugg, sizeof(sugg), "write '%s'", to);
		xm_sdk_fix_or_error(lw->fixes, lw->diags, type_node->line, type_node->col,
			type_node->end_col, "js-type", sugg, "type `%s` of `%s` written as `%s`",
			base, name, to);
		base = (char *)xm_lower_dup(lw, to);
	}
	const struct xm_sdk_node *values = xm_lower_prop(opts, "values");
	if (strcmp(base, "enum") == 0 && !values) {
		xm_lower_err_node(lw, type_node, "missing-option", "add {values: ['a', 'b']}",
			"an enum needs its values");
		return NULL;
	}
	if (values && strcmp(base, "enum") != 0) {
		xm_lower_err_node(lw, values, "bad-option", "use type 'enum'",
				"values are for enums");
		return NULL;
	}
	/* Where to report what concerns the type, which may be left out. */
	const struct xm_sdk_node *at_type = type_node ? type_node : name_node;
	bool object = strcmp(base, "object") == 0;
	if (object && !schema) {
		xm_lower_err_node(lw, at_type, "missing-option", "use 'json' for free-form "
			"objects, or list the fields: {schema: {street: 'text', zip: 'int'}}",
			"an object needs a schema of its fields");
		return NULL;
	}
	if (schema && !object) {
		xm_lower_err_node(lw, schema, "bad-option", "use the type 'object' (or "
			"'object[]' for a list of them)", "a schema is for objects");
		return NULL;
	}
	struct xm_xs_node *d = xm_xs_new_decl(lw->arena, base, name);
	xm_lower_at(d, line, col);
	if (array) {
		d->flags |= XM_XS_F_ARRAY;
		d->extra = bounds;
	}
	const struct xm_sdk_node *v;
	if ((v = xm_lower_prop(opts, "nullable")) && v->kind == XM_SDK_BOOL && v->u.boolean) {
		nullable = true;
	}
	if (nullable && object) {
		xm_lower_err_node(lw, v && v->kind == XM_SDK_BOOL && v->u.boolean ? v : at_type,
			"bad-option",
			"make it optional instead: {required: false}, or a name ending "
			"in `?`", "an object cannot be nullable: Xano 11 rejects `object?`");
		return NULL;
	}
	if (nullable) {
		d->flags |= XM_XS_F_NULLABLE;
	}
	bool required = !optional && !def;
	if ((v = xm_lower_prop(opts, "required"))) {
		if (v->kind != XM_SDK_BOOL) {
			xm_lower_err_node(lw, v, "bad-option", "write true or false",
					"required is a boolean");
			return NULL;
		}
		required = v->u.boolean;
	}
	if ((v = xm_lower_prop(opts, "optional")) && v->kind == XM_SDK_BOOL) {
		required = !v->u.boolean;
	}
	if (!required) {
		d->flags |= XM_XS_F_OPTIONAL;
	}
	if (def && object) {
		xm_lower_err_node(lw, def, "bad-option", "remove the default, or use 'json' "
			"with a default", "an object takes no default");
		return NULL;
	}
	if (def) {
		if (def->kind == XM_SDK_STRING && strcmp(def->u.str.text, "now") == 0 &&
				(strcmp(base, "timestamp") == 0 || strcmp(base, "date") == 0)) {
			d->value = xm_xs_new_ident(lw->arena, "now");
		} else if (def->kind == XM_SDK_XS && strcmp(def->u.str.text, "now") == 0) {
			d->value = xm_xs_new_ident(lw->arena, "now");
		} else if (def->kind == XM_SDK_NUMBER || def->kind == XM_SDK_BOOL ||
				def->kind == XM_SDK_NULL || (def->kind == XM_SDK_STRING &&
				!xm_lower_starts_expr(def->u.str.text, def->u.str.len))) {
			d->value = xm_lower_value(lw, def, TEXT);
		} else {
			xm_lower_err_node(lw, def, "bad-option",
					"use a literal: a number, a string, "
					"true/false, or 'now' for timestamps",
					"a default must be a literal");
			return NULL;
		}
	}
	if ((v = xm_lower_prop(opts, "filters")) && !decl_filters(lw, v, d)) {
		return NULL;
	}
	if (values) {
		meta(lw, d, "values", xm_lower_string_array(lw, values, "values"));
	}
	if ((v = xm_lower_prop(opts, "description"))) {
		meta(lw, d, "description", xm_lower_value(lw, v, TEXT));
	}
	if ((v = xm_lower_prop(opts, "sensitive"))) {
		meta(lw, d, "sensitive", xm_lower_value(lw, v, TEXT));
	}
	if ((v = xm_lower_prop(opts, "table"))) {
		const char *t = xm_lower_want_name(lw, v, "the table", false);
		if (t) {
			meta(lw, d, "table", xm_lower_str(lw, t));
		}
	}
	if (schema && !schema_block(lw, schema, column, depth, d)) {
		return NULL;
	}
	return d;
}

