/*
 * xano/http against the fake Xano server: statuses, the retry policy with
 * an injected sleep (no real waits, no timed assertions), the body cap,
 * timeouts, cancellation, redirects and what is refused outright.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake_xano.h"
#include "harness.h"
#include "xano-mcp/auth/token.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/xano/http.h"

static struct xm_fake_xano fake;
static struct xm_token *token;

/* The waits the client asked for, instead of sleeping. */
static long waits[16];
static size_t nwaits;

static void fake_sleep(void *data, long ms)
{
	if (nwaits < 16) {
		waits[nwaits] = ms;
	}
	nwaits++;
}

static uint32_t fixed_random(void *data)
{
	return 0; /* the lower bound of every wait */
}

static void setup(void)
{
	ck_assert(xm_fake_xano_start(&fake, NULL));
	setenv(XM_TOKEN_ENV, XM_FAKE_XANO_TOKEN, 1);
	struct xm_error err = XM_ERROR_INIT;
	token = xm_token_load(NULL, &err);
	ck_assert_msg(token != NULL, "%s", err.message);
	nwaits = 0;
}

static void teardown(void)
{
	xm_token_destroy(token);
	xm_fake_xano_stop(&fake);
}

static struct xm_http *client(long timeout_ms, size_t max_body)
{
	struct xm_error err = XM_ERROR_INIT;
	struct xm_http *http = xm_http_create(&(struct xm_http_options){
		.timeout_ms = timeout_ms,
		.max_body = max_body,
		.backoff_ms = 1000,
		.backoff_max_ms = 3000,
		.sleep = fake_sleep,
		.random = fixed_random,
	}, &err);
	ck_assert_msg(http != NULL, "%s", err.message);
	return http;
}

static void fault(const char *json)
{
	char *answer = NULL;
	ck_assert_msg(xm_fake_xano_command(&fake, json, &answer), "fault refused: %s",
		answer ? answer : "(no answer)");
	free(answer);
}

/* How many requests the fake saw. */
static size_t requests_seen(void)
{
	char *answer = NULL;
	ck_assert(xm_fake_xano_command(&fake, "{\"requests\":true}", &answer));
	struct xm_json *doc = xm_json_parse(answer, strlen(answer), NULL, NULL);
	size_t n = xm_json_len(xm_json_get(doc, "requests"));
	xm_json_free(doc);
	free(answer);
	return n;
}

static enum xm_http_result get(struct xm_http *http, const char *path, const char *query,
		struct xm_http_response *res, struct xm_error *err)
{
	char url[256];
	snprintf(url, sizeof(url), "%s%s", fake.origin, path);
	return xm_http_request(http, &(struct xm_http_request){
		.method = "GET", .url = url, .query = query, .token = token}, res, err);
}

START_TEST(a_plain_read_and_the_token_header)
{
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	ck_assert_int_eq(get(http, "/api:meta/auth/me", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 200);
	ck_assert_uint_eq(res.attempts, 1);
	ck_assert(strstr(xm_buf_str(&res.body), "Dana Fakeuser"));
	ck_assert(strstr(res.content_type, "application/json"));
	/* the fake saw a valid bearer token */
	char *answer = NULL;
	ck_assert(xm_fake_xano_command(&fake, "{\"requests\":true}", &answer));
	ck_assert(strstr(answer, "\"bearer-ok\""));
	ck_assert(!strstr(answer, XM_FAKE_XANO_TOKEN));
	free(answer);
	/* a query string travels */
	ck_assert_int_eq(get(http, "/api:meta/workspace/7/apigroup", "page=2&per_page=1", &res,
		&err), XM_HTTP_OK);
	ck_assert(strstr(xm_buf_str(&res.body), "\"curPage\":2"));
	/* no token: 401 is an answer, not a transport failure, and not retried */
	char url[256];
	snprintf(url, sizeof(url), "%s/api:meta/auth/me", fake.origin);
	ck_assert_int_eq(xm_http_request(http, &(struct xm_http_request){.method = "GET",
		.url = url}, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 401);
	ck_assert_uint_eq(res.attempts, 1);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(retries_429_and_5xx_with_growing_waits)
{
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	fault("{\"fault\":{\"path\":\"/api:meta/auth/me\",\"status\":429,\"times\":2}}");
	ck_assert_int_eq(get(http, "/api:meta/auth/me", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 200);
	ck_assert_uint_eq(res.attempts, 3);
	ck_assert_uint_eq(nwaits, 2);
	/* half of 1 s, then half of 2 s: the random half is 0 here */
	ck_assert_int_eq(waits[0], 500);
	ck_assert_int_eq(waits[1], 1000);

	/* 5xx every time: 4 attempts, the last answer comes back */
	nwaits = 0;
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"status\":503,\"times\":10}}");
	ck_assert_int_eq(get(http, "/api:meta/workspace", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 503);
	ck_assert_uint_eq(res.attempts, 4);
	ck_assert_uint_eq(nwaits, 3);
	/* capped at 3 s: 1.5 s is half of the cap */
	ck_assert_int_eq(waits[2], 1500);

	/* a Retry-After of the server is honoured up to the cap */
	nwaits = 0;
	fault("{\"fault\":{\"path\":\"/api:meta/auth/me\",\"status\":429,"
		"\"headers\":{\"Retry-After\":\"2\"}}}");
	ck_assert_int_eq(get(http, "/api:meta/auth/me", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 200);
	ck_assert_int_eq(waits[0], 2000);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(no_retry_for_4xx_or_a_failed_post)
{
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	size_t before = requests_seen();
	fault("{\"fault\":{\"path\":\"/api:meta/workspace/7\",\"status\":400,\"times\":5,"
		"\"body\":{\"code\":\"ERROR_CODE_INPUT_ERROR\",\"message\":\"Missing param\"}}}");
	ck_assert_int_eq(get(http, "/api:meta/workspace/7", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 400);
	ck_assert_uint_eq(res.attempts, 1);
	ck_assert_uint_eq(nwaits, 0);
	ck_assert_uint_eq(requests_seen(), before + 1);

	/* a POST that failed on the server may have done its work: final */
	char url[256];
	snprintf(url, sizeof(url), "%s/api:meta/workspace/7/function", fake.origin);
	fault("{\"fault\":{\"method\":\"POST\",\"path\":\"/api:meta/workspace/7/function\","
		"\"status\":500,\"times\":5}}");
	ck_assert_int_eq(xm_http_request(http, &(struct xm_http_request){.method = "POST",
		.url = url, .body = "function \"x\" {\n}\n", .body_len = 17,
		.content_type = "text/x-xanoscript", .token = token}, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 500);
	ck_assert_uint_eq(res.attempts, 1);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(dropped_and_cut_connections_are_retried)
{
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"drop\"}}");
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"partial\"}}");
	ck_assert_int_eq(get(http, "/api:meta/workspace", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 200);
	ck_assert_uint_eq(res.attempts, 3);
	ck_assert(strstr(xm_buf_str(&res.body), "Blog backend"));

	/* dropped every time: a transport failure that says so */
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"drop\",\"times\":9}}");
	ck_assert_int_eq(get(http, "/api:meta/workspace", NULL, &res, &err), XM_HTTP_TRANSPORT);
	ck_assert_uint_eq(res.attempts, 4);
	ck_assert_msg(strstr(err.message, "(4 attempts)"), "%s", err.message);
	ck_assert(strstr(err.message, "/api:meta/workspace"));

	/* nobody listening: refused connections are retried for any method */
	nwaits = 0;
	ck_assert_int_eq(xm_http_request(http, &(struct xm_http_request){.method = "POST",
		.url = "http://127.0.0.1:9/api:meta/workspace", .body = "{}", .body_len = 2,
		.token = token}, &res, &err), XM_HTTP_TRANSPORT);
	ck_assert_uint_eq(res.attempts, 4);
	ck_assert_uint_eq(nwaits, 3);
	ck_assert_int_eq(res.status, 0);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(the_body_cap_holds)
{
	struct xm_http *http = client(0, 4096);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	ck_assert_int_eq(get(http, "/api:meta/workspace/7/apigroup/42/api",
		"per_page=50&include_xanoscript=true", &res, &err), XM_HTTP_TOO_BIG);
	ck_assert_uint_eq(res.attempts, 1);
	ck_assert_msg(strstr(err.message, "larger than"), "%s", err.message);
	ck_assert_uint_le(res.body.len, 4096);
	/* a small answer still fits */
	ck_assert_int_eq(get(http, "/api:meta/auth/me", NULL, &res, &err), XM_HTTP_OK);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(a_slow_answer_times_out)
{
	struct xm_error err = XM_ERROR_INIT;
	struct xm_http *http = xm_http_create(&(struct xm_http_options){
		.timeout_ms = 300, .max_attempts = 2, .sleep = fake_sleep,
		.random = fixed_random}, &err);
	ck_assert_ptr_nonnull(http);
	struct xm_http_response res;
	xm_http_response_init(&res);
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"slow\","
		"\"delay_ms\":200,\"times\":2}}");
	ck_assert_int_eq(get(http, "/api:meta/workspace", NULL, &res, &err), XM_HTTP_TRANSPORT);
	ck_assert_uint_eq(res.attempts, 2);
	ck_assert_msg(strstr(err.message, "imed out"), "%s", err.message);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

static int polls;

static bool cancel_after_a_few_polls(void *data)
{
	return ++polls > 3;
}

START_TEST(cancellation_stops_a_transfer_and_the_waits)
{
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	char url[256];
	snprintf(url, sizeof(url), "%s/api:meta/workspace", fake.origin);
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"slow\","
		"\"delay_ms\":300}}");
	polls = 0;
	ck_assert_int_eq(xm_http_request(http, &(struct xm_http_request){.method = "GET",
		.url = url, .token = token, .cancelled = cancel_after_a_few_polls}, &res, &err),
		XM_HTTP_CANCELLED);
	ck_assert_uint_eq(res.attempts, 1);

	/* between attempts: no retry after a cancellation */
	fault("{\"fault\":{\"path\":\"/api:meta/workspace\",\"status\":503,\"times\":5}}");
	polls = 0;
	nwaits = 0;
	enum xm_http_result r = xm_http_request(http, &(struct xm_http_request){.method = "GET",
		.url = url, .token = token, .cancelled = cancel_after_a_few_polls}, &res, &err);
	ck_assert_int_eq(r, XM_HTTP_CANCELLED);
	ck_assert_uint_lt(res.attempts, 4);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(redirects_are_not_followed)
{
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	size_t before = requests_seen();
	char redirect[512];
	snprintf(redirect, sizeof(redirect), "{\"fault\":{\"path\":\"/api:meta/auth/me\","
		"\"status\":302,\"body\":\"\",\"headers\":{\"Location\":"
		"\"%s/api:meta/workspace\"}}}",
		fake.origin);
	fault(redirect);
	ck_assert_int_eq(get(http, "/api:meta/auth/me", NULL, &res, &err), XM_HTTP_OK);
	ck_assert_int_eq(res.status, 302);
	ck_assert(strstr(res.location, "/api:meta/workspace"));
	ck_assert_uint_eq(requests_seen(), before + 1);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

/* The sockets this process holds open, as "socket:[inode]" lines in fd
 * order (malloc'd). */
static char *open_sockets(void)
{
	struct xm_buf out = XM_BUF_INIT;
	for (int fd = 0; fd < 1024; fd++) {
		char path[64], target[64];
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		ssize_t len = readlink(path, target, sizeof(target) - 1);
		if (len > 0) {
			target[len] = '\0';
			if (strncmp(target, "socket:", 7) == 0) {
				xm_buf_addf(&out, "%s\n", target);
			}
		}
	}
	return xm_buf_steal(&out);
}

START_TEST(connections_outlive_a_handle)
{
	/* Without fork, earlier tests' handles (and their sockets) are idle
	 * in the same process and may be handed out first. */
	const char *fork_mode = getenv("CK_FORK");
	if (fork_mode && strcmp(fork_mode, "no") == 0) {
		return;
	}
	char *before = open_sockets();
	char *first = NULL;
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	for (int i = 0; i < 3; i++) {
		struct xm_http *http = client(0, 0);
		ck_assert_int_eq(get(http, "/api:meta/auth/me", NULL, &res, &err), XM_HTTP_OK);
		xm_http_destroy(http);
		char *now = open_sockets();
		if (!first) {
			/* the connection stays open with the idle handle... */
			ck_assert_msg(strlen(now) > strlen(before), "no socket kept:\n%s", now);
			first = now;
		} else {
			/* ...and the next handle uses that very socket */
			ck_assert_str_eq(now, first);
			free(now);
		}
	}
	free(first);
	free(before);
	xm_http_response_finish(&res);
}
END_TEST

START_TEST(what_is_refused_outright)
{
	ck_assert(xm_http_url_allowed("https://x1234.n7.xano.io"));
	ck_assert(xm_http_url_allowed("http://127.0.0.1:8080/api:meta"));
	ck_assert(xm_http_url_allowed("http://localhost/x"));
	ck_assert(xm_http_url_allowed("http://[::1]:9/"));
	ck_assert(!xm_http_url_allowed("http://example.com/"));
	ck_assert(!xm_http_url_allowed("http://127.0.0.1.evil.com/"));
	ck_assert(!xm_http_url_allowed("http://localhost.evil.com/"));
	ck_assert(!xm_http_url_allowed("ftp://127.0.0.1/"));
	ck_assert(!xm_http_url_allowed("https://"));
	ck_assert(!xm_http_url_allowed(NULL));
	struct xm_http *http = client(0, 0);
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error err = XM_ERROR_INIT;
	ck_assert_int_eq(xm_http_request(http, &(struct xm_http_request){.method = "GET",
		.url = "http://example.com/api:meta/auth/me", .token = token}, &res, &err),
		XM_HTTP_REFUSED);
	ck_assert_uint_eq(res.attempts, 0);
	xm_http_response_finish(&res);
	xm_http_destroy(http);
}
END_TEST

START_TEST(tokens_come_from_the_environment_only)
{
	struct xm_error err = XM_ERROR_INIT;
	unsetenv(XM_TOKEN_ENV);
	ck_assert_ptr_null(xm_token_load(NULL, &err));
	ck_assert(strstr(err.message, "set the environment variable XANO_MCP_TOKEN"));
	setenv(XM_TOKEN_ENV, "", 1);
	ck_assert_ptr_null(xm_token_load(NULL, &err));
	/* a pasted line break would end the header early: refused, not echoed */
	setenv(XM_TOKEN_ENV, "secret-part-one\r\nX-Evil: 1", 1);
	ck_assert_ptr_null(xm_token_load("default", &err));
	ck_assert(!strstr(err.message, "secret-part-one"));
	ck_assert(strstr(err.message, "line break"));
	char *huge = malloc(XM_TOKEN_MAX + 2);
	memset(huge, 'a', XM_TOKEN_MAX + 1);
	huge[XM_TOKEN_MAX + 1] = '\0';
	setenv(XM_TOKEN_ENV, huge, 1);
	ck_assert_ptr_null(xm_token_load(NULL, &err));
	free(huge);
	setenv(XM_TOKEN_ENV, "tok-4567890", 1);
	struct xm_token *t = xm_token_load(NULL, &err);
	ck_assert_ptr_nonnull(t);
	size_t len;
	ck_assert_str_eq(xm_token_reveal(t, &len), "tok-4567890");
	ck_assert_uint_eq(len, 11);
	ck_assert(strstr(xm_token_origin(t), "XANO_MCP_TOKEN"));
	ck_assert(!strstr(xm_token_renew_hint(t), "tok-4567890"));
	xm_token_destroy(t);
	xm_token_destroy(NULL);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xano-http");
	TCase *tc = tcase_create("http");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_plain_read_and_the_token_header);
	tcase_add_test(tc, retries_429_and_5xx_with_growing_waits);
	tcase_add_test(tc, no_retry_for_4xx_or_a_failed_post);
	tcase_add_test(tc, dropped_and_cut_connections_are_retried);
	tcase_add_test(tc, the_body_cap_holds);
	tcase_add_test(tc, a_slow_answer_times_out);
	tcase_add_test(tc, cancellation_stops_a_transfer_and_the_waits);
	tcase_add_test(tc, redirects_are_not_followed);
	tcase_add_test(tc, connections_outlive_a_handle);
	tcase_add_test(tc, what_is_refused_outright);
	suite_add_tcase(s, tc);
	TCase *tok = tcase_create("token");
	tcase_add_test(tok, tokens_come_from_the_environment_only);
	suite_add_tcase(s, tok);
	return s;
}
