#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/xano/meta.h"

#define LOG_MODULE "meta"
#include "xano-mcp/core/log.h"

enum { DEFAULT_PER_PAGE = 50, DEFAULT_MAX_PAGES = 100 };

struct xm_meta {
	struct xm_http *http;
	const char *origin;
	const char *branch;
	const struct xm_token *token;
	unsigned per_page;
	unsigned max_pages;
	bool (*cancelled)(void *data);
	void *cancel_data;
	size_t max_body;
};

static const struct {
	const char *name;    /* for messages */
	const char *plural;
	const char *segment; /* in the path */
} kinds[] = {
	[XM_META_WORKSPACE] = {"workspace", "workspaces", "workspace"},
	[XM_META_APIGROUP] = {"API group", "API groups", "apigroup"},
	[XM_META_API] = {"API", "APIs", "api"},
	[XM_META_FUNCTION] = {"function", "functions", "function"},
	[XM_META_TASK] = {"task", "tasks", "task"},
	[XM_META_TABLE] = {"table", "tables", "table"},
};

const char *xm_meta_kind_name(enum xm_meta_kind kind)
{
	return kinds[kind].name;
}

void xm_meta_describe(const struct xm_meta_ref *ref, bool list, struct xm_buf *out)
{
	if (list) {
		xm_buf_addf(out, "the %s", kinds[ref->kind].plural);
	} else {
		xm_buf_addf(out, "%s %" PRId64, kinds[ref->kind].name, ref->id);
	}
	if (ref->kind == XM_META_API) {
		xm_buf_addf(out, " %s API group %" PRId64, list ? "of" : "in", ref->apigroup);
	}
	if (ref->kind != XM_META_WORKSPACE) {
		xm_buf_addf(out, " of workspace %" PRId64, ref->workspace);
	}
}

void xm_meta_result_init(struct xm_meta_result *r)
{
	memset(r, 0, sizeof(*r));
}

void xm_meta_result_finish(struct xm_meta_result *r)
{
	if (!r) {
		return;
	}
	free(r->items);
	xm_arena_destroy(r->arena);
	memset(r, 0, sizeof(*r));
}

struct xm_meta *xm_meta_create(const struct xm_meta_options *o, struct xm_xano_error *e)
{
	if (!o->origin || !xm_http_url_allowed(o->origin)) {
		xm_xano_error_set(e, XM_XANO_CONFIG, "the Xano instance must be an https:// "
			"origin (set `instance` in the configuration, see xano-mcp(5))");
		return NULL;
	}
	struct xm_error why = XM_ERROR_INIT;
	struct xm_http *http = xm_http_create(o->http, &why);
	if (!http) {
		xm_xano_error_set(e, XM_XANO_CONFIG, "%s", why.message);
		return NULL;
	}
	struct xm_meta *m = xm_calloc(1, sizeof(*m));
	m->http = http;
	m->origin = o->origin;
	m->branch = o->branch && *o->branch ? o->branch : NULL;
	m->token = o->token;
	m->per_page = o->per_page ? o->per_page : DEFAULT_PER_PAGE;
	m->max_pages = o->max_pages ? o->max_pages : DEFAULT_MAX_PAGES;
	m->cancelled = o->cancelled;
	m->cancel_data = o->cancel_data;
	m->max_body = o->http && o->http->max_body ? o->http->max_body : XM_HTTP_MAX_BODY;
	return m;
}

void xm_meta_destroy(struct xm_meta *m)
{
	if (!m) {
		return;
	}
	xm_http_destroy(m->http);
	free(m);
}

/* RFC 3986 unreserved bytes stay, everything else is %XX. */
static void add_encoded(struct xm_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				c == '-' || c == '.' || c == '_' || c == '~') {
			xm_buf_addc(out, (char)c);
		} else {
			xm_buf_addc(out, '%');
			xm_buf_addc(out, hex[c >> 4]);
			xm_buf_addc(out, hex[c & 15]);
		}
	}
}

static void build_path(const struct xm_meta *m, const struct xm_meta_ref *ref, bool list,
		struct xm_buf *url)
{
	xm_buf_addf(url, "%s/api:meta/workspace", m->origin);
	if (ref->kind == XM_META_WORKSPACE) {
		if (!list) {
			xm_buf_addf(url, "/%" PRId64, ref->id);
		}
		return;
	}
	xm_buf_addf(url, "/%" PRId64, ref->workspace);
	if (ref->kind == XM_META_API) {
		xm_buf_addf(url, "/apigroup/%" PRId64, ref->apigroup);
	}
	xm_buf_addf(url, "/%s", kinds[ref->kind].segment);
	if (!list) {
		xm_buf_addf(url, "/%" PRId64, ref->id);
	}
}

static void build_query(const struct xm_meta *m, const struct xm_meta_ref *ref,
		unsigned flags, struct xm_buf *q)
{
	if (m->branch && ref->kind != XM_META_WORKSPACE) {
		xm_buf_adds(q, "&branch=");
		add_encoded(q, m->branch);
	}
	if (flags & XM_META_XANOSCRIPT) {
		xm_buf_adds(q, "&include_xanoscript=true");
	}
	if (flags & XM_META_DRAFT) {
		xm_buf_adds(q, "&include_draft=true");
	}
}

static bool cancel_hook(void *data)
{
	struct xm_meta *m = data;
	return m->cancelled && m->cancelled(m->cancel_data);
}

/* GET url?query, parsed; NULL and e on any failure (status >= 300 included). */
static struct xm_json *get_json(struct xm_meta *m, const char *url, const char *query,
		const char *what, struct xm_xano_error *e)
{
	struct xm_http_response res;
	xm_http_response_init(&res);
	struct xm_error why = XM_ERROR_INIT;
	struct xm_json *doc = NULL;
	const struct xm_http_request req = {
		.method = "GET",
		.url = url,
		.query = query && *query ? query + (query[0] == '&') : NULL,
		.token = m->token,
		.cancelled = cancel_hook,
		.cancel_data = m,
	};
	enum xm_http_result r = xm_http_request(m->http, &req, &res, &why);
	if (r != XM_HTTP_OK) {
		xm_xano_error_from_http(e, r, &why, what);
		goto out;
	}
	if (res.status < 200 || res.status >= 300) {
		xm_xano_error_from_answer(e, &res, what, m->token);
		goto out;
	}
	const struct xm_json_limits limits = {m->max_body, 64, (size_t)8 << 20};
	struct xm_json_error jerr;
	doc = xm_json_parse(res.body.data ? res.body.data : "", res.body.len, &limits, &jerr);
	if (!doc) {
		xm_xano_error_set(e, XM_XANO_SERVER, "Xano's answer for %s is not the JSON the "
			"Metadata API sends (HTTP %ld, %s: %s): is `instance` in the "
			"configuration the origin of a Xano instance?", what, res.status,
			res.content_type[0] ? res.content_type : "no content type",
			jerr.message);
		e->status = res.status;
	}
out:
	xm_http_response_finish(&res);
	return doc;
}

static const char *dup_string(struct xm_arena *a, const struct xm_json *v)
{
	const char *s = xm_json_string(v);
	return s ? xm_arena_strndup(a, s, xm_json_string_len(v)) : NULL;
}

/* A timestamp: "YYYY-MM-DD HH:MM:SS+0000" or epoch milliseconds. */
static const char *dup_time(struct xm_arena *a, const struct xm_json *v)
{
	const char *n = xm_json_number_text(v);
	return n ? xm_arena_strdup(a, n) : dup_string(a, v);
}

static struct xm_meta_object *new_item(struct xm_meta_result *out)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->items = xm_reallocarray(out->items, out->cap, sizeof(*out->items));
	}
	struct xm_meta_object *o = &out->items[out->n];
	memset(o, 0, sizeof(*o));
	return o;
}

/* The `xanoscript` member: {status, value, message} or a bare string. */
static void read_script(struct xm_arena *a, const struct xm_json *xs, struct xm_meta_object *o)
{
	if (xm_json_string(xs)) {
		o->script = XM_META_SCRIPT_OK;
		o->xanoscript = dup_string(a, xs);
		o->xanoscript_len = xm_json_string_len(xs);
		return;
	}
	if (xm_json_type(xs) != XM_JSON_OBJECT) {
		return;
	}
	const char *status = xm_json_string(xm_json_get(xs, "status"));
	const struct xm_json *value = xm_json_get(xs, "value");
	o->script_message = dup_string(a, xm_json_get(xs, "message"));
	if ((!status || strcmp(status, "ok") == 0) && xm_json_string(value)) {
		o->script = XM_META_SCRIPT_OK;
		o->xanoscript = dup_string(a, value);
		o->xanoscript_len = xm_json_string_len(value);
	} else {
		o->script = XM_META_SCRIPT_ERROR;
	}
}

/* Appends the object v to out; false when it is no object with an id. */
static bool add_object(struct xm_meta_result *out, const struct xm_json *v)
{
	int64_t id;
	if (xm_json_type(v) != XM_JSON_OBJECT || !xm_json_int64(xm_json_get(v, "id"), &id)) {
		return false;
	}
	if (!out->arena) {
		out->arena = xm_arena_create();
	}
	struct xm_arena *a = out->arena;
	struct xm_meta_object *o = new_item(out);
	o->id = id;
	o->name = dup_string(a, xm_json_get(v, "name"));
	o->description = dup_string(a, xm_json_get(v, "description"));
	o->email = dup_string(a, xm_json_get(v, "email"));
	o->verb = dup_string(a, xm_json_get(v, "verb"));
	o->canonical = dup_string(a, xm_json_get(v, "canonical"));
	o->branch = dup_string(a, xm_json_get(v, "branch"));
	o->created_at = dup_time(a, xm_json_get(v, "created_at"));
	o->updated_at = dup_time(a, xm_json_get(v, "updated_at"));
	read_script(a, xm_json_get(v, "xanoscript"), o);
	out->n++;
	return true;
}

static bool shape_error(struct xm_xano_error *e, const char *what, const char *expected)
{
	xm_xano_error_set(e, XM_XANO_SERVER, "Xano's answer for %s is not %s as the Metadata "
		"API sends it: is `instance` in the configuration the origin of a Xano "
		"instance?", what, expected);
	return false;
}

bool xm_meta_me(struct xm_meta *m, struct xm_meta_result *out, struct xm_xano_error *e)
{
	struct xm_buf url = XM_BUF_INIT;
	xm_buf_addf(&url, "%s/api:meta/auth/me", m->origin);
	struct xm_json *doc = get_json(m, url.data, NULL, "the token's user (auth/me)", e);
	bool ok = doc && (add_object(out, doc) ||
		shape_error(e, "the token's user (auth/me)", "a user object"));
	xm_json_free(doc);
	xm_buf_finish(&url);
	return ok;
}

bool xm_meta_get(struct xm_meta *m, const struct xm_meta_ref *ref, unsigned flags,
		struct xm_meta_result *out, struct xm_xano_error *e)
{
	struct xm_buf url = XM_BUF_INIT, query = XM_BUF_INIT, what = XM_BUF_INIT;
	xm_meta_describe(ref, false, &what);
	build_path(m, ref, false, &url);
	build_query(m, ref, flags, &query);
	struct xm_json *doc = get_json(m, url.data, query.data, what.data, e);
	bool ok = doc && (add_object(out, doc) || shape_error(e, what.data, "an object"));
	xm_json_free(doc);
	xm_buf_finish(&url);
	xm_buf_finish(&query);
	xm_buf_finish(&what);
	return ok;
}

/* Adds the items of one page; false (and e) when the page has the wrong shape. */
static bool add_items(struct xm_meta_result *out, const struct xm_json *items,
		const char *what, struct xm_xano_error *e)
{
	for (size_t i = 0; i < xm_json_len(items); i++) {
		if (!add_object(out, xm_json_at(items, i))) {
			return shape_error(e, what, "a list of objects with ids");
		}
	}
	return true;
}

bool xm_meta_list(struct xm_meta *m, const struct xm_meta_ref *ref, unsigned flags,
		struct xm_meta_result *out, struct xm_xano_error *e)
{
	struct xm_buf url = XM_BUF_INIT, base = XM_BUF_INIT, query = XM_BUF_INIT;
	struct xm_buf what = XM_BUF_INIT;
	bool ok = false;
	xm_meta_describe(ref, true, &what);
	build_path(m, ref, true, &url);
	build_query(m, ref, flags, &base);
	int64_t page = 1;
	for (unsigned pages = 0;; pages++) {
		if (pages == m->max_pages) {
			xm_xano_error_set(e, XM_XANO_SERVER, "Xano listed more than %u pages of "
				"%s; stopped there", m->max_pages, what.data);
			goto out;
		}
		xm_buf_reset(&query);
		xm_buf_addf(&query, "page=%" PRId64 "&per_page=%u%s", page, m->per_page,
			xm_buf_str(&base));
		struct xm_json *doc = get_json(m, url.data, query.data, what.data, e);
		if (!doc) {
			goto out;
		}
		bool more = false;
		int64_t next = 0;
		if (xm_json_type(doc) == XM_JSON_ARRAY) {
			/* An unpaged list (workspaces): everything at once. */
			ok = add_items(out, doc, what.data, e);
		} else {
			const struct xm_json *items = xm_json_get(doc, "items");
			const struct xm_json *np = xm_json_get(doc, "nextPage");
			ok = xm_json_type(items) == XM_JSON_ARRAY &&
				(xm_json_is_null(np) || !np || xm_json_int64(np, &next));
			ok = ok ? add_items(out, items, what.data, e) :
				shape_error(e, what.data, "a page {items, nextPage}");
			more = ok && np && !xm_json_is_null(np);
			if (more && next <= page) {
				ok = shape_error(e, what.data, "a page whose nextPage follows it");
			}
		}
		xm_json_free(doc);
		if (!ok || !more) {
			goto out;
		}
		page = next;
		ok = false;
	}
out:
	xm_buf_finish(&url);
	xm_buf_finish(&base);
	xm_buf_finish(&query);
	xm_buf_finish(&what);
	return ok;
}
