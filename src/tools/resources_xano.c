/*
 * Resource templates for what is deployed on Xano: the XanoScript of an
 * API, an API group, a function, a task or a table, by workspace and id,
 * read from the instance of the configuration's default profile with the
 * token of XANO_MCP_TOKEN (ops/connect). Every read and every completion
 * goes to the network, so they run on worker threads (long_running) and
 * honour cancellation; nothing happens before the first such request.
 *
 * Each template's URI pattern is its uri_template itself: "/"-separated
 * segments, literal ones must match, "{name}" ones take a positive
 * integer id.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/ops/connect.h"
#include "xano-mcp/ops/deployed.h"
#include "xano-mcp/tools/tools.h"

#define LOG_MODULE "xano"
#include "xano-mcp/core/log.h"

#define XS_MIME "text/x-xanoscript"

enum { MAX_ID_DIGITS = 18 };

/*
 * An assistant waits on these reads: 30 s per attempt and three attempts
 * at most (with waits of about 1 and 2 s), not the client's defaults
 * meant for long deployments. Cancellation ends them sooner.
 */
static const struct xm_http_options http_options = {
	.timeout_ms = 30 * 1000,
	.max_attempts = 3,
};

/* The variables of a template, as parsed from a URI. */
struct match {
	struct xm_meta_ref ref;
	char bad[160]; /* why an id is malformed, "" when all are fine */
};

/* Where a variable's value goes in the reference. */
static int64_t *slot(struct xm_meta_ref *ref, const char *name, size_t len)
{
	if (len == strlen("workspace") && strncmp(name, "workspace", len) == 0) {
		return &ref->workspace;
	}
	if (len == strlen("apigroup") && strncmp(name, "apigroup", len) == 0) {
		return ref->kind == XM_META_APIGROUP ? &ref->id : &ref->apigroup;
	}
	return &ref->id;
}

/* A positive decimal id without sign, spaces or leading zeros. */
static bool parse_id(const char *s, size_t len, int64_t *out)
{
	if (len == 0 || len > MAX_ID_DIGITS || s[0] == '0') {
		return false;
	}
	int64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Whether uri has the shape of pattern; fills m (m->bad for a bad id). */
static bool match_uri(const char *pattern, enum xm_meta_kind kind, const char *uri,
		struct match *m)
{
	memset(m, 0, sizeof(*m));
	m->ref.kind = kind;
	const char *p = pattern, *u = uri;
	for (;;) {
		size_t plen = strcspn(p, "/"), ulen = strcspn(u, "/");
		if (p[0] == '{') {
			int64_t *dst = slot(&m->ref, p + 1, plen - 2);
			if (!parse_id(u, ulen, dst) && !m->bad[0]) {
				snprintf(m->bad, sizeof(m->bad), "%.*s must be a positive integer "
					"id, not \"%.*s\"", (int)(plen - 2), p + 1,
					(int)(ulen < 40 ? ulen : 40), u);
			}
		} else if (plen != ulen || strncmp(p, u, plen) != 0) {
			return false;
		}
		p += plen;
		u += ulen;
		if (!*p || !*u) {
			return !*p && !*u;
		}
		p++;
		u++;
	}
}

static bool cancelled_read(void *data)
{
	return xm_resource_cancelled(data);
}

static bool cancelled_completion(void *data)
{
	return xm_completion_cancelled(data);
}

static enum xm_resource_status read_object(const struct xm_resource_template *tp,
		enum xm_meta_kind kind, const struct xm_resource_call *call, struct xm_buf *text,
		const char **mime_type, struct xm_buf *message)
{
	struct match m;
	if (!match_uri(tp->uri_template, kind, call->uri, &m)) {
		return XM_RESOURCE_NOT_MINE;
	}
	if (m.bad[0]) {
		xm_buf_adds(message, m.bad);
		return XM_RESOURCE_NOT_FOUND;
	}
	struct xm_connection conn;
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	enum xm_resource_status st = XM_RESOURCE_FAILED;
	if (xm_connect(&conn, &(struct xm_connect_options){.http = &http_options,
			.cancelled = cancelled_read, .cancel_data = (void *)call}, &e) &&
			xm_deployed_xanoscript(&conn, &m.ref, text, &e)) {
		*mime_type = XS_MIME;
		st = XM_RESOURCE_OK;
	} else {
		st = e.failure == XM_XANO_NOT_FOUND ? XM_RESOURCE_NOT_FOUND : XM_RESOURCE_FAILED;
		xm_buf_adds(message, e.err.message);
	}
	xm_connection_finish(&conn);
	return st;
}

/* The known id of a variable, from the client or else the profile. */
static int64_t known_id(const struct xm_completion *c, const char *name,
		const struct xm_connection *conn)
{
	const char *s = xm_completion_known(c, name);
	int64_t id = 0;
	if (s && parse_id(s, strlen(s), &id)) {
		return id;
	}
	if (strcmp(name, "workspace") == 0 && conn->profile->workspace > 0) {
		return conn->profile->workspace;
	}
	return 0;
}

/* Whether the template has a variable called name. */
static bool has_variable(const struct xm_resource_template *tp, const char *name)
{
	size_t len = strlen(name);
	for (const char *v = strchr(tp->uri_template, '{'); v; v = strchr(v + 1, '{')) {
		if (strncmp(v + 1, name, len) == 0 && v[1 + len] == '}') {
			return true;
		}
	}
	return false;
}

/* Ids of the collection the variable ranges over, by prefix. */
static void complete_ids(const struct xm_resource_template *tp, enum xm_meta_kind template_kind,
		struct xm_completion *c)
{
	struct xm_connection conn;
	struct xm_xano_error e = XM_XANO_ERROR_INIT;
	int64_t *ids = NULL;
	size_t n = 0;
	memset(&conn, 0, sizeof(conn));
	if (!has_variable(tp, c->variable)) {
		goto out;
	}
	if (!xm_connect(&conn, &(struct xm_connect_options){.http = &http_options,
			.cancelled = cancelled_completion, .cancel_data = c}, &e)) {
		LOG_INFO("no completion for {%s}: %s", c->variable, e.err.message);
		goto out;
	}
	struct xm_meta_ref ref = {0};
	if (strcmp(c->variable, "workspace") == 0) {
		ref.kind = XM_META_WORKSPACE;
	} else {
		ref.workspace = known_id(c, "workspace", &conn);
		if (strcmp(c->variable, "apigroup") == 0) {
			ref.kind = XM_META_APIGROUP;
		} else if (template_kind == XM_META_API) {
			ref.kind = XM_META_API;
			ref.apigroup = known_id(c, "apigroup", &conn);
		} else {
			ref.kind = template_kind;
		}
		if (ref.workspace == 0 || (ref.kind == XM_META_API && ref.apigroup == 0)) {
			goto out; /* nothing to list yet */
		}
	}
	if (!xm_deployed_ids(&conn, &ref, &ids, &n, &e)) {
		LOG_INFO("no completion for {%s}: %s", c->variable, e.err.message);
		goto out;
	}
	size_t plen = strlen(c->prefix);
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, ids[i]);
		if (strncmp(id, c->prefix, plen) == 0) {
			xm_completion_add(c, id);
		}
	}
out:
	free(ids);
	xm_connection_finish(&conn);
}

/* One template per kind: its read and completion pass the kind along. */
#define XANO_TEMPLATE(var, kind, uri, tname, ttitle, tdescription)                  \
	static const struct xm_resource_template var;                               \
	static enum xm_resource_status read_##var(const struct xm_resource_call *call, \
			struct xm_buf *text, const char **mime_type, struct xm_buf *message) \
	{                                                                           \
		return read_object(&var, kind, call, text, mime_type, message);     \
	}                                                                           \
	static void complete_##var(struct xm_completion *c)                         \
	{                                                                           \
		complete_ids(&var, kind, c);                                        \
	}                                                                           \
	static const struct xm_resource_template var = {                            \
		.uri_template = uri,                                                \
		.name = tname,                                                      \
		.title = ttitle,                                                    \
		.description = tdescription,                                        \
		.mime_type = XS_MIME,                                               \
		.long_running = true,                                               \
		.read = read_##var,                                                 \
		.complete = complete_##var,                                         \
	}

XANO_TEMPLATE(api_template, XM_META_API,
	"xano://workspace/{workspace}/apigroup/{apigroup}/api/{api}",
	"xano-api", "Deployed API endpoint (XanoScript)",
	"The XanoScript of an API endpoint as deployed on Xano, by workspace, API group and "
	"API id, from the configured instance and branch.");
XANO_TEMPLATE(apigroup_template, XM_META_APIGROUP,
	"xano://workspace/{workspace}/apigroup/{apigroup}",
	"xano-apigroup", "Deployed API group (XanoScript)",
	"The XanoScript of an API group (its settings, such as the canonical) as deployed on "
	"Xano, by workspace and API group id.");
XANO_TEMPLATE(function_template, XM_META_FUNCTION,
	"xano://workspace/{workspace}/function/{function}",
	"xano-function", "Deployed function (XanoScript)",
	"The XanoScript of a custom function as deployed on Xano, by workspace and function "
	"id.");
XANO_TEMPLATE(task_template, XM_META_TASK,
	"xano://workspace/{workspace}/task/{task}",
	"xano-task", "Deployed task (XanoScript)",
	"The XanoScript of a scheduled task as deployed on Xano, by workspace and task id.");
XANO_TEMPLATE(table_template, XM_META_TABLE,
	"xano://workspace/{workspace}/table/{table}",
	"xano-table", "Deployed table (XanoScript)",
	"The XanoScript of a database table (schema and indexes) as deployed on Xano, by "
	"workspace and table id.");

const struct xm_resource_template *const xm_xano_templates[XM_NXANO_TEMPLATES + 1] = {
	&api_template,
	&apigroup_template,
	&function_template,
	&task_template,
	&table_template,
	NULL,
};
