/*
 * validate_xanoscript through the real registry and server: list it, call
 * it with valid and invalid code, and read the structured result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/mcp/server.h"
#include "xano-mcp/tools/tools.h"

/*
 * The server corks its answers until the session ends, so a test sends the
 * initialize handshake and one request, closes the session and reads the
 * answer to that request back from the output file.
 */
struct session {
	struct xm_json *answer;
};

static const struct xm_json *call(struct session *s, const char *request)
{
	FILE *out = tmpfile();
	ck_assert_ptr_nonnull(out);
	struct xm_server_options opts = {
		.registry = &xm_registry,
		.in_fd = -1,
		.out_fd = fileno(out),
	};
	struct xm_server *srv = xm_server_create(&opts);
	static const char *const hello[] = {
		"{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
		"{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
		"\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
		"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
	};
	for (size_t i = 0; i < 2; i++) {
		xm_server_handle_line(srv, hello[i], strlen(hello[i]));
	}
	xm_server_handle_line(srv, request, strlen(request));
	xm_server_destroy(srv);
	rewind(out);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	s->answer = NULL;
	while ((n = getline(&line, &cap, out)) > 0) {
		struct xm_json *v = xm_json_parse(line, (size_t)n, NULL, NULL);
		ck_assert_ptr_nonnull(v);
		int64_t id = -1;
		if (xm_json_int64(xm_json_get(v, "id"), &id) && id == 1) {
			s->answer = v;
		} else {
			xm_json_free(v);
		}
	}
	free(line);
	fclose(out);
	ck_assert_msg(s->answer != NULL, "no answer to %s", request);
	return s->answer;
}

static void done(struct session *s)
{
	xm_json_free(s->answer);
}

START_TEST(listed_with_hints)
{
	struct session s;
	const struct xm_json *v = call(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,"
		"\"method\":\"tools/list\"}");
	const struct xm_json *tools = xm_json_get(xm_json_get(v, "result"), "tools");
	const struct xm_json *tool = NULL;
	for (size_t i = 0; i < xm_json_len(tools); i++) {
		const struct xm_json *t = xm_json_at(tools, i);
		if (strcmp(xm_json_string(xm_json_get(t, "name")), "validate_xanoscript") == 0) {
			tool = t;
		}
	}
	ck_assert_ptr_nonnull(tool);
	const struct xm_json *ann = xm_json_get(tool, "annotations");
	bool b = false;
	ck_assert(xm_json_bool(xm_json_get(ann, "readOnlyHint"), &b) && b);
	ck_assert(xm_json_bool(xm_json_get(ann, "idempotentHint"), &b) && b);
	ck_assert(xm_json_bool(xm_json_get(ann, "openWorldHint"), &b) && !b);
	ck_assert_ptr_nonnull(xm_json_get(tool, "outputSchema"));
	done(&s);
}
END_TEST

START_TEST(valid_code)
{
	struct session s;
	const struct xm_json *v = call(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,"
		"\"method\":\"tools/call\",\"params\":"
		"{\"name\":\"validate_xanoscript\",\"arguments\":{\"code\":"
		"\"function \\\"f\\\" {\\n  input {\\n  }\\n  stack {\\n  }\\n  response = "
		"1\\n}\\n\"}}}");
	const struct xm_json *r = xm_json_get(v, "result");
	ck_assert_ptr_nonnull(r);
	const struct xm_json *sc = xm_json_get(r, "structuredContent");
	bool valid = false;
	ck_assert(xm_json_bool(xm_json_get(sc, "valid"), &valid) && valid);
	ck_assert_uint_eq(xm_json_len(xm_json_get(sc, "errors")), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(sc, "summary")), "0 errors, 0 warnings");
	const char *text = xm_json_string(xm_json_get(xm_json_at(xm_json_get(r, "content"), 0),
		"text"));
	ck_assert_ptr_nonnull(strstr(text, "input.xs: valid XanoScript"));
	done(&s);
}
END_TEST

START_TEST(invalid_code)
{
	struct session s;
	const struct xm_json *v = call(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,"
		"\"method\":\"tools/call\",\"params\":"
		"{\"name\":\"validate_xanoscript\",\"arguments\":{\"filename\":\"api/x.xs\","
		"\"code\":\"query \\\"x\\\" verb=GET {\\n  input {\\n    string name\\n  }\\n"
		"  stack {\\n    db.gte \\\"user\\\" {\\n      field_name = \\\"id\\\"\\n"
		"      field_value = 1\\n    } as $u\\n  }\\n  response = $u\\n}\\n\"}}}");
	const struct xm_json *r = xm_json_get(v, "result");
	ck_assert_ptr_nonnull(r);
	bool b = true;
	/* Invalid code is a successful call with valid: false, not a tool error. */
	ck_assert(!xm_json_bool(xm_json_get(r, "isError"), &b) || !b);
	const struct xm_json *sc = xm_json_get(r, "structuredContent");
	ck_assert(xm_json_bool(xm_json_get(sc, "valid"), &b) && !b);
	const struct xm_json *errors = xm_json_get(sc, "errors");
	ck_assert_uint_eq(xm_json_len(errors), 2);
	const struct xm_json *e0 = xm_json_at(errors, 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(e0, "code")), "unknown-type");
	ck_assert_str_eq(xm_json_string(xm_json_get(e0, "severity")), "error");
	int64_t n = 0;
	ck_assert(xm_json_int64(xm_json_get(e0, "line"), &n) && n == 3);
	ck_assert(xm_json_int64(xm_json_get(e0, "column"), &n) && n == 5);
	ck_assert(xm_json_int64(xm_json_get(e0, "endColumn"), &n) && n == 11);
	ck_assert_str_eq(xm_json_string(xm_json_get(e0, "suggestion")), "write `text`");
	const struct xm_json *e1 = xm_json_at(errors, 1);
	ck_assert_str_eq(xm_json_string(xm_json_get(e1, "code")), "unknown-statement");
	ck_assert_str_eq(xm_json_string(xm_json_get(e1, "suggestion")),
		"did you mean `db.get`?");
	const char *text = xm_json_string(xm_json_get(xm_json_at(xm_json_get(r, "content"), 0),
		"text"));
	ck_assert_ptr_nonnull(strstr(text, "api/x.xs:3:5: error:"));
	ck_assert_ptr_nonnull(strstr(text, "2 errors"));
	done(&s);
}
END_TEST

START_TEST(ls11_warnings)
{
	struct session s;
	const struct xm_json *v = call(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,"
		"\"method\":\"tools/call\",\"params\":{\"name\":\"validate_xanoscript\","
		"\"arguments\":{\"ls11\":true,\"code\":"
		"\"function \\\"f\\\" {\\n  input {\\n  }\\n  stack {\\n  }\\n}\\n\"}}}");
	const struct xm_json *sc = xm_json_get(xm_json_get(v, "result"), "structuredContent");
	bool valid = false;
	ck_assert(xm_json_bool(xm_json_get(sc, "valid"), &valid) && valid);
	const struct xm_json *errors = xm_json_get(sc, "errors");
	ck_assert_uint_eq(xm_json_len(errors), 1);
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(errors, 0), "code")),
		"missing-response");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(errors, 0), "severity")),
		"warning");
	done(&s);
}
END_TEST

START_TEST(bad_arguments)
{
	struct session s;
	const struct xm_json *v = call(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,"
		"\"method\":\"tools/call\",\"params\":"
		"{\"name\":\"validate_xanoscript\",\"arguments\":{\"code\":42}}}");
	/* Rejected by the schema before the handler runs (error or isError). */
	const struct xm_json *r = xm_json_get(v, "result");
	bool is_error = false;
	ck_assert(xm_json_get(v, "error") ||
		(xm_json_bool(xm_json_get(r, "isError"), &is_error) && is_error));
	done(&s);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("mcp-tool-xs");
	TCase *tc = tcase_create("validate_xanoscript");
	tcase_add_test(tc, listed_with_hints);
	tcase_add_test(tc, valid_code);
	tcase_add_test(tc, invalid_code);
	tcase_add_test(tc, ls11_warnings);
	tcase_add_test(tc, bad_arguments);
	suite_add_tcase(s, tc);
	return s;
}
