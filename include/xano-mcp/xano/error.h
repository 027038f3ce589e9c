/*
 * xano/error: what went wrong talking to Xano, in ONE place.
 *
 * Every failure of the Xano client (no answer, a refusal, an error body
 * {code, message, payload}, an answer of the wrong shape) becomes a struct
 * xm_xano_error: a kind, the HTTP status and Xano's code when there was one,
 * and one line for a person that says what happened and what to do
 * ("Xano refused the token (401): Unauthorized - Authentication Required.
 * Create a new Metadata API token ..."). xm_xano_exit_status() maps the kind
 * to the process exit statuses of core/exit.h (auth 3, network 4, ...), and
 * the MCP faces map it to their own error codes; no other file interprets
 * Xano's statuses or codes.
 *
 * Messages quote Xano's own message (cleaned of control characters and
 * cut), never a header or the token.
 *
 * Caller-owned, nothing allocated; thread-safe with one struct per thread.
 */
#ifndef XM_XANO_ERROR_H
#define XM_XANO_ERROR_H

#include <stdbool.h>

#include "xano-mcp/auth/token.h"
#include "xano-mcp/core/error.h"
#include "xano-mcp/xano/http.h"

enum xm_xano_failure {
	XM_XANO_OK = 0,
	XM_XANO_CONFIG,       /* nothing to talk to: no profile, no instance (exit 1) */
	XM_XANO_AUTH,         /* no token, or Xano refused it: 401, 403 (exit 3) */
	XM_XANO_NOT_FOUND,    /* 404: no such object (exit 1) */
	XM_XANO_INPUT,        /* another 4xx: the request was wrong (exit 1) */
	XM_XANO_RATE_LIMITED, /* 429, still after the retries (exit 4) */
	XM_XANO_SERVER,       /* 5xx after the retries, a redirect, an answer that is
	                       * not the Metadata API's (exit 4) */
	XM_XANO_NETWORK,      /* no answer: unreachable, timed out, dropped (exit 4) */
	XM_XANO_CANCELLED,    /* the caller gave up (exit 1) */
};

struct xm_xano_error {
	enum xm_xano_failure failure;
	long status;     /* HTTP status, 0 when there was no answer */
	char code[64];   /* Xano's code ("ERROR_CODE_NOT_FOUND"), "" when none */
	char param[64];  /* payload.param of an input error, "" when none */
	struct xm_error err; /* the message; "" while failure is XM_XANO_OK */
};

#define XM_XANO_ERROR_INIT { XM_XANO_OK, 0, "", "", XM_ERROR_INIT }

/* Sets failure and the message; status and code are cleared. */
void xm_xano_error_set(struct xm_xano_error *e, enum xm_xano_failure failure,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * From an HTTP answer with a status outside 2xx: reads Xano's error body
 * and says what it means. what names the object or collection asked for
 * ("API 12 in API group 3 of workspace 7"); token (may be NULL) tells
 * where a refused token came from and how to replace it.
 */
void xm_xano_error_from_answer(struct xm_xano_error *e, const struct xm_http_response *res,
		const char *what, const struct xm_token *token);

/* From an xm_http_request() result other than XM_HTTP_OK. */
void xm_xano_error_from_http(struct xm_xano_error *e, enum xm_http_result result,
		const struct xm_error *why, const char *what);

/* The exit status (enum xm_exit) for e. */
int xm_xano_exit_status(const struct xm_xano_error *e);

#endif
