/*
 * xano/meta, xano/error and ops/connect + ops/deployed against the fake
 * Xano server: paging, bare arrays, both forms of the xanoscript member,
 * branches, every error kind with its message and exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_xano.h"
#include "harness.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/paths.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/ops/connect.h"
#include "xano-mcp/ops/deployed.h"
#include "xano-mcp/xano/meta.h"

static struct xm_fake_xano fake;
static struct xm_token *token;

static void no_sleep(void *data, long ms)
{
}

static const struct xm_http_options fast = { .sleep = no_sleep };

static void setup(void)
{
	ck_assert(xm_fake_xano_start(&fake, NULL));
	setenv(XM_TOKEN_ENV, XM_FAKE_XANO_TOKEN, 1);
	struct xm_error err = XM_ERROR_INIT;
	token = xm_token_load(NULL, &err);
	ck_assert_ptr_nonnull(token);
}

static void teardown(void)
{
	xm_token_destroy(token);
	xm_fake_xano_stop(&fake);
}

static struct xm_meta *client(const char *branch, unsigned max_pages)
{
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	struct xm_meta *m = xm_meta_create(&(struct xm_meta_options){
		.origin = fake.origin, .branch = branch, .token = token, .http = &fast,
		.max_pages = max_pages}, &e);
	ck_assert_msg(m != NULL, "%s", e.err.message);
	return m;
}

static void fault(const char *json)
{
	ck_assert(xm_fake_xano_command(&fake, json, NULL));
}

/* The request log as JSON text (the caller frees it). */
static char *request_log(void)
{
	char *answer = NULL;
	ck_assert(xm_fake_xano_command(&fake, "{\"requests\":true}", &answer));
	return answer;
}

START_TEST(paged_lists_are_followed_to_the_end)
{
	struct xm_meta *m = client(NULL, 0);
	struct xm_meta_result r;
	xm_meta_result_init(&r);
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	struct xm_meta_ref ref = { XM_META_API, .workspace = 7, .apigroup = 47 };
	ck_assert_msg(xm_meta_list(m, &ref, 0, &r, &e), "%s", e.err.message);
	ck_assert_uint_eq(r.n, 125);
	/* every id once */
	for (size_t i = 0; i < r.n; i++) {
		for (size_t j = i + 1; j < r.n; j++) {
			ck_assert(r.items[i].id != r.items[j].id);
		}
		ck_assert_str_eq(r.items[i].verb, "GET");
		ck_assert_int_eq(r.items[i].script, XM_META_SCRIPT_NONE);
	}
	char *log = request_log();
	ck_assert_msg(strstr(log, "\"page\":\"3\"") && !strstr(log, "\"page\":\"4\""), "%s", log);
	free(log);
	xm_meta_result_finish(&r);

	/* a page cap stops a list that would not end */
	xm_meta_destroy(m);
	m = client(NULL, 2);
	xm_meta_result_init(&r);
	ck_assert(!xm_meta_list(m, &ref, 0, &r, &e));
	ck_assert_int_eq(e.failure, XM_XANO_SERVER);
	ck_assert_msg(strstr(e.err.message, "more than 2 pages of the APIs of API group 47"),
		"%s", e.err.message);
	xm_meta_result_finish(&r);
	xm_meta_destroy(m);
}
END_TEST

START_TEST(bare_arrays_single_objects_and_the_user)
{
	struct xm_meta *m = client(NULL, 0);
	struct xm_meta_result r;
	xm_meta_result_init(&r);
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	ck_assert(xm_meta_list(m, &(struct xm_meta_ref){.kind = XM_META_WORKSPACE}, 0, &r, &e));
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.items[0].name, "Blog backend");
	ck_assert_int_eq(r.items[1].id, 12);
	ck_assert(xm_meta_get(m, &(struct xm_meta_ref){.kind = XM_META_WORKSPACE, .id = 12}, 0, &r, &e));
	ck_assert_uint_eq(r.n, 3);
	ck_assert_str_eq(r.items[2].name, "Marketing site");
	ck_assert(xm_meta_list(m, &(struct xm_meta_ref){.kind = XM_META_APIGROUP, .workspace = 7}, 0,
		&r, &e));
	ck_assert_uint_eq(r.n, 7);
	ck_assert(xm_meta_get(m, &(struct xm_meta_ref){.kind = XM_META_APIGROUP, .workspace = 7,
		.id = 41}, 0, &r, &e));
	ck_assert_str_eq(r.items[7].canonical, "blog-auth");
	ck_assert(xm_meta_list(m, &(struct xm_meta_ref){.kind = XM_META_FUNCTION, .workspace = 7}, 0,
		&r, &e));
	ck_assert(xm_meta_list(m, &(struct xm_meta_ref){.kind = XM_META_TASK, .workspace = 7}, 0,
		&r, &e));
	ck_assert(xm_meta_list(m, &(struct xm_meta_ref){.kind = XM_META_TABLE, .workspace = 7}, 0,
		&r, &e));
	ck_assert_uint_eq(r.n, 8 + 2 + 1 + 3);
	ck_assert(r.items[8].created_at && strlen(r.items[8].created_at) > 10);
	xm_meta_result_finish(&r);

	xm_meta_result_init(&r);
	ck_assert(xm_meta_me(m, &r, &e));
	ck_assert_int_eq(r.items[0].id, 4711);
	ck_assert_str_eq(r.items[0].email, "dana@example.com");
	xm_meta_result_finish(&r);
	xm_meta_destroy(m);
}
END_TEST

START_TEST(xanoscript_as_object_string_or_error)
{
	struct xm_meta *m = client(NULL, 0);
	struct xm_meta_result r;
	xm_meta_result_init(&r);
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	struct xm_meta_ref api = { XM_META_API, .workspace = 7, .apigroup = 42, .id = 1010 };
	ck_assert(xm_meta_get(m, &api, XM_META_XANOSCRIPT, &r, &e));
	ck_assert_int_eq(r.items[0].script, XM_META_SCRIPT_OK);
	ck_assert(strncmp(r.items[0].xanoscript, "query \"posts\" verb=GET {", 24) == 0);
	ck_assert_uint_eq(strlen(r.items[0].xanoscript), r.items[0].xanoscript_len);
	char *log = request_log();
	ck_assert_msg(strstr(log, "\"include_xanoscript\":\"true\""), "%s", log);
	free(log);

	/* Xano could not render it */
	ck_assert(xm_meta_get(m, &(struct xm_meta_ref){.kind = XM_META_FUNCTION, .workspace = 7,
		.id = 302}, XM_META_XANOSCRIPT, &r, &e));
	ck_assert_int_eq(r.items[1].script, XM_META_SCRIPT_ERROR);
	ck_assert(strstr(r.items[1].script_message, "legacy statement"));

	/* the bare-string form some versions send */
	fault("{\"fault\":{\"path\":\"/api:meta/workspace/7/task/88\",\"status\":200,\"body\":"
		"{\"id\":88,\"name\":\"t\",\"xanoscript\":\"task \\\"t\\\" {\\n}\"}}}");
	ck_assert(xm_meta_get(m, &(struct xm_meta_ref){.kind = XM_META_TASK, .workspace = 7, .id = 88},
		XM_META_XANOSCRIPT, &r, &e));
	ck_assert_int_eq(r.items[2].script, XM_META_SCRIPT_OK);
	ck_assert_str_eq(r.items[2].xanoscript, "task \"t\" {\n}");
	xm_meta_result_finish(&r);
	xm_meta_destroy(m);

	/* a branch is asked for by label; its own objects appear */
	m = client("dev", 0);
	xm_meta_result_init(&r);
	ck_assert_msg(xm_meta_get(m, &(struct xm_meta_ref){.kind = XM_META_API, .workspace = 7,
		.apigroup = 42, .id = 1099}, XM_META_XANOSCRIPT, &r, &e), "%s", e.err.message);
	ck_assert(strstr(r.items[0].xanoscript, "posts/featured"));
	log = request_log();
	ck_assert_msg(strstr(log, "\"branch\":\"dev\""), "%s", log);
	free(log);
	xm_meta_result_finish(&r);
	xm_meta_destroy(m);
}
END_TEST

/* One failing get: its kind, exit status and message. */
static void expect_failure(struct xm_meta *m, const struct xm_meta_ref *ref,
		enum xm_xano_failure failure, int exit_status, const char *text)
{
	struct xm_meta_result r;
	xm_meta_result_init(&r);
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	ck_assert(!xm_meta_get(m, ref, XM_META_XANOSCRIPT, &r, &e));
	ck_assert_msg(e.failure == failure, "failure %d, want %d: %s", e.failure, failure,
		e.err.message);
	ck_assert_int_eq(xm_xano_exit_status(&e), exit_status);
	ck_assert_msg(strstr(e.err.message, text), "want \"%s\" in: %s", text, e.err.message);
	ck_assert(!strstr(e.err.message, XM_FAKE_XANO_TOKEN));
	xm_meta_result_finish(&r);
}

START_TEST(errors_are_mapped_in_one_place)
{
	struct xm_meta *m = client(NULL, 0);
	struct xm_meta_ref api = { XM_META_API, .workspace = 7, .apigroup = 42, .id = 999999 };
	expect_failure(m, &api, XM_XANO_NOT_FOUND, XM_EXIT_FAILURE,
		"API 999999 in API group 42 of workspace 7 was not found on Xano (404)");
	api.id = 1010;
	const char *path = "/api:meta/workspace/7/apigroup/42/api/1010";
	char f[512];
	snprintf(f, sizeof(f), "{\"fault\":{\"path\":\"%s\",\"status\":403,\"body\":{\"code\":"
		"\"ERROR_CODE_ACCESS_DENIED\",\"message\":\"Access denied.\"}}}", path);
	fault(f);
	expect_failure(m, &api, XM_XANO_AUTH, XM_EXIT_AUTH,
		"Xano denied access to API 1010 in API group 42 of workspace 7 (403): Access "
		"denied.");
	snprintf(f, sizeof(f), "{\"fault\":{\"path\":\"%s\",\"status\":429,\"times\":4}}", path);
	fault(f);
	expect_failure(m, &api, XM_XANO_RATE_LIMITED, XM_EXIT_NETWORK, "(429, 4 attempts): Whoa");
	snprintf(f, sizeof(f), "{\"fault\":{\"path\":\"%s\",\"status\":500,\"times\":4}}", path);
	fault(f);
	expect_failure(m, &api, XM_XANO_SERVER, XM_EXIT_NETWORK, "(500 ERROR_FATAL, 4 attempts)");
	snprintf(f, sizeof(f), "{\"fault\":{\"path\":\"%s\",\"status\":400,\"body\":{\"code\":"
		"\"ERROR_CODE_INPUT_ERROR\",\"message\":\"Missing param: x\",\"payload\":"
		"{\"param\":\"x\"}}}}", path);
	fault(f);
	expect_failure(m, &api, XM_XANO_INPUT, XM_EXIT_FAILURE,
		"(400 ERROR_CODE_INPUT_ERROR): Missing param: x (parameter x)");
	snprintf(f, sizeof(f), "{\"fault\":{\"path\":\"%s\",\"action\":\"garbage\"}}", path);
	fault(f);
	expect_failure(m, &api, XM_XANO_SERVER, XM_EXIT_NETWORK, "is not the JSON");
	snprintf(f, sizeof(f), "{\"fault\":{\"path\":\"%s\",\"status\":301,\"body\":\"\","
		"\"headers\":{\"Location\":\"https://elsewhere.example/\"}}}", path);
	fault(f);
	expect_failure(m, &api, XM_XANO_SERVER, XM_EXIT_NETWORK,
		"redirect (301 to https://elsewhere.example/), which is not followed");
	xm_meta_destroy(m);

	/* a token Xano does not know */
	setenv(XM_TOKEN_ENV, "not-the-fake-token", 1);
	struct xm_error err = XM_ERROR_INIT;
	struct xm_token *bad = xm_token_load(NULL, &err);
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	m = xm_meta_create(&(struct xm_meta_options){.origin = fake.origin, .token = bad,
		.http = &fast}, &e);
	expect_failure(m, &api, XM_XANO_AUTH, XM_EXIT_AUTH, "Xano refused the token (401): "
		"Unauthorized - Authentication Required. Create a new Metadata API token");
	xm_meta_destroy(m);
	xm_token_destroy(bad);

	/* nobody there: the network kind */
	xm_fake_xano_stop(&fake);
	m = client(NULL, 0);
	expect_failure(m, &api, XM_XANO_NETWORK, XM_EXIT_NETWORK, "Xano could not be reached");
	xm_meta_destroy(m);
	ck_assert(xm_fake_xano_start(&fake, NULL));

	/* no https origin */
	ck_assert_ptr_null(xm_meta_create(&(struct xm_meta_options){
		.origin = "http://example.com", .token = token}, &e));
	ck_assert_int_eq(e.failure, XM_XANO_CONFIG);
}
END_TEST

/* A list whose answer is body (raw JSON text) fails as a server fault. */
static void expect_bad_list(struct xm_meta *m, const char *body, const char *text)
{
	struct xm_buf f = XM_BUF_INIT;
	xm_buf_adds(&f, "{\"fault\":{\"path\":\"/api:meta/workspace/7/task\",\"status\":200,"
		"\"body\":");
	xm_buf_adds(&f, body);
	xm_buf_adds(&f, "}}");
	fault(f.data);
	xm_buf_finish(&f);
	struct xm_meta_result r;
	xm_meta_result_init(&r);
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	ck_assert(!xm_meta_list(m, &(struct xm_meta_ref){.kind = XM_META_TASK, .workspace = 7}, 0, &r,
		&e));
	ck_assert_int_eq(e.failure, XM_XANO_SERVER);
	ck_assert_msg(strstr(e.err.message, text), "want \"%s\" in: %s", text, e.err.message);
	xm_meta_result_finish(&r);
}

START_TEST(hostile_answers_are_refused)
{
	struct xm_meta *m = client(NULL, 0);
	/* nesting deeper than the parser's cap */
	struct xm_buf deep = XM_BUF_INIT;
	xm_buf_adds(&deep, "\"");
	xm_buf_addn(&deep, '[', 200);
	xm_buf_addn(&deep, ']', 200);
	xm_buf_adds(&deep, "\"");
	expect_bad_list(m, deep.data, "is not the JSON");
	xm_buf_finish(&deep);
	expect_bad_list(m, "\"\"", "is not the JSON");
	expect_bad_list(m, "{\"items\":[{\"id\":\"88\"}],\"nextPage\":null}",
		"a list of objects with ids");
	expect_bad_list(m, "{\"items\":[{\"id\":99999999999999999999}],\"nextPage\":null}",
		"a list of objects with ids");
	expect_bad_list(m, "{\"items\":[{\"id\":1}],\"nextPage\":\"2\"}", "a page {items, nextPage}");
	expect_bad_list(m, "{\"items\":{},\"nextPage\":null}", "a page {items, nextPage}");
	/* a page that points back at itself would loop */
	expect_bad_list(m, "{\"curPage\":1,\"items\":[{\"id\":1}],\"nextPage\":1}",
		"nextPage follows it");
	expect_bad_list(m, "42", "a page {items, nextPage}");
	xm_meta_destroy(m);
}
END_TEST

static char *config_dir;

static void write_config(const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/xano-mcp", config_dir);
	ck_assert(xm_paths_mkdirs(path, 0700, NULL));
	snprintf(path, sizeof(path), "%s/xano-mcp/config", config_dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(connect_says_what_to_set)
{
	config_dir = xm_test_tmpdir();
	setenv("XDG_CONFIG_HOME", config_dir, 1);
	struct xm_connection conn;
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	ck_assert(!xm_connect(&conn, &(struct xm_connect_options){0}, &e));
	ck_assert_int_eq(e.failure, XM_XANO_CONFIG);
	ck_assert_msg(strstr(e.err.message, "no Xano instance is configured") &&
		strstr(e.err.message, "xano-mcp/config"), "%s", e.err.message);
	xm_connection_finish(&conn);

	write_config("[profile work]\nworkspace = 7\n");
	ck_assert(!xm_connect(&conn, &(struct xm_connect_options){0}, &e));
	ck_assert_msg(strstr(e.err.message, "profile work has no Xano instance"), "%s",
		e.err.message);
	xm_connection_finish(&conn);

	char text[256];
	snprintf(text, sizeof(text), "[profile work]\ninstance = %s\nworkspace = 7\n",
		fake.origin);
	write_config(text);
	unsetenv(XM_TOKEN_ENV);
	ck_assert(!xm_connect(&conn, &(struct xm_connect_options){0}, &e));
	ck_assert_int_eq(e.failure, XM_XANO_AUTH);
	ck_assert_int_eq(xm_xano_exit_status(&e), XM_EXIT_AUTH);
	ck_assert(strstr(e.err.message, "XANO_MCP_TOKEN"));
	xm_connection_finish(&conn);

	setenv(XM_TOKEN_ENV, XM_FAKE_XANO_TOKEN, 1);
	ck_assert_msg(xm_connect(&conn, &(struct xm_connect_options){.http = &fast}, &e), "%s",
		e.err.message);
	struct xm_buf xs = XM_BUF_INIT;
	ck_assert(xm_deployed_xanoscript(&conn, &(struct xm_meta_ref){.kind = XM_META_TABLE,
		.workspace = 7, .id = 152}, &xs, &e));
	ck_assert(strncmp(xs.data, "table \"post\" {", 14) == 0);
	xm_buf_reset(&xs);
	ck_assert(!xm_deployed_xanoscript(&conn, &(struct xm_meta_ref){.kind = XM_META_FUNCTION,
		.workspace = 7, .id = 302}, &xs, &e));
	ck_assert_msg(strstr(e.err.message, "could not render function 302 of workspace 7 as "
		"XanoScript: This function uses a legacy statement"), "%s", e.err.message);
	xm_buf_finish(&xs);

	/* id lists, sorted, then from the cache: no second request */
	int64_t *ids;
	size_t n;
	struct xm_meta_ref groups = { XM_META_APIGROUP, .workspace = 7 };
	ck_assert(xm_deployed_ids(&conn, &groups, &ids, &n, &e));
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(ids[0], 41);
	ck_assert_int_eq(ids[3], 47);
	free(ids);
	fault("{\"reset\":true}");
	ck_assert(xm_deployed_ids(&conn, &groups, &ids, &n, &e));
	ck_assert_uint_eq(n, 4);
	free(ids);
	char *log = request_log();
	ck_assert_msg(strstr(log, "\"requests\":[]"), "%s", log);
	free(log);
	xm_deployed_forget();
	ck_assert(xm_deployed_ids(&conn, &groups, &ids, &n, &e));
	free(ids);
	log = request_log();
	ck_assert(strstr(log, "/apigroup"));
	free(log);
	xm_connection_finish(&conn);
	xm_test_rmtree(config_dir);
	free(config_dir);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xano-meta");
	TCase *tc = tcase_create("meta");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, paged_lists_are_followed_to_the_end);
	tcase_add_test(tc, bare_arrays_single_objects_and_the_user);
	tcase_add_test(tc, xanoscript_as_object_string_or_error);
	tcase_add_test(tc, errors_are_mapped_in_one_place);
	tcase_add_test(tc, hostile_answers_are_refused);
	tcase_add_test(tc, connect_says_what_to_set);
	suite_add_tcase(s, tc);
	return s;
}
