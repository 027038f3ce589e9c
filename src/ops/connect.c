#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/paths.h"
#include "xano-mcp/ops/connect.h"

/* What to write where, for a person with no usable profile. */
static void no_instance(struct xm_xano_error *e, const char *config_path, const char *profile)
{
	char *path = config_path ? NULL : xm_paths_file(XM_DIR_CONFIG, "config", NULL);
	const char *where = config_path ? config_path : path ? path : "~/.config/xano-mcp/config";
	if (profile) {
		xm_xano_error_set(e, XM_XANO_CONFIG, "profile %s has no Xano instance: set "
			"`instance = https://HOST` (the instance's origin) in its section of %s "
			"(see xano-mcp(5))", profile, where);
	} else {
		xm_xano_error_set(e, XM_XANO_CONFIG, "no Xano instance is configured: write a "
			"profile into %s, a line `[profile default]` followed by `instance = "
			"https://HOST` with your instance's origin (see xano-mcp(5))", where);
	}
	free(path);
}

bool xm_connect(struct xm_connection *conn, const struct xm_connect_options *o,
		struct xm_xano_error *e)
{
	memset(conn, 0, sizeof(*conn));
	xm_config_init(&conn->config);
	struct xm_error err = XM_ERROR_INIT;
	if (!xm_config_load(&conn->config, o->config_path, &err)) {
		xm_xano_error_set(e, XM_XANO_CONFIG, "%s", err.message);
		return false;
	}
	if (conn->config.nprofiles == 0) {
		no_instance(e, o->config_path, NULL);
		return false;
	}
	conn->profile = xm_config_profile(&conn->config, o->profile, &err);
	if (!conn->profile) {
		xm_xano_error_set(e, XM_XANO_CONFIG, "%s", err.message);
		return false;
	}
	if (!conn->profile->instance) {
		no_instance(e, o->config_path, conn->profile->name);
		return false;
	}
	conn->token = xm_token_load(conn->profile->name, &err);
	if (!conn->token) {
		xm_xano_error_set(e, XM_XANO_AUTH, "%s", err.message);
		return false;
	}
	conn->meta = xm_meta_create(&(struct xm_meta_options){
		.origin = conn->profile->instance,
		.branch = conn->profile->branch,
		.token = conn->token,
		.http = o->http,
		.cancelled = o->cancelled,
		.cancel_data = o->cancel_data,
	}, e);
	return conn->meta != NULL;
}

void xm_connection_finish(struct xm_connection *conn)
{
	if (!conn) {
		return;
	}
	xm_meta_destroy(conn->meta);
	xm_token_destroy(conn->token);
	xm_config_finish(&conn->config);
	memset(conn, 0, sizeof(*conn));
}
