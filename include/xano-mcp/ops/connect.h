/*
 * ops/connect: from the user's configuration to a Metadata API client.
 *
 * Every operation that talks to Xano starts here: the configuration file
 * (core/config) names the profile's instance origin, workspace and branch;
 * auth/token finds the token; xano/meta gets a client for them. Nothing is
 * sent: the first request is the caller's.
 *
 *     struct xm_connection conn;
 *     struct xm_xano_error e = XM_XANO_ERROR_INIT;
 *     if (!xm_connect(&conn, &(struct xm_connect_options){0}, &e)) {
 *             ... e.err.message says what to set, xm_xano_exit_status(&e)
 *     }
 *     ... xm_meta_get(conn.meta, ...)
 *     xm_connection_finish(&conn);
 *
 * Failures: XM_XANO_CONFIG when the file is broken or no profile has an
 * instance ("set instance = https://... in ~/.config/xano-mcp/config"),
 * XM_XANO_AUTH when there is no token ("set XANO_MCP_TOKEN ...").
 *
 * Ownership: the connection owns the configuration, the token and the
 * client (finish releases them all; it accepts a zeroed or failed one).
 * Thread-safety: re-entrant; one connection per thread (its client is).
 */
#ifndef XM_OPS_CONNECT_H
#define XM_OPS_CONNECT_H

#include <stdbool.h>

#include "xano-mcp/auth/token.h"
#include "xano-mcp/core/config.h"
#include "xano-mcp/xano/error.h"
#include "xano-mcp/xano/http.h"
#include "xano-mcp/xano/meta.h"

struct xm_connect_options {
	const char *config_path; /* NULL: $XDG_CONFIG_HOME/xano-mcp/config */
	const char *profile;     /* NULL: the default profile */
	const struct xm_http_options *http; /* NULL: defaults */
	/* Polled during requests (MCP cancellation); NULL: never. */
	bool (*cancelled)(void *data);
	void *cancel_data;
};

struct xm_connection {
	struct xm_config config;
	const struct xm_profile *profile; /* in config */
	struct xm_token *token;
	struct xm_meta *meta;
};

bool xm_connect(struct xm_connection *conn, const struct xm_connect_options *options,
		struct xm_xano_error *e);
void xm_connection_finish(struct xm_connection *conn);

#endif
