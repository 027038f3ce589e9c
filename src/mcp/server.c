/*
 * The session: lifecycle (initialize, ping, server/discover, logging),
 * dispatch of each line to a method, batches, and the life of a server.
 * The feature methods live in calls.c, resources.c, prompts.c and
 * completion.c; see internal.h and, for the threads, server.h.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

#define LOG_MODULE "server"
#include "internal.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/mcp/jsonrpc.h"
#include "xano-mcp/mcp/transport.h"

/* The TS SDK's stdio reader refuses messages over 10 MiB. */
#define MAX_MESSAGE ((10u << 20) - 4096)
#define SHUTDOWN_WAIT_SECONDS 2

const char *const xm_server_versions[] = {
	"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", NULL,
};

/* MCP's syslog levels, least severe first, and the log.h level each needs. */
static const struct {
	const char *name;
	enum xm_log_level log;
} mcp_levels[] = {
	{ "debug", XM_LOG_DEBUG },
	{ "info", XM_LOG_INFO },
	{ "notice", XM_LOG_INFO },
	{ "warning", XM_LOG_WARN },
	{ "error", XM_LOG_ERROR },
	{ "critical", XM_LOG_ERROR },
	{ "alert", XM_LOG_ERROR },
	{ "emergency", XM_LOG_ERROR },
};
#define NLEVELS (sizeof(mcp_levels) / sizeof(mcp_levels[0]))

void xm_reply_init(struct reply *r)
{
	memset(r, 0, sizeof(*r));
	r->g = xm_json_gen_create(&r->result);
}

/* Ready for the next request, keeping the memory. */
static void reply_reset(struct reply *r)
{
	xm_buf_reset(&r->result);
	xm_json_gen_reset(r->g);
	r->code = 0;
	xm_buf_reset(&r->message);
	xm_buf_reset(&r->data);
	r->deferred = false;
}

void xm_reply_finish(struct reply *r)
{
	if (!r) {
		return;
	}
	xm_json_gen_destroy(r->g);
	xm_buf_finish(&r->result);
	xm_buf_finish(&r->message);
	xm_buf_finish(&r->data);
}

void xm_reply_error(struct reply *r, int code, const char *fmt, ...)
{
	r->code = code;
	xm_buf_reset(&r->message);
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&r->message, fmt, ap);
	va_end(ap);
}

void xm_reply_render(const char *id, struct reply *r, struct xm_buf *out)
{
	size_t mark = out->len;
	if (r->code == 0 && !xm_json_gen_ok(r->g)) {
		xm_reply_error(r, XM_RPC_INTERNAL_ERROR, "Internal error: the result could not "
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

void xm_session_send(struct xm_server *s, const struct xm_buf *b)
{
	if (b->len) {
		xm_transport_send(s->t, b->data, b->len);
	}
}

static void send_error(struct xm_server *s, const char *id, int code, const char *message)
{
	struct xm_buf out = XM_BUF_INIT;
	xm_rpc_write_error(&out, id, code, message, NULL);
	xm_session_send(s, &out);
	xm_buf_finish(&out);
}

void xm_session_notify(struct xm_server *s, const char *method, const struct xm_buf *params)
{
	struct xm_buf out = XM_BUF_INIT;
	xm_rpc_write_notification(&out, method, params->data, params->len);
	xm_session_send(s, &out);
	xm_buf_finish(&out);
}

/* Logging: log.h's listener forwards to notifications/message. */

/* The MCP level a log.h level is sent as: the first that maps to it. */
static int level_index(enum xm_log_level level)
{
	int i = 0;
	while (i < (int)NLEVELS - 1 && mcp_levels[i].log != level) {
		i++;
	}
	return i;
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
	xm_json_gen_kstring(g, "level", mcp_levels[index].name);
	xm_json_gen_key(g, "logger");
	xm_json_gen_text(g, module, strlen(module));
	xm_json_gen_key(g, "data");
	xm_json_gen_text(g, message, strlen(message));
	xm_json_gen_end_object(g);
	if (xm_json_gen_ok(g)) {
		xm_session_notify(s, "notifications/message", &params);
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
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: unknown cursor "
				"(pass the nextCursor of the previous page, or none)");
		return false;
	}
	*start = n;
	return true;
}

/* Cursors are offsets as decimal text: stable as long as the registry is,
 * which is for the life of the process. */
void xm_list_page(struct xm_server *s, struct request *rq, struct reply *r, const char *key,
		size_t total, void (*item)(struct xm_server *s, size_t i, struct xm_json_gen *g))
{
	size_t start;
	if (!page_start(r, rq->msg.params, total, &start)) {
		return;
	}
	size_t end = start + s->page_size < total ? start + s->page_size : total;
	xm_json_gen_begin_object(r->g);
	xm_json_gen_key(r->g, key);
	xm_json_gen_begin_array(r->g);
	for (size_t i = start; i < end; i++) {
		item(s, i, r->g);
	}
	xm_json_gen_end_array(r->g);
	if (end < total) {
		char text[32];
		snprintf(text, sizeof(text), "%zu", end);
		xm_json_gen_kstring(r->g, "nextCursor", text);
	}
	xm_json_gen_end_object(r->g);
}

/* Methods. */

enum feature { ANY, TOOLS, RESOURCES, PROMPTS };

/* What initialize advertises and dispatch accepts: one test for both. */
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

static void empty_object(struct xm_json_gen *g, const char *key)
{
	xm_json_gen_key(g, key);
	xm_json_gen_begin_object(g);
	xm_json_gen_end_object(g);
}

static void m_initialize(struct xm_server *s, struct request *rq, struct reply *r)
{
	if (initialized(s)) {
		xm_reply_error(r, XM_RPC_INVALID_REQUEST, "Invalid Request: already initialized");
		return;
	}
	const char *asked = xm_json_string(xm_json_get(rq->msg.params, "protocolVersion"));
	if (!asked) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: initialize needs params.protocolVersion (a string)");
		return;
	}
	s->version = V2025_11_25;
	for (int i = 0; xm_server_versions[i]; i++) {
		if (strcmp(asked, xm_server_versions[i]) == 0) {
			s->version = i;
			break;
		}
	}
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "protocolVersion", xm_server_versions[s->version]);
	xm_json_gen_key(g, "capabilities");
	xm_json_gen_begin_object(g);
	if (offered(s, TOOLS)) {
		empty_object(g, "tools");
	}
	if (offered(s, RESOURCES)) {
		empty_object(g, "resources");
	}
	if (offered(s, PROMPTS)) {
		empty_object(g, "prompts");
		/* Versions are listed newest first: <= means 2025-03-26 or later. */
		if (s->version <= V2025_03_26) {
			empty_object(g, "completions");
		}
	}
	empty_object(g, "logging");
	xm_json_gen_end_object(g);
	xm_json_gen_key(g, "serverInfo");
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "name", "xano-mcp");
	xm_json_gen_kstring(g, "title", "Xano MCP");
	xm_json_gen_kstring(g, "version", XM_PROJECT_VERSION);
	xm_json_gen_kstring(g, "description", "Build Xano backends: XanoScript and "
			"the SDK builder language, validated and compiled locally");
	xm_json_gen_end_object(g);
	xm_json_gen_kstring_opt(g, "instructions", s->reg->instructions);
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
	xm_reply_error(r, XM_RPC_METHOD_NOT_FOUND, "Method not found: server/discover. This "
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
		if (strcmp(level, mcp_levels[i].name) == 0) {
			atomic_store(&s->log_threshold, (int)i);
			/* log.h filters before the listener sees anything */
			if (mcp_levels[i].log > xm_log_get_level()) {
				xm_log_set_level(mcp_levels[i].log);
			}
			m_ping(s, rq, r);
			return;
		}
	}
	xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: level must be one of debug, "
			"info, notice, warning, error, critical, alert, emergency");
}

static const struct method {
	const char *name;
	xm_method_fn *fn;
	enum feature needs;
	bool before_init;
} methods[] = {
	{ "initialize", m_initialize, ANY, true },
	{ "ping", m_ping, ANY, true },
	{ "server/discover", m_discover, ANY, true },
	{ "logging/setLevel", m_set_level, ANY, false },
	{ "tools/list", xm_method_tools_list, TOOLS, false },
	{ "tools/call", xm_method_tools_call, TOOLS, false },
	{ "resources/list", xm_method_resources_list, RESOURCES, false },
	{ "resources/templates/list", xm_method_templates_list, RESOURCES, false },
	{ "resources/read", xm_method_resources_read, RESOURCES, false },
	{ "prompts/list", xm_method_prompts_list, PROMPTS, false },
	{ "prompts/get", xm_method_prompts_get, PROMPTS, false },
	{ "completion/complete", xm_method_complete, PROMPTS, false },
};

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
			xm_calls_cancel(s, m->params);
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
			break;
		}
	}
	struct reply *r = s->scratch;
	reply_reset(r);
	if (!method || !offered(s, method->needs)) {
		xm_reply_error(r, XM_RPC_METHOD_NOT_FOUND, "Method not found: %s", m->method);
	} else if (!method->before_init && !initialized(s)) {
		xm_reply_error(r, XM_RPC_INVALID_REQUEST, "Invalid Request: the server is not "
				"initialized; send initialize first");
	} else if (rq->owner == NULL && strcmp(m->method, "initialize") == 0) {
		xm_reply_error(r, XM_RPC_INVALID_REQUEST,
				"Invalid Request: initialize must not be part of a batch");
	} else {
		method->fn(s, rq, r);
	}
	if (!r->deferred) {
		xm_reply_render(m->id, r, out);
	}
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
	size_t start = out->len;
	for (size_t i = 0; i < xm_json_len(batch); i++) {
		struct request rq = { .owner = NULL };
		xm_rpc_decode(xm_json_at(batch, i), &rq.msg);
		xm_buf_reset(&one);
		handle_message(s, &rq, &one);
		/*
		 * Each answer is capped on its own, but the batch leaves as one
		 * line, and clients refuse lines over 10 MiB: an answer that would
		 * push the line past it is replaced by an error naming the way out.
		 */
		if (one.len && out->len - start + one.len + 2 > MAX_MESSAGE) {
			xm_buf_reset(&one);
			xm_rpc_write_error(&one, rq.msg.id, XM_RPC_INTERNAL_ERROR,
					"Internal error: the answers of this batch exceed 10 MiB, "
					"the limit of MCP clients; send this request on its own",
					NULL);
		}
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
	struct xm_buf *out = &s->out;
	xm_buf_reset(out);
	if (!root) {
		char message[256];
		bool parse = err.status == XM_JSON_SYNTAX || err.status == XM_JSON_NUL_BYTE;
		snprintf(message, sizeof(message), "%s: %s", parse ? "Parse error" :
				"Invalid Request", err.message);
		xm_rpc_write_error(out, NULL, parse ? XM_RPC_PARSE_ERROR :
				XM_RPC_INVALID_REQUEST, message, NULL);
	} else if (xm_json_type(root) == XM_JSON_ARRAY) {
		if (s->version == V2025_03_26) {
			handle_batch(s, root, out);
		} else {
			xm_rpc_write_error(out, NULL, XM_RPC_INVALID_REQUEST, "Invalid Request: "
					"batches exist only in protocol 2025-03-26; send one "
					"message per line", NULL);
		}
	} else {
		struct request rq = { .owner = &root };
		xm_rpc_decode(root, &rq.msg);
		handle_message(s, &rq, out);
		xm_rpc_message_finish(&rq.msg);
	}
	xm_session_send(s, out);
	if (out->cap > (1u << 20)) {
		xm_buf_finish(out); /* do not keep a huge answer's memory */
	}
	xm_json_free(root);
}

/* Life of a server. */

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
	s->scratch = xm_malloc(sizeof(*s->scratch));
	xm_reply_init(s->scratch);
	xm_calls_load(s);
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
	xm_calls_unload(s);
	xm_reply_finish(s->scratch);
	free(s->scratch);
	xm_buf_finish(&s->out);
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

/*
 * The client ends a session by closing our stdin, then escalates to
 * SIGTERM: leave at once, with success. Nothing in server mode is half
 * written on disk, so there is nothing to clean up that the kernel does not.
 */
static void on_term(int sig)
{
	(void)sig;
	_exit(0);
}

int xm_server_serve_stdio(const struct xm_registry *reg)
{
	/* A vanished client must show up as a failed write, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);

	struct xm_server_options opts = {
		.registry = reg,
		.in_fd = STDIN_FILENO,
		.out_fd = STDOUT_FILENO,
	};
	struct xm_server *server = xm_server_create(&opts);
	int rc = xm_server_run(server);
	xm_server_destroy(server);
	return rc;
}
