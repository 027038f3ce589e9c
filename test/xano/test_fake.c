/*
 * The fake Xano Metadata API server (test/xano/fake-xano.mjs), over real
 * HTTP through libcurl as the client will use it: paging, errors, the
 * XanoScript fields, branches, faults, the request log and reset.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fake_xano.h"
#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/loader.h"

struct reply {
	CURLcode rc;
	long status;
	struct xm_buf body;
	struct xm_json *json; /* the body parsed, NULL when it is no JSON */
};

static size_t collect(char *data, size_t size, size_t n, void *userdata)
{
	xm_buf_add(userdata, data, size * n);
	return size * n;
}

/*
 * One request to the fake. token NULL sends no Authorization header;
 * content_type and body may be NULL.
 */
static void request(const struct xm_fake_xano *f, const char *method, const char *path,
		const char *token, const char *content_type, const char *body, struct reply *r)
{
	struct xm_error err = XM_ERROR_INIT;
	const struct xm_libcurl *curl = xm_loader_libcurl(&err);
	ck_assert_msg(curl != NULL, "%s", err.message);
	memset(r, 0, sizeof(*r));
	struct xm_buf url = XM_BUF_INIT, auth = XM_BUF_INIT, type = XM_BUF_INIT;
	xm_buf_addf(&url, "%s%s", f->origin, path);
	struct curl_slist *headers = NULL;
	if (token) {
		xm_buf_addf(&auth, "Authorization: Bearer %s", token);
		headers = curl->slist_append(headers, xm_buf_str(&auth));
	}
	if (content_type) {
		xm_buf_addf(&type, "Content-Type: %s", content_type);
		headers = curl->slist_append(headers, xm_buf_str(&type));
	}
	CURL *h = curl->easy_init();
	ck_assert_ptr_nonnull(h);
	curl->easy_setopt(h, CURLOPT_URL, xm_buf_str(&url));
	curl->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	curl->easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl->easy_setopt(h, CURLOPT_TIMEOUT_MS, 20000L);
	curl->easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl->easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl->easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
	if (body) {
		curl->easy_setopt(h, CURLOPT_POSTFIELDS, body);
		curl->easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	}
	r->rc = curl->easy_perform(h);
	curl->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	r->json = xm_json_parse(r->body.data ? r->body.data : "", r->body.len, NULL, NULL);
	curl->easy_cleanup(h);
	curl->slist_free_all(headers);
	xm_buf_finish(&url);
	xm_buf_finish(&auth);
	xm_buf_finish(&type);
}

static void get(const struct xm_fake_xano *f, const char *path, struct reply *r)
{
	request(f, "GET", path, XM_FAKE_XANO_TOKEN, NULL, NULL, r);
}

static void reply_finish(struct reply *r)
{
	xm_buf_finish(&r->body);
	xm_json_free(r->json);
	memset(r, 0, sizeof(*r));
}

static const char *body_text(const struct reply *r)
{
	return xm_buf_str(&r->body);
}

/* Asserts an HTTP answer with this status and, when code is not NULL, a
 * Xano error body with this code. */
static void expect(const struct reply *r, long status, const char *code)
{
	ck_assert_msg(r->rc == CURLE_OK, "curl: %d", (int)r->rc);
	ck_assert_msg(r->status == status, "status %ld, not %ld: %s", r->status, status,
		body_text(r));
	if (code) {
		const char *got = xm_json_string(xm_json_get(r->json, "code"));
		ck_assert_msg(got && strcmp(got, code) == 0, "code %s, not %s: %s",
			got ? got : "(none)", code, body_text(r));
		ck_assert_ptr_nonnull(xm_json_string(xm_json_get(r->json, "message")));
	}
}

static int64_t int_of(const struct xm_json *v)
{
	int64_t n = -1;
	ck_assert_msg(xm_json_int64(v, &n), "not an integer");
	return n;
}

static void start(struct xm_fake_xano *f, const char *const *args)
{
	ck_assert_msg(xm_fake_xano_start(f, args),
		"the fake Xano server did not start: see the messages above (node missing?)");
}

/* The answer of a control command that must succeed; the caller frees it. */
static char *command(struct xm_fake_xano *f, const char *line)
{
	char *answer = NULL;
	bool ok = xm_fake_xano_command(f, line, &answer);
	ck_assert_msg(ok, "%s -> %s", line, answer ? answer : "(nothing)");
	return answer;
}

START_TEST(pages_follow_next_page_to_the_end)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	/* 125 APIs in group 47: pages of 50, 50 and 25, then nextPage null. */
	const int64_t next[] = { 2, 3, -1 }, prev[] = { -1, 1, 2 };
	const size_t counts[] = { 50, 50, 25 };
	int64_t seen[125];
	size_t total = 0;
	for (int page = 1; page <= 3; page++) {
		char path[128];
		snprintf(path, sizeof(path),
			"/api:meta/workspace/7/apigroup/47/api?page=%d&per_page=50", page);
		struct reply r;
		get(&f, path, &r);
		expect(&r, 200, NULL);
		ck_assert_int_eq(int_of(xm_json_get(r.json, "curPage")), page);
		const struct xm_json *n = xm_json_get(r.json, "nextPage");
		const struct xm_json *p = xm_json_get(r.json, "prevPage");
		if (next[page - 1] < 0) {
			ck_assert(xm_json_is_null(n));
		} else {
			ck_assert_int_eq(int_of(n), next[page - 1]);
		}
		if (prev[page - 1] < 0) {
			ck_assert(xm_json_is_null(p));
		} else {
			ck_assert_int_eq(int_of(p), prev[page - 1]);
		}
		/* No total: Xano does not say how many there are. */
		ck_assert_ptr_null(xm_json_get(r.json, "itemsTotal"));
		const struct xm_json *items = xm_json_get(r.json, "items");
		ck_assert_uint_eq(xm_json_len(items), counts[page - 1]);
		for (size_t i = 0; i < xm_json_len(items); i++) {
			const struct xm_json *item = xm_json_at(items, i);
			seen[total++] = int_of(xm_json_get(item, "id"));
			ck_assert_str_eq(xm_json_string(xm_json_get(item, "verb")), "GET");
			/* Lists carry no script unless asked. */
			ck_assert_ptr_null(xm_json_get(item, "xanoscript"));
		}
		reply_finish(&r);
	}
	for (size_t i = 0; i < total; i++) {
		for (size_t j = i + 1; j < total; j++) {
			ck_assert_msg(seen[i] != seen[j], "id %lld on two pages",
				(long long)seen[i]);
		}
	}
	/* Past the end: an empty page, not an error. */
	struct reply r;
	get(&f, "/api:meta/workspace/7/apigroup/47/api?page=4&per_page=50", &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(xm_json_len(xm_json_get(r.json, "items")), 0);
	ck_assert(xm_json_is_null(xm_json_get(r.json, "nextPage")));
	reply_finish(&r);
	/* The default page size is 50. */
	get(&f, "/api:meta/workspace/7/apigroup/47/api", &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(xm_json_len(xm_json_get(r.json, "items")), 50);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(bare_arrays_and_the_account_host)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 200, NULL);
	ck_assert_int_eq(xm_json_type(r.json), XM_JSON_ARRAY);
	ck_assert_uint_eq(xm_json_len(r.json), 2);
	ck_assert_int_eq(int_of(xm_json_get(xm_json_at(r.json, 0), "id")), 7);
	ck_assert_int_eq(int_of(xm_json_get(xm_json_at(r.json, 1), "id")), 12);
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(r.json, 0), "branch")), "v1");
	reply_finish(&r);

	get(&f, "/api:meta/workspace/7/branch", &r);
	expect(&r, 200, NULL);
	ck_assert_int_eq(xm_json_type(r.json), XM_JSON_ARRAY);
	ck_assert_uint_ge(xm_json_len(r.json), 2);
	bool live = false;
	ck_assert(xm_json_bool(xm_json_get(xm_json_at(r.json, 0), "live"), &live) && live);
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(r.json, 1), "label")), "dev");
	/* "YYYY-MM-DD HH:MM:SS+0000" */
	const char *when = xm_json_string(xm_json_get(xm_json_at(r.json, 1), "created_at"));
	ck_assert_ptr_nonnull(when);
	ck_assert_uint_eq(strlen(when), 24);
	ck_assert_str_eq(when + 19, "+0000");
	reply_finish(&r);

	/* The instance list points back at the fake itself. */
	get(&f, "/api:meta/instance", &r);
	expect(&r, 200, NULL);
	const struct xm_json *inst = xm_json_at(r.json, 0);
	struct xm_buf meta = XM_BUF_INIT;
	xm_buf_addf(&meta, "%s/api:meta", f.origin);
	ck_assert_str_eq(xm_json_string(xm_json_get(inst, "meta_api")), xm_buf_str(&meta));
	const char *name = xm_json_string(xm_json_get(inst, "name"));
	ck_assert_ptr_nonnull(name);
	char path[128];
	snprintf(path, sizeof(path), "/api:meta/instance/%s", name);
	reply_finish(&r);
	get(&f, path, &r);
	expect(&r, 200, NULL);
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "meta_api")), xm_buf_str(&meta));
	reply_finish(&r);
	xm_buf_finish(&meta);

	get(&f, "/api:meta/auth/me", &r);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(r.json, "email")));
	ck_assert_ptr_nonnull(xm_json_get(r.json, "id"));
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(tokens_are_required)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	request(&f, "GET", "/api:meta/workspace", NULL, NULL, NULL, &r);
	expect(&r, 401, "ERROR_CODE_UNAUTHORIZED");
	reply_finish(&r);
	request(&f, "GET", "/api:meta/auth/me", "not-the-token", NULL, NULL, &r);
	expect(&r, 401, "ERROR_CODE_UNAUTHORIZED");
	reply_finish(&r);
	xm_fake_xano_stop(&f);

	/* --token replaces the default token. */
	start(&f, (const char *const[]){ "--token", "other-token-42", NULL });
	request(&f, "GET", "/api:meta/auth/me", XM_FAKE_XANO_TOKEN, NULL, NULL, &r);
	expect(&r, 401, "ERROR_CODE_UNAUTHORIZED");
	reply_finish(&r);
	request(&f, "GET", "/api:meta/auth/me", "other-token-42", NULL, NULL, &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(unknown_things_and_bad_params)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	get(&f, "/api:meta/workspace/7/apigroup/999999", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/99", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/12/apigroup/5/api/1002", &r); /* an api of another group */
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	get(&f, "/api:meta/no/such/route", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "message")),
		"Unable to locate request.");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/function?per_page=0", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(r.json, "payload"), "param")),
		"per_page");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/function?include_xanoscript=maybe", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(xanoscript_and_branches)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	get(&f, "/api:meta/workspace/7/apigroup/41/api/1002?include_xanoscript=true", &r);
	expect(&r, 200, NULL);
	const struct xm_json *xs = xm_json_get(r.json, "xanoscript");
	ck_assert_str_eq(xm_json_string(xm_json_get(xs, "status")), "ok");
	const char *value = xm_json_string(xm_json_get(xs, "value"));
	ck_assert_ptr_nonnull(value);
	ck_assert_msg(strncmp(value, "query \"auth/login\" verb=POST {", 30) == 0, "%s", value);
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "name")), "auth/login");
	reply_finish(&r);

	get(&f, "/api:meta/workspace/7/apigroup/41/api/1002", &r);
	expect(&r, 200, NULL);
	ck_assert_ptr_null(xm_json_get(r.json, "xanoscript"));
	reply_finish(&r);

	/* A legacy function has no XanoScript form: status "error", a message. */
	get(&f, "/api:meta/workspace/7/function/302?include_xanoscript=true", &r);
	expect(&r, 200, NULL);
	xs = xm_json_get(r.json, "xanoscript");
	ck_assert_str_eq(xm_json_string(xm_json_get(xs, "status")), "error");
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(xs, "message")));
	reply_finish(&r);

	/* The group carries its canonical; lists carry scripts when asked. */
	get(&f, "/api:meta/workspace/7/apigroup?include_xanoscript=1&per_page=10", &r);
	expect(&r, 200, NULL);
	const struct xm_json *items = xm_json_get(r.json, "items");
	ck_assert_uint_eq(xm_json_len(items), 4);
	for (size_t i = 0; i < xm_json_len(items); i++) {
		const struct xm_json *g = xm_json_at(items, i);
		ck_assert_ptr_nonnull(xm_json_string(xm_json_get(g, "canonical")));
		value = xm_json_string(xm_json_get(xm_json_get(g, "xanoscript"), "value"));
		ck_assert_msg(value && strncmp(value, "api_group ", 10) == 0, "%s", body_text(&r));
	}
	reply_finish(&r);

	/* An endpoint that exists only on the dev branch. */
	get(&f, "/api:meta/workspace/7/apigroup/42/api/1099?branch=dev", &r);
	expect(&r, 200, NULL);
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "name")), "posts/featured");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/apigroup/42/api/1099", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/apigroup/42/api/1099?branch=v1", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/apigroup?branch=no-such-branch", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	reply_finish(&r);

	/* The other collections. */
	get(&f, "/api:meta/workspace/7/task/88?include_xanoscript=true", &r);
	expect(&r, 200, NULL);
	value = xm_json_string(xm_json_get(xm_json_get(r.json, "xanoscript"), "value"));
	ck_assert_msg(value && strncmp(value, "task ", 5) == 0, "%s", body_text(&r));
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/table?per_page=2", &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(xm_json_len(xm_json_get(r.json, "items")), 2);
	ck_assert_int_eq(int_of(xm_json_get(r.json, "nextPage")), 2);
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/request_history?per_page=5&query_id=1002", &r);
	expect(&r, 200, NULL);
	items = xm_json_get(r.json, "items");
	ck_assert_uint_ge(xm_json_len(items), 1);
	ck_assert_int_eq(int_of(xm_json_get(xm_json_at(items, 0), "query_id")), 1002);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(fault_429_twice_then_success)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	free(command(&f, "{\"fault\":{\"method\":\"GET\","
		"\"path\":\"/api:meta/workspace/7/apigroup\",\"status\":429,\"times\":2}}"));
	struct reply r;
	for (int i = 0; i < 2; i++) {
		get(&f, "/api:meta/workspace/7/apigroup", &r);
		expect(&r, 429, "ERROR_CODE_TOO_MANY_REQUESTS");
		reply_finish(&r);
	}
	get(&f, "/api:meta/workspace/7/apigroup", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);

	/* A prefix fault with its own body and header, other methods untouched. */
	free(command(&f, "{\"fault\":{\"path\":\"/api:meta/workspace/7/*\",\"status\":503,"
		"\"body\":\"upstream gone\",\"headers\":{\"x-fake\":\"yes\"}}}"));
	get(&f, "/api:meta/workspace/7/function", &r);
	ck_assert_int_eq(r.status, 503);
	ck_assert_str_eq(body_text(&r), "upstream gone");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/7/function", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(faults_that_break_the_connection)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	free(command(&f, "{\"fault\":{\"path\":\"/api:meta/auth/me\",\"action\":\"drop\"}}"));
	struct reply r;
	get(&f, "/api:meta/auth/me", &r);
	ck_assert_msg(r.rc == CURLE_GOT_NOTHING, "curl said %d", (int)r.rc);
	reply_finish(&r);

	free(command(&f, "{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"partial\"}}"));
	get(&f, "/api:meta/workspace", &r);
	ck_assert_msg(r.rc == CURLE_PARTIAL_FILE, "curl said %d", (int)r.rc);
	ck_assert_uint_gt(r.body.len, 0);
	ck_assert_ptr_null(r.json);
	reply_finish(&r);

	free(command(&f, "{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"garbage\"}}"));
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 200, NULL);
	ck_assert_ptr_null(r.json);
	reply_finish(&r);

	free(command(&f, "{\"fault\":{\"path\":\"/api:meta/workspace\",\"action\":\"slow\","
		"\"delay_ms\":5}}"));
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(xm_json_len(r.json), 2);
	reply_finish(&r);

	/* And the server is still fine. */
	get(&f, "/api:meta/auth/me", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(request_log_never_holds_a_token)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	get(&f, "/api:meta/workspace?branch=", &r);
	reply_finish(&r);
	request(&f, "GET", "/api:meta/auth/me", "a-secret-but-wrong-token", NULL, NULL, &r);
	reply_finish(&r);
	request(&f, "GET", "/api:meta/auth/me", NULL, NULL, NULL, &r);
	reply_finish(&r);
	char *answer = command(&f, "{\"requests\":true}");
	ck_assert_msg(strstr(answer, XM_FAKE_XANO_TOKEN) == NULL, "%s", answer);
	ck_assert_msg(strstr(answer, "a-secret-but-wrong-token") == NULL, "%s", answer);
	struct xm_json *doc = xm_json_parse(answer, strlen(answer), NULL, NULL);
	ck_assert_ptr_nonnull(doc);
	const struct xm_json *log = xm_json_get(doc, "requests");
	ck_assert_uint_eq(xm_json_len(log), 3);
	const char *auths[] = { "bearer-ok", "bearer-bad", "none" };
	const long statuses[] = { 200, 401, 401 };
	for (size_t i = 0; i < 3; i++) {
		const struct xm_json *e = xm_json_at(log, i);
		ck_assert_str_eq(xm_json_string(xm_json_get(e, "auth")), auths[i]);
		ck_assert_str_eq(xm_json_string(xm_json_get(e, "method")), "GET");
		ck_assert_int_eq(int_of(xm_json_get(e, "status")), statuses[i]);
	}
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(log, 0), "path")),
		"/api:meta/workspace");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(xm_json_at(log, 0), "query"),
		"branch")), "");
	xm_json_free(doc);
	free(answer);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(reset_clears_faults_and_log)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	free(command(&f, "{\"fault\":{\"path\":\"/api:meta/workspace\",\"status\":500,"
		"\"times\":5}}"));
	struct reply r;
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 500, "ERROR_FATAL");
	reply_finish(&r);
	free(command(&f, "{\"reset\":true}"));
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	char *answer = command(&f, "{\"requests\":true}");
	struct xm_json *doc = xm_json_parse(answer, strlen(answer), NULL, NULL);
	ck_assert_uint_eq(xm_json_len(xm_json_get(doc, "requests")), 1);
	xm_json_free(doc);
	free(answer);

	answer = command(&f, "{\"state\":true}");
	ck_assert_msg(strstr(answer, "\"Blog backend\"") != NULL, "%.200s", answer);
	free(answer);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(control_channel_refuses_nonsense)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	const char *bad[] = {
		"not json",
		"[1,2]",
		"{\"explode\":true}",
		"{\"fault\":{\"path\":\"/x\",\"action\":\"explode\"}}",
		"{\"fault\":{\"path\":\"no-slash\"}}",
		"{\"fault\":{\"path\":\"/x\",\"times\":0}}",
		"{\"fault\":{\"path\":\"/x\",\"status\":99}}",
		"{\"fault\":{\"path\":\"/x\",\"headers\":{\"bad name\":\"v\"}}}",
		"{\"fault\":{\"path\":\"/x\",\"headers\":{\"x-a\":\"line\\nbreak\"}}}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *answer = NULL;
		ck_assert(!xm_fake_xano_command(&f, bad[i], &answer));
		ck_assert_msg(answer && strncmp(answer, "{\"ok\":false,\"error\":", 20) == 0,
			"%s -> %s", bad[i], answer ? answer : "(nothing)");
		free(answer);
	}
	free(command(&f, "{\"requests\":true}"));
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(rate_limit_answers_429)
{
	struct xm_fake_xano f;
	start(&f, (const char *const[]){ "--rate-limit", "3/60", NULL });
	struct reply r;
	for (int i = 0; i < 3; i++) {
		get(&f, "/api:meta/workspace", &r);
		expect(&r, 200, NULL);
		reply_finish(&r);
	}
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 429, "ERROR_CODE_TOO_MANY_REQUESTS");
	ck_assert_msg(strstr(body_text(&r), "Whoa there! Your plan only supports 3 requests "
		"per 60 seconds.") != NULL, "%s", body_text(&r));
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

/* Writes raw bytes to the server and returns what it answers (malloc'd). */
static char *raw_exchange(const struct xm_fake_xano *f, const char *bytes, size_t len)
{
	int port = atoi(f->origin + strlen("http://127.0.0.1:"));
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	ck_assert_int_eq(write(fd, bytes, len), (ssize_t)len);
	shutdown(fd, SHUT_WR);
	struct xm_buf got = XM_BUF_INIT;
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		xm_buf_add(&got, chunk, (size_t)n);
	}
	close(fd);
	return xm_buf_steal(&got);
}

START_TEST(survives_hostile_requests)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	char *got = raw_exchange(&f, "GARBAGE\r\n\r\n", 11);
	ck_assert_msg(strncmp(got, "HTTP/1.1 400", 12) == 0, "%s", got);
	free(got);

	/* 20 KB of one header: over the header limit. */
	struct xm_buf req = XM_BUF_INIT;
	xm_buf_adds(&req, "GET /api:meta/workspace HTTP/1.1\r\nHost: x\r\nX-Big: ");
	xm_buf_addn(&req, 'a', 20000);
	xm_buf_adds(&req, "\r\n\r\n");
	got = raw_exchange(&f, req.data, req.len);
	ck_assert_msg(strncmp(got, "HTTP/1.1 431", 12) == 0, "%.100s", got);
	free(got);
	xm_buf_finish(&req);

	/* A body over 8 MiB. */
	size_t big = 9u << 20;
	char *body = malloc(big + 1);
	ck_assert_ptr_nonnull(body);
	memset(body, 'x', big);
	body[big] = '\0';
	struct reply r;
	request(&f, "POST", "/api:meta/workspace/7/apigroup", XM_FAKE_XANO_TOKEN,
		"text/x-xanoscript", body, &r);
	ck_assert_int_eq(r.status, 413);
	reply_finish(&r);
	free(body);

	/* A path that new URL() would read as a host; a branch named like a
	 * property every JavaScript object has. */
	get(&f, "//api:meta/workspace", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/12/request_history?branch=__proto__", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	reply_finish(&r);

	/* A malformed percent escape in a path parameter. */
	get(&f, "/api:meta/instance/%E0%A4%A", &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);

	get(&f, "/api:meta/workspace", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

#define XS "text/x-xanoscript"

static int64_t create(struct xm_fake_xano *f, const char *path, const char *xs)
{
	struct reply r;
	request(f, "POST", path, XM_FAKE_XANO_TOKEN, XS, xs, &r);
	expect(&r, 200, NULL);
	int64_t id = int_of(xm_json_get(r.json, "id"));
	reply_finish(&r);
	return id;
}

START_TEST(apigroups_and_apis_from_xanoscript)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	request(&f, "POST", "/api:meta/workspace/7/apigroup?include_xanoscript=true",
		XM_FAKE_XANO_TOKEN, XS,
		"api_group \"Orders\" {\n  canonical = \"shop-orders\"\n}", &r);
	expect(&r, 200, NULL);
	int64_t group = int_of(xm_json_get(r.json, "id"));
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "canonical")), "shop-orders");
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "name")), "Orders");
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(r.json, "created_at")));
	reply_finish(&r);

	/* Canonicals are unique across the instance: 12's group has this one. */
	request(&f, "POST", "/api:meta/workspace/7/apigroup", XM_FAKE_XANO_TOKEN, XS,
		"api_group \"Other\" {\n  canonical = \"mkt-public\"\n}", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(r.json, "payload"), "param")),
		"canonical");
	reply_finish(&r);
	/* Without one, the group gets a random canonical of 8 characters. */
	request(&f, "POST", "/api:meta/workspace/7/apigroup", XM_FAKE_XANO_TOKEN, XS,
		"api_group \"Plain\" {\n}", &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(strlen(xm_json_string(xm_json_get(r.json, "canonical"))), 8);
	reply_finish(&r);

	char apis[96], one[128];
	snprintf(apis, sizeof(apis), "/api:meta/workspace/7/apigroup/%lld/api", (long long)group);
	int64_t id = create(&f, apis, "query \"orders/{id}\" verb=GET {\n"
		"  description = \"one order\"\n  input {\n    int id\n  }\n  stack {\n  }\n"
		"  response = null\n}");
	/* The same name with another verb is another endpoint; the same pair is not. */
	create(&f, apis, "query \"orders/{id}\" verb=DELETE {\n}");
	request(&f, "POST", apis, XM_FAKE_XANO_TOKEN, XS, "query \"orders/{id}\" verb=GET {\n}",
		&r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(r.json, "payload"), "param")),
		"name");
	reply_finish(&r);
	get(&f, apis, &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(xm_json_len(xm_json_get(r.json, "items")), 2);
	reply_finish(&r);

	/* A draft leaves the published version in place until published. */
	snprintf(one, sizeof(one), "%s/%lld?include_xanoscript=true", apis, (long long)id);
	struct xm_buf put = XM_BUF_INIT;
	xm_buf_addf(&put, "%s/%lld?publish=false", apis, (long long)id);
	request(&f, "PUT", xm_buf_str(&put), XM_FAKE_XANO_TOKEN, XS,
		"query \"orders/{id}\" verb=GET {\n  description = \"draft\"\n}", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	get(&f, one, &r);
	expect(&r, 200, NULL);
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "description")), "one order");
	reply_finish(&r);
	xm_buf_reset(&put);
	xm_buf_addf(&put, "%s&include_draft=true", one);
	get(&f, xm_buf_str(&put), &r);
	expect(&r, 200, NULL);
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "description")), "draft");
	const struct xm_json *xs = xm_json_get(r.json, "xanoscript");
	const char *value = xm_json_string(xm_json_get(xs, "value"));
	ck_assert_msg(value && strstr(value, "\"draft\""), "%s", body_text(&r));
	reply_finish(&r);
	xm_buf_reset(&put);
	xm_buf_addf(&put, "%s/%lld", apis, (long long)id);
	request(&f, "PUT", xm_buf_str(&put), XM_FAKE_XANO_TOKEN, XS,
		"query \"orders/{id}\" verb=GET {\n  description = \"published\"\n}", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	get(&f, one, &r);
	ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "description")), "published");
	reply_finish(&r);

	/* DELETE answers {}; the endpoint is gone, and with its group, the rest. */
	request(&f, "DELETE", xm_buf_str(&put), XM_FAKE_XANO_TOKEN, NULL, NULL, &r);
	expect(&r, 200, NULL);
	ck_assert_str_eq(body_text(&r), "{}");
	reply_finish(&r);
	get(&f, one, &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	xm_buf_reset(&put);
	xm_buf_addf(&put, "/api:meta/workspace/7/apigroup/%lld", (long long)group);
	request(&f, "DELETE", xm_buf_str(&put), XM_FAKE_XANO_TOKEN, NULL, NULL, &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	get(&f, apis, &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);
	xm_buf_finish(&put);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(xanoscript_syntax_errors)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	static const struct {
		const char *path, *xs, *message;
		int64_t chr, line, col;
	} cases[] = {
		/* An unclosed body: the end of input, 0-based line 3, col 0. */
		{ "/api:meta/workspace/7/function", "function \"f\" {\n  stack {\n  }\n",
			"Syntax error: unexpected end of input", 29, 3, 0 },
		{ "/api:meta/workspace/7/function", "function \"f\" {\n  stack {\n  ]\n}",
			"Syntax error: unexpected ']'", 27, 2, 2 },
		{ "/api:meta/workspace/7/task", "widget \"w\" {\n}",
			"Syntax error: unexpected 'widget'", 0, 0, 0 },
		{ "/api:meta/workspace/7/apigroup/41/api", "query \"q\" verb=FETCH {\n}",
			"Syntax error: unexpected 'FETCH'", 15, 0, 15 },
		{ "/api:meta/workspace/7/table", "table \"t\" {\n}\n}",
			"Syntax error: unexpected '}'", 14, 2, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct reply r;
		request(&f, "POST", cases[i].path, XM_FAKE_XANO_TOKEN, XS, cases[i].xs, &r);
		expect(&r, 400, "ERROR_CODE_SYNTAX_ERROR");
		ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "message")), cases[i].message);
		const struct xm_json *p = xm_json_get(r.json, "payload");
		ck_assert_msg(int_of(xm_json_get(p, "char")) == cases[i].chr &&
			int_of(xm_json_get(p, "line")) == cases[i].line &&
			int_of(xm_json_get(p, "col")) == cases[i].col, "case %zu: %s", i,
			body_text(&r));
		ck_assert_ptr_nonnull(xm_json_string(xm_json_get(p, "error_line")));
		ck_assert_ptr_nonnull(xm_json_string(xm_json_get(p, "error_snippet")));
		reply_finish(&r);
	}
	/* Valid XanoScript of the wrong kind, or not XanoScript at all. */
	struct reply r;
	request(&f, "POST", "/api:meta/workspace/7/function", XM_FAKE_XANO_TOKEN, XS,
		"task \"t\" {\n}", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	reply_finish(&r);
	request(&f, "POST", "/api:meta/workspace/7/function", XM_FAKE_XANO_TOKEN,
		"application/json", "{\"name\":\"f\"}", &r);
	expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
	reply_finish(&r);
	/* Nothing was created. */
	get(&f, "/api:meta/workspace/7/function", &r);
	ck_assert_uint_eq(xm_json_len(xm_json_get(r.json, "items")), 2);
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

START_TEST(functions_tasks_tables_and_reset)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	const char *kinds[] = { "function", "task", "table" };
	for (size_t i = 0; i < 3; i++) {
		char path[64], xs[128];
		snprintf(path, sizeof(path), "/api:meta/workspace/7/%s?branch=dev", kinds[i]);
		snprintf(xs, sizeof(xs), "%s \"made_%s\" {\n  description = \"new\"\n}", kinds[i],
			kinds[i]);
		create(&f, path, xs);
		struct reply r;
		request(&f, "POST", path, XM_FAKE_XANO_TOKEN, XS, xs, &r);
		expect(&r, 400, "ERROR_CODE_INPUT_ERROR");
		reply_finish(&r);
		/* Made on dev, absent from the live branch. */
		snprintf(path, sizeof(path), "/api:meta/workspace/7/%s?search=made_", kinds[i]);
		get(&f, path, &r);
		ck_assert_uint_eq(xm_json_len(xm_json_get(r.json, "items")), 0);
		reply_finish(&r);
	}
	/* A read-only token may read but not write. */
	struct reply r;
	request(&f, "DELETE", "/api:meta/workspace/7/table/151", "fake-readonly-token-0123456789",
		NULL, NULL, &r);
	expect(&r, 403, "ERROR_CODE_ACCESS_DENIED");
	reply_finish(&r);

	char *answer = command(&f, "{\"state\":true}");
	ck_assert_msg(strstr(answer, "\"made_task\"") != NULL, "%.300s", answer);
	free(answer);
	free(command(&f, "{\"reset\":true}"));
	answer = command(&f, "{\"state\":true}");
	ck_assert_msg(strstr(answer, "\"made_task\"") == NULL, "%.300s", answer);
	free(answer);
	xm_fake_xano_stop(&f);
}
END_TEST

/* The endpoint a live call matched: its id, and the value of one path parameter. */
static void expect_live(const struct reply *r, int64_t id, const char *param, const char *value)
{
	expect(r, 200, NULL);
	ck_assert_int_eq(int_of(xm_json_get(xm_json_get(r->json, "endpoint"), "id")), id);
	if (param) {
		const struct xm_json *params = xm_json_get(r->json, "params");
		const char *got = xm_json_string(xm_json_get(params, param));
		ck_assert_msg(got && strcmp(got, value) == 0, "%s", body_text(r));
	}
}

START_TEST(live_routes_of_deployed_endpoints)
{
	struct xm_fake_xano f;
	start(&f, NULL);
	struct reply r;
	/* No Meta API token needed: these are the deployed endpoints. */
	request(&f, "GET", "/api:blog-posts/posts/17", NULL, NULL, NULL, &r);
	expect_live(&r, 1012, "post_id", "17");
	reply_finish(&r);
	/* A literal route wins over a parameter; :dev picks the branch. */
	request(&f, "GET", "/api:blog-posts:dev/posts/featured", NULL, NULL, NULL, &r);
	expect_live(&r, 1099, NULL, NULL);
	reply_finish(&r);
	request(&f, "GET", "/api:blog-posts/posts/featured", NULL, NULL, NULL, &r);
	expect_live(&r, 1012, "post_id", "featured");
	reply_finish(&r);
	request(&f, "POST", "/api:blog-posts/posts", NULL, "application/json",
		"{\"title\":\"hello\"}", &r);
	expect_live(&r, 1011, NULL, NULL);
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_get(r.json, "input"), "title")),
		"hello");
	reply_finish(&r);
	const char *unknown[] = {
		"/api:blog-posts/nothing/here",
		"/api:no-such-group/posts",
		"/api:blog-posts:nope/posts",
	};
	for (size_t i = 0; i < 3; i++) {
		request(&f, "GET", unknown[i], NULL, NULL, NULL, &r);
		expect(&r, 404, "ERROR_CODE_NOT_FOUND");
		ck_assert_str_eq(xm_json_string(xm_json_get(r.json, "message")),
			"Unable to locate request.");
		reply_finish(&r);
	}
	request(&f, "DELETE", "/api:blog-posts/posts", NULL, NULL, NULL, &r);
	expect(&r, 404, "ERROR_CODE_NOT_FOUND");
	reply_finish(&r);

	/* The calls are in the request history, newest first. */
	get(&f, "/api:meta/workspace/7/request_history?query_id=1011&per_page=1", &r);
	expect(&r, 200, NULL);
	const struct xm_json *row = xm_json_at(xm_json_get(r.json, "items"), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(row, "verb")), "POST");
	ck_assert_int_eq(int_of(xm_json_get(row, "api_id")), 42);
	ck_assert_msg(strstr(xm_json_string(xm_json_get(row, "uri")), "/api:blog-posts/posts"),
		"%s", body_text(&r));
	reply_finish(&r);

	/* Deploy, then verify: what the Meta API made answers at once. */
	request(&f, "POST", "/api:meta/workspace/12/apigroup", XM_FAKE_XANO_TOKEN, XS,
		"api_group \"Shop\" {\n  canonical = \"shop\"\n}", &r);
	expect(&r, 200, NULL);
	char apis[96];
	snprintf(apis, sizeof(apis), "/api:meta/workspace/12/apigroup/%lld/api",
		(long long)int_of(xm_json_get(r.json, "id")));
	reply_finish(&r);
	int64_t id = create(&f, apis, "query \"orders/{id}\" verb=GET {\n}");
	request(&f, "GET", "/api:shop/orders/5", NULL, NULL, NULL, &r);
	expect_live(&r, id, "id", "5");
	reply_finish(&r);
	xm_fake_xano_stop(&f);
}
END_TEST

/* Runs `xano-mcp check -` on one script of the seed; false (and why, on
 * stderr) when it has an error. */
static bool passes_check(const char *what, const char *script)
{
	struct xm_run run = { .stdin_text = script };
	const char *argv[] = { xm_test_bin(), "check", "-", NULL };
	int status = xm_test_run(&run, argv);
	if (status != 0) {
		fprintf(stderr, "seed.json: %s fails xano-mcp check:\n%s%s\n", what, run.out,
			run.err);
	}
	xm_run_finish(&run);
	return status == 0;
}

/* Checks the scripts of one seeded object: its own, its apis', and its
 * generate rule's template with {n} = 1. Returns how many failed. */
static size_t check_seed_object(const struct xm_json *o, size_t *scripts)
{
	size_t bad = 0;
	const char *xs = xm_json_string(xm_json_get(o, "xanoscript"));
	if (xs) {
		bad += !passes_check(xm_json_string(xm_json_get(o, "name")), xs);
		++*scripts;
	}
	const struct xm_json *apis = xm_json_get(o, "apis");
	for (size_t a = 0; a < xm_json_len(apis); a++) {
		bad += check_seed_object(xm_json_at(apis, a), scripts);
	}
	xs = xm_json_string(xm_json_get(xm_json_get(o, "generate"), "xanoscript"));
	if (xs) {
		struct xm_buf one = XM_BUF_INIT;
		for (const char *p = xs; *p; p++) {
			if (strncmp(p, "{n}", 3) == 0) {
				xm_buf_addc(&one, '1');
				p += 2;
			} else {
				xm_buf_addc(&one, *p);
			}
		}
		bad += !passes_check("the generate template", xm_buf_str(&one));
		++*scripts;
		xm_buf_finish(&one);
	}
	return bad;
}

/* Every script of the seed is valid XanoScript, as on a real instance. */
START_TEST(seed_scripts_pass_check)
{
	char *path = xm_test_source_path("test/xano/seed.json");
	size_t len;
	char *text = xm_test_read_file(path, &len);
	struct xm_json *seed = xm_json_parse(text, len, NULL, NULL);
	ck_assert_msg(seed != NULL, "%s is not JSON", path);
	size_t scripts = 0, bad = 0;
	const struct xm_json *workspaces = xm_json_get(seed, "workspaces");
	const char *lists[] = { "functions", "tasks", "tables", "apigroups" };
	for (size_t w = 0; w < xm_json_len(workspaces); w++) {
		const struct xm_json *ws = xm_json_at(workspaces, w);
		for (size_t l = 0; l < 4; l++) {
			const struct xm_json *list = xm_json_get(ws, lists[l]);
			for (size_t i = 0; i < xm_json_len(list); i++) {
				bad += check_seed_object(xm_json_at(list, i), &scripts);
			}
		}
	}
	ck_assert_uint_ge(scripts, 20);
	ck_assert_msg(bad == 0, "%zu of %zu scripts in seed.json fail xano-mcp check", bad,
		scripts);
	xm_json_free(seed);
	free(text);
	free(path);
}
END_TEST

START_TEST(another_seed)
{
	char *dir = xm_test_tmpdir();
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/seed.json", dir);
	FILE *out = fopen(xm_buf_str(&path), "w");
	ck_assert_ptr_nonnull(out);
	fputs("{\"workspaces\":[{\"id\":3,\"name\":\"Tiny\",\"branches\":[{\"label\":\"main\","
		"\"live\":true}],\"functions\":[{\"id\":9,\"name\":\"f\","
		"\"xanoscript\":\"function f {\\n}\"}]}]}", out);
	ck_assert_int_eq(fclose(out), 0);
	struct xm_fake_xano f;
	start(&f, (const char *const[]){ "--seed", xm_buf_str(&path), NULL });
	struct reply r;
	get(&f, "/api:meta/workspace", &r);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(xm_json_len(r.json), 1);
	ck_assert_str_eq(xm_json_string(xm_json_get(xm_json_at(r.json, 0), "branch")), "main");
	reply_finish(&r);
	get(&f, "/api:meta/workspace/3/function/9?branch=main", &r);
	expect(&r, 200, NULL);
	reply_finish(&r);
	xm_fake_xano_stop(&f);

	/* A seed that is no JSON, or breaks a rule: the server does not start. */
	const char *bad[] = {
		"{\"workspaces\":[",
		"{\"workspaces\":[{\"id\":3,\"branches\":[{\"label\":\"a\"}]}]}",
		"{\"workspaces\":[{\"id\":3,\"tables\":[{\"id\":1},{\"id\":1}]}]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		out = fopen(xm_buf_str(&path), "w");
		ck_assert_ptr_nonnull(out);
		fputs(bad[i], out);
		ck_assert_int_eq(fclose(out), 0);
		ck_assert_msg(!xm_fake_xano_start(&f, (const char *const[]){ "--seed",
			xm_buf_str(&path), NULL }), "started with %s", bad[i]);
	}
	ck_assert(!xm_fake_xano_start(&f, (const char *const[]){ "--rate-limit", "ten", NULL }));
	xm_buf_finish(&path);
	xm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(missing_node_is_a_clear_failure)
{
	setenv("XM_NODE", "/nonexistent/node", 1);
	struct xm_fake_xano f;
	ck_assert(!xm_fake_xano_start(&f, NULL));
	ck_assert_int_eq(f.pid, 0);
	unsetenv("XM_NODE");
	xm_fake_xano_stop(&f);
	xm_fake_xano_stop(NULL);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xano-fake");
	TCase *tc = tcase_create("fake");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, pages_follow_next_page_to_the_end);
	tcase_add_test(tc, bare_arrays_and_the_account_host);
	tcase_add_test(tc, tokens_are_required);
	tcase_add_test(tc, unknown_things_and_bad_params);
	tcase_add_test(tc, xanoscript_and_branches);
	tcase_add_test(tc, fault_429_twice_then_success);
	tcase_add_test(tc, faults_that_break_the_connection);
	tcase_add_test(tc, request_log_never_holds_a_token);
	tcase_add_test(tc, reset_clears_faults_and_log);
	tcase_add_test(tc, control_channel_refuses_nonsense);
	tcase_add_test(tc, rate_limit_answers_429);
	tcase_add_test(tc, survives_hostile_requests);
	tcase_add_test(tc, apigroups_and_apis_from_xanoscript);
	tcase_add_test(tc, xanoscript_syntax_errors);
	tcase_add_test(tc, functions_tasks_tables_and_reset);
	tcase_add_test(tc, live_routes_of_deployed_endpoints);
	tcase_add_test(tc, seed_scripts_pass_check);
	tcase_add_test(tc, another_seed);
	tcase_add_test(tc, missing_node_is_a_clear_failure);
	suite_add_tcase(s, tc);
	return s;
}
