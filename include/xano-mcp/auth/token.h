/*
 * token: where the Metadata API token comes from, and the buffer it lives in.
 *
 * For now one source: the environment variable XANO_MCP_TOKEN (an MCP
 * client such as Claude Desktop sets it in the server's "env" block; see
 * xano-mcp(1), ENVIRONMENT). The keyring (libsecret), the encrypted file
 * store and `xano-mcp login` belong to the credentials issue: they will be
 * further sources behind xm_token_load(), tried per profile before the
 * environment, without changing its callers.
 *
 * A struct xm_token holds the secret in a buffer of its own, locked in
 * memory when the system allows it (mlock; refused silently otherwise) and
 * wiped before it is freed. The text is handed out only to xano/http, which
 * builds the Authorization header from it (xm_token_reveal()); nothing else
 * may read it. The token is also registered with log.h's redaction, so a
 * stray copy in a message would print as "[REDACTED]". Error messages name
 * where a token was looked for, never what it holds.
 *
 * The environment itself keeps its own copy of the variable, which this
 * module cannot wipe (the process's environ belongs to everyone).
 *
 * Thread-safety: xm_token_load() may run on several threads at once (it
 * only reads the environment; nobody calls setenv() while a server runs).
 * A struct xm_token is immutable after loading and may be shared read-only.
 */
#ifndef XM_AUTH_TOKEN_H
#define XM_AUTH_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/error.h"

/* The variable that carries the token. */
#define XM_TOKEN_ENV "XANO_MCP_TOKEN"

/* The longest token accepted (Xano's JWTs are about 1 KiB). */
enum { XM_TOKEN_MAX = 8192 };

struct xm_token;

/*
 * The token for profile (a profile name, or NULL for the default one; not
 * used until the keyring lands). Returns NULL with err when there is none
 * ("no Xano token: set XANO_MCP_TOKEN ...") or when it cannot be a token
 * (too long, spaces or control characters: a pasted line break would
 * otherwise end the HTTP header early). The caller destroys the result.
 */
struct xm_token *xm_token_load(const char *profile, struct xm_error *err);

/* Wipes and frees; accepts NULL. */
void xm_token_destroy(struct xm_token *token);

/*
 * Where the token came from, for messages ("the environment variable
 * XANO_MCP_TOKEN") and what to do when Xano refuses it.
 */
const char *xm_token_origin(const struct xm_token *token);
const char *xm_token_renew_hint(const struct xm_token *token);

/*
 * The secret itself, borrowed until xm_token_destroy(). For xano/http's
 * Authorization header ONLY: never print, log or copy it elsewhere.
 */
const char *xm_token_reveal(const struct xm_token *token, size_t *len);

#endif
