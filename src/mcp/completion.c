/*
 * completion/complete: argument values for prompts and resource templates.
 * A template's completer may go to the network: for a long_running
 * template it runs on a worker thread, like that template's reads.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xano-mcp/core/xalloc.h"

void xm_completion_add(struct xm_completion *c, const char *value)
{
	if (c->n < XM_COMPLETION_MAX) {
		c->values[c->n++] = xm_strdup(value);
	}
	c->total++;
}

const char *xm_completion_known(const struct xm_completion *c, const char *name)
{
	return xm_json_string(xm_json_get(c->known, name));
}

bool xm_completion_cancelled(const struct xm_completion *c)
{
	return c->ctx && (atomic_load(&c->ctx->cancelled) || atomic_load(&c->ctx->srv->stopping));
}

static void write_values(struct reply *r, const struct xm_completion *c)
{
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "completion");
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "values");
	xm_json_gen_begin_array(g);
	for (size_t i = 0; i < c->n; i++) {
		xm_json_gen_string(g, c->values[i]);
	}
	xm_json_gen_end_array(g);
	xm_json_gen_kint(g, "total", (int64_t)c->total);
	xm_json_gen_kbool(g, "hasMore", c->total > c->n);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
}

static void finish_values(struct xm_completion *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->values[i]);
	}
}

/* The values of a prompt argument that start with prefix. */
static void prompt_values(struct xm_server *s, const struct xm_json *ref, const char *arg_name,
		const char *prefix, struct reply *r)
{
	const struct xm_prompt *p = xm_registry_prompt(s->reg,
			xm_json_string(xm_json_get(ref, "name")));
	const struct xm_prompt_arg *pa = NULL;
	for (size_t k = 0; p && k < p->nargs && !pa; k++) {
		if (strcmp(p->args[k].name, arg_name) == 0) {
			pa = &p->args[k];
		}
	}
	if (!pa) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: no prompt %s "
				"with an argument \"%s\"", p ? p->name : "of that name", arg_name);
		return;
	}
	struct xm_completion c = { .variable = arg_name, .prefix = prefix };
	size_t len = strlen(prefix);
	for (const char *const *v = pa->values; v && *v; v++) {
		if (strncmp(*v, prefix, len) == 0) {
			xm_completion_add(&c, *v);
		}
	}
	write_values(r, &c);
	finish_values(&c);
}

/* Runs a template's completer (on a worker when the template is slow). */
static void run_template(struct xm_call_ctx *ctx, struct reply *r)
{
	const struct xm_json *params = ctx->args;
	const struct xm_json *known = xm_json_get(xm_json_get(params, "context"), "arguments");
	struct xm_completion c = {
		.variable = xm_json_string(xm_json_get(xm_json_get(params, "argument"), "name")),
		.prefix = xm_json_string(xm_json_get(xm_json_get(params, "argument"), "value")),
		.known = xm_json_type(known) == XM_JSON_OBJECT ? known : NULL,
		.ctx = ctx,
	};
	ctx->template->complete(&c);
	write_values(r, &c);
	finish_values(&c);
}

static void template_values(struct xm_server *s, struct request *rq, const struct xm_json *ref,
		struct reply *r)
{
	const char *uri = xm_json_string(xm_json_get(ref, "uri"));
	const struct xm_resource_template *tp = NULL;
	for (size_t i = 0; uri && i < s->reg->ntemplates && !tp; i++) {
		if (strcmp(s->reg->templates[i]->uri_template, uri) == 0) {
			tp = s->reg->templates[i];
		}
	}
	if (!tp) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: no resource "
				"template %s", uri ? uri : "(ref.uri is missing)");
		return;
	}
	if (!tp->complete) {
		struct xm_completion none = { .variable = "" };
		write_values(r, &none);
		return;
	}
	struct xm_call_ctx *c = xm_calls_new(s, rq, run_template);
	c->template = tp;
	c->args = rq->msg.params;
	xm_calls_run(c, rq, tp->long_running, r);
}

void xm_method_complete(struct xm_server *s, struct request *rq, struct reply *r)
{
	const struct xm_json *ref = xm_json_get(rq->msg.params, "ref");
	const struct xm_json *arg = xm_json_get(rq->msg.params, "argument");
	const char *type = xm_json_string(xm_json_get(ref, "type"));
	const char *arg_name = xm_json_string(xm_json_get(arg, "name"));
	const char *prefix = xm_json_string(xm_json_get(arg, "value"));
	if (!type || !arg_name || !prefix) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: completion/complete "
				"needs ref.type, argument.name and argument.value");
		return;
	}
	if (strcmp(type, "ref/prompt") == 0) {
		prompt_values(s, ref, arg_name, prefix, r);
	} else if (strcmp(type, "ref/resource") == 0) {
		template_values(s, rq, ref, r);
	} else {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: ref.type must be "
				"ref/prompt or ref/resource");
	}
}
