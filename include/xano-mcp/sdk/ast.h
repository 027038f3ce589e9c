/*
 * sdk/ast: the parse tree of SDK code, a small subset of JavaScript.
 *
 * A program is a list of statements (`const x = …`, `let x = …`, an
 * expression, `return …`). Expressions are literals, names, member chains
 * (`create(…).input(…)`), object and array literals, arrow functions (the
 * nested blocks of control flow) and raw XanoScript expressions: a value
 * that starts with `$` or carries an operator (`$input.page + 1`,
 * `($items|count) > 0`) is kept as source text in a XM_SDK_XS node, to be
 * parsed by the XanoScript expression parser when lowered.
 *
 * Ownership: every node and string lives in the struct xm_arena the parser
 * was given; nothing is freed individually. Strings are NUL-terminated and
 * carry their length (string literals may hold NUL bytes). Positions are
 * 1-based lines and byte columns of the parsed text. Not thread-safe.
 */
#ifndef XM_SDK_AST_H
#define XM_SDK_AST_H

#include <stdbool.h>
#include <stddef.h>

enum xm_sdk_kind {
	XM_SDK_NULL,
	XM_SDK_BOOL,
	XM_SDK_NUMBER,   /* text holds the literal as written, minus sign included */
	XM_SDK_STRING,   /* text holds the decoded value */
	XM_SDK_TEMPLATE, /* `a ${$x} b`: parts alternate text and XanoScript */
	XM_SDK_XS,       /* raw XanoScript expression, text as written */
	XM_SDK_NAME,     /* an identifier: a binding or a builder function */
	XM_SDK_OBJECT,
	XM_SDK_ARRAY,
	XM_SDK_ARROW,    /* param => body */
	XM_SDK_CALL,     /* callee(args): callee is a NAME (create, createTask…) */
	XM_SDK_METHOD,   /* target.name(args) */
	XM_SDK_MEMBER,   /* target.name (without a call) */
};

struct xm_sdk_node;

struct xm_sdk_prop {
	const char *key;
	size_t key_len;
	unsigned line, col;
	struct xm_sdk_node *value;
};

struct xm_sdk_part {
	bool is_expr;  /* false: literal text; true: XanoScript expression */
	const char *text;
	size_t len;
	unsigned line, col;
};

struct xm_sdk_stmt;

struct xm_sdk_node {
	enum xm_sdk_kind kind;
	unsigned line, col;     /* first byte */
	unsigned end_line, end_col; /* one past the last byte */
	size_t offset, end;     /* byte range in the parsed text */
	union {
		bool boolean;
		struct {
			const char *text;
			size_t len;
		} str; /* NUMBER, STRING, XS, NAME */
		struct {
			struct xm_sdk_part *parts;
			size_t n;
		} tmpl;
		struct {
			struct xm_sdk_prop *props;
			size_t n;
		} object;
		struct {
			struct xm_sdk_node **items;
			size_t n;
		} array;
		struct {
			const char *param; /* NULL for `() => …` */
			/* Expression body, or NULL and a statement list. */
			struct xm_sdk_node *expr;
			struct xm_sdk_stmt *body;
			/* Filled by the resolver: the block built by the body. */
			struct xm_sdk_block *block;
		} arrow;
		struct {
			struct xm_sdk_node *target; /* NAME for CALL */
			const char *name;           /* method or member name */
			unsigned name_line, name_col;
			struct xm_sdk_node **args;
			size_t nargs;
		} call; /* CALL, METHOD, MEMBER */
	} u;
};

enum xm_sdk_stmt_kind {
	XM_SDK_STMT_BIND,   /* const / let / var NAME = value */
	XM_SDK_STMT_EXPR,
	XM_SDK_STMT_RETURN,
};

struct xm_sdk_stmt {
	enum xm_sdk_stmt_kind kind;
	unsigned line, col;
	const char *name; /* BIND */
	unsigned name_line, name_col;
	struct xm_sdk_node *value; /* NULL for a bare `return` */
	struct xm_sdk_stmt *next;
};

struct xm_sdk_program {
	struct xm_sdk_stmt *first;
	size_t nstmts;
};

/* Resolved builder content; defined in sdk/resolve.h. */
struct xm_sdk_block;

/* "string", "number"… for messages. Static. */
const char *xm_sdk_kind_name(enum xm_sdk_kind kind);

#endif
