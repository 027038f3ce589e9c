#include <stdio.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/ast.h"

static const char *const kind_names[XM_XS_KIND_COUNT] = {
	[XM_XS_FILE] = "FILE", [XM_XS_DOC] = "DOC", [XM_XS_CONSTRUCT] = "CONSTRUCT",
	[XM_XS_BLOCK] = "BLOCK", [XM_XS_DECL] = "DECL", [XM_XS_STMT] = "STMT",
	[XM_XS_ATTR] = "ATTR", [XM_XS_COMMENT] = "COMMENT", [XM_XS_IDENT] = "IDENT",
	[XM_XS_STRING] = "STRING", [XM_XS_NUMBER] = "NUMBER",
	[XM_XS_TIMESTAMP] = "TIMESTAMP", [XM_XS_EXPR] = "EXPR", [XM_XS_CAST] = "CAST",
	[XM_XS_VAR] = "VAR", [XM_XS_MEMBER] = "MEMBER", [XM_XS_INDEX] = "INDEX",
	[XM_XS_OBJECT] = "OBJECT", [XM_XS_PAIR] = "PAIR", [XM_XS_ARRAY] = "ARRAY",
	[XM_XS_UNARY] = "UNARY", [XM_XS_BINARY] = "BINARY", [XM_XS_TERNARY] = "TERNARY",
	[XM_XS_FILTER] = "FILTER", [XM_XS_PAREN] = "PAREN", [XM_XS_REGEX] = "REGEX",
	[XM_XS_RAW] = "RAW", [XM_XS_ERROR] = "ERROR",
};

static const char *const op_texts[XM_XS_OP_COUNT] = {
	[XM_XS_OP_NONE] = "",
	[XM_XS_OP_ADD] = "+", [XM_XS_OP_SUB] = "-", [XM_XS_OP_MUL] = "*",
	[XM_XS_OP_DIV] = "/", [XM_XS_OP_MOD] = "%", [XM_XS_OP_CONCAT] = "~",
	[XM_XS_OP_EQ] = "==", [XM_XS_OP_NE] = "!=", [XM_XS_OP_SEQ] = "===",
	[XM_XS_OP_SNE] = "!==", [XM_XS_OP_LT] = "<", [XM_XS_OP_LE] = "<=",
	[XM_XS_OP_GT] = ">", [XM_XS_OP_GE] = ">=",
	[XM_XS_OP_AND] = "&&", [XM_XS_OP_OR] = "||", [XM_XS_OP_COALESCE] = "??",
	[XM_XS_OP_EQ_Q] = "==?", [XM_XS_OP_NE_Q] = "!=?", [XM_XS_OP_LT_Q] = "<?",
	[XM_XS_OP_LE_Q] = "<=?", [XM_XS_OP_GT_Q] = ">?", [XM_XS_OP_GE_Q] = ">=?",
	[XM_XS_OP_ASSIGN_EQ] = "=", [XM_XS_OP_NOT_MATCH] = "!~",
	[XM_XS_OP_CONTAINS_JSON] = "@>",
	[XM_XS_OP_IN] = "in", [XM_XS_OP_NOT_IN] = "not in",
	[XM_XS_OP_BETWEEN] = "between", [XM_XS_OP_NOT_BETWEEN] = "not between",
	[XM_XS_OP_CONTAINS] = "contains", [XM_XS_OP_NOT_CONTAINS] = "not contains",
	[XM_XS_OP_INCLUDES] = "includes", [XM_XS_OP_NOT_INCLUDES] = "not includes",
	[XM_XS_OP_LIKE] = "like", [XM_XS_OP_NOT_LIKE] = "not like",
	[XM_XS_OP_ILIKE] = "ilike", [XM_XS_OP_NOT_ILIKE] = "not ilike",
	[XM_XS_OP_OVERLAPS] = "overlaps", [XM_XS_OP_NOT_OVERLAPS] = "not overlaps",
	[XM_XS_OP_SEARCH] = "search",
	[XM_XS_OP_NOT] = "!", [XM_XS_OP_NEG] = "-",
};

const char *xm_xs_kind_name(enum xm_xs_kind kind)
{
	return (unsigned)kind < XM_XS_KIND_COUNT ? kind_names[kind] : "?";
}

const char *xm_xs_op_text(enum xm_xs_op op)
{
	return (unsigned)op < XM_XS_OP_COUNT && op_texts[op] ? op_texts[op] : "?";
}

/* ast.h says why the size matters; a new field should be a deliberate choice. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct xm_xs_node) == 128,
	"struct xm_xs_node grew past 128 bytes");

struct xm_xs_node *xm_xs_node_new(struct xm_arena *arena, enum xm_xs_kind kind,
		unsigned line, unsigned col)
{
	/* Every field is set here, one by one, rather than by memset() or a
	 * compound literal: GCC turns these stores into six 16-byte moves,
	 * where memset() is a call that settles the size at run time and a
	 * compound literal of this size compiles to `rep stos`, slow on short
	 * runs. A field added to the node must be added here (the assertion
	 * above catches a change of size). */
	struct xm_xs_node *n = xm_arena_alloc_raw(arena, sizeof(*n));
	n->kind = (unsigned char)kind;
	n->op = XM_XS_OP_NONE;
	n->flags = 0;
	n->line = n->end_line = line;
	n->col = n->end_col = col;
	n->name = n->text = n->extra = NULL;
	n->target = n->arg = n->value = n->rhs = n->as = NULL;
	n->args.first = n->args.last = NULL;
	n->items.first = n->items.last = NULL;
	n->next = NULL;
	return n;
}

/* Inline in the two adders below, which the parser calls for most nodes. */
static inline struct xm_xs_node *append(struct xm_xs_list *list, struct xm_xs_node *child)
{
	if (list->last) {
		list->last->next = child;
	} else {
		list->first = child;
	}
	list->last = child;
	return child;
}

struct xm_xs_node *xm_xs_list_append(struct xm_xs_list *list, struct xm_xs_node *child)
{
	return append(list, child);
}

size_t xm_xs_list_len(const struct xm_xs_list *list)
{
	size_t n = 0;
	for (const struct xm_xs_node *k = list->first; k; k = k->next) {
		n++;
	}
	return n;
}

struct xm_xs_node *xm_xs_add_item(struct xm_xs_node *parent, struct xm_xs_node *child)
{
	enum {
		HAS_BODY = 1u << XM_XS_CONSTRUCT | 1u << XM_XS_BLOCK | 1u << XM_XS_DECL |
			1u << XM_XS_STMT,
	};
	if (HAS_BODY >> parent->kind & 1) {
		parent->flags |= XM_XS_F_BODY;
	}
	return append(&parent->items, child);
}

struct xm_xs_node *xm_xs_add_arg(struct xm_xs_node *parent, struct xm_xs_node *child)
{
	return append(&parent->args, child);
}

static struct xm_xs_node *named(struct xm_arena *arena, enum xm_xs_kind kind,
		const char *name)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, kind, 0, 0);
	n->name = name;
	return n;
}

struct xm_xs_node *xm_xs_new_construct(struct xm_arena *arena, const char *keyword,
		struct xm_xs_node *name)
{
	struct xm_xs_node *n = named(arena, XM_XS_CONSTRUCT, keyword);
	n->flags = XM_XS_F_BODY;
	n->target = name;
	return n;
}

struct xm_xs_node *xm_xs_new_block(struct xm_arena *arena, const char *name)
{
	struct xm_xs_node *n = named(arena, XM_XS_BLOCK, name);
	n->flags = XM_XS_F_BODY;
	return n;
}

struct xm_xs_node *xm_xs_new_decl(struct xm_arena *arena, const char *type,
		const char *name)
{
	struct xm_xs_node *n = named(arena, XM_XS_DECL, name);
	n->text = type;
	return n;
}

struct xm_xs_node *xm_xs_new_stmt(struct xm_arena *arena, const char *name)
{
	return named(arena, XM_XS_STMT, name);
}

struct xm_xs_node *xm_xs_new_attr(struct xm_arena *arena, const char *name,
		struct xm_xs_node *value)
{
	struct xm_xs_node *n = named(arena, XM_XS_ATTR, name);
	n->value = value;
	return n;
}

struct xm_xs_node *xm_xs_new_comment(struct xm_arena *arena, const char *text)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_COMMENT, 0, 0);
	n->text = text;
	return n;
}

struct xm_xs_node *xm_xs_new_ident(struct xm_arena *arena, const char *name)
{
	return named(arena, XM_XS_IDENT, name);
}

struct xm_xs_node *xm_xs_new_number(struct xm_arena *arena, const char *text)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_NUMBER, 0, 0);
	n->text = text;
	return n;
}

/* Whether escape_byte() writes c as it is. */
static bool is_plain(unsigned char c)
{
	return c >= 0x20 && c != 0x7f && c != '"' && c != '\\';
}

static void escape_byte(struct xm_buf *b, unsigned char c)
{
	switch (c) {
	case '"':
		xm_buf_adds(b, "\\\"");
		break;
	case '\\':
		xm_buf_adds(b, "\\\\");
		break;
	case '\n':
		xm_buf_adds(b, "\\n");
		break;
	case '\r':
		xm_buf_adds(b, "\\r");
		break;
	case '\t':
		xm_buf_adds(b, "\\t");
		break;
	default:
		if (c < 0x20 || c == 0x7f) {
			xm_buf_addf(b, "\\u%04x", c);
		} else {
			xm_buf_addc(b, (char)c);
		}
	}
}

struct xm_xs_node *xm_xs_new_string(struct xm_arena *arena, const char *value,
		size_t len)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_STRING, 0, 0);
	/* Most strings need no escape: they are copied as they are, with no
	 * temporary buffer. The rest are escaped from the first byte that
	 * needs it. */
	size_t clean = 0;
	while (clean < len && is_plain((unsigned char)value[clean])) {
		clean++;
	}
	if (clean == len) {
		n->text = xm_arena_strndup(arena, value, len);
		return n;
	}
	struct xm_buf b = XM_BUF_INIT;
	xm_buf_add(&b, value, clean);
	for (size_t i = clean; i < len; i++) {
		escape_byte(&b, (unsigned char)value[i]);
	}
	n->text = xm_arena_strndup(arena, xm_buf_str(&b), b.len);
	xm_buf_finish(&b);
	return n;
}

struct xm_xs_node *xm_xs_new_var(struct xm_arena *arena, const char *root)
{
	return named(arena, XM_XS_VAR, root);
}

struct xm_xs_node *xm_xs_var_member(struct xm_arena *arena, struct xm_xs_node *var,
		const char *member)
{
	return xm_xs_add_item(var, named(arena, XM_XS_MEMBER, member));
}

struct xm_xs_node *xm_xs_var_index(struct xm_arena *arena, struct xm_xs_node *var,
		struct xm_xs_node *index)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_INDEX, 0, 0);
	n->arg = index;
	return xm_xs_add_item(var, n);
}

struct xm_xs_node *xm_xs_new_object(struct xm_arena *arena)
{
	return xm_xs_node_new(arena, XM_XS_OBJECT, 0, 0);
}

struct xm_xs_node *xm_xs_object_add(struct xm_arena *arena, struct xm_xs_node *object,
		const char *key, bool quoted, struct xm_xs_node *value)
{
	struct xm_xs_node *n = named(arena, XM_XS_PAIR, key);
	n->flags = quoted ? XM_XS_F_QUOTED : 0;
	n->value = value;
	return xm_xs_add_item(object, n);
}

struct xm_xs_node *xm_xs_new_array(struct xm_arena *arena)
{
	return xm_xs_node_new(arena, XM_XS_ARRAY, 0, 0);
}

struct xm_xs_node *xm_xs_new_unary(struct xm_arena *arena, enum xm_xs_op op,
		struct xm_xs_node *operand)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_UNARY, 0, 0);
	n->op = op;
	n->value = operand;
	return n;
}

struct xm_xs_node *xm_xs_new_binary(struct xm_arena *arena, enum xm_xs_op op,
		struct xm_xs_node *lhs, struct xm_xs_node *rhs)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_BINARY, 0, 0);
	n->op = op;
	n->value = lhs;
	n->rhs = rhs;
	return n;
}

struct xm_xs_node *xm_xs_new_ternary(struct xm_arena *arena, struct xm_xs_node *cond,
		struct xm_xs_node *then, struct xm_xs_node *otherwise)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_TERNARY, 0, 0);
	n->arg = cond;
	n->value = then;
	n->rhs = otherwise;
	return n;
}

struct xm_xs_node *xm_xs_new_filter(struct xm_arena *arena, struct xm_xs_node *operand,
		const char *name)
{
	struct xm_xs_node *n = named(arena, XM_XS_FILTER, name);
	n->value = operand;
	return n;
}

struct xm_xs_node *xm_xs_new_paren(struct xm_arena *arena, struct xm_xs_node *inner)
{
	struct xm_xs_node *n = xm_xs_node_new(arena, XM_XS_PAREN, 0, 0);
	n->value = inner;
	return n;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

struct xm_xs_node *xm_xs_find_item(const struct xm_xs_node *parent,
		enum xm_xs_kind kind, const char *name)
{
	for (xm_xs_each(n, &parent->items)) {
		if (n->kind == kind && str_eq(n->name, name)) {
			return n;
		}
	}
	return NULL;
}

struct xm_xs_node *xm_xs_find_attr(const struct xm_xs_node *parent, const char *name)
{
	return xm_xs_find_item(parent, XM_XS_ATTR, name);
}

static bool list_equal(const struct xm_xs_list *a, const struct xm_xs_list *b);

bool xm_xs_ast_equal(const struct xm_xs_node *a, const struct xm_xs_node *b)
{
	if (!a || !b) {
		return a == b;
	}
	return a->kind == b->kind && a->op == b->op &&
		(a->flags & ~XM_XS_LAYOUT_FLAGS) == (b->flags & ~XM_XS_LAYOUT_FLAGS) &&
		str_eq(a->name, b->name) && str_eq(a->text, b->text) &&
		str_eq(a->extra, b->extra) &&
		xm_xs_ast_equal(a->target, b->target) && xm_xs_ast_equal(a->arg, b->arg) &&
		xm_xs_ast_equal(a->value, b->value) && xm_xs_ast_equal(a->rhs, b->rhs) &&
		xm_xs_ast_equal(a->as, b->as) && list_equal(&a->args, &b->args) &&
		list_equal(&a->items, &b->items);
}

static bool list_equal(const struct xm_xs_list *a, const struct xm_xs_list *b)
{
	const struct xm_xs_node *x = a->first, *y = b->first;
	for (; x && y; x = x->next, y = y->next) {
		if (!xm_xs_ast_equal(x, y)) {
			return false;
		}
	}
	return x == y;
}
