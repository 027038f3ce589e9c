/* prompts/list and prompts/get. */
#include <string.h>

#include "internal.h"

static void write_prompt(struct xm_server *s, size_t i, struct xm_json_gen *g)
{
	const struct xm_prompt *p = s->reg->prompts[i];
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "name", p->name);
	xm_json_gen_kstring_opt(g, "title", p->title);
	xm_json_gen_kstring(g, "description", p->description);
	xm_json_gen_key(g, "arguments");
	xm_json_gen_begin_array(g);
	for (size_t k = 0; k < p->nargs; k++) {
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "name", p->args[k].name);
		xm_json_gen_kstring(g, "description", p->args[k].description);
		xm_json_gen_kbool(g, "required", p->args[k].required);
		xm_json_gen_end_object(g);
	}
	xm_json_gen_end_array(g);
	xm_json_gen_end_object(g);
}

void xm_method_prompts_list(struct xm_server *s, struct request *rq, struct reply *r)
{
	xm_list_page(s, rq, r, "prompts", s->reg->nprompts, write_prompt);
}

/* Replaces each {{name}} in text by the argument of that name. */
static void expand(const struct xm_prompt *p, const struct xm_json *args, struct xm_buf *out)
{
	const char *t = p->text;
	while (*t) {
		const char *open = strstr(t, "{{");
		const char *close = open ? strstr(open, "}}") : NULL;
		if (!close) {
			xm_buf_adds(out, t);
			break;
		}
		xm_buf_add(out, t, (size_t)(open - t));
		char name[64];
		size_t n = (size_t)(close - open - 2);
		if (n < sizeof(name)) {
			memcpy(name, open + 2, n);
			name[n] = '\0';
			const char *value = xm_json_string(xm_json_get(args, name));
			for (size_t k = 0; (!value || !*value) && k < p->nargs; k++) {
				if (strcmp(p->args[k].name, name) == 0) {
					value = p->args[k].fallback;
				}
			}
			xm_buf_adds(out, value ? value : "");
		}
		t = close + 2;
	}
}

void xm_method_prompts_get(struct xm_server *s, struct request *rq, struct reply *r)
{
	const char *name = xm_json_string(xm_json_get(rq->msg.params, "name"));
	const struct xm_prompt *p = xm_registry_prompt(s->reg, name);
	if (!p) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: unknown prompt %s%s%s",
				name ? "\"" : "", name ? name : "(params.name is missing)",
				name ? "\"" : "");
		return;
	}
	const struct xm_json *args = xm_json_get(rq->msg.params, "arguments");
	if (args && xm_json_type(args) != XM_JSON_OBJECT) {
		xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: arguments must be an "
				"object of strings");
		return;
	}
	for (size_t i = 0; i < xm_json_len(args); i++) {
		if (!xm_json_string(xm_json_value_at(args, i))) {
			xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: argument \"%s\" "
					"must be a string", xm_json_key_at(args, i));
			return;
		}
	}
	for (size_t k = 0; k < p->nargs; k++) {
		const char *v = xm_json_string(xm_json_get(args, p->args[k].name));
		if (p->args[k].required && (!v || !*v)) {
			xm_reply_error(r, XM_RPC_INVALID_PARAMS, "Invalid params: prompt %s needs "
					"the argument \"%s\" (%s)", p->name, p->args[k].name,
					p->args[k].description);
			return;
		}
	}
	struct xm_buf text = XM_BUF_INIT;
	expand(p, args, &text);
	struct xm_json_gen *g = r->g;
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "description", p->description);
	xm_json_gen_key(g, "messages");
	xm_json_gen_begin_array(g);
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "role", "user");
	xm_json_gen_key(g, "content");
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "type", "text");
	xm_json_gen_key(g, "text");
	xm_json_gen_string_len(g, text.data ? text.data : "", text.len);
	xm_json_gen_end_object(g);
	xm_json_gen_end_object(g);
	xm_json_gen_end_array(g);
	xm_json_gen_end_object(g);
	xm_buf_finish(&text);
}
