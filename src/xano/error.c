#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/xano/error.h"

/* Enough of Xano's message to act on; error bodies are small. */
enum { QUOTE_MAX = 300, ERROR_BODY_MAX = 64 * 1024 };

void xm_xano_error_set(struct xm_xano_error *e, enum xm_xano_failure failure,
		const char *fmt, ...)
{
	if (!e) {
		return;
	}
	e->failure = failure;
	e->status = 0;
	e->code[0] = '\0';
	e->param[0] = '\0';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->err.message, sizeof(e->err.message), fmt, ap);
	va_end(ap);
	e->err.errnum = 0;
}

/* Copies s into dst with control characters as spaces, cut at a character
 * boundary; returns dst. */
static char *clean(char *dst, size_t size, const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		dst[n++] = c < ' ' || c == 0x7f ? ' ' : (char)c;
	}
	/* Do not leave half a UTF-8 sequence at the cut. */
	if (n + 1 >= size && n < len) {
		while (n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0x80) {
			n--;
		}
		if (n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0xc0) {
			n--;
		}
	}
	dst[n] = '\0';
	return dst;
}

/* Xano's {code, message, payload}; fills e->code, e->param and quote. */
static void read_body(struct xm_xano_error *e, const struct xm_http_response *res,
		char *quote, size_t size)
{
	quote[0] = '\0';
	static const struct xm_json_limits limits = {ERROR_BODY_MAX, 16, 4096};
	struct xm_json *doc = xm_json_parse(res->body.data ? res->body.data : "", res->body.len,
			&limits, NULL);
	const char *message = xm_json_string(xm_json_get(doc, "message"));
	const char *code = xm_json_string(xm_json_get(doc, "code"));
	const char *param = xm_json_string(xm_json_get(xm_json_get(doc, "payload"), "param"));
	if (message) {
		clean(quote, size, message, strlen(message));
	} else if (!doc && res->body.len && strncmp(res->content_type, "text/plain", 10) == 0) {
		clean(quote, size, res->body.data, res->body.len);
	}
	if (code) {
		clean(e->code, sizeof(e->code), code, strlen(code));
	}
	if (param) {
		clean(e->param, sizeof(e->param), param, strlen(param));
	}
	xm_json_free(doc);
}

void xm_xano_error_from_answer(struct xm_xano_error *e, const struct xm_http_response *res,
		const char *what, const struct xm_token *token)
{
	char quote[QUOTE_MAX + 1];
	char msg[QUOTE_MAX + 8];
	long status = res->status;
	e->status = status;
	e->code[0] = e->param[0] = '\0';
	read_body(e, res, quote, sizeof(quote));
	/* ": <Xano's message>" when there is one. */
	snprintf(msg, sizeof(msg), "%s%s", quote[0] ? ": " : "", quote);
	char *m = e->err.message;
	size_t size = sizeof(e->err.message);
	e->err.errnum = 0;
	if (status == 401) {
		e->failure = XM_XANO_AUTH;
		snprintf(m, size, "Xano refused the token (401)%s. %s.", msg,
			xm_token_renew_hint(token));
	} else if (status == 403) {
		e->failure = XM_XANO_AUTH;
		snprintf(m, size, "Xano denied access to %s (403)%s. The token (from %s) lacks "
			"the scope this needs, or your role does not allow it: create a token "
			"whose scopes include Read for it.", what, msg, xm_token_origin(token));
	} else if (status == 404) {
		e->failure = XM_XANO_NOT_FOUND;
		snprintf(m, size, "%s was not found on Xano (404)%s", what, msg);
	} else if (status == 429) {
		e->failure = XM_XANO_RATE_LIMITED;
		snprintf(m, size, "Xano's rate limit turned down the request for %s (429, %u "
			"attempts)%s. Wait about 20 seconds and try again (the free plan allows "
			"10 requests in 20 seconds).", what, res->attempts, msg);
	} else if (status >= 500) {
		e->failure = XM_XANO_SERVER;
		snprintf(m, size, "Xano failed to answer the request for %s (%ld%s%s, %u "
			"attempts)%s. Try again later.", what, status, e->code[0] ? " " : "",
			e->code, res->attempts, msg);
	} else if (status >= 300 && status < 400) {
		e->failure = XM_XANO_SERVER;
		snprintf(m, size, "Xano answered the request for %s with a redirect "
			"(%ld%s%.200s), which is not followed so the token stays with the "
			"configured host: set `instance` in the configuration to the instance's "
			"own origin "
			"(https://HOST, as shown in the Xano dashboard).", what, status,
			res->location[0] ? " to " : "", res->location);
	} else if (status >= 400) {
		e->failure = XM_XANO_INPUT;
		snprintf(m, size, "Xano rejected the request for %s (%ld%s%s)%s%s%s%s", what,
			status, e->code[0] ? " " : "", e->code, msg,
			e->param[0] ? " (parameter " : "", e->param, e->param[0] ? ")" : "");
	} else {
		e->failure = XM_XANO_SERVER;
		snprintf(m, size, "Xano answered the request for %s with an unexpected HTTP "
			"status %ld", what, status);
	}
}

void xm_xano_error_from_http(struct xm_xano_error *e, enum xm_http_result result,
		const struct xm_error *why, const char *what)
{
	const char *reason = why && why->message[0] ? why->message : "no details";
	switch (result) {
	case XM_HTTP_OK:
		xm_xano_error_set(e, XM_XANO_OK, "%s", "");
		break;
	case XM_HTTP_CANCELLED:
		xm_xano_error_set(e, XM_XANO_CANCELLED, "the request for %s was cancelled",
			what);
		break;
	case XM_HTTP_TOO_BIG:
		xm_xano_error_set(e, XM_XANO_SERVER, "reading %s: %s", what, reason);
		break;
	case XM_HTTP_REFUSED:
		xm_xano_error_set(e, XM_XANO_CONFIG, "reading %s: %s", what, reason);
		break;
	case XM_HTTP_TRANSPORT:
		xm_xano_error_set(e, XM_XANO_NETWORK, "Xano could not be reached for %s: %s. "
			"Check the network and `instance` in the configuration.", what,
			reason);
		break;
	}
}

int xm_xano_exit_status(const struct xm_xano_error *e)
{
	switch (e->failure) {
	case XM_XANO_OK:
		return XM_EXIT_OK;
	case XM_XANO_AUTH:
		return XM_EXIT_AUTH;
	case XM_XANO_RATE_LIMITED:
	case XM_XANO_SERVER:
	case XM_XANO_NETWORK:
		return XM_EXIT_NETWORK;
	case XM_XANO_CONFIG:
	case XM_XANO_NOT_FOUND:
	case XM_XANO_INPUT:
	case XM_XANO_CANCELLED:
		break;
	}
	return XM_EXIT_FAILURE;
}
