/*
 * sdk/methods: the catalogue of SDK builders and methods, one place for all.
 *
 * Each row names a builder function (create, createTask…) or a method
 * (.input, .dbGet…), where it may be called, how many arguments it takes
 * and its signature as documented in xano-mcp-sdk(7). The resolver checks
 * calls against it and suggests names from it; the lowering switches on
 * the id. Static data: thread-safe.
 */
#ifndef XM_SDK_METHODS_H
#define XM_SDK_METHODS_H

#include <stddef.h>

/* Where a method may be called: the kind of block it is called on. */
enum xm_sdk_ctx {
	XM_SDK_CTX_QUERY = 1u << 0,     /* create(path, verb) */
	XM_SDK_CTX_FUNCTION = 1u << 1,  /* createFunction(name) */
	XM_SDK_CTX_TASK = 1u << 2,      /* createTask(name) */
	XM_SDK_CTX_TABLE = 1u << 3,     /* createTable(name) */
	XM_SDK_CTX_API_GROUP = 1u << 4, /* createApiGroup(name) */
	XM_SDK_CTX_STACK = 1u << 5,     /* the body of an arrow function */
	XM_SDK_CTX_SWITCH = 1u << 6,    /* the body of .switch(value, s => …) */
	XM_SDK_CTX_LOOP = 1u << 7,      /* additionally: inside forEach/for/while */
};

#define XM_SDK_CTX_STATEMENTS \
	(XM_SDK_CTX_QUERY | XM_SDK_CTX_FUNCTION | XM_SDK_CTX_TASK | XM_SDK_CTX_STACK)
#define XM_SDK_CTX_ROOTS \
	(XM_SDK_CTX_QUERY | XM_SDK_CTX_FUNCTION | XM_SDK_CTX_TASK | XM_SDK_CTX_TABLE | \
	 XM_SDK_CTX_API_GROUP)

enum xm_sdk_method_id {
	/* builders */
	XM_SDK_M_CREATE, XM_SDK_M_CREATE_FUNCTION, XM_SDK_M_CREATE_TASK,
	XM_SDK_M_CREATE_TABLE, XM_SDK_M_CREATE_API_GROUP,
	/* clauses */
	XM_SDK_M_DESCRIPTION, XM_SDK_M_TAGS, XM_SDK_M_REQUIRES_AUTH, XM_SDK_M_API_GROUP,
	XM_SDK_M_INPUT, XM_SDK_M_RESPONSE, XM_SDK_M_SCHEDULE, XM_SDK_M_ACTIVE,
	XM_SDK_M_COLUMN, XM_SDK_M_INDEX, XM_SDK_M_AUTH, XM_SDK_M_CANONICAL, XM_SDK_M_BUILD,
	/* variables and control flow */
	XM_SDK_M_VAR, XM_SDK_M_VAR_UPDATE, XM_SDK_M_CONDITIONAL, XM_SDK_M_THEN,
	XM_SDK_M_ELSEIF, XM_SDK_M_ELSE, XM_SDK_M_END_CONDITIONAL, XM_SDK_M_FOR_EACH,
	XM_SDK_M_FOR, XM_SDK_M_WHILE, XM_SDK_M_END_FOR_EACH, XM_SDK_M_END_FOR,
	XM_SDK_M_END_WHILE, XM_SDK_M_BREAK, XM_SDK_M_CONTINUE, XM_SDK_M_SWITCH,
	XM_SDK_M_CASE, XM_SDK_M_DEFAULT, XM_SDK_M_TRY_CATCH, XM_SDK_M_PRECONDITION,
	XM_SDK_M_THROW, XM_SDK_M_RETURN, XM_SDK_M_COMMENT,
	/* database */
	XM_SDK_M_DB_GET, XM_SDK_M_DB_HAS, XM_SDK_M_DB_QUERY, XM_SDK_M_DB_ADD,
	XM_SDK_M_DB_EDIT, XM_SDK_M_DB_PATCH, XM_SDK_M_DB_ADD_OR_EDIT, XM_SDK_M_DB_DELETE,
	XM_SDK_M_DB_COUNT, XM_SDK_M_DB_TRANSACTION,
	/* security */
	XM_SDK_M_CREATE_TOKEN, XM_SDK_M_VERIFY_PASSWORD, XM_SDK_M_CREATE_UUID,
	/* outside world and utilities */
	XM_SDK_M_API_REQUEST, XM_SDK_M_CALL_FUNCTION, XM_SDK_M_SET_HEADER, XM_SDK_M_SLEEP,
	XM_SDK_M_LOG, XM_SDK_M_STOP, XM_SDK_M_LAMBDA, XM_SDK_M_REDIS_GET,
	XM_SDK_M_REDIS_SET, XM_SDK_M_REDIS_DELETE, XM_SDK_M_REDIS_INCR,
	XM_SDK_M_STORAGE_CREATE_FILE, XM_SDK_M_STORAGE_CREATE_ATTACHMENT,
	XM_SDK_M_COUNT,
};

struct xm_sdk_method {
	enum xm_sdk_method_id id;
	const char *name;
	unsigned contexts;       /* enum xm_sdk_ctx bits; 0 for builders */
	unsigned char min_args;
	unsigned char max_args;
	const char *signature;   /* "dbGet(table, filter, alias)" */
	const char *summary;     /* what it emits, one line */
};

/* The rows, builders first; xm_sdk_methods[i].id == i. */
extern const struct xm_sdk_method xm_sdk_methods[XM_SDK_M_COUNT];

/* Exact, case-sensitive lookup; NULL when unknown. `if` finds conditional. */
const struct xm_sdk_method *xm_sdk_method_find(const char *name);

/*
 * Lookup forgiving of spelling style: `db_get`, `db.get`, `DBGET` and
 * `dbget` all find dbGet (underscores and dots dropped, case ignored).
 * NULL when nothing matches that way.
 */
const struct xm_sdk_method *xm_sdk_method_find_loose(const char *name);

/* The closest name by edit distance (unambiguous), or NULL. */
const struct xm_sdk_method *xm_sdk_method_suggest(const char *name);

/* "an endpoint (create)", "a table (createTable)"… for messages. */
const char *xm_sdk_ctx_name(unsigned ctx);

#endif
