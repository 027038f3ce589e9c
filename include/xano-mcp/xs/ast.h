/*
 * ast: the XanoScript syntax tree, shared by the parser, the validator, the
 * formatter and the SDK compiler (which builds trees directly).
 *
 * One generic node type. Every node lives in a struct xm_arena: there is no
 * per-node free, destroying the arena frees the tree. Strings in nodes are
 * NUL-terminated and arena-owned (or static / caller-owned when a builder
 * passes them: the tree never frees them). Positions are 1-based lines and
 * byte columns; end_line/end_col point one past the last byte. Nodes built by
 * hand may carry line 0 ("no position").
 *
 * Shape by kind (fields not listed are NULL / empty):
 *
 *   FILE       items: DOC per `---`-separated document
 *   DOC        items: CONSTRUCT and COMMENT (a valid document holds one
 *              construct; the validator checks that)
 *   CONSTRUCT  name: keyword as written ("query", "run.job", "agent", ...)
 *              target: the name, a STRING or an IDENT (a bare word); a bare
 *              path such as `auth/login` or `users/{id}` becomes a STRING
 *              with flag BARE, so it prints quoted (the form both parsers take)
 *              args: ATTR on the header line (`verb=GET`)
 *              items: ATTR, BLOCK, COMMENT
 *   BLOCK      a clause `NAME [label] [{ … }]` of a construct or declaration:
 *              name: "input", "schema", "stack", "schedule", "test", "dblink", ...
 *              target: the label (`test "name" {`), else NULL
 *              items: for input/schema: DECL, BLOCK dblink, COMMENT;
 *              otherwise the items of a statement body (ATTR, STMT, COMMENT)
 *              flag BODY when braces were written (`stack` alone has none)
 *   DECL       `TYPE[[lo:hi]][?] NAME[?][=DEFAULT] [filters=…] [{ … }]`
 *              text: type as written, name: field name, extra: array bounds
 *              text between the brackets ("" for `[]`, "1:10")
 *              value: default expression; args: FILTER (input filters, no
 *              operand); items: metadata (ATTR, BLOCK schema, COMMENT)
 *              flags ARRAY, NULLABLE (`?` after the type), OPTIONAL (`?`
 *              after the name), BODY
 *   STMT       `[!]NAME [TARGET] [(ARG)] [if (COND)] [{ … }] [as $v] [break]`
 *              name: dotted name as written ("db.get", "if", "each", "stack")
 *              target: IDENT, STRING (BARE for an unquoted path) or VAR after
 *              the name; arg: the
 *              parenthesised expression (`if (…)`, `foreach (…)`, `case (…)`,
 *              `expect.to_equal (…)`); value: the `if (…)` of array.find-like
 *              statements; as: the VAR bound by `as` (or a FILTER chain over
 *              it: `as $r|get:0:null` is in the corpus); items: ATTR, STMT,
 *              COMMENT in order (control flow nests STMTs: conditional >
 *              if/elseif/else, foreach > each, switch > case/default,
 *              try_catch > try/catch/finally, group > stack, ...)
 *              flags DISABLED (`!` prefix), BODY, BREAK (`} break` / `case (x) break`),
 *              AS_BEFORE (`each as $x {`: the binding precedes the body)
 *   ATTR       `name = value` (also header `verb=GET`); value: expression
 *   COMMENT    text: everything after `//` (leading space kept)
 *
 * Expressions:
 *   IDENT      name: a bare word (`true`, `false`, `null`, `now`, `asc`, a
 *              table name, `GET`)
 *   STRING     text: the contents between the quotes exactly as written
 *              (escapes not decoded, so printing is lossless); flags SINGLE
 *              (`'`), TRIPLE (`"""`, or `'''` with SINGLE)
 *   NUMBER     text as written (`-1.5`)
 *   TIMESTAMP  text as written (`2026-01-01 03:00:00+0000`)
 *   EXPR       backtick expression; text: contents as written; flag TRIPLE (```)
 *   CAST       name: type (`int` for `!int "42"`); value: the STRING
 *   VAR        name: the root without `$` ("input", "db", "env", "x"; "$"
 *              for `$$`); items: MEMBER and INDEX, in order
 *   MEMBER     name: member as written (`email`, `$remote_ip`)
 *   INDEX      arg: the index expression (`[0]`, `[$i]`, `["key"]`)
 *   OBJECT     items: PAIR; flag MULTILINE (layout only)
 *   PAIR       name: the key as written without quotes (`a`, `post.id`,
 *              `quoted key`); flags QUOTED, SINGLE, TRIPLE; value: expression
 *   ARRAY      items: element expressions; flag MULTILINE (layout only)
 *   UNARY      op: XM_XS_OP_NOT or XM_XS_OP_NEG; value: operand
 *   BINARY     op; value: left operand; rhs: right operand
 *   TERNARY    arg: condition; value: then; rhs: else
 *   FILTER     `value|name:arg:arg`; name: filter name; value: the operand
 *              (line/col: where the operand starts; end: after the last arg)
 *              (NULL for input filters in DECL.args); args: expressions
 *              (in DECL.args: STRING, NUMBER, IDENT, REGEX or RAW)
 *              flag NEWLINE when `|` began a line (layout only)
 *   PAREN      value: the inner expression (kept so printing is faithful)
 *   REGEX      text: between the slashes (input filter argument `/^a/`)
 *   RAW        text: an input filter argument that is none of the above
 *   ERROR      placeholder the parser puts where it could not read an
 *              expression (a diagnostic was reported)
 *
 * Items (of FILE/DOC/CONSTRUCT/BLOCK/DECL/STMT lists) may carry BLANK_BEFORE
 * (a blank line preceded them in the source; layout only). Parsed trees are
 * never deeper than the parser's nesting cap, so walkers may recurse. Thread-safety: a tree is plain data; readers
 * may share it, writers may not.
 */
#ifndef XM_XS_AST_H
#define XM_XS_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/arena.h"

enum xm_xs_kind {
	XM_XS_FILE = 0,
	XM_XS_DOC,
	XM_XS_CONSTRUCT,
	XM_XS_BLOCK,
	XM_XS_DECL,
	XM_XS_STMT,
	XM_XS_ATTR,
	XM_XS_COMMENT,
	XM_XS_IDENT,
	XM_XS_STRING,
	XM_XS_NUMBER,
	XM_XS_TIMESTAMP,
	XM_XS_EXPR,
	XM_XS_CAST,
	XM_XS_VAR,
	XM_XS_MEMBER,
	XM_XS_INDEX,
	XM_XS_OBJECT,
	XM_XS_PAIR,
	XM_XS_ARRAY,
	XM_XS_UNARY,
	XM_XS_BINARY,
	XM_XS_TERNARY,
	XM_XS_FILTER,
	XM_XS_PAREN,
	XM_XS_REGEX,
	XM_XS_RAW,
	XM_XS_ERROR,
	XM_XS_KIND_COUNT,
};

/* Operators of BINARY and UNARY nodes. xm_xs_op_text() spells them. */
enum xm_xs_op {
	XM_XS_OP_NONE = 0,
	/* arithmetic and text */
	XM_XS_OP_ADD, XM_XS_OP_SUB, XM_XS_OP_MUL, XM_XS_OP_DIV, XM_XS_OP_MOD,
	XM_XS_OP_CONCAT,         /* ~ */
	/* comparison */
	XM_XS_OP_EQ, XM_XS_OP_NE, XM_XS_OP_SEQ, XM_XS_OP_SNE, /* == != === !== */
	XM_XS_OP_LT, XM_XS_OP_LE, XM_XS_OP_GT, XM_XS_OP_GE,
	/* logic */
	XM_XS_OP_AND, XM_XS_OP_OR, XM_XS_OP_COALESCE,          /* && || ?? */
	/* query expressions (where clauses) */
	XM_XS_OP_EQ_Q, XM_XS_OP_NE_Q, XM_XS_OP_LT_Q, XM_XS_OP_LE_Q,
	XM_XS_OP_GT_Q, XM_XS_OP_GE_Q,                          /* ==? !=? <? <=? >? >=? */
	XM_XS_OP_ASSIGN_EQ,                                    /* = */
	XM_XS_OP_NOT_MATCH,                                    /* !~ */
	XM_XS_OP_CONTAINS_JSON,                                /* @> */
	XM_XS_OP_IN, XM_XS_OP_NOT_IN, XM_XS_OP_BETWEEN, XM_XS_OP_NOT_BETWEEN,
	XM_XS_OP_CONTAINS, XM_XS_OP_NOT_CONTAINS, XM_XS_OP_INCLUDES,
	XM_XS_OP_NOT_INCLUDES, XM_XS_OP_LIKE, XM_XS_OP_NOT_LIKE, XM_XS_OP_ILIKE,
	XM_XS_OP_NOT_ILIKE, XM_XS_OP_OVERLAPS, XM_XS_OP_NOT_OVERLAPS, XM_XS_OP_SEARCH,
	/* unary */
	XM_XS_OP_NOT, XM_XS_OP_NEG,                            /* !x -x */
	XM_XS_OP_COUNT,
};

enum xm_xs_flag {
	XM_XS_F_DISABLED = 1u << 0,  /* STMT: `!` prefix */
	XM_XS_F_BODY = 1u << 1,      /* STMT, BLOCK, DECL: braces were written */
	XM_XS_F_BREAK = 1u << 2,     /* STMT: followed by `break` (switch case) */
	XM_XS_F_ARRAY = 1u << 3,     /* DECL: `type[]` */
	XM_XS_F_NULLABLE = 1u << 4,  /* DECL: `type?` */
	XM_XS_F_OPTIONAL = 1u << 5,  /* DECL: `name?` */
	XM_XS_F_SINGLE = 1u << 6,    /* STRING, PAIR key: single quotes */
	XM_XS_F_TRIPLE = 1u << 7,    /* STRING """ / ''', EXPR ``` */
	XM_XS_F_QUOTED = 1u << 8,    /* PAIR: quoted key */
	XM_XS_F_AS_BEFORE = 1u << 9, /* STMT: `as $v` written before the body (`each as $x {`) */
	/* Layout: kept for faithful printing, ignored by xm_xs_ast_equal(). */
	XM_XS_F_MULTILINE = 1u << 12,  /* OBJECT, ARRAY written over several lines */
	XM_XS_F_NEWLINE = 1u << 13,    /* FILTER: `|` began a line */
	XM_XS_F_BLANK_BEFORE = 1u << 14, /* a blank line preceded this item */
	XM_XS_F_BARE = 1u << 15,       /* STRING: written unquoted (`query auth/login`) */
};

/* Flags that only describe layout. */
#define XM_XS_LAYOUT_FLAGS \
	(XM_XS_F_MULTILINE | XM_XS_F_NEWLINE | XM_XS_F_BLANK_BEFORE | XM_XS_F_BARE)

struct xm_xs_node;

/* Siblings, linked by next. The list keeps no count (its users walk it from
 * first to last; xm_xs_list_len() counts), which keeps a node at 128 bytes. */
struct xm_xs_list {
	struct xm_xs_node *first;
	struct xm_xs_node *last;
};

/*
 * 128 bytes (64-bit): the compiler builds a tree and parses its own output
 * into a second one, so every node is allocated and zeroed twice per
 * compile; kind, op and flags are therefore small integers, not enums.
 */
struct xm_xs_node {
	unsigned char kind;   /* enum xm_xs_kind */
	unsigned char op;     /* enum xm_xs_op */
	unsigned short flags; /* enum xm_xs_flag */
	unsigned line, col;
	unsigned end_line, end_col;
	const char *name;
	const char *text;
	const char *extra;
	struct xm_xs_node *target;
	struct xm_xs_node *arg;
	struct xm_xs_node *value;
	struct xm_xs_node *rhs;
	struct xm_xs_node *as;
	struct xm_xs_list args;
	struct xm_xs_list items;
	struct xm_xs_node *next; /* the next sibling in the list holding this node */
};

/* Iterate a list: for (xm_xs_each(n, &parent->items)) { … } */
#define xm_xs_each(var, list) \
	struct xm_xs_node *var = (list)->first; var; var = var->next

/* Names for messages and tests: "query", "STMT", "==?", "BINARY", ... */
const char *xm_xs_kind_name(enum xm_xs_kind kind);
const char *xm_xs_op_text(enum xm_xs_op op);

/*
 * Builders. Every function allocates from arena and never fails (OOM
 * aborts). Strings passed in are not copied: they must outlive the tree
 * (string literals, or xm_arena_strdup'ed copies). line/col may be 0.
 */
struct xm_xs_node *xm_xs_node_new(struct xm_arena *arena, enum xm_xs_kind kind,
		unsigned line, unsigned col);
/* Appends child to list (child->next must be NULL); returns child. */
struct xm_xs_node *xm_xs_list_append(struct xm_xs_list *list, struct xm_xs_node *child);
/* The number of nodes in list (walks it). */
size_t xm_xs_list_len(const struct xm_xs_list *list);
/* xm_xs_list_append(&parent->items / &parent->args, child). Adding an item
 * to a CONSTRUCT, BLOCK, DECL or STMT also sets its BODY flag (set it by hand
 * for an empty `{ }` body). */
struct xm_xs_node *xm_xs_add_item(struct xm_xs_node *parent, struct xm_xs_node *child);
struct xm_xs_node *xm_xs_add_arg(struct xm_xs_node *parent, struct xm_xs_node *child);

/* Shorthands for the common shapes (positions 0). A construct and a block
 * start with BODY set (`input {` NL `}`); a decl and a statement without. */
struct xm_xs_node *xm_xs_new_construct(struct xm_arena *arena, const char *keyword,
		struct xm_xs_node *name);
struct xm_xs_node *xm_xs_new_block(struct xm_arena *arena, const char *name);
struct xm_xs_node *xm_xs_new_decl(struct xm_arena *arena, const char *type,
		const char *name);
struct xm_xs_node *xm_xs_new_stmt(struct xm_arena *arena, const char *name);
struct xm_xs_node *xm_xs_new_attr(struct xm_arena *arena, const char *name,
		struct xm_xs_node *value);
struct xm_xs_node *xm_xs_new_comment(struct xm_arena *arena, const char *text);
struct xm_xs_node *xm_xs_new_ident(struct xm_arena *arena, const char *name);
struct xm_xs_node *xm_xs_new_number(struct xm_arena *arena, const char *text);
/*
 * A double-quoted STRING holding value (len bytes, may contain any byte):
 * escapes `"`, `\` and control characters, so the text is ready to print.
 */
struct xm_xs_node *xm_xs_new_string(struct xm_arena *arena, const char *value,
		size_t len);
/* `$root`; add path parts with xm_xs_var_member / xm_xs_var_index. */
struct xm_xs_node *xm_xs_new_var(struct xm_arena *arena, const char *root);
struct xm_xs_node *xm_xs_var_member(struct xm_arena *arena, struct xm_xs_node *var,
		const char *member);
struct xm_xs_node *xm_xs_var_index(struct xm_arena *arena, struct xm_xs_node *var,
		struct xm_xs_node *index);
struct xm_xs_node *xm_xs_new_object(struct xm_arena *arena);
/* Appends `key: value` to object; quoted says whether the key is quoted. */
struct xm_xs_node *xm_xs_object_add(struct xm_arena *arena, struct xm_xs_node *object,
		const char *key, bool quoted, struct xm_xs_node *value);
struct xm_xs_node *xm_xs_new_array(struct xm_arena *arena);
struct xm_xs_node *xm_xs_new_unary(struct xm_arena *arena, enum xm_xs_op op,
		struct xm_xs_node *operand);
struct xm_xs_node *xm_xs_new_binary(struct xm_arena *arena, enum xm_xs_op op,
		struct xm_xs_node *lhs, struct xm_xs_node *rhs);
struct xm_xs_node *xm_xs_new_ternary(struct xm_arena *arena, struct xm_xs_node *cond,
		struct xm_xs_node *then, struct xm_xs_node *otherwise);
/* `operand|name`; add arguments with xm_xs_add_arg(). */
struct xm_xs_node *xm_xs_new_filter(struct xm_arena *arena, struct xm_xs_node *operand,
		const char *name);
struct xm_xs_node *xm_xs_new_paren(struct xm_arena *arena, struct xm_xs_node *inner);

/* Lookups for the validator: the first ATTR / item named name, or NULL. */
struct xm_xs_node *xm_xs_find_attr(const struct xm_xs_node *parent, const char *name);
struct xm_xs_node *xm_xs_find_item(const struct xm_xs_node *parent,
		enum xm_xs_kind kind, const char *name);

/*
 * Structural equality, ignoring positions and layout flags
 * (XM_XS_LAYOUT_FLAGS). Either side may be NULL (equal only if both are).
 * Iterative over lists, recursive over nesting (bounded by the parser's
 * depth cap for parsed trees).
 */
bool xm_xs_ast_equal(const struct xm_xs_node *a, const struct xm_xs_node *b);

#endif
