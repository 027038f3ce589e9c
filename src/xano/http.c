#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.h"
#include "xano-mcp/core/loader.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/xano/http.h"

#define LOG_MODULE "http"
#include "xano-mcp/core/log.h"

enum {
	DEFAULT_CONNECT_MS = 10 * 1000,
	DEFAULT_TIMEOUT_MS = 120 * 1000,
	DEFAULT_ATTEMPTS = 4,
	DEFAULT_BACKOFF_MS = 1000,
	DEFAULT_BACKOFF_MAX_MS = 10 * 1000,
	SLEEP_SLICE_MS = 50,
};

/*
 * Easy handles outlive their struct xm_http: each keeps its live
 * connections (and TLS sessions), so a handle put back here lets the next
 * request to the same host skip the TCP and TLS handshakes, even from
 * another thread (MCP reads run on short-lived workers). Options are all
 * set again per request (curl_easy_reset()), so nothing else carries over.
 */
enum { IDLE_MAX = 4 };
static pthread_mutex_t idle_lock = PTHREAD_MUTEX_INITIALIZER;
static CURL *idle[IDLE_MAX];
static size_t nidle;

static CURL *take_handle(const struct xm_libcurl *curl)
{
	CURL *easy = NULL;
	pthread_mutex_lock(&idle_lock);
	if (nidle > 0) {
		easy = idle[--nidle];
	}
	pthread_mutex_unlock(&idle_lock);
	return easy ? easy : curl->easy_init();
}

static void give_back(const struct xm_libcurl *curl, CURL *easy)
{
	pthread_mutex_lock(&idle_lock);
	bool kept = nidle < IDLE_MAX;
	if (kept) {
		idle[nidle++] = easy;
	}
	pthread_mutex_unlock(&idle_lock);
	if (!kept) {
		curl->easy_cleanup(easy);
	}
}

struct xm_http {
	const struct xm_libcurl *curl;
	CURL *easy;
	struct xm_http_options o;
	uint64_t rng;
};

/* What the callbacks of one attempt share. */
struct transfer {
	const struct xm_http_request *req;
	struct xm_http_response *res;
	size_t max_body;
	bool too_big;
};

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* http://HOST[:PORT][/...] with HOST a loopback name. */
static bool loopback_http(const char *url)
{
	static const char *const hosts[] = {"127.0.0.1", "localhost", "[::1]"};
	if (!has_prefix(url, "http://")) {
		return false;
	}
	const char *host = url + strlen("http://");
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		size_t n = strlen(hosts[i]);
		if (strncasecmp(host, hosts[i], n) == 0 &&
				(host[n] == ':' || host[n] == '/' || host[n] == '\0')) {
			return true;
		}
	}
	return false;
}

bool xm_http_url_allowed(const char *url)
{
	return url && ((has_prefix(url, "https://") && url[strlen("https://")] != '\0') ||
		loopback_http(url));
}

struct xm_http *xm_http_create(const struct xm_http_options *options, struct xm_error *err)
{
	const struct xm_libcurl *curl = xm_loader_libcurl(err);
	if (!curl) {
		return NULL;
	}
	CURL *easy = take_handle(curl);
	if (!easy) {
		xm_error_set(err, "libcurl could not create a handle (out of memory?)");
		return NULL;
	}
	struct xm_http *http = xm_calloc(1, sizeof(*http));
	http->curl = curl;
	http->easy = easy;
	if (options) {
		http->o = *options;
	}
	struct xm_http_options *o = &http->o;
	o->connect_timeout_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms :
		DEFAULT_CONNECT_MS;
	o->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : DEFAULT_TIMEOUT_MS;
	o->max_body = o->max_body ? o->max_body : XM_HTTP_MAX_BODY;
	o->max_attempts = o->max_attempts ? o->max_attempts : DEFAULT_ATTEMPTS;
	o->backoff_ms = o->backoff_ms > 0 ? o->backoff_ms : DEFAULT_BACKOFF_MS;
	o->backoff_max_ms = o->backoff_max_ms > 0 ? o->backoff_max_ms : DEFAULT_BACKOFF_MAX_MS;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Jitter only has to differ between processes, not be secret. */
	http->rng = ((uint64_t)now.tv_nsec << 20) ^ (uint64_t)now.tv_sec ^
		(uint64_t)(uintptr_t)http ^ 0x9e3779b97f4a7c15u;
	return http;
}

void xm_http_destroy(struct xm_http *http)
{
	if (!http) {
		return;
	}
	give_back(http->curl, http->easy);
	free(http);
}

void xm_http_response_init(struct xm_http_response *res)
{
	memset(res, 0, sizeof(*res));
	res->retry_after_s = -1;
}

void xm_http_response_finish(struct xm_http_response *res)
{
	if (res) {
		xm_buf_finish(&res->body);
	}
}

static void reset_response(struct xm_http_response *res)
{
	res->status = 0;
	xm_buf_reset(&res->body);
	res->content_type[0] = '\0';
	res->location[0] = '\0';
	res->retry_after_s = -1;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	if (len > t->max_body - t->res->body.len) {
		t->too_big = true;
		return 0; /* a short count ends the transfer */
	}
	xm_buf_add(&t->res->body, data, len);
	return len;
}

/* Copies the value of header line "Name: value\r\n" into dst (cut to fit). */
static bool header_value(const char *line, size_t len, const char *name, char *dst,
		size_t size)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':') {
		return false;
	}
	const char *v = line + n + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t')) {
		v++;
	}
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) {
		end--;
	}
	size_t vlen = (size_t)(end - v) < size - 1 ? (size_t)(end - v) : size - 1;
	memcpy(dst, v, vlen);
	dst[vlen] = '\0';
	return true;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	struct xm_http_response *res = t->res;
	char retry[32];
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after a 100 Continue, say): forget the last. */
		res->content_type[0] = '\0';
		res->location[0] = '\0';
		res->retry_after_s = -1;
	} else if (header_value(data, len, "Retry-After", retry, sizeof(retry))) {
		char *end;
		errno = 0;
		long s = strtol(retry, &end, 10);
		/* The HTTP-date form is not worth parsing here: use our backoff. */
		res->retry_after_s = errno == 0 && *end == '\0' && s >= 0 ? s : -1;
	} else if (!header_value(data, len, "Content-Type", res->content_type,
				sizeof(res->content_type))) {
		header_value(data, len, "Location", res->location, sizeof(res->location));
	}
	return len;
}

static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		curl_off_t ulnow)
{
	struct transfer *t = arg;
	return t->req->cancelled && t->req->cancelled(t->req->cancel_data) ? 1 : 0;
}

static bool cancelled(const struct xm_http_request *req)
{
	return req->cancelled && req->cancelled(req->cancel_data);
}

/* Wipes and frees a header list (one of them carries the token). */
static void free_headers(const struct xm_libcurl *curl, struct curl_slist *list)
{
	for (struct curl_slist *h = list; h; h = h->next) {
		xm_wipe(h->data, strlen(h->data));
	}
	curl->slist_free_all(list);
}

static struct curl_slist *build_headers(const struct xm_libcurl *curl,
		const struct xm_http_request *req)
{
	struct curl_slist *list = NULL;
	struct xm_buf line = XM_BUF_INIT;
	list = curl->slist_append(list, "Accept: application/json, text/plain;q=0.9");
	/* No 100-continue round trip before bodies. */
	list = list ? curl->slist_append(list, "Expect:") : NULL;
	if (list && req->body) {
		xm_buf_addf(&line, "Content-Type: %s",
			req->content_type ? req->content_type : "application/json");
		list = curl->slist_append(list, line.data);
		xm_buf_reset(&line);
	}
	if (list && req->token) {
		size_t len;
		const char *secret = xm_token_reveal(req->token, &len);
		xm_buf_adds(&line, "Authorization: Bearer ");
		xm_buf_add(&line, secret, len);
		struct curl_slist *more = curl->slist_append(list, line.data);
		if (!more) {
			free_headers(curl, list);
		}
		list = more;
	}
	xm_buf_wipe(&line);
	return list;
}

#define SET(opt, value) ok = ok && curl->easy_setopt(e, opt, value) == CURLE_OK

/* Sets every option of one attempt; false when libcurl refused one. */
static bool configure(struct xm_http *http, const struct xm_http_request *req, const char *url,
		struct curl_slist *headers, struct transfer *t, char *errbuf)
{
	const struct xm_libcurl *curl = http->curl;
	CURL *e = http->easy;
	bool ok = true;
	/* reset keeps the connection cache, drops every option. */
	curl->easy_reset(e);
	const char *scheme = has_prefix(url, "https://") ? "https" : "http";
	SET(CURLOPT_URL, url);
	SET(CURLOPT_PROTOCOLS_STR, scheme);
	SET(CURLOPT_REDIR_PROTOCOLS_STR, scheme);
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_CONNECTTIMEOUT_MS, http->o.connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, http->o.timeout_ms);
	SET(CURLOPT_ERRORBUFFER, errbuf);
	SET(CURLOPT_USERAGENT, "xano-mcp/" XM_PROJECT_VERSION);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_HTTPHEADER, headers);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, t);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, t);
	SET(CURLOPT_XFERINFOFUNCTION, on_progress);
	SET(CURLOPT_XFERINFODATA, t);
	SET(CURLOPT_NOPROGRESS, 0L);
	if (strcmp(req->method, "GET") == 0) {
		SET(CURLOPT_HTTPGET, 1L);
	} else {
		SET(CURLOPT_CUSTOMREQUEST, req->method);
		if (req->body || strcmp(req->method, "POST") == 0 ||
				strcmp(req->method, "PUT") == 0) {
			SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
			SET(CURLOPT_POSTFIELDS, req->body ? req->body : "");
		}
	}
	return ok;
}

#undef SET

static bool idempotent(const char *method)
{
	return strcmp(method, "POST") != 0 && strcmp(method, "PATCH") != 0;
}

/* Whether a failed attempt may be tried again. */
static bool transient_transport(CURLcode rc, const char *method)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		return true; /* nothing was sent */
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING:
		return idempotent(method);
	default:
		return false;
	}
}

static bool transient_status(long status, const char *method)
{
	return status == 429 || (status >= 500 && status <= 599 && idempotent(method));
}

static uint32_t next_random(struct xm_http *http)
{
	if (http->o.random) {
		return http->o.random(http->o.hook_data);
	}
	/* xorshift64* */
	http->rng ^= http->rng >> 12;
	http->rng ^= http->rng << 25;
	http->rng ^= http->rng >> 27;
	return (uint32_t)((http->rng * 2685821657736338717u) >> 32);
}

/* The wait before attempt number `attempt` (2, 3, ...). */
static long backoff(struct xm_http *http, unsigned attempt, long retry_after_s)
{
	long cap = http->o.backoff_max_ms, wait = http->o.backoff_ms;
	for (unsigned i = 2; i < attempt && wait < cap; i++) {
		wait *= 2;
	}
	wait = wait < cap ? wait : cap;
	/* Half fixed, half random: spreads clients that failed together. */
	long half = wait / 2;
	wait = half + (half > 0 ? (long)(next_random(http) % (uint32_t)(half + 1)) : 0);
	if (retry_after_s >= 0) {
		long server = retry_after_s > cap / 1000 ? cap : retry_after_s * 1000;
		wait = server > wait ? server : wait;
	}
	return wait;
}

/* Sleeps ms, in slices so a cancellation is seen; false when cancelled. */
static bool pause_for(struct xm_http *http, const struct xm_http_request *req, long ms)
{
	if (http->o.sleep) {
		http->o.sleep(http->o.hook_data, ms);
		return !cancelled(req);
	}
	while (ms > 0) {
		if (cancelled(req)) {
			return false;
		}
		long slice = ms < SLEEP_SLICE_MS ? ms : SLEEP_SLICE_MS;
		struct timespec ts = {slice / 1000, (slice % 1000) * 1000000L};
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
		}
		ms -= slice;
	}
	return !cancelled(req);
}

/* "https://host/path" without anything after the path, for messages. */
static void describe(const char *url, struct xm_buf *out)
{
	xm_buf_add(out, url, strcspn(url, "?#"));
}

enum xm_http_result xm_http_request(struct xm_http *http, const struct xm_http_request *req,
		struct xm_http_response *res, struct xm_error *err)
{
	const struct xm_libcurl *curl = http->curl;
	enum xm_http_result result = XM_HTTP_REFUSED;
	struct xm_buf url = XM_BUF_INIT, where = XM_BUF_INIT;
	struct curl_slist *headers = NULL;
	reset_response(res);
	res->attempts = 0;
	if (!xm_http_url_allowed(req->url)) {
		xm_error_set(err, "refusing to send a request to a URL that is not https:// "
			"(plain http:// is only for localhost)");
		goto out;
	}
	xm_buf_adds(&url, req->url);
	if (req->query && *req->query) {
		xm_buf_addf(&url, "?%s", req->query);
	}
	describe(req->url, &where);
	headers = build_headers(curl, req);
	if (!headers) {
		xm_error_set(err, "libcurl could not build the request headers (out of memory?)");
		goto out;
	}
	for (;;) {
		char errbuf[CURL_ERROR_SIZE] = "";
		struct transfer t = {.req = req, .res = res, .max_body = http->o.max_body};
		reset_response(res);
		if (cancelled(req)) {
			result = XM_HTTP_CANCELLED;
			xm_error_set(err, "cancelled");
			break;
		}
		res->attempts++;
		if (!configure(http, req, url.data, headers, &t, errbuf)) {
			result = XM_HTTP_REFUSED;
			xm_error_set(err, "libcurl refused an option for %s", where.data);
			break;
		}
		CURLcode rc = curl->easy_perform(http->easy);
		bool again;
		long wait_hint = -1;
		if (rc == CURLE_OK) {
			curl->easy_getinfo(http->easy, CURLINFO_RESPONSE_CODE, &res->status);
			LOG_DBG("%s %s -> %ld (attempt %u)", req->method, url.data, res->status,
				res->attempts);
			result = XM_HTTP_OK;
			again = transient_status(res->status, req->method);
			wait_hint = res->retry_after_s;
		} else if (t.too_big) {
			LOG_DBG("%s %s -> body over %zu bytes", req->method, url.data, t.max_body);
			result = XM_HTTP_TOO_BIG;
			xm_error_set(err, "the answer of %s is larger than %zu MiB: refused",
				where.data, t.max_body >> 20);
			break;
		} else if (rc == CURLE_ABORTED_BY_CALLBACK) {
			result = XM_HTTP_CANCELLED;
			xm_error_set(err, "cancelled");
			break;
		} else {
			LOG_DBG("%s %s -> %s (attempt %u)", req->method, url.data,
				errbuf[0] ? errbuf : curl->easy_strerror(rc), res->attempts);
			result = XM_HTTP_TRANSPORT;
			xm_error_set(err, "%s %s failed: %s", req->method, where.data,
				errbuf[0] ? errbuf : curl->easy_strerror(rc));
			again = transient_transport(rc, req->method);
		}
		if (!again || res->attempts >= http->o.max_attempts) {
			if (result == XM_HTTP_TRANSPORT && res->attempts > 1) {
				size_t len = strlen(err ? err->message : "");
				if (err && len + 32 < sizeof(err->message)) {
					snprintf(err->message + len, sizeof(err->message) - len,
						" (%u attempts)", res->attempts);
				}
			}
			break;
		}
		long wait = backoff(http, res->attempts + 1, wait_hint);
		LOG_DBG("retrying %s %s in %ld ms", req->method, where.data, wait);
		if (!pause_for(http, req, wait)) {
			result = XM_HTTP_CANCELLED;
			xm_error_set(err, "cancelled");
			break;
		}
	}
	if (result == XM_HTTP_OK && err) {
		err->message[0] = '\0';
	}
out:
	free_headers(curl, headers);
	xm_buf_finish(&url);
	xm_buf_finish(&where);
	return result;
}
