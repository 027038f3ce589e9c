/*
 * http: HTTPS requests to Xano over libcurl, the one place that does them.
 *
 * libcurl is opened through core/loader on the first xm_http_create(), so a
 * process that never talks to Xano never maps it. Every request:
 *   - verifies TLS (peer and host, always; there is no switch to turn it
 *     off). Plain http:// is accepted only for a loopback host (127.0.0.1,
 *     localhost, [::1]): the fake server of the tests;
 *   - follows no redirect: a 3xx comes back as an answer like any other,
 *     so the token is never sent to a host nobody configured;
 *   - has a connect timeout and a total timeout per attempt;
 *   - caps the response body (XM_HTTP_MAX_BODY by default): a bigger body
 *     ends the transfer with XM_HTTP_TOO_BIG;
 *   - can be cancelled: the request's cancelled() callback is polled from
 *     curl's progress callback (at least once a second, more often while
 *     bytes flow) and between retries;
 *   - is retried only when another try may succeed and cannot do harm:
 *     429 for any method (Xano refused before doing anything), 5xx and
 *     transport failures (timeouts, dropped connections) for GET, PUT and
 *     DELETE, and for POST only failures to connect (nothing was sent).
 *     Waits grow exponentially from backoff_ms, with jitter, capped at
 *     backoff_max_ms (a Retry-After of the server is honoured up to that
 *     cap), for at most max_attempts attempts in all. Other 4xx are final.
 *
 * The token: the Authorization header is built here and only here, from
 * the struct xm_token (auth/token.h), for the duration of one request; our
 * copies of it are wiped before they are freed. Nothing here logs headers:
 * debug logs carry method, URL (our URLs hold ids and flags, never
 * secrets), status and attempt count.
 *
 * Ownership: a struct xm_http is owned by its creator; the caller's
 * response (init/finish) owns its body.
 *
 * Thread-safety: one struct xm_http per thread at a time (it wraps one
 * curl easy handle, which keeps the connection alive between requests to
 * the same host). Different handles may be used on different threads at
 * once. xm_http_destroy() keeps a few easy handles, with their open
 * connections, for the next xm_http_create() of any thread (under a lock):
 * short-lived callers such as MCP worker threads still reuse connections.
 */
#ifndef XM_XANO_HTTP_H
#define XM_XANO_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xano-mcp/auth/token.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/error.h"

/* The largest response body accepted by default. */
#define XM_HTTP_MAX_BODY ((size_t)32 << 20)

struct xm_http_options {
	long connect_timeout_ms; /* 0: 10 s */
	long timeout_ms;         /* one attempt, from connect to the last byte; 0: 120 s */
	size_t max_body;         /* 0: XM_HTTP_MAX_BODY */
	unsigned max_attempts;   /* including the first; 0: 4 */
	long backoff_ms;         /* the first wait; 0: 1 s */
	long backoff_max_ms;     /* the longest wait; 0: 10 s */
	/*
	 * For tests: sleep(data, ms) replaces the real wait between attempts
	 * and random(data) the source of jitter. NULL: nanosleep in short
	 * slices (checking cancellation) and a per-handle generator.
	 */
	void (*sleep)(void *data, long ms);
	uint32_t (*random)(void *data);
	void *hook_data;
};

struct xm_http_request {
	const char *method;       /* "GET", "POST", "PUT", "DELETE", ... */
	const char *url;          /* absolute, without the query */
	const char *query;        /* encoded "a=1&b=x", or NULL */
	const char *body;         /* sent as is, or NULL for none */
	size_t body_len;
	const char *content_type; /* of body; NULL: application/json */
	const struct xm_token *token; /* NULL: no Authorization header */
	/* Polled during the transfer and between attempts; NULL: never. */
	bool (*cancelled)(void *data);
	void *cancel_data;
};

struct xm_http_response {
	long status;              /* HTTP status of the last attempt, 0: none */
	struct xm_buf body;       /* of the last attempt */
	char content_type[128];   /* "" when absent */
	char location[512];       /* of a redirect, "" when absent (maybe cut) */
	long retry_after_s;       /* -1 when absent */
	unsigned attempts;        /* made in all */
};

enum xm_http_result {
	XM_HTTP_OK = 0,    /* an answer arrived: look at status (any status) */
	XM_HTTP_TRANSPORT, /* no answer: resolve, connect, TLS, timeout, dropped */
	XM_HTTP_TOO_BIG,   /* the body went over max_body */
	XM_HTTP_CANCELLED, /* cancelled() said so */
	XM_HTTP_REFUSED,   /* not attempted: bad URL or scheme, no libcurl */
};

/*
 * A handle with options (NULL: all defaults), or NULL and err when libcurl
 * cannot be opened (err names the package to install).
 */
struct xm_http *xm_http_create(const struct xm_http_options *options, struct xm_error *err);
/* Accepts NULL. */
void xm_http_destroy(struct xm_http *http);

void xm_http_response_init(struct xm_http_response *res);
/* Accepts NULL and a zeroed response. */
void xm_http_response_finish(struct xm_http_response *res);

/*
 * Performs req, retrying as described above. res must be initialised; it
 * is reset first and holds the last attempt's answer. On anything but
 * XM_HTTP_OK err says what happened in one line ("could not connect to
 * https://HOST: ..."; never a header). XM_HTTP_OK with a status >= 400 is
 * the caller's to interpret (xano/error.h).
 */
enum xm_http_result xm_http_request(struct xm_http *http, const struct xm_http_request *req,
		struct xm_http_response *res, struct xm_error *err);

/* True for a URL xm_http_request() would try: https://, or http:// to loopback. */
bool xm_http_url_allowed(const char *url);

#endif
