/* resources/list, resources/templates/list and resources/read. */
#include <string.h>

#include "internal.h"
#include "xano-mcp/core/xalloc.h"

static void write_resource(struct xm_server *s, size_t i, struct xm_json_gen *g)
{
	const struct xm_resource *res = s->reg->resources[i];
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "uri", res->uri);
	xm_json_gen_kstring(g, "name", res->name);
	xm_json_gen_kstring_opt(g, "title", res->title);
	xm_json_gen_kstring_opt(g, "description", res->description);
	xm_json_gen_kstring_opt(g, "mimeType", res->mime_type);
	xm_json_gen_kint(g, "size", (int64_t)res->len);
	xm_json_gen_end_object(g);
}

void xm_method_resources_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	xm_list_page(s, rq, r, "resources", s->reg->nresources, write_resource);
}

static void write_template(struct xm_server *s, size_t i, struct xm_json_gen *g)
{
	const struct xm_resource_template *tp = s->reg->templates[i];
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "uriTemplate", tp->uri_template);
	xm_json_gen_kstring(g, "name", tp->name);
	xm_json_gen_kstring_opt(g, "title", tp->title);
	xm_json_gen_kstring_opt(g, "description", tp->description);
	xm_json_gen_kstring_opt(g, "mimeType", tp->mime_type);
	xm_json_gen_end_object(g);
}

void xm_method_templates_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	xm_list_page(s, rq, r, "resourceTemplates", s->reg->ntemplates, write_template);
}

static void write_contents(struct reply *r, const char *uri, const char *mime,
		const char *text, size_t len)
{
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "contents");
	xm_json_gen_begin_array(g);
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "uri", uri);
	xm_json_gen_kstring_opt(g, "mimeType", mime);
	xm_json_gen_key(g, "text");
	xm_json_gen_text(g, text, len);
	xm_json_gen_end_object(g);
	xm_json_gen_end_array(g);
	xm_json_gen_end_object(g);
}

/* Tries each template in turn; on a worker when one of them is slow. */
static void read_templates(struct xm_call_ctx *c, struct reply *r)
{
	const struct xm_registry *reg = c->srv->reg;
	const char *uri = c->uri;
	struct xm_buf text = XM_BUF_INIT, message = XM_BUF_INIT;
	enum xm_resource_status st = XM_RESOURCE_NOT_MINE;
	const struct xm_resource_call call = { .uri = uri, .ctx = c };
	for (size_t i = 0; st == XM_RESOURCE_NOT_MINE && i < reg->ntemplates; i++) {
		const char *mime = reg->templates[i]->mime_type;
		st = reg->templates[i]->read(&call, &text, &mime, &message);
		if (st == XM_RESOURCE_OK) {
			write_contents(r, uri, mime, text.data ? text.data : "", text.len);
		}
	}
	if (st == XM_RESOURCE_FAILED) {
		xm_reply_error(r, XM_RPC_INTERNAL_ERROR, "Reading %s failed: %s", uri,
				xm_buf_str(&message));
	} else if (st != XM_RESOURCE_OK) {
		xm_reply_error(r, XM_RPC_RESOURCE_NOT_FOUND, "Resource not found: %s%s%s", uri,
				message.len ? ": " : "", xm_buf_str(&message));
		struct xm_json_gen *g = xm_json_gen_create(&r->data);
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "uri", uri);
		xm_json_gen_end_object(g);
		xm_json_gen_destroy(g);
	}
	xm_buf_finish(&text);
	xm_buf_finish(&message);
}

bool xm_resource_cancelled(const struct xm_resource_call *call)
{
	return atomic_load(&call->ctx->cancelled) || atomic_load(&call->ctx->srv->stopping);
}

void xm_method_resources_read(struct xm_server *s, struct request *rq, struct reply *r)
{
	const char *uri = xm_json_string(xm_json_get(rq->msg.params, "uri"));
	if (!uri) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS,
				"Invalid params: resources/read needs params.uri (a string)");
		return;
	}
	const struct xm_resource *res = xm_registry_resource(s->reg, uri);
	if (res) {
		write_contents(r, uri, res->mime_type, res->text, res->len);
		return;
	}
	/* A worker only when a slow template may claim the URI: its text
	 * before the first variable must match. Other URIs are answered in
	 * order, at once. */
	bool slow = false;
	for (size_t i = 0; i < s->reg->ntemplates; i++) {
		const struct xm_resource_template *tp = s->reg->templates[i];
		size_t literal = strcspn(tp->uri_template, "{");
		slow = slow || (tp->long_running && strncmp(uri, tp->uri_template, literal) == 0);
	}
	struct xm_call_ctx *c = xm_calls_new(s, rq, read_templates);
	c->uri = xm_strdup(uri);
	xm_calls_run(c, rq, slow, r);
}
