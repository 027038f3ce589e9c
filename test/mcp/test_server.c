#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOG_MODULE "test"
#include "harness.h"
#include "test_tools.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/mcp/server.h"

/* A server running on its own thread, spoken to over two pipes. */
struct session {
	int to_server;
	int from_server;
	int server_in, server_out; /* the ends the server uses */
	struct xm_server *server;
	pthread_t thread;
	int rc;
	char *buf; /* what the server wrote and get() has not consumed */
	size_t len, cap;
	struct xm_json *last;
};

static void *serve(void *arg)
{
	struct session *s = arg;
	s->rc = xm_server_run(s->server);
	return NULL;
}

static void open_session(struct session *s, size_t page_size, size_t max_line)
{
	memset(s, 0, sizeof(*s));
	signal(SIGPIPE, SIG_IGN);
	int in[2], out[2];
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	struct xm_server_options opts = {
		.registry = xm_test_registry(),
		.in_fd = in[0],
		.out_fd = out[1],
		.page_size = page_size,
		.max_line = max_line,
	};
	s->server = xm_server_create(&opts);
	s->to_server = in[1];
	s->from_server = out[0];
	s->server_in = in[0];
	s->server_out = out[1];
	s->rc = -1;
	s->cap = 1 << 16;
	s->buf = xm_malloc(s->cap);
	ck_assert_int_eq(pthread_create(&s->thread, NULL, serve, s), 0);
}

static void put(struct session *s, const char *line)
{
	size_t len = strlen(line);
	ck_assert_int_eq(write(s->to_server, line, len), (ssize_t)len);
	ck_assert_int_eq(write(s->to_server, "\n", 1), 1);
}

/* The next line the server wrote, parsed; NULL after 5 s of silence or
 * (with wait_ms) a shorter wait. */
static const struct xm_json *get_wait(struct session *s, int wait_ms)
{
	xm_json_free(s->last);
	s->last = NULL;
	for (;;) {
		char *nl = memchr(s->buf, '\n', s->len);
		if (nl) {
			*nl = '\0';
			size_t n = (size_t)(nl - s->buf);
			struct xm_json_error err;
			s->last = xm_json_parse(s->buf, n, NULL, &err);
			ck_assert_msg(s->last != NULL, "not JSON: %s (%s)", s->buf, err.message);
			memmove(s->buf, nl + 1, s->len - n - 1);
			s->len -= n + 1;
			return s->last;
		}
		struct pollfd p = { .fd = s->from_server, .events = POLLIN };
		if (poll(&p, 1, wait_ms) <= 0) {
			return NULL;
		}
		if (s->len == s->cap) {
			s->cap *= 2;
			s->buf = xm_realloc(s->buf, s->cap);
		}
		ssize_t r = read(s->from_server, s->buf + s->len, s->cap - s->len);
		ck_assert_int_gt(r, 0);
		s->len += (size_t)r;
	}
}

static const struct xm_json *get(struct session *s)
{
	const struct xm_json *v = get_wait(s, 5000);
	ck_assert_msg(v != NULL, "no answer from the server");
	return v;
}

static void close_session(struct session *s)
{
	close(s->to_server);
	pthread_join(s->thread, NULL);
	ck_assert_int_eq(s->rc, 0);
	xm_server_destroy(s->server);
	xm_json_free(s->last);
	free(s->buf);
	close(s->from_server);
	close(s->server_in);
	close(s->server_out);
}

static void initialize(struct session *s, const char *version)
{
	char line[512];
	snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
			"\"params\":{\"protocolVersion\":\"%s\",\"capabilities\":{},"
			"\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}", version);
	put(s, line);
	const struct xm_json *v = get(s);
	ck_assert_ptr_nonnull(xm_json_get(v, "result"));
	put(s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
}

static const char *id_text(const struct xm_json *v)
{
	const struct xm_json *id = xm_json_get(v, "id");
	static char text[256];
	if (!id) {
		return "(none)";
	}
	struct xm_buf b = XM_BUF_INIT;
	xm_json_write(id, &b);
	snprintf(text, sizeof(text), "%s", b.data);
	xm_buf_finish(&b);
	return text;
}

static void expect_error(struct session *s, int code, const char *id)
{
	const struct xm_json *v = get(s);
	int64_t got = 0;
	ck_assert_msg(xm_json_int64(xm_json_get(xm_json_get(v, "error"), "code"), &got),
			"not an error");
	ck_assert_int_eq(got, code);
	ck_assert_str_eq(id_text(v), id ? id : "(none)");
	ck_assert_str_eq(xm_json_string(xm_json_get(v, "jsonrpc")), "2.0");
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(xm_json_get(v, "error"), "message")));
	ck_assert_ptr_null(xm_json_get(v, "result"));
}

static const struct xm_json *expect_result(struct session *s, const char *id)
{
	const struct xm_json *v = get(s);
	ck_assert_msg(xm_json_get(v, "error") == NULL, "error: %s",
			xm_json_string(xm_json_get(xm_json_get(v, "error"), "message")));
	ck_assert_str_eq(id_text(v), id);
	const struct xm_json *r = xm_json_get(v, "result");
	ck_assert_int_eq(xm_json_type(r), XM_JSON_OBJECT);
	return r;
}

START_TEST(lifecycle_and_negotiation)
{
	struct session s;
	open_session(&s, 0, 0);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
	expect_result(&s, "1");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
	expect_error(&s, -32600, "2");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/discover\"}");
	expect_error(&s, -32601, "3");
	ck_assert_uint_eq(xm_json_len(xm_json_get(xm_json_get(xm_json_get(s.last, "error"),
			"data"), "supported")), 4);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\",\"params\":{}}");
	expect_error(&s, -32602, "4");
	put(&s, "{\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"1999-01-01\","
			"\"capabilities\":{\"extensions\":{}},\"clientInfo\":{\"name\":\"x\","
			"\"version\":\"1\"}},\"jsonrpc\":\"2.0\",\"id\":5}");
	const struct xm_json *r = expect_result(&s, "5");
	ck_assert_str_eq(xm_json_string(xm_json_get(r, "protocolVersion")), "2025-11-25");
	const struct xm_json *caps = xm_json_get(r, "capabilities");
	ck_assert_ptr_nonnull(xm_json_get(caps, "tools"));
	ck_assert_ptr_nonnull(xm_json_get(caps, "resources"));
	ck_assert_ptr_nonnull(xm_json_get(caps, "prompts"));
	ck_assert_ptr_nonnull(xm_json_get(caps, "completions"));
	ck_assert_ptr_nonnull(xm_json_get(caps, "logging"));
	const struct xm_json *info = xm_json_get(r, "serverInfo");
	ck_assert_str_eq(xm_json_string(xm_json_get(info, "name")), "xano-mcp");
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(info, "version")));
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(info, "title")));
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(info, "description")));
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(r, "instructions")));
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"initialize\",\"params\":"
			"{\"protocolVersion\":\"2025-11-25\"}}");
	expect_error(&s, -32600, "6");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
	expect_result(&s, "7");
	close_session(&s);

	const char *versions[] = { "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25" };
	for (int i = 0; i < 4; i++) {
		open_session(&s, 0, 0);
		put(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\",\"params\":"
				"{\"protocolVersion\":\"");
		/* the line above is incomplete on purpose: a partial write */
		close_session(&s);
		open_session(&s, 0, 0);
		char line[256];
		snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":"
				"\"initialize\",\"params\":{\"protocolVersion\":\"%s\"}}",
				versions[i]);
		put(&s, line);
		r = expect_result(&s, "\"i\"");
		ck_assert_str_eq(xm_json_string(xm_json_get(r, "protocolVersion")), versions[i]);
		ck_assert((xm_json_get(xm_json_get(r, "capabilities"), "completions") != NULL) ==
				(i > 0));
		close_session(&s);
	}
}
END_TEST

START_TEST(ids_are_echoed_exactly)
{
	struct session s;
	open_session(&s, 0, 0);
	const char *ids[] = {
		"0", "-1", "9007199254740991", "123456789012345678901234567890",
		"\"abc\"", "\"\"", "\"\xc3\xa9\\n\xf0\x9f\x98\x80\"", "-9223372036854775808",
	};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char line[256];
		snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":\"ping\"}",
				ids[i]);
		put(&s, line);
		expect_result(&s, ids[i]);
	}
	/* unreadable ids: the error carries no id at all */
	const char *bad[] = { "null", "1.5", "true", "{}", "[1]", "1e3" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char line[256];
		snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":\"ping\"}",
				bad[i]);
		put(&s, line);
		expect_error(&s, -32600, NULL);
	}
	close_session(&s);
}
END_TEST

START_TEST(malformed_messages_get_the_right_codes)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-11-25");
	static const struct {
		const char *line;
		int code;
		const char *id; /* as echoed; NULL: no id */
	} bad[] = {
		{ "garbage", -32700, NULL },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", -32700, NULL },
		{ "\"just a string\"", -32600, NULL },
		{ "42", -32600, NULL },
		{ "{\"id\":2,\"method\":\"ping\"}", -32600, "2" },
		{ "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}", -32600, "3" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":7}", -32600, "4" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":5}", -32600, "5" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"no/such\"}", -32601, "6" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":[]}", -32602, "7" },
		{ "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":\"x\"}", -32602,
			"8" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put(&s, bad[i].line);
		expect_error(&s, bad[i].code, bad[i].id);
	}
	/* notifications, even broken or unknown ones, are never answered */
	put(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"no/such\"}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":7}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
			"\"params\":{\"requestId\":999}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}");
	expect_result(&s, "10");
	/* hostile text */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"ping\"}");
	expect_error(&s, -32700, NULL);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"ping\",\"params\":{\"a\":\"\\u0000\"}}");
	expect_error(&s, -32700, NULL);
	struct xm_buf deep = XM_BUF_INIT;
	xm_buf_adds(&deep, "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"ping\",\"params\":{\"a\":");
	xm_buf_addn(&deep, '[', 5000);
	xm_buf_addn(&deep, ']', 5000);
	xm_buf_adds(&deep, "}}");
	put(&s, deep.data);
	expect_error(&s, -32600, NULL);
	xm_buf_finish(&deep);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"ping\"} /* c */");
	expect_error(&s, -32700, NULL);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"ping\"}");
	expect_result(&s, "14");
	close_session(&s);
}
END_TEST

START_TEST(nul_bytes_and_long_lines)
{
	struct session s;
	open_session(&s, 0, 4096);
	const char nul[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\0junk\n";
	ck_assert_int_eq(write(s.to_server, nul, sizeof(nul) - 1), (ssize_t)sizeof(nul) - 1);
	expect_error(&s, -32700, NULL);
	struct xm_buf big = XM_BUF_INIT;
	xm_buf_adds(&big, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"x\":\"");
	xm_buf_addn(&big, 'a', 10000);
	xm_buf_adds(&big, "\"}}");
	put(&s, big.data);
	expect_error(&s, -32600, NULL);
	ck_assert(strstr(xm_json_string(xm_json_get(xm_json_get(s.last, "error"), "message")),
			"4096") != NULL);
	xm_buf_finish(&big);
	/* several messages in one write, \r\n endings, blank lines */
	const char many[] = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\r\n\r\n\n"
		"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}\n   \n";
	ck_assert_int_eq(write(s.to_server, many, sizeof(many) - 1), (ssize_t)sizeof(many) - 1);
	expect_result(&s, "3");
	expect_result(&s, "4");
	close_session(&s);
}
END_TEST

START_TEST(batches_follow_the_revision)
{
	struct session s;
	open_session(&s, 0, 0);
	put(&s, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
	expect_error(&s, -32600, NULL);
	initialize(&s, "2025-03-26");
	put(&s, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
			"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"},"
			"{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"nope\"},"
			"5,"
			"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":"
			"{\"protocolVersion\":\"2025-03-26\"}}]");
	const struct xm_json *v = get(&s);
	ck_assert_int_eq(xm_json_type(v), XM_JSON_ARRAY);
	ck_assert_uint_eq(xm_json_len(v), 4);
	ck_assert_str_eq(id_text(xm_json_at(v, 0)), "1");
	ck_assert_ptr_nonnull(xm_json_get(xm_json_at(v, 0), "result"));
	ck_assert_str_eq(id_text(xm_json_at(v, 1)), "\"b\"");
	ck_assert_str_eq(id_text(xm_json_at(v, 2)), "(none)");
	ck_assert_str_eq(id_text(xm_json_at(v, 3)), "2");
	ck_assert_ptr_nonnull(xm_json_get(xm_json_at(v, 3), "error"));
	put(&s, "[]");
	expect_error(&s, -32600, NULL);
	put(&s, "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"}]");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
	expect_result(&s, "3");
	close_session(&s);

	open_session(&s, 0, 0);
	initialize(&s, "2025-06-18");
	put(&s, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
	expect_error(&s, -32600, NULL);
	close_session(&s);
}
END_TEST

/*
 * Six compiles of 900 KB each answer about 2 MB apiece (the XanoScript in
 * the text and in structuredContent): the batch's line would pass the
 * 10 MiB clients accept, so the answers that do not fit become errors.
 */
START_TEST(batch_answers_stay_under_10_mib)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-03-26");
	struct xm_buf line = XM_BUF_INIT;
	xm_buf_addc(&line, '[');
	for (int i = 0; i < 6; i++) {
		xm_buf_addf(&line, "%s{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\","
				"\"params\":{\"name\":\"compile_sdk_code\",\"arguments\":{\"code\":"
				"\"createFunction('f%d').var('s', '", i ? "," : "", i + 1, i);
		xm_buf_addn(&line, 'x', 900000);
		xm_buf_adds(&line, "').response('$s')\"}}}");
	}
	xm_buf_addc(&line, ']');
	put(&s, line.data);
	xm_buf_finish(&line);
	const struct xm_json *v = get(&s);
	ck_assert_int_eq(xm_json_type(v), XM_JSON_ARRAY);
	ck_assert_uint_eq(xm_json_len(v), 6);
	size_t ok = 0;
	for (size_t i = 0; i < 6; i++) {
		const struct xm_json *a = xm_json_at(v, i);
		char want[8];
		snprintf(want, sizeof(want), "%zu", i + 1);
		ck_assert_str_eq(id_text(a), want);
		if (xm_json_get(a, "result")) {
			ck_assert_uint_eq(ok, i); /* the ones that fit come first */
			ok++;
		} else {
			const char *m = xm_json_string(xm_json_get(xm_json_get(a, "error"),
					"message"));
			ck_assert_ptr_nonnull(strstr(m, "on its own"));
		}
	}
	ck_assert_uint_ge(ok, 2);
	ck_assert_uint_lt(ok, 6);
	/* still serving */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
	expect_result(&s, "7");
	close_session(&s);
}
END_TEST

static bool has_tool(const struct xm_json *tools, const char *name)
{
	for (size_t i = 0; i < xm_json_len(tools); i++) {
		if (strcmp(xm_json_string(xm_json_get(xm_json_at(tools, i), "name")), name) == 0) {
			return true;
		}
	}
	return false;
}

START_TEST(tools_list_pages)
{
	struct session s;
	open_session(&s, 2, 0);
	initialize(&s, "2025-11-25");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}");
	const struct xm_json *r = expect_result(&s, "1");
	const struct xm_json *tools = xm_json_get(r, "tools");
	ck_assert_uint_eq(xm_json_len(tools), 2);
	const char *cursor = xm_json_string(xm_json_get(r, "nextCursor"));
	ck_assert_ptr_nonnull(cursor);
	const struct xm_json *t0 = xm_json_at(tools, 0);
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(t0, "description")));
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(t0, "inputSchema"), "type")),
			"object");
	ck_assert_ptr_nonnull(xm_json_get(xm_json_get(t0, "annotations"), "readOnlyHint"));
	size_t seen = xm_json_len(tools);
	bool echo = has_tool(tools, "test_echo");
	char line[256];
	for (int page = 2; cursor; page++) {
		snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":"
				"\"tools/list\",\"params\":{\"cursor\":\"%s\"}}", page, cursor);
		put(&s, line);
		snprintf(line, sizeof(line), "%d", page);
		r = expect_result(&s, line);
		seen += xm_json_len(xm_json_get(r, "tools"));
		echo = echo || has_tool(xm_json_get(r, "tools"), "test_echo");
		cursor = xm_json_string(xm_json_get(r, "nextCursor"));
	}
	ck_assert_uint_eq(seen, xm_test_registry()->ntools);
	ck_assert(echo);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":"
			"{\"cursor\":\"bogus\"}}");
	expect_error(&s, -32602, "9");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\",\"params\":"
			"{\"cursor\":\"999\"}}");
	expect_error(&s, -32602, "10");
	close_session(&s);
}
END_TEST

static const char *text_of(const struct xm_json *result)
{
	return xm_json_string(xm_json_get(xm_json_at(xm_json_get(result, "content"), 0), "text"));
}

START_TEST(tools_call_validates_and_runs)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-11-25");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_echo\",\"arguments\":{\"text\":\"ab\",\"times\":2,"
			"\"mode\":\"upper\"}}}");
	const struct xm_json *r = expect_result(&s, "1");
	ck_assert_str_eq(text_of(r), "ABAB");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(r, "structuredContent"),
			"text")), "ABAB");
	ck_assert_ptr_null(xm_json_get(r, "isError"));

	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_echo\",\"arguments\":{\"times\":9,\"extra\":1}}}");
	r = expect_result(&s, "2");
	bool is_error = false;
	ck_assert(xm_json_bool(xm_json_get(r, "isError"), &is_error) && is_error);
	const char *text = text_of(r);
	ck_assert(strstr(text, "missing required property \"text\""));
	ck_assert(strstr(text, "arguments.times: must be at most 5"));
	ck_assert(strstr(text, "unknown property \"extra\""));
	ck_assert_ptr_null(xm_json_get(r, "structuredContent"));

	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"nope\"}}");
	expect_error(&s, -32602, "3");
	ck_assert(strstr(xm_json_string(xm_json_get(xm_json_get(s.last, "error"), "message")),
			"Unknown tool: nope"));
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{}}");
	expect_error(&s, -32602, "4");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}");
	expect_error(&s, -32602, "5");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_echo\",\"arguments\":[1]}}");
	expect_error(&s, -32602, "6");

	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"broken\",\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_echo\",\"arguments\":{\"text\":\"x\",\"mode\":\"broken\"}}}");
	expect_error(&s, -32603, "\"broken\"");
	ck_assert(strstr(xm_json_string(xm_json_get(xm_json_get(s.last, "error"), "message")),
			"does not match its output schema"));

	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_fail\"}}");
	r = expect_result(&s, "7");
	ck_assert(xm_json_bool(xm_json_get(r, "isError"), &is_error) && is_error);
	ck_assert(strstr(text_of(r), "refused") && !strstr(text_of(r), "dropped"));
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_fail\",\"arguments\":{\"internal\":true}}}");
	expect_error(&s, -32603, "8");
	close_session(&s);
}
END_TEST

START_TEST(long_calls_report_progress_and_can_be_cancelled)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-11-25");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_slow\",\"arguments\":{\"steps\":3,\"step_ms\":5},"
			"\"_meta\":{\"progressToken\":\"tok\"}}}");
	double last = 0;
	for (int i = 1; i <= 2; i++) { /* 3 of 3 is said by the response */
		const struct xm_json *v = get(&s);
		ck_assert_str_eq(xm_json_string(xm_json_get(v, "method")), "notifications/progress");
		const struct xm_json *p = xm_json_get(v, "params");
		ck_assert_str_eq(xm_json_string(xm_json_get(p, "progressToken")), "tok");
		double progress;
		ck_assert(xm_json_double(xm_json_get(p, "progress"), &progress));
		ck_assert(progress > last);
		last = progress;
	}
	const struct xm_json *r = expect_result(&s, "1");
	ck_assert_str_eq(text_of(r), "done after 3 steps");

	/* a long call does not block ping; once cancelled it is never answered */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_slow\",\"arguments\":{\"steps\":100000,\"step_ms\":1}}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
	expect_result(&s, "3");
	put(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
			"\"params\":{\"requestId\":2,\"reason\":\"test\"}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");
	expect_result(&s, "4");
	ck_assert_ptr_null(get_wait(&s, 200));

	/* at EOF a call still in flight is cancelled and the server returns */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"test_slow\",\"arguments\":{\"steps\":100000,\"step_ms\":1}}}");
	close_session(&s);
}
END_TEST

START_TEST(resources_read_and_fail_cleanly)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-06-18");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}");
	const struct xm_json *r = expect_result(&s, "1");
	const struct xm_json *res = xm_json_at(xm_json_get(r, "resources"), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(res, "uri")),
			"xano-mcp://docs/xanoscript-cheatsheet");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"xano-mcp://docs/xanoscript-cheatsheet\"}}");
	r = expect_result(&s, "2");
	const struct xm_json *c = xm_json_at(xm_json_get(r, "contents"), 0);
	ck_assert(strstr(xm_json_string(xm_json_get(c, "text")), "# XanoScript cheat sheet"));
	ck_assert_str_eq(xm_json_string(xm_json_get(c, "mimeType")), "text/markdown");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/templates/list\"}");
	r = expect_result(&s, "3");
	const struct xm_json *list = xm_json_get(r, "resourceTemplates");
	ck_assert_uint_gt(xm_json_len(list), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(list, xm_json_len(list) - 1),
			"uriTemplate")), "test://notes/{id}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"test://notes/2\"}}");
	r = expect_result(&s, "4");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(xm_json_get(r, "contents"), 0),
			"text")), "note 2");
	/* a slow template read runs on a worker: ping is answered first */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"resources/read\","
			"\"params\":{\"uri\":\"test://notes/slow\"}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
	expect_result(&s, "\"p\"");
	r = expect_result(&s, "\"slow\"");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(xm_json_get(r, "contents"), 0),
			"text")), "note slow");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"test://notes/3\"}}");
	expect_error(&s, -32002, "5");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(xm_json_get(s.last, "error"),
			"data"), "uri")), "test://notes/3");
	/* the template's reason travels with the error */
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(s.last, "error"), "message")),
			"Resource not found: test://notes/3: there is no note 3");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"file:///etc/passwd\"}}");
	expect_error(&s, -32002, "6");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"test://notes/broken\"}}");
	expect_error(&s, -32603, "7");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/read\",\"params\":{}}");
	expect_error(&s, -32602, "8");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"completion/complete\",\"params\":"
			"{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://notes/{id}\"},"
			"\"argument\":{\"name\":\"id\",\"value\":\"1\"}}}");
	r = expect_result(&s, "9");
	ck_assert_uint_eq(xm_json_len(xm_json_get(xm_json_get(r, "completion"), "values")), 2);
	/* context.arguments reach the completer */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"completion/complete\",\"params\":"
			"{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://notes/{id}\"},"
			"\"argument\":{\"name\":\"id\",\"value\":\"\"},"
			"\"context\":{\"arguments\":{\"tag\":\"red\"}}}}");
	r = expect_result(&s, "10");
	const struct xm_json *values = xm_json_get(xm_json_get(r, "completion"), "values");
	ck_assert_uint_eq(xm_json_len(values), 4);
	ck_assert_str_eq(xm_json_string(xm_json_at(values, 3)), "tag-red");
	/* a cancelled slow read gets no answer, and the server goes on */
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"resources/read\","
			"\"params\":{\"uri\":\"test://notes/slow\"}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
			"\"params\":{\"requestId\":11}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"ping\"}");
	expect_result(&s, "12");
	ck_assert_ptr_null(get_wait(&s, 500));
	close_session(&s);
}
END_TEST

START_TEST(prompts_expand_and_complete)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-11-25");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/list\"}");
	const struct xm_json *r = expect_result(&s, "1");
	ck_assert_uint_eq(xm_json_len(xm_json_get(r, "prompts")), 3);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":"
			"{\"name\":\"crud_for_table\",\"arguments\":{\"table\":\"post\"}}}");
	r = expect_result(&s, "2");
	const struct xm_json *msg = xm_json_at(xm_json_get(r, "messages"), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(msg, "role")), "user");
	const char *text = xm_json_string(xm_json_get(xm_json_get(msg, "content"), "text"));
	ck_assert(strstr(text, "Write the Xano table \"post\""));
	ck_assert(strstr(text, "GET post/{id}"));
	ck_assert(strstr(text, "one named after the table"));
	ck_assert(!strstr(text, "{{"));
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":"
			"{\"name\":\"crud_for_table\"}}");
	expect_error(&s, -32602, "3");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/get\",\"params\":"
			"{\"name\":\"nope\"}}");
	expect_error(&s, -32602, "4");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/get\",\"params\":"
			"{\"name\":\"add_auth\",\"arguments\":{\"api_group\":1}}}");
	expect_error(&s, -32602, "5");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"completion/complete\",\"params\":"
			"{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"build_endpoint\"},"
			"\"argument\":{\"name\":\"verb\",\"value\":\"P\"}}}");
	r = expect_result(&s, "6");
	ck_assert_uint_eq(xm_json_len(xm_json_get(xm_json_get(r, "completion"), "values")), 3);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"completion/complete\",\"params\":"
			"{\"ref\":{\"type\":\"ref/other\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}}");
	expect_error(&s, -32602, "7");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"completion/complete\",\"params\":"
			"{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"build_endpoint\"},"
			"\"argument\":{\"name\":\"zzz\",\"value\":\"\"}}}");
	expect_error(&s, -32602, "8");
	close_session(&s);
}
END_TEST

START_TEST(logging_reaches_the_client_after_set_level)
{
	struct session s;
	open_session(&s, 0, 0);
	initialize(&s, "2025-11-25");
	LOG_WARN("not forwarded: no level set yet");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":"
			"{\"level\":\"loud\"}}");
	expect_error(&s, -32602, "1");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":"
			"{\"level\":\"warning\"}}");
	expect_result(&s, "2");
	LOG_INFO("below the level");
	LOG_WARN("forwarded \xff with a bad byte");
	const struct xm_json *v = get(&s);
	ck_assert_str_eq(xm_json_string(xm_json_get(v, "method")), "notifications/message");
	const struct xm_json *p = xm_json_get(v, "params");
	ck_assert_str_eq(xm_json_string(xm_json_get(p, "level")), "warning");
	ck_assert_str_eq(xm_json_string(xm_json_get(p, "logger")), "test");
	ck_assert(strstr(xm_json_string(xm_json_get(p, "data")), "forwarded"));
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
	expect_result(&s, "3");
	close_session(&s);
}
END_TEST

START_TEST(handle_line_without_a_loop)
{
	FILE *tmp = tmpfile();
	ck_assert_ptr_nonnull(tmp);
	struct xm_server_options opts = {
		.registry = xm_test_registry(),
		.in_fd = -1,
		.out_fd = fileno(tmp),
	};
	struct xm_server *srv = xm_server_create(&opts);
	const char *line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
	xm_server_handle_line(srv, line, strlen(line));
	xm_server_destroy(srv);
	rewind(tmp);
	char buf[256] = "";
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), tmp));
	ck_assert_str_eq(buf, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
	fclose(tmp);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("server");
	TCase *tc = tcase_create("server");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, lifecycle_and_negotiation);
	tcase_add_test(tc, ids_are_echoed_exactly);
	tcase_add_test(tc, malformed_messages_get_the_right_codes);
	tcase_add_test(tc, nul_bytes_and_long_lines);
	tcase_add_test(tc, batches_follow_the_revision);
	tcase_add_test(tc, batch_answers_stay_under_10_mib);
	tcase_add_test(tc, tools_list_pages);
	tcase_add_test(tc, tools_call_validates_and_runs);
	tcase_add_test(tc, long_calls_report_progress_and_can_be_cancelled);
	tcase_add_test(tc, resources_read_and_fail_cleanly);
	tcase_add_test(tc, prompts_expand_and_complete);
	tcase_add_test(tc, logging_reaches_the_client_after_set_level);
	tcase_add_test(tc, handle_line_without_a_loop);
	suite_add_tcase(s, tc);
	return s;
}
