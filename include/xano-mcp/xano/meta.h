/*
 * meta: typed reads of Xano's Metadata API (the instance host,
 * https://HOST/api:meta/...), see ../shared/reference/xano-meta-api.md.
 *
 * A struct xm_meta is a client for one instance, one branch and one token:
 *
 *     struct xm_meta *m = xm_meta_create(&(struct xm_meta_options){
 *             .origin = profile->instance, .branch = profile->branch,
 *             .token = token}, &e);
 *     struct xm_meta_ref ref = {XM_META_API, .workspace = 7, .apigroup = 3, .id = 12};
 *     struct xm_meta_result r;
 *     xm_meta_result_init(&r);
 *     if (xm_meta_get(m, &ref, XM_META_XANOSCRIPT, &r, &e)) ... r.items[0].xanoscript
 *
 * Objects: workspaces, API groups, APIs (endpoints), functions, tasks and
 * tables. xm_meta_get() reads one, xm_meta_list() a whole collection,
 * following Xano's paging: envelopes {curPage, nextPage, prevPage, items}
 * are followed page by page until nextPage is null (at most max_pages, then
 * an error: a list that long is a loop or a mistake), bare arrays (the
 * workspace list) are taken whole. Answers are parsed with core/json under
 * caps (the HTTP body cap, depth 64). The `xanoscript` member is read in
 * both of Xano's forms: {status, value, message} and a bare string.
 *
 * The later deployment issue adds writes (create/update/delete with
 * XanoScript bodies), batching and the journal beside these reads, on the
 * same client.
 *
 * Errors: functions return false and fill a struct xm_xano_error
 * (xano/error.h), the one place where statuses and Xano's error bodies
 * become messages and exit statuses.
 *
 * Ownership: results own their strings (an arena); the client owns its
 * HTTP handle and borrows origin, branch and token from the options, which
 * must outlive it.
 *
 * Thread-safety: one client per thread at a time (its HTTP handle is not
 * shareable); results may be read from any thread once filled.
 */
#ifndef XM_XANO_META_H
#define XM_XANO_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xano-mcp/auth/token.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/xano/error.h"
#include "xano-mcp/xano/http.h"

enum xm_meta_kind {
	XM_META_WORKSPACE = 0,
	XM_META_APIGROUP,
	XM_META_API,
	XM_META_FUNCTION,
	XM_META_TASK,
	XM_META_TABLE,
};

/* One object (xm_meta_get) or one collection (xm_meta_list). */
struct xm_meta_ref {
	enum xm_meta_kind kind;
	int64_t workspace; /* every kind but the workspace list */
	int64_t apigroup;  /* XM_META_API */
	int64_t id;        /* the object, for xm_meta_get() */
};

/* Flags of a read. */
enum {
	XM_META_XANOSCRIPT = 1 << 0, /* include_xanoscript=true */
	XM_META_DRAFT = 1 << 1,      /* include_draft=true (APIs, functions, tasks) */
};

enum xm_meta_script {
	XM_META_SCRIPT_NONE = 0, /* not asked for, or Xano sent none */
	XM_META_SCRIPT_OK,       /* xanoscript holds the source */
	XM_META_SCRIPT_ERROR,    /* Xano could not render it: script_message says why */
};

/* What the reads keep of an object; absent strings are NULL. */
struct xm_meta_object {
	int64_t id;
	const char *name;
	const char *description;
	const char *email;      /* auth/me */
	const char *verb;       /* APIs */
	const char *canonical;  /* API groups */
	const char *branch;
	const char *created_at; /* as Xano writes it */
	const char *updated_at;
	enum xm_meta_script script;
	const char *xanoscript;
	size_t xanoscript_len;
	const char *script_message;
};

struct xm_meta_result {
	struct xm_meta_object *items; /* malloc'd, n of them */
	size_t n;
	size_t cap;
	struct xm_arena *arena; /* owns every string */
};

void xm_meta_result_init(struct xm_meta_result *r);
/* Accepts NULL and a zeroed result. */
void xm_meta_result_finish(struct xm_meta_result *r);

struct xm_meta_options {
	const char *origin;            /* instance origin, https://HOST (core/config) */
	const char *branch;            /* branch label; NULL or "": the live branch */
	const struct xm_token *token;  /* required */
	const struct xm_http_options *http; /* NULL: defaults */
	unsigned per_page;             /* list page size; 0: 50 */
	unsigned max_pages;            /* 0: 100 */
	/* Polled during requests (MCP cancellation); NULL: never. */
	bool (*cancelled)(void *data);
	void *cancel_data;
};

/*
 * A client, or NULL and e (XM_XANO_CONFIG for a bad origin; the HTTP
 * handle's failure when libcurl cannot be opened). No request is made.
 */
struct xm_meta *xm_meta_create(const struct xm_meta_options *options,
		struct xm_xano_error *e);
/* Accepts NULL. */
void xm_meta_destroy(struct xm_meta *m);

/* GET /auth/me: the token's user (id, name, email) as one item. */
bool xm_meta_me(struct xm_meta *m, struct xm_meta_result *out, struct xm_xano_error *e);

/* One object; out (initialised, may hold earlier items) gets one more item. */
bool xm_meta_get(struct xm_meta *m, const struct xm_meta_ref *ref, unsigned flags,
		struct xm_meta_result *out, struct xm_xano_error *e);

/* Every object of a collection (ref->id unused), in Xano's order, appended. */
bool xm_meta_list(struct xm_meta *m, const struct xm_meta_ref *ref, unsigned flags,
		struct xm_meta_result *out, struct xm_xano_error *e);

/* "API", "API group", "function", ... */
const char *xm_meta_kind_name(enum xm_meta_kind kind);

/* For messages: "API 12 in API group 3 of workspace 7", or the collection
 * ("the APIs of API group 3 of workspace 7") when one is true. */
void xm_meta_describe(const struct xm_meta_ref *ref, bool list, struct xm_buf *out);

#endif
