/*
 * tools/list and tools/call: argument validation against each tool's
 * schema, inline or worker-thread execution, progress and cancellation.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LOG_MODULE "calls"
#include "internal.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/mcp/schema.h"
#include "xano-mcp/mcp/transport.h"

static void write_tool(struct xm_server *s, size_t i, struct xm_json_gen *g)
{
	size_t index = s->served[i];
	const struct xm_tool *tool = s->reg->tools[index];
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "name", tool->name);
	xm_json_gen_kstring_opt(g, "title", tool->title);
	xm_json_gen_kstring(g, "description", tool->description);
	xm_json_gen_key(g, "inputSchema");
	xm_json_gen_value(g, s->input_schemas[index]);
	if (s->output_schemas[index]) {
		xm_json_gen_key(g, "outputSchema");
		xm_json_gen_value(g, s->output_schemas[index]);
	}
	xm_json_gen_key(g, "annotations");
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring_opt(g, "title", tool->title);
	xm_json_gen_kbool(g, "readOnlyHint", tool->hints.read_only);
	xm_json_gen_kbool(g, "destructiveHint", tool->hints.destructive);
	xm_json_gen_kbool(g, "idempotentHint", tool->hints.idempotent);
	xm_json_gen_kbool(g, "openWorldHint", tool->hints.open_world);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
}

void xm_method_tools_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	xm_list_page(s, rq, r, "tools", s->nserved, write_tool);
}

/*
 * structuredContent must be an object that matches the tool's output
 * schema: clients check it (the TS SDK with ajv) and would fail the call
 * with a less useful message. A mismatch is a bug in the tool; say so.
 */
static bool conforms(const struct xm_call_ctx *c, const struct xm_tool_result *res)
{
	struct xm_json *v = xm_json_parse(res->structured.data, res->structured.len, NULL, NULL);
	struct xm_buf problems = XM_BUF_INIT;
	bool ok = xm_json_type(v) == XM_JSON_OBJECT && (!c->output_schema ||
			xm_schema_validate(c->output_schema, v, "structuredContent", &problems));
	if (!ok) {
		LOG_ERR("tool %s: structured content does not match its output schema:\n%s",
				c->tool->name, problems.len ? problems.data : "- not an object\n");
	}
	xm_buf_finish(&problems);
	xm_json_free(v);
	return ok;
}

/* The CallToolResult of a finished handler, or a protocol error. */
static void tool_reply(struct xm_call_ctx *c, int rc, struct xm_tool_result *res,
		struct reply *r)
{
	const struct xm_tool *tool = c->tool;
	if (rc != 0) {
		xm_reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error in tool %s", tool->name);
		return;
	}
	bool structured = !res->is_error && res->structured.len > 0;
	if (structured && !xm_json_gen_ok(res->gen)) {
		xm_reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: tool %s produced "
				"malformed structured content", tool->name);
		return;
	}
	if (!res->is_error && tool->output_schema && !structured) {
		xm_reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: tool %s produced no "
				"structured content", tool->name);
		return;
	}
	if (structured && !conforms(c, res)) {
		xm_reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: tool %s produced "
				"structured content that does not match its output schema",
				tool->name);
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

struct xm_call_ctx *xm_calls_new(struct xm_server *s, struct request *rq,
		void (*run)(struct xm_call_ctx *c, struct reply *r))
{
	struct xm_call_ctx *c = xm_calloc(1, sizeof(*c));
	c->srv = s;
	c->run = run;
	c->id = xm_strdup(rq->msg.id);
	c->last_progress = -HUGE_VAL;
	atomic_init(&c->cancelled, false);
	return c;
}

void xm_calls_free(struct xm_call_ctx *c)
{
	if (!c) {
		return;
	}
	free(c->id);
	free(c->progress_token);
	free(c->uri);
	xm_json_free(c->root);
	free(c);
}

static void *worker(void *arg)
{
	struct xm_call_ctx *c = arg;
	struct xm_server *s = c->srv;
	struct reply r;
	xm_reply_init(&r);
	c->run(c, &r);

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
		xm_reply_render(c->id, &r, &out);
		xm_session_send(s, &out);
		xm_buf_finish(&out);
	}
	xm_reply_finish(&r);
	xm_calls_free(c);

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

void xm_method_tools_call(struct xm_server *s, struct request *rq, struct reply *r)
{
	const struct xm_json *params = rq->msg.params;
	const char *name = xm_json_string(xm_json_get(params, "name"));
	if (!name) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: tools/call needs params.name (a string)");
		return;
	}
	size_t index = s->reg->ntools;
	for (size_t i = 0; i < s->nserved; i++) {
		if (strcmp(s->reg->tools[s->served[i]]->name, name) == 0) {
			index = s->served[i];
			break;
		}
	}
	if (index == s->reg->ntools) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Unknown tool: %s", name);
		return;
	}
	const struct xm_json *args = xm_json_get(params, "arguments");
	if (!args) {
		args = s->empty_object;
	} else if (xm_json_type(args) != XM_JSON_OBJECT) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS,
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

	struct xm_call_ctx *c = xm_calls_new(s, rq, run_tool);
	c->tool = tool;
	c->output_schema = s->output_schemas[index];
	c->args = args;
	c->progress_token = xm_rpc_id_text(xm_json_get(xm_json_get(params, "_meta"),
				"progressToken"));
	xm_calls_run(c, rq, tool->long_running, r);
}

void xm_calls_run(struct xm_call_ctx *c, struct request *rq, bool slow, struct reply *r)
{
	struct xm_server *s = c->srv;
	if (slow && rq->owner) {
		c->root = *rq->owner;
		*rq->owner = NULL;
		if (start_worker(s, c)) {
			r->deferred = true;
			return;
		}
		LOG_WARN("no worker thread for request %s; running it inline", c->id);
		/* the parsed request stays alive in c->root for the inline run */
	}
	/* Inline: whatever is corked goes out first, the work may take a while. */
	xm_transport_flush(s->t);
	c->run(c, r);
	xm_transport_cork(s->t);
	xm_calls_free(c);
}

void xm_calls_cancel(struct xm_server *s, const struct xm_json *params)
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
	/* Completion is said by the response, which follows at once. The TS
	 * SDK handles notifications a tick after responses, so a final 100 %
	 * arriving together with the response is an "unknown token" error. */
	if (total > 0 && progress >= total) {
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
	xm_session_notify(c->srv, "notifications/progress", &params);
	xm_buf_finish(&params);
}

static struct xm_json *parse_schema(const struct xm_tool *tool, const char *text,
		bool input)
{
	struct xm_json_error err;
	struct xm_json *schema = xm_json_parse(text, strlen(text), NULL, &err);
	const char *type = xm_json_string(xm_json_get(schema, "type"));
	struct xm_buf problems = XM_BUF_INIT;
	if (!schema) {
		LOG_ERR("tool %s: %s schema: %s", tool->name, input ? "input" : "output",
				err.message);
	} else if (!type || strcmp(type, "object") != 0) {
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

void xm_calls_load(struct xm_server *s)
{
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
}

void xm_calls_unload(struct xm_server *s)
{
	for (size_t i = 0; i < s->reg->ntools; i++) {
		xm_json_free(s->input_schemas[i]);
		xm_json_free(s->output_schemas[i]);
	}
	free(s->input_schemas);
	free(s->output_schemas);
	free(s->served);
	xm_json_free(s->empty_object);
}
