#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"

#define LOG_MODULE "server"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/mcp/jsonrpc.h"
#include "xano-mcp/mcp/schema.h"
#include "xano-mcp/mcp/server.h"
#include "xano-mcp/mcp/transport.h"

/* The TS SDK's stdio reader refuses messages over 10 MiB. */
#define MAX_MESSAGE ((10u << 20) - 4096)
#define SHUTDOWN_WAIT_SECONDS 2

const char *const xm_server_versions[] = {
	"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", NULL,
};

/* Indices into xm_server_versions, newest first. */
enum { V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05, V_NONE = -1 };

static const char *const mcp_levels[] = {
	"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency",
};
#define NLEVELS (sizeof(mcp_levels) / sizeof(mcp_levels[0]))

struct xm_call_ctx {
	struct xm_server *srv;
	char *id;             /* JSON text */
	char *progress_token; /* JSON text, or NULL */
	atomic_bool cancelled;
	double last_progress;
	const struct xm_tool *tool;
	size_t tool_index;
	struct xm_json *root; /* the request, owned by a worker */
	const struct xm_json *args;
	struct xm_call_ctx *next;
};

struct xm_server {
	const struct xm_registry *reg;
	struct xm_transport *t;
	size_t page_size;
	size_t max_line;

	int version; /* V_NONE until initialize */
	atomic_int log_threshold; /* index into mcp_levels, -1: not asked for */

	/* Parsed schemas of the tools that are served, by registry index. */
	struct xm_json **input_schemas;
	struct xm_json **output_schemas;
	size_t *served; /* registry indices of the served tools */
	size_t nserved;
	struct xm_json *empty_object;

	pthread_mutex_t lock; /* guards calls, workers */
	pthread_cond_t idle;
	struct xm_call_ctx *calls; /* calls running on workers */
	unsigned workers;
	atomic_bool stopping;
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

static void reply_init(struct reply *r)
{
	memset(r, 0, sizeof(*r));
	r->g = xm_json_gen_create(&r->result);
}

static void reply_finish(struct reply *r)
{
	xm_json_gen_destroy(r->g);
	xm_buf_finish(&r->result);
	xm_buf_finish(&r->message);
	xm_buf_finish(&r->data);
}

static void reply_error(struct reply *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void reply_error(struct reply *r, int code, const char *fmt, ...)
{
	r->code = code;
	xm_buf_reset(&r->message);
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&r->message, fmt, ap);
	va_end(ap);
}

/* Turns a reply into a response message appended to out. */
static void render(const char *id, struct reply *r, struct xm_buf *out)
{
	size_t mark = out->len;
	if (r->code == 0 && !xm_json_gen_ok(r->g)) {
		reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: the result could not "
				"be encoded as JSON");
	}
	if (r->code == 0) {
		xm_rpc_write_result(out, id, r->result.data, r->result.len);
	} else {
		xm_rpc_write_error(out, id, r->code, xm_buf_str(&r->message),
				r->data.len ? r->data.data : NULL);
	}
	if (out->len - mark > MAX_MESSAGE) {
		xm_buf_truncate(out, mark);
		xm_rpc_write_error(out, id, XM_RPC_INTERNAL_ERROR, "Internal error: the "
				"result exceeds 10 MiB, the limit of MCP clients", NULL);
	}
}

static void send_buf(struct xm_server *s, const struct xm_buf *b)
{
	if (b->len) {
		xm_transport_send(s->t, b->data, b->len);
	}
}

static void send_error(struct xm_server *s, const char *id, int code, const char *message)
{
	struct xm_buf out = XM_BUF_INIT;
	xm_rpc_write_error(&out, id, code, message, NULL);
	send_buf(s, &out);
	xm_buf_finish(&out);
}

static void notify(struct xm_server *s, const char *method, const struct xm_buf *params)
{
	struct xm_buf out = XM_BUF_INIT;
	xm_rpc_write_notification(&out, method, params->data, params->len);
	send_buf(s, &out);
	xm_buf_finish(&out);
}

/* Logging: log.h's listener forwards to notifications/message. */

static int level_index(enum xm_log_level level)
{
	switch (level) {
	case XM_LOG_DEBUG:
		return 0;
	case XM_LOG_INFO:
		return 1;
	case XM_LOG_WARN:
		return 3;
	default:
		return 4;
	}
}

static void forward_log(enum xm_log_level level, const char *module, const char *message,
		void *data)
{
	struct xm_server *s = data;
	int threshold = atomic_load(&s->log_threshold);
	int index = level_index(level);
	if (threshold < 0 || index < threshold) {
		return;
	}
	struct xm_buf params = XM_BUF_INIT;
	struct xm_json_gen *g = xm_json_gen_create(&params);
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "level", mcp_levels[index]);
	xm_json_gen_key(g, "logger");
	xm_json_gen_text(g, module, strlen(module));
	xm_json_gen_key(g, "data");
	xm_json_gen_text(g, message, strlen(message));
	xm_json_gen_end_object(g);
	if (xm_json_gen_ok(g)) {
		notify(s, "notifications/message", &params);
	}
	xm_json_gen_destroy(g);
	xm_buf_finish(&params);
}

/* Helpers for handlers. */

static bool initialized(const struct xm_server *s)
{
	return s->version != V_NONE;
}

/* Reads params.cursor; false (and an error) when it is not one of ours. */
static bool page_start(struct reply *r, const struct xm_json *params, size_t total,
		size_t *start)
{
	*start = 0;
	const struct xm_json *cursor = xm_json_get(params, "cursor");
	if (!cursor) {
		return true;
	}
	const char *text = xm_json_string(cursor);
	char *end = NULL;
	unsigned long n = 0;
	if (text && *text >= '1' && *text <= '9') {
		errno = 0;
		n = strtoul(text, &end, 10);
	}
	if (!end || *end || errno || n >= total) {
		reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: unknown cursor "
				"(pass the nextCursor of the previous page, or none)");
		return false;
	}
	*start = n;
	return true;
}

static void next_cursor(struct xm_server *s, struct reply *r, size_t start, size_t total)
{
	if (start + s->page_size < total) {
		char text[32];
		snprintf(text, sizeof(text), "%zu", start + s->page_size);
		xm_json_gen_kstring(r->g, "nextCursor", text);
	}
}

static size_t page_end(const struct xm_server *s, size_t start, size_t total)
{
	return start + s->page_size < total ? start + s->page_size : total;
}

/* Methods. */

static void m_initialize(struct xm_server *s, struct request *rq, struct reply *r)
{
	if (initialized(s)) {
		reply_error(r, XM_RPC_INVALID_REQUEST, "Invalid Request: already initialized");
		return;
	}
	const char *asked = xm_json_string(xm_json_get(rq->msg.params, "protocolVersion"));
	if (!asked) {
		reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: initialize needs params.protocolVersion (a string)");
		return;
	}
	s->version = V2025_11_25;
	for (int i = 0; xm_server_versions[i]; i++) {
		if (strcmp(asked, xm_server_versions[i]) == 0) {
			s->version = i;
		}
	}
	const struct xm_registry *reg = s->reg;
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "protocolVersion", xm_server_versions[s->version]);
	xm_json_gen_key(g, "capabilities");
	xm_json_gen_begin_object(g);
	if (s->nserved) {
		xm_json_gen_key(g, "tools");
		xm_json_gen_begin_object(g);
		xm_json_gen_end_object(g);
	}
	if (reg->nresources || reg->ntemplates) {
		xm_json_gen_key(g, "resources");
		xm_json_gen_begin_object(g);
		xm_json_gen_end_object(g);
	}
	if (reg->nprompts) {
		xm_json_gen_key(g, "prompts");
		xm_json_gen_begin_object(g);
		xm_json_gen_end_object(g);
		if (s->version <= V2025_03_26) {
			xm_json_gen_key(g, "completions");
			xm_json_gen_begin_object(g);
			xm_json_gen_end_object(g);
		}
	}
	xm_json_gen_key(g, "logging");
	xm_json_gen_begin_object(g);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
	xm_json_gen_key(g, "serverInfo");
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "name", "xano-mcp");
	xm_json_gen_kstring(g, "title", "Xano MCP");
	xm_json_gen_kstring(g, "version", XM_PROJECT_VERSION);
	xm_json_gen_kstring(g, "description", "Build Xano backends: XanoScript and "
			"the SDK builder language, validated and compiled locally");
	xm_json_gen_end_object(g);
	if (reg->instructions) {
		xm_json_gen_kstring(g, "instructions", reg->instructions);
	}
	xm_json_gen_end_object(g);
	LOG_INFO("initialized: protocol %s (client asked for %s)",
			xm_server_versions[s->version], asked);
}

static void m_ping(struct xm_server *s, struct request *rq, struct reply *r)
{
	xm_json_gen_begin_object(r->g);
	xm_json_gen_end_object(r->g);
}

static void m_discover(struct xm_server *s, struct request *rq, struct reply *r)
{
	reply_error(r, XM_RPC_METHOD_NOT_FOUND, "Method not found: server/discover. This "
			"server speaks MCP 2024-11-05 to 2025-11-25: send initialize");
	xm_buf_adds(&r->data, "{\"supported\":[");
	for (int i = 0; xm_server_versions[i]; i++) {
		xm_buf_addf(&r->data, "%s\"%s\"", i ? "," : "", xm_server_versions[i]);
	}
	xm_buf_adds(&r->data, "]}");
}

static void m_set_level(struct xm_server *s, struct request *rq, struct reply *r)
{
	const char *level = xm_json_string(xm_json_get(rq->msg.params, "level"));
	for (size_t i = 0; level && i < NLEVELS; i++) {
		if (strcmp(level, mcp_levels[i]) == 0) {
			atomic_store(&s->log_threshold, (int)i);
			/* log.h filters before the listener sees anything */
			enum xm_log_level need = i == 0 ? XM_LOG_DEBUG : i <= 2 ? XM_LOG_INFO :
				i == 3 ? XM_LOG_WARN : XM_LOG_ERROR;
			if (need > xm_log_get_level()) {
				xm_log_set_level(need);
			}
			m_ping(s, rq, r);
			return;
		}
	}
	reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: level must be one of debug, "
			"info, notice, warning, error, critical, alert, emergency");
}

static void write_tool(struct xm_server *s, size_t index, struct xm_json_gen *g)
{
	const struct xm_tool *tool = s->reg->tools[index];
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "name", tool->name);
	if (tool->title) {
		xm_json_gen_kstring(g, "title", tool->title);
	}
	xm_json_gen_kstring(g, "description", tool->description);
	xm_json_gen_key(g, "inputSchema");
	xm_json_gen_value(g, s->input_schemas[index]);
	if (s->output_schemas[index]) {
		xm_json_gen_key(g, "outputSchema");
		xm_json_gen_value(g, s->output_schemas[index]);
	}
	xm_json_gen_key(g, "annotations");
	xm_json_gen_begin_object(g);
	if (tool->title) {
		xm_json_gen_kstring(g, "title", tool->title);
	}
	xm_json_gen_kbool(g, "readOnlyHint", tool->hints.read_only);
	xm_json_gen_kbool(g, "destructiveHint", tool->hints.destructive);
	xm_json_gen_kbool(g, "idempotentHint", tool->hints.idempotent);
	xm_json_gen_kbool(g, "openWorldHint", tool->hints.open_world);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
}

static void m_tools_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	size_t start;
	if (!page_start(r, rq->msg.params, s->nserved, &start)) {
		return;
	}
	xm_json_gen_begin_object(r->g);
	xm_json_gen_key(r->g, "tools");
	xm_json_gen_begin_array(r->g);
	for (size_t i = start; i < page_end(s, start, s->nserved); i++) {
		write_tool(s, s->served[i], r->g);
	}
	xm_json_gen_end_array(r->g);
	next_cursor(s, r, start, s->nserved);
	xm_json_gen_end_object(r->g);
}

/* The CallToolResult of a finished handler, or a protocol error. */
static void tool_reply(struct xm_call_ctx *c, int rc, struct xm_tool_result *res,
		struct reply *r)
{
	const struct xm_tool *tool = c->tool;
	if (rc != 0) {
		reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error in tool %s", tool->name);
		return;
	}
	bool structured = !res->is_error && res->structured.len > 0;
	if (structured && !xm_json_gen_ok(res->gen)) {
		reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: tool %s produced "
				"malformed structured content", tool->name);
		return;
	}
	if (!res->is_error && tool->output_schema && !structured) {
		reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: tool %s produced no "
				"structured content", tool->name);
		return;
	}
	/* Written by hand around the pre-rendered structured JSON. */
	struct xm_buf *out = &r->result;
	xm_buf_adds(out, "{\"content\":[{\"type\":\"text\",\"text\":");
	struct xm_json_gen *g = xm_json_gen_create(out);
	if (res->text.len || !structured) {
		xm_json_gen_text(g, xm_buf_str(&res->text), res->text.len);
	} else {
		xm_json_gen_string_len(g, res->structured.data, res->structured.len);
	}
	xm_json_gen_destroy(g);
	xm_buf_adds(out, "}]");
	if (structured) {
		xm_buf_adds(out, ",\"structuredContent\":");
		xm_buf_add(out, res->structured.data, res->structured.len);
	}
	if (res->is_error) {
		xm_buf_adds(out, ",\"isError\":true");
	}
	xm_buf_addc(out, '}');
}

static void run_tool(struct xm_call_ctx *c, struct reply *r)
{
	struct xm_tool_result res;
	memset(&res, 0, sizeof(res));
	struct xm_tool_call call = { .args = c->args, .ctx = c };
	int rc = c->tool->call(&call, &res);
	tool_reply(c, rc, &res, r);
	xm_json_gen_destroy(res.gen);
	xm_buf_finish(&res.text);
	xm_buf_finish(&res.structured);
}

static void ctx_free(struct xm_call_ctx *c)
{
	free(c->id);
	free(c->progress_token);
	xm_json_free(c->root);
	free(c);
}

static void *worker(void *arg)
{
	struct xm_call_ctx *c = arg;
	struct xm_server *s = c->srv;
	struct reply r;
	reply_init(&r);
	run_tool(c, &r);

	pthread_mutex_lock(&s->lock);
	for (struct xm_call_ctx **p = &s->calls; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	/* A cancelled request gets no response at all. */
	if (!atomic_load(&c->cancelled)) {
		struct xm_buf out = XM_BUF_INIT;
		render(c->id, &r, &out);
		send_buf(s, &out);
		xm_buf_finish(&out);
	}
	reply_finish(&r);
	ctx_free(c);

	pthread_mutex_lock(&s->lock);
	s->workers--;
	pthread_cond_broadcast(&s->idle);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static bool start_worker(struct xm_server *s, struct xm_call_ctx *c)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_mutex_lock(&s->lock);
	pthread_t thread;
	bool ok = pthread_create(&thread, &attr, worker, c) == 0;
	if (ok) {
		c->next = s->calls;
		s->calls = c;
		s->workers++;
	}
	pthread_mutex_unlock(&s->lock);
	pthread_attr_destroy(&attr);
	return ok;
}

static void m_tools_call(struct xm_server *s, struct request *rq, struct reply *r)
{
	const struct xm_json *params = rq->msg.params;
	const char *name = xm_json_string(xm_json_get(params, "name"));
	if (!name) {
		reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: tools/call needs params.name (a string)");
		return;
	}
	size_t index = s->reg->ntools;
	for (size_t i = 0; i < s->nserved; i++) {
		if (strcmp(s->reg->tools[s->served[i]]->name, name) == 0) {
			index = s->served[i];
		}
	}
	if (index == s->reg->ntools) {
		reply_error(r, XM_RPC_INVALID_PARAMS, "Unknown tool: %s", name);
		return;
	}
	const struct xm_json *args = xm_json_get(params, "arguments");
	if (!args) {
		args = s->empty_object;
	} else if (xm_json_type(args) != XM_JSON_OBJECT) {
		reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: arguments must be an object");
		return;
	}
	const struct xm_tool *tool = s->reg->tools[index];
	struct xm_buf problems = XM_BUF_INIT;
	if (!xm_schema_validate(s->input_schemas[index], args, "arguments", &problems)) {
		struct xm_tool_result res;
		memset(&res, 0, sizeof(res));
		xm_tool_result_error(&res, "Invalid arguments for %s:\n%sCorrect them to "
				"match the tool's inputSchema and call it again.", name,
				problems.data);
		struct xm_call_ctx c = { .tool = tool };
		tool_reply(&c, 0, &res, r);
		xm_buf_finish(&res.text);
		xm_buf_finish(&problems);
		return;
	}
	xm_buf_finish(&problems);

	struct xm_call_ctx *c = xm_calloc(1, sizeof(*c));
	c->srv = s;
	c->tool = tool;
	c->tool_index = index;
	c->args = args;
	c->id = xm_strdup(rq->msg.id);
	c->progress_token = xm_rpc_id_text(xm_json_get(xm_json_get(params, "_meta"),
				"progressToken"));
	c->last_progress = -HUGE_VAL;
	atomic_init(&c->cancelled, false);

	if (tool->long_running && rq->owner) {
		c->root = *rq->owner;
		*rq->owner = NULL;
		if (start_worker(s, c)) {
			r->deferred = true;
			return;
		}
		LOG_WARN("no worker thread for %s; running it inline", name);
	}
	/* Inline: whatever is corked goes out first, the tool may take a while. */
	xm_transport_flush(s->t);
	run_tool(c, r);
	xm_transport_cork(s->t);
	ctx_free(c);
}

static void write_resource(const struct xm_resource *res, struct xm_json_gen *g)
{
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "uri", res->uri);
	xm_json_gen_kstring(g, "name", res->name);
	if (res->title) {
		xm_json_gen_kstring(g, "title", res->title);
	}
	if (res->description) {
		xm_json_gen_kstring(g, "description", res->description);
	}
	if (res->mime_type) {
		xm_json_gen_kstring(g, "mimeType", res->mime_type);
	}
	xm_json_gen_kint(g, "size", (int64_t)res->len);
	xm_json_gen_end_object(g);
}

static void m_resources_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	size_t start, total = s->reg->nresources;
	if (!page_start(r, rq->msg.params, total, &start)) {
		return;
	}
	xm_json_gen_begin_object(r->g);
	xm_json_gen_key(r->g, "resources");
	xm_json_gen_begin_array(r->g);
	for (size_t i = start; i < page_end(s, start, total); i++) {
		write_resource(s->reg->resources[i], r->g);
	}
	xm_json_gen_end_array(r->g);
	next_cursor(s, r, start, total);
	xm_json_gen_end_object(r->g);
}

static void m_templates_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	size_t start, total = s->reg->ntemplates;
	if (!page_start(r, rq->msg.params, total, &start)) {
		return;
	}
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "resourceTemplates");
	xm_json_gen_begin_array(g);
	for (size_t i = start; i < page_end(s, start, total); i++) {
		const struct xm_resource_template *tp = s->reg->templates[i];
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "uriTemplate", tp->uri_template);
		xm_json_gen_kstring(g, "name", tp->name);
		if (tp->title) {
			xm_json_gen_kstring(g, "title", tp->title);
		}
		if (tp->description) {
			xm_json_gen_kstring(g, "description", tp->description);
		}
		if (tp->mime_type) {
			xm_json_gen_kstring(g, "mimeType", tp->mime_type);
		}
		xm_json_gen_end_object(g);
	}
	xm_json_gen_end_array(g);
	next_cursor(s, r, start, total);
	xm_json_gen_end_object(g);
}

static void write_contents(struct reply *r, const char *uri, const char *mime,
		const char *text, size_t len)
{
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "contents");
	xm_json_gen_begin_array(g);
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "uri", uri);
	if (mime) {
		xm_json_gen_kstring(g, "mimeType", mime);
	}
	xm_json_gen_key(g, "text");
	xm_json_gen_text(g, text, len);
	xm_json_gen_end_object(g);
	xm_json_gen_end_array(g);
	xm_json_gen_end_object(g);
}

static void m_resources_read(struct xm_server *s, struct request *rq, struct reply *r)
{
	const char *uri = xm_json_string(xm_json_get(rq->msg.params, "uri"));
	if (!uri) {
		reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: resources/read needs params.uri (a string)");
		return;
	}
	const struct xm_resource *res = xm_registry_resource(s->reg, uri);
	if (res) {
		write_contents(r, uri, res->mime_type, res->text, res->len);
		return;
	}
	struct xm_buf text = XM_BUF_INIT, message = XM_BUF_INIT;
	enum xm_resource_status st = XM_RESOURCE_NOT_MINE;
	for (size_t i = 0; st == XM_RESOURCE_NOT_MINE && i < s->reg->ntemplates; i++) {
		const char *mime = s->reg->templates[i]->mime_type;
		st = s->reg->templates[i]->read(uri, &text, &mime, &message);
		if (st == XM_RESOURCE_OK) {
			write_contents(r, uri, mime, text.data ? text.data : "", text.len);
		}
	}
	if (st == XM_RESOURCE_FAILED) {
		reply_error(r, XM_RPC_INTERNAL_ERROR, "Reading %s failed: %s", uri,
				xm_buf_str(&message));
	} else if (st != XM_RESOURCE_OK) {
		reply_error(r, XM_RPC_RESOURCE_NOT_FOUND, "Resource not found: %s", uri);
		struct xm_json_gen *g = xm_json_gen_create(&r->data);
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "uri", uri);
		xm_json_gen_end_object(g);
		xm_json_gen_destroy(g);
	}
	xm_buf_finish(&text);
	xm_buf_finish(&message);
}

static void m_prompts_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	size_t start, total = s->reg->nprompts;
	if (!page_start(r, rq->msg.params, total, &start)) {
		return;
	}
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "prompts");
	xm_json_gen_begin_array(g);
	for (size_t i = start; i < page_end(s, start, total); i++) {
		const struct xm_prompt *p = s->reg->prompts[i];
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "name", p->name);
		if (p->title) {
			xm_json_gen_kstring(g, "title", p->title);
		}
		xm_json_gen_kstring(g, "description", p->description);
		xm_json_gen_key(g, "arguments");
		xm_json_gen_begin_array(g);
		for (size_t k = 0; k < p->nargs; k++) {
			xm_json_gen_begin_object(g);
			xm_json_gen_kstring(g, "name", p->args[k].name);
			xm_json_gen_kstring(g, "description", p->args[k].description);
			xm_json_gen_kbool(g, "required", p->args[k].required);
			xm_json_gen_end_object(g);
		}
		xm_json_gen_end_array(g);
		xm_json_gen_end_object(g);
	}
	xm_json_gen_end_array(g);
	next_cursor(s, r, start, total);
	xm_json_gen_end_object(g);
}

/* Replaces each {{name}} in text by the argument of that name. */
static void expand(const struct xm_prompt *p, const struct xm_json *args, struct xm_buf *out)
{
	const char *t = p->text;
	while (*t) {
		const char *open = strstr(t, "{{");
		const char *close = open ? strstr(open, "}}") : NULL;
		if (!close) {
			xm_buf_adds(out, t);
			break;
		}
		xm_buf_add(out, t, (size_t)(open - t));
		char name[64];
		size_t n = (size_t)(close - open - 2);
		if (n < sizeof(name)) {
			memcpy(name, open + 2, n);
			name[n] = '\0';
			const char *value = xm_json_string(xm_json_get(args, name));
			for (size_t k = 0; (!value || !*value) && k < p->nargs; k++) {
				if (strcmp(p->args[k].name, name) == 0) {
					value = p->args[k].fallback;
				}
			}
			xm_buf_adds(out, value ? value : "");
		}
		t = close + 2;
	}
}

static void m_prompts_get(struct xm_server *s, struct request *rq, struct reply *r)
{
	const char *name = xm_json_string(xm_json_get(rq->msg.params, "name"));
	const struct xm_prompt *p = xm_registry_prompt(s->reg, name);
	if (!p) {
		reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: unknown prompt %s%s%s",
				name ? "\"" : "", name ? name : "(params.name is missing)",
				name ? "\"" : "");
		return;
	}
	const struct xm_json *args = xm_json_get(rq->msg.params, "arguments");
	if (args && xm_json_type(args) != XM_JSON_OBJECT) {
		reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: arguments must be an "
				"object of strings");
		return;
	}
	for (size_t i = 0; i < xm_json_len(args); i++) {
		if (!xm_json_string(xm_json_value_at(args, i))) {
			reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: argument \"%s\" "
					"must be a string", xm_json_key_at(args, i));
			return;
		}
	}
	for (size_t k = 0; k < p->nargs; k++) {
		const char *v = xm_json_string(xm_json_get(args, p->args[k].name));
		if (p->args[k].required && (!v || !*v)) {
			reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: prompt %s needs "
					"the argument \"%s\" (%s)", p->name, p->args[k].name,
					p->args[k].description);
			return;
		}
	}
	struct xm_buf text = XM_BUF_INIT;
	expand(p, args, &text);
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "description", p->description);
	xm_json_gen_key(g, "messages");
	xm_json_gen_begin_array(g);
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "role", "user");
	xm_json_gen_key(g, "content");
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "type", "text");
	xm_json_gen_key(g, "text");
	xm_json_gen_string_len(g, text.data ? text.data : "", text.len);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
	xm_json_gen_end_array(g);
	xm_json_gen_end_object(g);
	xm_buf_finish(&text);
}

#define MAX_COMPLETIONS 100

static void m_complete(struct xm_server *s, struct request *rq, struct reply *r)
{
	const struct xm_json *ref = xm_json_get(rq->msg.params, "ref");
	const struct xm_json *arg = xm_json_get(rq->msg.params, "argument");
	const char *type = xm_json_string(xm_json_get(ref, "type"));
	const char *arg_name = xm_json_string(xm_json_get(arg, "name"));
	const char *prefix = xm_json_string(xm_json_get(arg, "value"));
	if (!type || !arg_name || !prefix) {
		reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: completion/complete "
				"needs ref.type, argument.name and argument.value");
		return;
	}
	const char *values[MAX_COMPLETIONS];
	size_t n = 0;
	if (strcmp(type, "ref/prompt") == 0) {
		const struct xm_prompt *p = xm_registry_prompt(s->reg,
				xm_json_string(xm_json_get(ref, "name")));
		const struct xm_prompt_arg *pa = NULL;
		for (size_t k = 0; p && k < p->nargs; k++) {
			if (strcmp(p->args[k].name, arg_name) == 0) {
				pa = &p->args[k];
			}
		}
		if (!p || !pa) {
			reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: no prompt %s "
					"with an argument \"%s\"", p ? p->name : "of that name",
					arg_name);
			return;
		}
		for (const char *const *v = pa->values; v && *v && n < MAX_COMPLETIONS; v++) {
			if (strncmp(*v, prefix, strlen(prefix)) == 0) {
				values[n++] = *v;
			}
		}
	} else if (strcmp(type, "ref/resource") == 0) {
		const char *uri = xm_json_string(xm_json_get(ref, "uri"));
		const struct xm_resource_template *tp = NULL;
		for (size_t i = 0; uri && i < s->reg->ntemplates; i++) {
			if (strcmp(s->reg->templates[i]->uri_template, uri) == 0) {
				tp = s->reg->templates[i];
			}
		}
		if (!tp) {
			reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: no resource "
					"template %s", uri ? uri : "(ref.uri is missing)");
			return;
		}
		if (tp->complete) {
			tp->complete(arg_name, prefix, values, &n, MAX_COMPLETIONS);
		}
	} else {
		reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: ref.type must be "
				"ref/prompt or ref/resource");
		return;
	}
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "completion");
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "values");
	xm_json_gen_begin_array(g);
	for (size_t i = 0; i < n; i++) {
		xm_json_gen_string(g, values[i]);
	}
	xm_json_gen_end_array(g);
	xm_json_gen_kint(g, "total", (int64_t)n);
	xm_json_gen_kbool(g, "hasMore", false);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
}

enum feature { ANY, TOOLS, RESOURCES, PROMPTS };

static const struct method {
	const char *name;
	void (*fn)(struct xm_server *s, struct request *rq, struct reply *r);
	enum feature needs;
	bool before_init;
} methods[] = {
	{ "initialize", m_initialize, ANY, true },
	{ "ping", m_ping, ANY, true },
	{ "server/discover", m_discover, ANY, true },
	{ "logging/setLevel", m_set_level, ANY, false },
	{ "tools/list", m_tools_list, TOOLS, false },
	{ "tools/call", m_tools_call, TOOLS, false },
	{ "resources/list", m_resources_list, RESOURCES, false },
	{ "resources/templates/list", m_templates_list, RESOURCES, false },
	{ "resources/read", m_resources_read, RESOURCES, false },
	{ "prompts/list", m_prompts_list, PROMPTS, false },
	{ "prompts/get", m_prompts_get, PROMPTS, false },
	{ "completion/complete", m_complete, PROMPTS, false },
};

static bool offered(const struct xm_server *s, enum feature f)
{
	switch (f) {
	case TOOLS:
		return s->nserved > 0;
	case RESOURCES:
		return s->reg->nresources || s->reg->ntemplates;
	case PROMPTS:
		return s->reg->nprompts > 0;
	case ANY:
		break;
	}
	return true;
}

static void on_cancelled(struct xm_server *s, const struct xm_json *params)
{
	char *id = xm_rpc_id_text(xm_json_get(params, "requestId"));
	if (!id) {
		return;
	}
	pthread_mutex_lock(&s->lock);
	for (struct xm_call_ctx *c = s->calls; c; c = c->next) {
		if (strcmp(c->id, id) == 0) {
			atomic_store(&c->cancelled, true);
			LOG_INFO("request %s cancelled by the client", id);
		}
	}
	pthread_mutex_unlock(&s->lock);
	free(id);
}

/* Handles one decoded message; appends a response to out unless there is
 * none (notifications, answers deferred to a worker). */
static void handle_message(struct xm_server *s, struct request *rq, struct xm_buf *out)
{
	struct xm_rpc_message *m = &rq->msg;
	switch (m->kind) {
	case XM_RPC_INVALID:
		xm_rpc_write_error(out, m->id, m->code, m->message, NULL);
		return;
	case XM_RPC_RESPONSE:
		/* we send no requests, so no answer is awaited */
		return;
	case XM_RPC_NOTIFICATION:
		if (m->code == 0 && strcmp(m->method, "notifications/cancelled") == 0) {
			on_cancelled(s, m->params);
		}
		/* notifications/initialized and anything unknown: nothing to do */
		return;
	case XM_RPC_REQUEST:
		break;
	}
	if (m->code) {
		xm_rpc_write_error(out, m->id, m->code, m->message, NULL);
		return;
	}
	const struct method *method = NULL;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (strcmp(methods[i].name, m->method) == 0) {
			method = &methods[i];
		}
	}
	struct reply r;
	reply_init(&r);
	if (!method || !offered(s, method->needs)) {
		reply_error(&r, XM_RPC_METHOD_NOT_FOUND, "Method not found: %s", m->method);
	} else if (!method->before_init && !initialized(s)) {
		reply_error(&r, XM_RPC_INVALID_REQUEST, "Invalid Request: the server is not "
				"initialized; send initialize first");
	} else if (rq->owner == NULL && strcmp(m->method, "initialize") == 0) {
		reply_error(&r, XM_RPC_INVALID_REQUEST,
				"Invalid Request: initialize must not be part of a batch");
	} else {
		method->fn(s, rq, &r);
	}
	if (!r.deferred) {
		render(m->id, &r, out);
	}
	reply_finish(&r);
}

static void handle_batch(struct xm_server *s, const struct xm_json *batch, struct xm_buf *out)
{
	if (xm_json_len(batch) == 0) {
		xm_rpc_write_error(out, NULL, XM_RPC_INVALID_REQUEST,
				"Invalid Request: empty batch", NULL);
		return;
	}
	struct xm_buf one = XM_BUF_INIT;
	size_t answers = 0;
	for (size_t i = 0; i < xm_json_len(batch); i++) {
		struct request rq = { .owner = NULL };
		xm_rpc_decode(xm_json_at(batch, i), &rq.msg);
		xm_buf_reset(&one);
		handle_message(s, &rq, &one);
		xm_rpc_message_finish(&rq.msg);
		if (one.len) {
			/* only notifications: nothing is sent at all */
			xm_buf_addc(out, answers++ ? ',' : '[');
			xm_buf_add(out, one.data, one.len);
		}
	}
	if (answers) {
		xm_buf_addc(out, ']');
	}
	xm_buf_finish(&one);
}

void xm_server_handle_line(struct xm_server *s, const char *line, size_t len)
{
	struct xm_json_limits limits = xm_json_default_limits;
	limits.max_bytes = s->max_line;
	struct xm_json_error err;
	struct xm_json *root = xm_json_parse(line, len, &limits, &err);
	struct xm_buf out = XM_BUF_INIT;
	if (!root) {
		char message[256];
		bool parse = err.status == XM_JSON_SYNTAX || err.status == XM_JSON_NUL_BYTE;
		snprintf(message, sizeof(message), "%s: %s", parse ? "Parse error" :
				"Invalid Request", err.message);
		xm_rpc_write_error(&out, NULL, parse ? XM_RPC_PARSE_ERROR :
				XM_RPC_INVALID_REQUEST, message, NULL);
	} else if (xm_json_type(root) == XM_JSON_ARRAY) {
		if (s->version == V2025_03_26) {
			handle_batch(s, root, &out);
		} else {
			xm_rpc_write_error(&out, NULL, XM_RPC_INVALID_REQUEST, "Invalid Request: "
					"batches exist only in protocol 2025-03-26; send one "
					"message per line", NULL);
		}
	} else {
		struct request rq = { .owner = &root };
		xm_rpc_decode(root, &rq.msg);
		handle_message(s, &rq, &out);
		xm_rpc_message_finish(&rq.msg);
	}
	send_buf(s, &out);
	xm_buf_finish(&out);
	xm_json_free(root);
}

/* Called by tools. */

bool xm_tool_cancelled(const struct xm_tool_call *call)
{
	return atomic_load(&call->ctx->cancelled) || atomic_load(&call->ctx->srv->stopping);
}

void xm_tool_progress(const struct xm_tool_call *call, double progress, double total,
		const char *message)
{
	struct xm_call_ctx *c = call->ctx;
	if (!c->progress_token || xm_tool_cancelled(call) || !(progress > c->last_progress)) {
		return;
	}
	c->last_progress = progress;
	struct xm_buf params = XM_BUF_INIT;
	xm_buf_addf(&params, "{\"progressToken\":%s,\"progress\":", c->progress_token);
	struct xm_json_gen *g = xm_json_gen_create(&params);
	xm_json_gen_double(g, progress);
	xm_json_gen_destroy(g);
	if (total > 0) {
		xm_buf_adds(&params, ",\"total\":");
		g = xm_json_gen_create(&params);
		xm_json_gen_double(g, total);
		xm_json_gen_destroy(g);
	}
	if (message && c->srv->version <= V2025_03_26) {
		xm_buf_adds(&params, ",\"message\":");
		g = xm_json_gen_create(&params);
		xm_json_gen_text(g, message, strlen(message));
		xm_json_gen_destroy(g);
	}
	xm_buf_addc(&params, '}');
	notify(c->srv, "notifications/progress", &params);
	xm_buf_finish(&params);
}

/* Life of a server. */

static struct xm_json *parse_schema(const struct xm_tool *tool, const char *text,
		bool input)
{
	struct xm_json_error err;
	struct xm_json *schema = xm_json_parse(text, strlen(text), NULL, &err);
	struct xm_buf problems = XM_BUF_INIT;
	if (!schema) {
		LOG_ERR("tool %s: %s schema: %s", tool->name, input ? "input" : "output",
				err.message);
	} else if (strcmp(xm_json_string(xm_json_get(schema, "type")) ?
				xm_json_string(xm_json_get(schema, "type")) : "", "object") != 0) {
		LOG_ERR("tool %s: the %s schema's type must be \"object\"", tool->name,
				input ? "input" : "output");
		xm_json_free(schema);
		schema = NULL;
	} else if (input && !xm_schema_check(schema, &problems)) {
		LOG_ERR("tool %s: input schema:\n%s", tool->name, problems.data);
		xm_json_free(schema);
		schema = NULL;
	}
	xm_buf_finish(&problems);
	return schema;
}

struct xm_server *xm_server_create(const struct xm_server_options *options)
{
	struct xm_server *s = xm_calloc(1, sizeof(*s));
	s->reg = options->registry;
	s->page_size = options->page_size ? options->page_size : 50;
	s->max_line = options->max_line ? options->max_line : XM_TRANSPORT_MAX_LINE;
	s->t = xm_transport_create(options->in_fd, options->out_fd, s->max_line);
	s->version = V_NONE;
	atomic_init(&s->log_threshold, -1);
	atomic_init(&s->stopping, false);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->idle, NULL);
	s->empty_object = xm_json_parse("{}", 2, NULL, NULL);

	size_t n = s->reg->ntools;
	s->input_schemas = xm_calloc(n + 1, sizeof(*s->input_schemas));
	s->output_schemas = xm_calloc(n + 1, sizeof(*s->output_schemas));
	s->served = xm_calloc(n + 1, sizeof(*s->served));
	for (size_t i = 0; i < n; i++) {
		const struct xm_tool *tool = s->reg->tools[i];
		s->input_schemas[i] = parse_schema(tool, tool->input_schema, true);
		if (tool->output_schema) {
			s->output_schemas[i] = parse_schema(tool, tool->output_schema, false);
		}
		if (s->input_schemas[i] && (s->output_schemas[i] || !tool->output_schema)) {
			s->served[s->nserved++] = i;
		}
	}
	xm_log_set_listener(forward_log, s);
	return s;
}

void xm_server_destroy(struct xm_server *s)
{
	if (!s) {
		return;
	}
	xm_log_set_listener(NULL, NULL);
	atomic_store(&s->stopping, true);
	pthread_mutex_lock(&s->lock);
	for (struct xm_call_ctx *c = s->calls; c; c = c->next) {
		atomic_store(&c->cancelled, true);
	}
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += SHUTDOWN_WAIT_SECONDS;
	int rc = 0;
	while (s->workers > 0 && rc != ETIMEDOUT) {
		rc = pthread_cond_timedwait(&s->idle, &s->lock, &deadline);
	}
	bool stuck = s->workers > 0;
	pthread_mutex_unlock(&s->lock);
	if (stuck) {
		/* A worker still uses the server; the process is about to end. */
		LOG_WARN("%u tool call(s) did not stop in time", s->workers);
		return;
	}
	for (size_t i = 0; i < s->reg->ntools; i++) {
		xm_json_free(s->input_schemas[i]);
		xm_json_free(s->output_schemas[i]);
	}
	free(s->input_schemas);
	free(s->output_schemas);
	free(s->served);
	xm_json_free(s->empty_object);
	xm_transport_destroy(s->t);
	pthread_cond_destroy(&s->idle);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

int xm_server_run(struct xm_server *s)
{
	for (;;) {
		if (!xm_transport_alive(s->t)) {
			LOG_INFO("the client went away");
			return 0;
		}
		const char *line;
		size_t len;
		enum xm_transport_status st = xm_transport_read(s->t, &line, &len);
		/* Answers to pipelined requests leave together; the transport
		 * flushes them before it waits for more input. */
		xm_transport_cork(s->t);
		switch (st) {
		case XM_TRANSPORT_LINE:
			xm_server_handle_line(s, line, len);
			break;
		case XM_TRANSPORT_TOO_LONG: {
			char message[128];
			snprintf(message, sizeof(message), "Invalid Request: the message exceeds "
					"the line limit of %zu bytes and was skipped", s->max_line);
			send_error(s, NULL, XM_RPC_INVALID_REQUEST, message);
			break;
		}
		case XM_TRANSPORT_EOF:
			xm_transport_flush(s->t);
			return 0;
		case XM_TRANSPORT_ERROR:
			xm_transport_flush(s->t);
			return 1;
		}
	}
}
