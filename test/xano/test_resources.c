/*
 * The xano:// resource templates end to end: the built xano-mcp runs as an
 * MCP server (XM_BIN serve) with XDG_CONFIG_HOME pointing at a temporary
 * configuration whose profile's instance is the fake Xano server, and
 * XANO_MCP_TOKEN set; the test speaks JSON-RPC to it line by line.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fake_xano.h"
#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/paths.h"

static struct xm_fake_xano fake;
static char *config_home;

struct server {
	pid_t pid;
	int in;
	int out;
	char err_path[512];
	struct xm_buf pending;    /* read, not yet returned */
	struct xm_buf transcript; /* every line read */
	struct xm_json *last;
};

static void write_config(const char *instance)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/xano-mcp", config_home);
	ck_assert(xm_paths_mkdirs(path, 0700, NULL));
	snprintf(path, sizeof(path), "%s/xano-mcp/config", config_home);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	if (instance) {
		fprintf(f, "profile = test\n\n[profile test]\ninstance = %s\nworkspace = 7\n",
			instance);
	}
	fclose(f);
}

static void setup(void)
{
	ck_assert(xm_fake_xano_start(&fake, NULL));
	config_home = xm_test_tmpdir();
	write_config(fake.origin);
	setenv("XDG_CONFIG_HOME", config_home, 1);
	setenv("XANO_MCP_TOKEN", XM_FAKE_XANO_TOKEN, 1);
}

static void teardown(void)
{
	xm_fake_xano_stop(&fake);
	xm_test_rmtree(config_home);
	free(config_home);
}

static void start(struct server *s)
{
	memset(s, 0, sizeof(*s));
	int to[2], from[2];
	ck_assert(pipe(to) == 0 && pipe(from) == 0);
	snprintf(s->err_path, sizeof(s->err_path), "%s/stderr", config_home);
	s->pid = fork();
	ck_assert(s->pid >= 0);
	if (s->pid == 0) {
		int err = open(s->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(to[0], 0);
		dup2(from[1], 1);
		dup2(err, 2);
		close(to[1]);
		close(from[0]);
		execl(xm_test_bin(), "xano-mcp", "--log-level", "debug", "serve", (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	s->in = to[1];
	s->out = from[0];
}

static void put(struct server *s, const char *line)
{
	size_t len = strlen(line);
	ck_assert(write(s->in, line, len) == (ssize_t)len);
	ck_assert(write(s->in, "\n", 1) == 1);
}

/* The next line, or NULL after timeout_ms without one (malloc'd). */
static char *get_line(struct server *s, int timeout_ms)
{
	for (;;) {
		char *nl = s->pending.len ? memchr(s->pending.data, '\n', s->pending.len) : NULL;
		if (nl) {
			size_t len = (size_t)(nl - s->pending.data);
			char *line = strndup(s->pending.data, len);
			memmove(s->pending.data, nl + 1, s->pending.len - len - 1);
			xm_buf_truncate(&s->pending, s->pending.len - len - 1);
			xm_buf_addf(&s->transcript, "%s\n", line);
			return line;
		}
		struct pollfd p = { .fd = s->out, .events = POLLIN };
		int rc = poll(&p, 1, timeout_ms);
		if (rc < 0 && errno == EINTR) {
			continue;
		}
		if (rc <= 0) {
			return NULL;
		}
		char chunk[65536];
		ssize_t n = read(s->out, chunk, sizeof(chunk));
		if (n <= 0) {
			return NULL;
		}
		xm_buf_add(&s->pending, chunk, (size_t)n);
	}
}

/* Reads until the response to id (JSON text) and keeps it in s->last. */
static const struct xm_json *response(struct server *s, const char *id)
{
	for (;;) {
		char *line = get_line(s, 20000);
		ck_assert_msg(line != NULL, "no response to %s", id);
		struct xm_json *doc = xm_json_parse(line, strlen(line), NULL, NULL);
		free(line);
		struct xm_buf text = XM_BUF_INIT;
		const struct xm_json *got = xm_json_get(doc, "id");
		if (got) {
			xm_json_write(got, &text);
		}
		if (got && strcmp(xm_buf_str(&text), id) == 0) {
			xm_buf_finish(&text);
			xm_json_free(s->last);
			s->last = doc;
			return doc;
		}
		xm_buf_finish(&text);
		xm_json_free(doc);
	}
}

static const struct xm_json *result(struct server *s, const char *id)
{
	const struct xm_json *r = xm_json_get(response(s, id), "result");
	ck_assert_msg(r != NULL, "request %s failed: %s", id,
		xm_json_string(xm_json_get(xm_json_get(s->last, "error"), "message")));
	return r;
}

/* The error's message, after checking its code. */
static const char *error(struct server *s, const char *id, int code)
{
	const struct xm_json *e = xm_json_get(response(s, id), "error");
	int64_t got = 0;
	ck_assert_msg(xm_json_int64(xm_json_get(e, "code"), &got) && got == code,
		"request %s: want error %d, got %" PRId64, id, code, got);
	return xm_json_string(xm_json_get(e, "message"));
}

static void initialize(struct server *s)
{
	put(s, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
		"{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
		"\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
	result(s, "0");
	put(s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
}

/* Closes stdin, waits for exit 0; returns stdout and stderr in one
 * malloc'd text for the secret check. */
static char *stop(struct server *s)
{
	close(s->in);
	char *line;
	while ((line = get_line(s, 5000))) {
		free(line);
	}
	int status;
	ck_assert(waitpid(s->pid, &status, 0) == s->pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "server status %d", status);
	close(s->out);
	char *err = xm_test_read_file(s->err_path, NULL);
	struct xm_buf all = XM_BUF_INIT;
	xm_buf_addf(&all, "%s%s", xm_buf_str(&s->transcript), err);
	free(err);
	xm_buf_finish(&s->pending);
	xm_buf_finish(&s->transcript);
	xm_json_free(s->last);
	return xm_buf_steal(&all);
}

static void read_uri(struct server *s, const char *id, const char *uri)
{
	char line[512];
	snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":"
		"\"resources/read\",\"params\":{\"uri\":\"%s\"}}", id, uri);
	put(s, line);
}

static const char *read_text(struct server *s, const char *id, const char *uri)
{
	read_uri(s, id, uri);
	const struct xm_json *c = xm_json_at(xm_json_get(result(s, id), "contents"), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(c, "uri")), uri);
	ck_assert_str_eq(xm_json_string(xm_json_get(c, "mimeType")), "text/x-xanoscript");
	return xm_json_string(xm_json_get(c, "text"));
}

START_TEST(templates_are_listed_and_read)
{
	struct server s;
	start(&s);
	initialize(&s);
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/templates/list\"}");
	const struct xm_json *list = xm_json_get(result(&s, "1"), "resourceTemplates");
	static const char *const want[] = {
		"xano://workspace/{workspace}/apigroup/{apigroup}/api/{api}",
		"xano://workspace/{workspace}/apigroup/{apigroup}",
		"xano://workspace/{workspace}/function/{function}",
		"xano://workspace/{workspace}/task/{task}",
		"xano://workspace/{workspace}/table/{table}",
	};
	ck_assert_uint_eq(xm_json_len(list), 5);
	for (size_t i = 0; i < 5; i++) {
		const struct xm_json *t = xm_json_at(list, i);
		ck_assert_str_eq(xm_json_string(xm_json_get(t, "uriTemplate")), want[i]);
		ck_assert_str_eq(xm_json_string(xm_json_get(t, "mimeType")), "text/x-xanoscript");
	}
	const char *text = read_text(&s, "2", "xano://workspace/7/apigroup/42/api/1010");
	ck_assert_msg(strncmp(text, "query \"posts\" verb=GET {", 24) == 0, "%s", text);
	text = read_text(&s, "3", "xano://workspace/7/apigroup/41");
	ck_assert_msg(strncmp(text, "api_group \"Authentication\" {", 28) == 0, "%s", text);
	text = read_text(&s, "4", "xano://workspace/7/function/301");
	ck_assert(strncmp(text, "function \"posts/count_for_user\" {", 33) == 0);
	text = read_text(&s, "5", "xano://workspace/7/task/88");
	ck_assert(strncmp(text, "task \"cleanup_unpublished_posts\" {", 34) == 0);
	text = read_text(&s, "6", "xano://workspace/12/table/60");
	ck_assert(strncmp(text, "table \"subscriber\" {", 20) == 0);

	/* not there, malformed, or not renderable */
	read_uri(&s, "7", "xano://workspace/7/apigroup/42/api/4040");
	const char *msg = error(&s, "7", -32002);
	ck_assert_msg(strstr(msg, "API 4040 in API group 42 of workspace 7 was not found on "
		"Xano (404)"), "%s", msg);
	read_uri(&s, "8", "xano://workspace/seven/table/60");
	msg = error(&s, "8", -32002);
	ck_assert_msg(strstr(msg, "workspace must be a positive integer id"), "%s", msg);
	read_uri(&s, "9", "xano://workspace/7/table/060");
	error(&s, "9", -32002);
	read_uri(&s, "10", "xano://workspace/7/widget/1");
	error(&s, "10", -32002);
	read_uri(&s, "11", "xano://workspace/7/function/302");
	msg = error(&s, "11", -32603);
	ck_assert_msg(strstr(msg, "could not render function 302"), "%s", msg);

	char *all = stop(&s);
	ck_assert_msg(!strstr(all, XM_FAKE_XANO_TOKEN), "the token leaked:\n%s", all);
	/* the debug log did say what was fetched */
	ck_assert_msg(strstr(all, "/api:meta/workspace/7/apigroup/42/api/1010"), "%s", all);
	free(all);
}
END_TEST

/* The values of a completion of variable in template, with context. */
static const struct xm_json *complete(struct server *s, const char *id, const char *template,
		const char *variable, const char *prefix, const char *context)
{
	char line[1024];
	snprintf(line, sizeof(line), "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":"
		"\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/resource\","
		"\"uri\":\"%s\"},\"argument\":{\"name\":\"%s\",\"value\":\"%s\"}%s%s%s}}", id,
		template, variable, prefix, context ? ",\"context\":{\"arguments\":" : "",
		context ? context : "", context ? "}" : "");
	put(s, line);
	return xm_json_get(xm_json_get(result(s, id), "completion"), "values");
}

static void expect_values(const struct xm_json *values, const char *want)
{
	struct xm_buf got = XM_BUF_INIT;
	xm_json_write(values, &got);
	ck_assert_str_eq(xm_buf_str(&got), want);
	xm_buf_finish(&got);
}

START_TEST(ids_are_completed)
{
	struct server s;
	start(&s);
	initialize(&s);
	const char *api = "xano://workspace/{workspace}/apigroup/{apigroup}/api/{api}";
	expect_values(complete(&s, "1", api, "workspace", "", NULL), "[\"7\",\"12\"]");
	expect_values(complete(&s, "2", api, "workspace", "1", NULL), "[\"12\"]");
	/* the workspace from context.arguments, else the profile's (7) */
	expect_values(complete(&s, "3", api, "apigroup", "", "{\"workspace\":\"12\"}"),
		"[\"5\"]");
	expect_values(complete(&s, "4", api, "apigroup", "4", NULL),
		"[\"41\",\"42\",\"43\",\"47\"]");
	expect_values(complete(&s, "5", api, "api", "",
		"{\"workspace\":\"7\",\"apigroup\":\"41\"}"), "[\"1001\",\"1002\",\"1003\"]");
	/* 125 APIs: the first 100 and hasMore */
	const struct xm_json *many = complete(&s, "6", api, "api", "",
		"{\"workspace\":\"7\",\"apigroup\":\"47\"}");
	ck_assert_uint_eq(xm_json_len(many), 100);
	const struct xm_json *c = xm_json_get(xm_json_get(s.last, "result"), "completion");
	bool more = false;
	ck_assert(xm_json_bool(xm_json_get(c, "hasMore"), &more) && more);
	expect_values(complete(&s, "7", "xano://workspace/{workspace}/table/{table}", "table",
		"15", NULL), "[\"151\",\"152\",\"153\"]");
	/* without an API group there is nothing to offer yet; nor for a
	 * variable the template does not have */
	expect_values(complete(&s, "8", api, "api", "", NULL), "[]");
	expect_values(complete(&s, "9", api, "table", "", NULL), "[]");
	char *all = stop(&s);
	ck_assert(!strstr(all, XM_FAKE_XANO_TOKEN));
	free(all);
}
END_TEST

START_TEST(missing_token_or_instance_say_what_to_set)
{
	unsetenv("XANO_MCP_TOKEN");
	struct server s;
	start(&s);
	initialize(&s);
	read_uri(&s, "1", "xano://workspace/7/table/152");
	const char *msg = error(&s, "1", -32603);
	ck_assert_msg(strstr(msg, "set the environment variable XANO_MCP_TOKEN"), "%s", msg);
	/* completion has no error channel: just nothing */
	expect_values(complete(&s, "2", "xano://workspace/{workspace}/task/{task}", "workspace",
		"", NULL), "[]");
	free(stop(&s));

	setenv("XANO_MCP_TOKEN", "a-token-xano-does-not-know", 1);
	start(&s);
	initialize(&s);
	read_uri(&s, "1", "xano://workspace/7/table/152");
	msg = error(&s, "1", -32603);
	ck_assert_msg(strstr(msg, "Xano refused the token (401)"), "%s", msg);
	char *all = stop(&s);
	ck_assert_msg(!strstr(all, "a-token-xano-does-not-know"), "the token leaked:\n%s", all);
	free(all);

	write_config(NULL);
	start(&s);
	initialize(&s);
	read_uri(&s, "1", "xano://workspace/7/table/152");
	msg = error(&s, "1", -32603);
	ck_assert_msg(strstr(msg, "no Xano instance is configured") &&
		strstr(msg, "xano-mcp/config"), "%s", msg);
	free(stop(&s));
}
END_TEST

START_TEST(a_read_can_be_cancelled)
{
	/* a small answer, trickled: complete after about 0.6 s if not cancelled */
	ck_assert(xm_fake_xano_command(&fake, "{\"fault\":{\"path\":"
		"\"/api:meta/workspace/7/table/152\",\"action\":\"slow\",\"delay_ms\":100,"
		"\"status\":200,\"body\":{\"id\":152,\"name\":\"post\",\"xanoscript\":"
		"{\"status\":\"ok\",\"value\":\"table \\\"post\\\" {\\n}\"}}}}", NULL));
	struct server s;
	start(&s);
	initialize(&s);
	read_uri(&s, "1", "xano://workspace/7/table/152");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
	result(&s, "2");
	put(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
		"\"params\":{\"requestId\":1}}");
	put(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
	result(&s, "3");
	/* no answer to the cancelled read */
	char *line = get_line(&s, 1500);
	ck_assert_msg(line == NULL, "unexpected: %s", line);
	free(stop(&s));
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xano-resources");
	TCase *tc = tcase_create("resources");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, templates_are_listed_and_read);
	tcase_add_test(tc, ids_are_completed);
	tcase_add_test(tc, missing_token_or_instance_say_what_to_set);
	tcase_add_test(tc, a_read_can_be_cancelled);
	suite_add_tcase(s, tc);
	return s;
}
