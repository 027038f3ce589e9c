/* completion/complete: argument values for prompts and resource templates. */
#include <string.h>

#include "internal.h"

/* The most a completion result may hold (MCP). */
#define MAX_COMPLETIONS 100

/* The values of a prompt argument that start with prefix; false (and an
 * error) when the prompt or the argument does not exist. */
static bool prompt_values(struct xm_server *s, const struct xm_json *ref, const char *arg_name,
		const char *prefix, const char **values, size_t *n, struct reply *r)
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
		return false;
	}
	size_t len = strlen(prefix);
	for (const char *const *v = pa->values; v && *v && *n < MAX_COMPLETIONS; v++) {
		if (strncmp(*v, prefix, len) == 0) {
			values[(*n)++] = *v;
		}
	}
	return true;
}

/* What a resource template's own completer offers; false (and an error)
 * when ref.uri names no template. */
static bool template_values(struct xm_server *s, const struct xm_json *ref,
		const char *arg_name, const char *prefix, const char **values, size_t *n,
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
		return false;
	}
	if (tp->complete) {
		tp->complete(arg_name, prefix, values, n, MAX_COMPLETIONS);
	}
	return true;
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
	const char *values[MAX_COMPLETIONS];
	size_t n = 0;
	if (strcmp(type, "ref/prompt") == 0) {
		if (!prompt_values(s, ref, arg_name, prefix, values, &n, r)) {
			return;
		}
	} else if (strcmp(type, "ref/resource") == 0) {
		if (!template_values(s, ref, arg_name, prefix, values, &n, r)) {
			return;
		}
	} else {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: ref.type must be "
				"ref/prompt or ref/resource");
		return;
	}
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "completion");
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "values");
	xm_json_gen_begin_array(g);
	for (size_t i = 0; i < n; i++) {
		xm_json_gen_string(g, values[i]);
	}
	xm_json_gen_end_array(g);
	xm_json_gen_kint(g, "total", (int64_t)n);
	xm_json_gen_kbool(g, "hasMore", false);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
}
