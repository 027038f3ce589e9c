#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xano-mcp/auth/token.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/xalloc.h"

struct xm_token {
	char *secret; /* NUL-terminated, len bytes */
	size_t len;
	size_t size;  /* of the allocation */
	bool locked;
	const char *origin;
	const char *hint;
};

static const char renew_env[] = "Create a new Metadata API token in the Xano dashboard "
	"(Instances, the gear next to the instance, Metadata API & MCP Server, Manage Access "
	"Tokens) and set it in the environment variable " XM_TOKEN_ENV;

/* Bytes that cannot be part of an HTTP header value or a bearer token. */
static bool acceptable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f) {
			return false;
		}
	}
	return true;
}

struct xm_token *xm_token_load(const char *profile, struct xm_error *err)
{
	(void)profile;
	const char *value = getenv(XM_TOKEN_ENV);
	if (!value || !*value) {
		xm_error_set(err, "no Xano token: set the environment variable " XM_TOKEN_ENV
			" to a Metadata API token (in an MCP client's configuration, in the "
			"server's \"env\" block)");
		return NULL;
	}
	size_t len = strlen(value);
	if (len > XM_TOKEN_MAX) {
		xm_error_set(err, XM_TOKEN_ENV " is longer than %d bytes: it does not hold a "
			"Metadata API token alone", XM_TOKEN_MAX);
		return NULL;
	}
	if (!acceptable(value, len)) {
		xm_error_set(err, XM_TOKEN_ENV " contains a space, line break or control "
			"character: set it to the token alone");
		return NULL;
	}
	struct xm_token *t = xm_calloc(1, sizeof(*t));
	/* Whole pages of its own: munlock() of one token must not unlock
	 * another's page (locks do not nest). */
	long page = sysconf(_SC_PAGESIZE);
	size_t align = page > 0 ? (size_t)page : 4096;
	t->size = (len + 1 + align - 1) / align * align;
	void *mem = NULL;
	if (posix_memalign(&mem, align, t->size) != 0) {
		free(t);
		xm_error_set(err, "out of memory for the token");
		return NULL;
	}
	t->secret = mem;
	/* Keep it out of swap when allowed; RLIMIT_MEMLOCK may say no. */
	t->locked = mlock(t->secret, t->size) == 0;
	memset(t->secret, 0, t->size);
	memcpy(t->secret, value, len + 1);
	t->len = len;
	t->origin = "the environment variable " XM_TOKEN_ENV;
	t->hint = renew_env;
	xm_log_add_secret(t->secret);
	return t;
}

void xm_token_destroy(struct xm_token *token)
{
	if (!token) {
		return;
	}
	xm_wipe(token->secret, token->size);
	if (token->locked) {
		munlock(token->secret, token->size);
	}
	free(token->secret);
	free(token);
}

const char *xm_token_origin(const struct xm_token *token)
{
	return token ? token->origin : "the environment variable " XM_TOKEN_ENV;
}

const char *xm_token_renew_hint(const struct xm_token *token)
{
	return token ? token->hint : renew_env;
}

const char *xm_token_reveal(const struct xm_token *token, size_t *len)
{
	if (len) {
		*len = token->len;
	}
	return token->secret;
}
