/*
 * The XanoScript formatter: one printing function per node family. Items
 * print at an indentation level (two spaces each) and end with a line
 * break; expressions print inline and get the level only to place the lines
 * of multi-line literals and of filters continued on a new line.
 */
#include <string.h>

#include "xano-mcp/xs/format.h"

static void expr(struct xm_buf *out, const struct xm_xs_node *n, unsigned level);
static void item(struct xm_buf *out, const struct xm_xs_node *n, unsigned level);

/* A string literal, without measuring it at run time: the formatter adds
 * one for nearly every token it prints. */
#define ADD_LIT(out, lit) xm_buf_add((out), (lit), sizeof(lit) - 1)

static void indent(struct xm_buf *out, unsigned level)
{
	xm_buf_addn(out, ' ', 2 * (size_t)level);
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

/* Items one per line; a blank line in the source stays one blank line. */
static void items(struct xm_buf *out, const struct xm_xs_list *list, unsigned level)
{
	for (xm_xs_each(n, list)) {
		if ((n->flags & XM_XS_F_BLANK_BEFORE) && n != list->first) {
			xm_buf_addc(out, '\n');
		}
		item(out, n, level);
	}
}

/* ` {` NL items `}`: blocks are always multi-line. */
static void body(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	ADD_LIT(out, " {\n");
	items(out, &n->items, level + 1);
	indent(out, level);
	xm_buf_addc(out, '}');
}

static void quoted(struct xm_buf *out, const char *text, unsigned flags)
{
	const char *q = flags & XM_XS_F_SINGLE ? "'''" : "\"\"\"";
	size_t times = flags & XM_XS_F_TRIPLE ? 3 : 1;
	xm_buf_add(out, q, times);
	xm_buf_adds(out, str_or_empty(text));
	xm_buf_add(out, q, times);
}

static void var(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	xm_buf_addc(out, '$');
	xm_buf_adds(out, str_or_empty(n->name));
	for (xm_xs_each(part, &n->items)) {
		if (part->kind == XM_XS_INDEX) {
			xm_buf_addc(out, '[');
			expr(out, part->arg, level);
			xm_buf_addc(out, ']');
		} else {
			xm_buf_addc(out, '.');
			xm_buf_adds(out, str_or_empty(part->name));
		}
	}
}

static size_t key_width(const struct xm_xs_node *pair)
{
	size_t w = strlen(str_or_empty(pair->name));
	if (pair->flags & XM_XS_F_QUOTED) {
		w += pair->flags & XM_XS_F_TRIPLE ? 6 : 2;
	}
	return w;
}

static void key(struct xm_buf *out, const struct xm_xs_node *pair)
{
	if (pair->flags & XM_XS_F_QUOTED) {
		quoted(out, pair->name, pair->flags & (XM_XS_F_SINGLE | XM_XS_F_TRIPLE));
	} else {
		xm_buf_adds(out, str_or_empty(pair->name));
	}
}

/* A multi-line object aligns its colons, as Xano's own exports do. */
static void object(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	if (!n->items.first) {
		ADD_LIT(out, "{}");
		return;
	}
	bool multi = n->flags & XM_XS_F_MULTILINE;
	size_t width = 0;
	for (xm_xs_each(pair, &n->items)) {
		size_t w = key_width(pair);
		width = w > width ? w : width;
	}
	xm_buf_addc(out, '{');
	for (xm_xs_each(pair, &n->items)) {
		if (multi) {
			xm_buf_addc(out, '\n');
			indent(out, level + 1);
		} else if (pair != n->items.first) {
			ADD_LIT(out, ", ");
		}
		key(out, pair);
		if (multi) {
			xm_buf_addn(out, ' ', width - key_width(pair));
		}
		ADD_LIT(out, ": ");
		expr(out, pair->value, level + 1);
	}
	if (multi) {
		xm_buf_addc(out, '\n');
		indent(out, level);
	}
	xm_buf_addc(out, '}');
}

static void array(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	bool multi = (n->flags & XM_XS_F_MULTILINE) && n->items.first;
	xm_buf_addc(out, '[');
	for (xm_xs_each(e, &n->items)) {
		if (multi) {
			xm_buf_addc(out, '\n');
			indent(out, level + 1);
		} else if (e != n->items.first) {
			ADD_LIT(out, ", ");
		}
		expr(out, e, level + 1);
	}
	if (multi) {
		xm_buf_addc(out, '\n');
		indent(out, level);
	}
	xm_buf_addc(out, ']');
}

static void filter(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	if (n->value) {
		expr(out, n->value, level);
		if (n->flags & XM_XS_F_NEWLINE) {
			xm_buf_addc(out, '\n');
			indent(out, level + 1);
		}
		xm_buf_addc(out, '|');
	}
	xm_buf_adds(out, str_or_empty(n->name));
	for (xm_xs_each(a, &n->args)) {
		xm_buf_addc(out, ':');
		expr(out, a, level);
	}
}

static void binary(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	expr(out, n->value, level);
	xm_buf_addc(out, ' ');
	xm_buf_adds(out, xm_xs_op_text(n->op));
	xm_buf_addc(out, ' ');
	expr(out, n->rhs, level);
}

static void unary(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	xm_buf_adds(out, xm_xs_op_text(n->op));
	/* `- 1` stays a negation; `-1` would read back as a number literal. */
	if (n->op == XM_XS_OP_NEG && n->value &&
			(n->value->kind == XM_XS_NUMBER || n->value->kind == XM_XS_TIMESTAMP)) {
		xm_buf_addc(out, ' ');
	}
	expr(out, n->value, level);
}

static void expr(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	if (!n) {
		return;
	}
	switch (n->kind) {
	case XM_XS_IDENT:
		xm_buf_adds(out, str_or_empty(n->name));
		break;
	case XM_XS_STRING:
		quoted(out, n->text, n->flags);
		break;
	case XM_XS_NUMBER: case XM_XS_TIMESTAMP: case XM_XS_RAW:
		xm_buf_adds(out, str_or_empty(n->text));
		break;
	case XM_XS_REGEX:
		xm_buf_addc(out, '/');
		xm_buf_adds(out, str_or_empty(n->text));
		xm_buf_addc(out, '/');
		break;
	case XM_XS_EXPR:
		xm_buf_adds(out, n->flags & XM_XS_F_TRIPLE ? "```" : "`");
		xm_buf_adds(out, str_or_empty(n->text));
		xm_buf_adds(out, n->flags & XM_XS_F_TRIPLE ? "```" : "`");
		break;
	case XM_XS_CAST:
		xm_buf_addc(out, '!');
		xm_buf_adds(out, str_or_empty(n->name));
		xm_buf_addc(out, ' ');
		expr(out, n->value, level);
		break;
	case XM_XS_VAR:
		var(out, n, level);
		break;
	case XM_XS_OBJECT:
		object(out, n, level);
		break;
	case XM_XS_ARRAY:
		array(out, n, level);
		break;
	case XM_XS_UNARY:
		unary(out, n, level);
		break;
	case XM_XS_BINARY:
		binary(out, n, level);
		break;
	case XM_XS_TERNARY:
		expr(out, n->arg, level);
		ADD_LIT(out, " ? ");
		expr(out, n->value, level);
		ADD_LIT(out, " : ");
		expr(out, n->rhs, level);
		break;
	case XM_XS_FILTER:
		filter(out, n, level);
		break;
	case XM_XS_PAREN:
		xm_buf_addc(out, '(');
		expr(out, n->value, level);
		xm_buf_addc(out, ')');
		break;
	case XM_XS_ERROR:
		ADD_LIT(out, "null");
		break;
	case XM_XS_MEMBER:
		xm_buf_addc(out, '.');
		xm_buf_adds(out, str_or_empty(n->name));
		break;
	case XM_XS_INDEX:
		xm_buf_addc(out, '[');
		expr(out, n->arg, level);
		xm_buf_addc(out, ']');
		break;
	case XM_XS_PAIR:
		key(out, n);
		ADD_LIT(out, ": ");
		expr(out, n->value, level);
		break;
	case XM_XS_CONSTRUCT: case XM_XS_BLOCK: case XM_XS_DECL: case XM_XS_STMT:
	case XM_XS_ATTR: case XM_XS_COMMENT:
		item(out, n, level);
		break;
	default:
		break; /* FILE and DOC only print through xm_xs_format() */
	}
}

static void decl(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	xm_buf_adds(out, str_or_empty(n->text));
	if (n->flags & XM_XS_F_ARRAY) {
		xm_buf_addc(out, '[');
		xm_buf_adds(out, str_or_empty(n->extra));
		xm_buf_addc(out, ']');
	}
	if (n->flags & XM_XS_F_NULLABLE) {
		xm_buf_addc(out, '?');
	}
	xm_buf_addc(out, ' ');
	xm_buf_adds(out, str_or_empty(n->name));
	if (n->flags & XM_XS_F_OPTIONAL) {
		xm_buf_addc(out, '?');
	}
	if (n->value) {
		xm_buf_addc(out, '=');
		expr(out, n->value, level);
	}
	if (n->args.first) {
		ADD_LIT(out, " filters=");
		for (xm_xs_each(f, &n->args)) {
			if (f != n->args.first) {
				xm_buf_addc(out, '|');
			}
			expr(out, f, level);
		}
	}
	if (n->flags & XM_XS_F_BODY) {
		body(out, n, level);
	}
}

static void stmt(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	if (n->flags & XM_XS_F_DISABLED) {
		xm_buf_addc(out, '!');
	}
	xm_buf_adds(out, str_or_empty(n->name));
	if (n->target) {
		xm_buf_addc(out, ' ');
		expr(out, n->target, level);
	}
	if (n->arg) {
		ADD_LIT(out, " (");
		expr(out, n->arg, level);
		xm_buf_addc(out, ')');
	}
	if (n->value) {
		ADD_LIT(out, " if (");
		expr(out, n->value, level);
		xm_buf_addc(out, ')');
	}
	bool as_first = n->as && (n->flags & XM_XS_F_AS_BEFORE);
	if (as_first) {
		ADD_LIT(out, " as ");
		expr(out, n->as, level);
	}
	if (n->flags & XM_XS_F_BODY) {
		body(out, n, level);
	}
	if (n->as && !as_first) {
		ADD_LIT(out, " as ");
		expr(out, n->as, level);
	}
	if (n->flags & XM_XS_F_BREAK) {
		ADD_LIT(out, " break");
	}
}

static void construct(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	xm_buf_adds(out, str_or_empty(n->name));
	if (n->target) {
		xm_buf_addc(out, ' ');
		expr(out, n->target, level);
	}
	for (xm_xs_each(a, &n->args)) {
		xm_buf_addc(out, ' ');
		xm_buf_adds(out, str_or_empty(a->name));
		xm_buf_addc(out, '=');
		expr(out, a->value, level);
	}
	body(out, n, level);
}

static void item(struct xm_buf *out, const struct xm_xs_node *n, unsigned level)
{
	indent(out, level);
	switch (n->kind) {
	case XM_XS_CONSTRUCT:
		construct(out, n, level);
		break;
	case XM_XS_BLOCK:
		xm_buf_adds(out, str_or_empty(n->name));
		if (n->target) {
			xm_buf_addc(out, ' ');
			expr(out, n->target, level);
		}
		if (n->flags & XM_XS_F_BODY) {
			body(out, n, level);
		}
		break;
	case XM_XS_DECL:
		decl(out, n, level);
		break;
	case XM_XS_STMT:
		stmt(out, n, level);
		break;
	case XM_XS_ATTR:
		xm_buf_adds(out, str_or_empty(n->name));
		ADD_LIT(out, " = ");
		expr(out, n->value, level);
		break;
	case XM_XS_COMMENT:
		ADD_LIT(out, "//");
		xm_buf_adds(out, str_or_empty(n->text));
		break;
	default:
		expr(out, n, level);
		break;
	}
	xm_buf_addc(out, '\n');
}

void xm_xs_format(const struct xm_xs_node *node, struct xm_buf *out)
{
	if (!node) {
		return;
	}
	switch (node->kind) {
	case XM_XS_FILE:
		for (xm_xs_each(doc, &node->items)) {
			if (doc != node->items.first) {
				ADD_LIT(out, "---\n");
			}
			items(out, &doc->items, 0);
		}
		break;
	case XM_XS_DOC:
		items(out, &node->items, 0);
		break;
	case XM_XS_CONSTRUCT: case XM_XS_BLOCK: case XM_XS_DECL: case XM_XS_STMT:
	case XM_XS_ATTR: case XM_XS_COMMENT:
		item(out, node, 0);
		break;
	default:
		expr(out, node, 0);
		break;
	}
}
