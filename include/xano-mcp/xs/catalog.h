/*
 * catalog: every fact the validator knows about XanoScript, in one place.
 *
 * Constant tables transcribed from the reference (xanoscript.md §4-§8): the
 * top-level constructs and their clauses, every stack statement with its
 * attributes, the expression, column and input filters, the declaration
 * types, reserved variable names and the closed value sets (verbs, history,
 * sort orders, return types, error types, index types...). The validator
 * (validate.h) is a walk over the tree that asks these questions; the SDK
 * compiler may ask them too.
 *
 * Sources: the official 11.x grammar (LS11) plus what the newer engine
 * accepts (ENG); where they differ the catalogue takes the more permissive
 * one, so that valid Xano code is never rejected.
 *
 * Lookups are binary searches over sorted tables (a unit test checks the
 * order): no allocation, no globals written, thread-safe. Names are
 * case-sensitive, as in Xano.
 */
#ifndef XM_XS_CATALOG_H
#define XM_XS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

/* What an attribute or clause value may be (a bit set). */
enum xm_xs_vk {
	XM_XS_VK_STRING = 1u << 0, /* a string literal */
	XM_XS_VK_NUMBER = 1u << 1, /* a number literal */
	XM_XS_VK_BOOL = 1u << 2,   /* true or false */
	XM_XS_VK_OBJECT = 1u << 3, /* an object literal `{k: v}` */
	XM_XS_VK_ARRAY = 1u << 4,  /* an array literal `[…]` */
	XM_XS_VK_EXPR = 1u << 5,   /* any expression (subsumes the above) */
	XM_XS_VK_QUERY = 1u << 6,  /* an expression with query operators (`where`) */
	XM_XS_VK_BLOCK = 1u << 7,  /* written as a block `name { … }` */
};

/* What a block (clause or statement body) holds. */
enum xm_xs_body {
	XM_XS_BODY_NONE = 0, /* no braces allowed */
	XM_XS_BODY_ATTRS,    /* `key = value` lines */
	XM_XS_BODY_DECLS,    /* input/schema declarations */
	XM_XS_BODY_STMTS,    /* stack statements */
	XM_XS_BODY_TEST,     /* a unit test: attributes and expect statements */
	XM_XS_BODY_ANY,      /* not checked */
};

/* Closed sets of literal values. */
enum xm_xs_set {
	XM_XS_SET_NONE = 0,
	XM_XS_SET_VERB,              /* GET POST PUT PATCH DELETE */
	XM_XS_SET_HISTORY,           /* false "inherit" 0 100 1000 10000 "all" */
	XM_XS_SET_SORT,              /* asc desc rand */
	XM_XS_SET_RETURN_TYPE,       /* list single count exists stream aggregate */
	XM_XS_SET_ERROR_TYPE,        /* precondition error_type */
	XM_XS_SET_SQL_RESPONSE,      /* direct_query response_type: list single */
	XM_XS_SET_DUPLICATES,        /* util.set_header: replace add */
	XM_XS_SET_EXCEPTION_POLICY,  /* middleware: silent rethrow critical */
	XM_XS_SET_RESPONSE_STRATEGY, /* middleware: merge replace */
	XM_XS_SET_RESPONSE_TYPE,     /* query: standard stream */
	XM_XS_SET_JOIN_TYPE,         /* inner left right */
	XM_XS_SET_INDEX_TYPE,        /* primary btree btree|unique gin search vector */
	XM_XS_SET_INDEX_OP,          /* asc desc jsonb_path_op A B C D vector_cosine_ops */
	XM_XS_SET_VISIBILITY,        /* column metadata: public private internal */
	XM_XS_SET_COUNT,
};

/* Attribute / clause flags. */
enum {
	XM_XS_A_REQUIRED = 1u << 0, /* must be present */
	XM_XS_A_REPEAT = 1u << 1,   /* may appear more than once */
	XM_XS_A_LS11_REQUIRED = 1u << 2, /* required by 11.x only: a warning */
};

/* One attribute of a statement, or one clause of a construct. */
struct xm_xs_attr_spec {
	const char *name;
	unsigned char kinds;  /* enum xm_xs_vk */
	unsigned char flags;  /* XM_XS_A_* */
	unsigned char body;   /* enum xm_xs_body when kinds has VK_BLOCK */
	unsigned char set;    /* enum xm_xs_set the value must belong to */
};

/* Statement flags. */
enum {
	XM_XS_S_TARGET = 1u << 0,     /* takes a target (table, path, variable): required */
	XM_XS_S_TARGET_OPT = 1u << 1, /* takes an optional target */
	XM_XS_S_ARG = 1u << 2,        /* `(expression)` after the name: required */
	XM_XS_S_AS = 1u << 3,         /* may bind `as $var` */
	XM_XS_S_OPEN = 1u << 4,       /* attributes are not checked (free-form in Xano) */
	XM_XS_S_NESTED = 1u << 5,     /* only valid inside its parent (`if`, `each`, `catch`) */
	XM_XS_S_COND = 1u << 6,       /* `if (cond)` after the operand (array.find...) */
	XM_XS_S_BODY_REQ = 1u << 7,   /* braces required */
	XM_XS_S_NO_BODY = 1u << 8,    /* no braces at all (`break`) */
	XM_XS_S_ARG_OPT = 1u << 9,    /* `(expression)` after the name: optional */
};

struct xm_xs_stmt_spec {
	const char *name;
	unsigned short flags;    /* XM_XS_S_* */
	unsigned char body;      /* enum xm_xs_body */
	unsigned char nattrs;
	const struct xm_xs_attr_spec *attrs;
	/* For XM_XS_S_NESTED: the parents it may appear in, space-separated. */
	const char *parents;
	/* For containers: the only children allowed, space-separated, or NULL. */
	const char *children;
};

/* Construct flags. */
enum {
	XM_XS_C_NAME = 1u << 0, /* requires a name after the keyword */
	XM_XS_C_VERB = 1u << 1, /* `verb=...` on the header line (query) */
	XM_XS_C_OPEN = 1u << 2, /* clauses are not checked (rare constructs) */
};

struct xm_xs_construct_spec {
	const char *name;
	unsigned short flags;
	unsigned char nclauses;
	const struct xm_xs_attr_spec *clauses;
};

/* Declaration types (input/schema). */
enum {
	XM_XS_T_INPUT_ONLY = 1u << 0, /* `file`: inputs only */
	XM_XS_T_BLOCK = 1u << 1,      /* `enum`, `object`, `dblink`: take a block */
	XM_XS_T_NO_NULLABLE = 1u << 2, /* `object?` is rejected */
};

struct xm_xs_type_spec {
	const char *name;
	unsigned flags;
	/* Input filters allowed after `filters=`, space-separated ("" = none). */
	const char *filters;
};

/* Lookups: NULL when name is not in the catalogue. */
const struct xm_xs_construct_spec *xm_xs_catalog_construct(const char *name);
const struct xm_xs_stmt_spec *xm_xs_catalog_stmt(const char *name);
const struct xm_xs_type_spec *xm_xs_catalog_type(const char *name);
/*
 * The spec of attribute name in a statement, including the attributes every
 * statement accepts (description, disabled, mock). NULL when not allowed.
 */
const struct xm_xs_attr_spec *xm_xs_catalog_stmt_attr(const struct xm_xs_stmt_spec *stmt,
		const char *name);
const struct xm_xs_attr_spec *xm_xs_catalog_clause(const struct xm_xs_construct_spec *c,
		const char *name);
/* Metadata attributes of a declaration (`description`, `sensitive`, `table`...). */
const struct xm_xs_attr_spec *xm_xs_catalog_decl_attr(const char *name);
/*
 * The types a metadata attribute is limited to, space-separated ("int uuid"
 * for `table`), or NULL when every type takes it; and whether type does.
 */
const char *xm_xs_catalog_decl_attr_types(const char *name);
bool xm_xs_catalog_decl_attr_fits(const char *name, const char *type);

/* Whether a XM_XS_S_NESTED statement may sit directly inside parent (a name). */
bool xm_xs_catalog_stmt_parent_ok(const struct xm_xs_stmt_spec *stmt, const char *parent);
/* Whether a container (spec->children set) may hold the statement child. */
bool xm_xs_catalog_stmt_child_ok(const struct xm_xs_stmt_spec *container, const char *child);

/* Expression filters (`$x|name`), LS11 plus the engine's additions. */
bool xm_xs_catalog_filter(const char *name);
/* Column filters allowed on `$db.table.col` operands in query expressions. */
bool xm_xs_catalog_column_filter(const char *name);
/* Whether input filter `filter` may follow type `type` (both known). */
bool xm_xs_catalog_input_filter_allowed(const struct xm_xs_type_spec *type,
		const char *filter);
/* Any input filter of any type (to tell "unknown" from "not allowed here"). */
bool xm_xs_catalog_input_filter(const char *name);

/* `$name` that may not be bound by `as` or `var`. */
bool xm_xs_catalog_reserved_var(const char *name);
/* Names usable after `$` as a root without declaring them (input, auth, env...). */
bool xm_xs_catalog_builtin_var(const char *name);

/*
 * Membership of a closed set. value is the literal as written without
 * quotes; is_string says whether it was quoted (history mixes numbers,
 * `false` and strings).
 */
bool xm_xs_catalog_set_has(enum xm_xs_set set, const char *value, bool is_string);
/* The values of a set, for messages and suggestions ("asc, desc or rand"). */
const char *const *xm_xs_catalog_set_values(enum xm_xs_set set, size_t *n);
/* A human list of the values: "`asc`, `desc` or `rand`". Static storage. */
const char *xm_xs_catalog_set_text(enum xm_xs_set set);

/*
 * The right spelling of a known wrong one: a type from another language
 * (`string` -> `text`), a filter from another language (`lowercase` ->
 * `to_lower`), NULL when none is known. The result is a static string that
 * may be a phrase ("`text[]` (an array of text)").
 */
const char *xm_xs_catalog_type_fix(const char *name);
const char *xm_xs_catalog_filter_fix(const char *name);
/* The fix for the closest of those wrong spellings, for a misspelt one
 * (`strng` -> "`text`", as for `string`); NULL when none is close. */
const char *xm_xs_catalog_suggest_type_fix(const char *name);
/* The same for statements (`db.insert` -> "write `db.add`") and for an
 * attribute of a statement (`api.request { body = … }`): a full suggestion. */
const char *xm_xs_catalog_stmt_fix(const char *name);
const char *xm_xs_catalog_attr_fix(const char *stmt, const char *attr);

/*
 * Did-you-mean over a table by edit distance (core/suggest.h); NULL when
 * nothing is close. The stmt variant also matches the namespace
 * (`db.gte` -> `db.get`). Cold: for the paths that report.
 */
const char *xm_xs_catalog_suggest_construct(const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_stmt(const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_filter(const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_type(const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_stmt_attr(const struct xm_xs_stmt_spec *stmt,
		const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_clause(const struct xm_xs_construct_spec *c,
		const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_input_filter(const char *name) __attribute__((cold));
const char *xm_xs_catalog_suggest_decl_attr(const char *name) __attribute__((cold));

/* For tests and documentation: the raw tables. */
const struct xm_xs_stmt_spec *xm_xs_catalog_stmts(size_t *n);
const struct xm_xs_construct_spec *xm_xs_catalog_constructs(size_t *n);
const struct xm_xs_type_spec *xm_xs_catalog_types(size_t *n);
const char *const *xm_xs_catalog_filters(size_t *n);
const char *const *xm_xs_catalog_column_filters(size_t *n);

#endif
