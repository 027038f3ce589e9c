/*
 * The MCP server's private parts, shared by the files of src/mcp/ that
 * implement it (server.c: lifecycle, dispatch and life of a session;
 * calls.c: tools; resources.c, prompts.c, completion.c). Nothing outside
 * src/mcp/ includes this; the public API is xano-mcp/mcp/server.h.
 *
 * Threads: everything here runs on the reading thread, except what calls.c
 * says about its workers (see server.h for the concurrency model).
 */
#ifndef XM_MCP_INTERNAL_H
#define XM_MCP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/mcp/jsonrpc.h"
#include "xano-mcp/mcp/registry.h"
#include "xano-mcp/mcp/server.h"

/* Indices into xm_server_versions, newest first. */
enum { V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05, V_NONE = -1 };

struct reply;

/*
 * One request in flight that may run on a worker thread: a tools/call
 * (struct xm_tool_call.ctx) or a resources/read through templates.
 */
struct xm_call_ctx {
	struct xm_server *srv;
	/* Does the work and fills the reply; on a worker for slow requests. */
	void (*run)(struct xm_call_ctx *c, struct reply *r);
	char *id;             /* JSON text */
	char *progress_token; /* JSON text, or NULL */
	atomic_bool cancelled;
	double last_progress;
	const struct xm_tool *tool;
	const struct xm_json *output_schema; /* parsed, or NULL */
	struct xm_json *root; /* the request, owned by a worker */
	const struct xm_json *args;
	char *uri;            /* resources/read */
	const struct xm_resource_template *template; /* completion/complete */
	struct xm_call_ctx *next;
};

/* What a method handler produces. */
struct reply {
	struct xm_buf result;
	struct xm_json_gen *g; /* writes result */
	int code;              /* 0: result; else an error */
	struct xm_buf message;
	struct xm_buf data;    /* error data as JSON text, or empty */
	bool deferred;         /* a worker will answer */
};

struct request {
	struct xm_rpc_message msg;
	/* Where the parsed message lives; a handler may take it (set *owner
	 * to NULL) to keep it beyond the call. NULL inside batches. */
	struct xm_json **owner;
};

struct xm_server {
	const struct xm_registry *reg;
	struct xm_transport *t;
	size_t page_size;
	size_t max_line;

	int version; /* V_NONE until initialize */
	atomic_int log_threshold; /* index into the MCP levels, -1: not asked for */

	/* Parsed schemas of the tools, by registry index (calls.c). */
	struct xm_json **input_schemas;
	struct xm_json **output_schemas;
	size_t *served; /* registry indices of the tools served */
	size_t nserved;
	struct xm_json *empty_object;

	/* Reused by the reading thread for every message: allocating a yajl
	 * generator and buffers per request was most of a ping's cost. */
	struct reply *scratch;
	struct xm_buf out;

	pthread_mutex_t lock; /* guards calls, workers */
	pthread_cond_t idle;
	struct xm_call_ctx *calls; /* calls running on workers */
	unsigned workers;
	atomic_bool stopping;
};

typedef void xm_method_fn(struct xm_server *s, struct request *rq, struct reply *r);

/* server.c */
void xm_reply_init(struct reply *r);
void xm_reply_finish(struct reply *r); /* r may be NULL */
void xm_reply_error(struct reply *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends the response to request id (JSON text) to out. */
void xm_reply_render(const char *id, struct reply *r, struct xm_buf *out);
void xm_session_send(struct xm_server *s, const struct xm_buf *msg);
void xm_session_notify(struct xm_server *s, const char *method, const struct xm_buf *params);
/*
 * One page of a list result {key: [...], nextCursor?}: reads params.cursor
 * (an error for one we did not hand out) and calls item for each index of
 * the page.
 */
void xm_list_page(struct xm_server *s, struct request *rq, struct reply *r, const char *key,
		size_t total, void (*item)(struct xm_server *s, size_t i, struct xm_json_gen *g));

/* calls.c */
void xm_calls_load(struct xm_server *s);
void xm_calls_unload(struct xm_server *s);
/* notifications/cancelled */
void xm_calls_cancel(struct xm_server *s, const struct xm_json *params);
/* A context for request rq that will do its work with run. */
struct xm_call_ctx *xm_calls_new(struct xm_server *s, struct request *rq,
		void (*run)(struct xm_call_ctx *c, struct reply *r));
void xm_calls_free(struct xm_call_ctx *c);
/*
 * Runs c: on a worker thread when slow is set and the request can be kept
 * (then r is marked deferred and the worker answers), else right here into
 * r. Takes c either way.
 */
void xm_calls_run(struct xm_call_ctx *c, struct request *rq, bool slow, struct reply *r);
xm_method_fn xm_method_tools_list, xm_method_tools_call;

/* resources.c */
xm_method_fn xm_method_resources_list, xm_method_templates_list, xm_method_resources_read;

/* prompts.c */
xm_method_fn xm_method_prompts_list, xm_method_prompts_get;

/* completion.c */
xm_method_fn xm_method_complete;

#endif
