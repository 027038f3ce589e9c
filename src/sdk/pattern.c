#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "xano-mcp/sdk/pattern.h"

/* Which methods a block uses, nested blocks included. */
static void collect(const struct xm_sdk_block *b, bool *used, unsigned depth)
{
	if (depth > 64) {
		return;
	}
	for (const struct xm_sdk_call *c = b->first; c; c = c->next) {
		used[c->method->id] = true;
		for (size_t i = 0; i < c->nargs; i++) {
			if (c->args[i]->kind == XM_SDK_ARROW && c->args[i]->u.arrow.block) {
				collect(c->args[i]->u.arrow.block, used, depth + 1);
			}
		}
	}
}

static const char *arg_text(const struct xm_sdk_block *b, size_t i)
{
	if (i < b->nargs && b->args[i]->kind == XM_SDK_STRING) {
		return b->args[i]->u.str.text;
	}
	return "";
}

static bool verb_is(const char *v, const char *want)
{
	return strcasecmp(v, want) == 0;
}

const char *xm_sdk_pattern(const struct xm_sdk_block *root)
{
	switch (root->builder->id) {
	case XM_SDK_M_CREATE_TABLE:
		return "table";
	case XM_SDK_M_CREATE_API_GROUP:
		return "api-group";
	case XM_SDK_M_CREATE_TASK:
		return "scheduled-task";
	case XM_SDK_M_CREATE_FUNCTION:
		return "function";
	default:
		break;
	}
	bool used[XM_SDK_M_COUNT] = {0};
	collect(root, used, 0);
	const char *path = arg_text(root, 0);
	const char *verb = root->nargs > 1 ? arg_text(root, 1) : "GET";
	size_t plen = strlen(path);
	bool me = (plen >= 2 && strcmp(path + plen - 2, "me") == 0 &&
		(plen == 2 || path[plen - 3] == '/'));
	if (used[XM_SDK_M_VERIFY_PASSWORD] && used[XM_SDK_M_CREATE_TOKEN]) {
		return "auth-login";
	}
	if (used[XM_SDK_M_CREATE_TOKEN] && used[XM_SDK_M_DB_ADD]) {
		return "auth-signup";
	}
	if (used[XM_SDK_M_REQUIRES_AUTH] && me && verb_is(verb, "GET")) {
		return "auth-me";
	}
	if (strstr(path, "webhook")) {
		return "webhook";
	}
	if (used[XM_SDK_M_API_REQUEST]) {
		return "external-api";
	}
	if (verb_is(verb, "DELETE") && used[XM_SDK_M_DB_DELETE]) {
		return "crud-delete";
	}
	if ((verb_is(verb, "PATCH") || verb_is(verb, "PUT")) &&
			(used[XM_SDK_M_DB_EDIT] || used[XM_SDK_M_DB_PATCH] ||
			 used[XM_SDK_M_DB_ADD_OR_EDIT])) {
		return "crud-update";
	}
	if (verb_is(verb, "POST") && used[XM_SDK_M_DB_ADD]) {
		return "crud-create";
	}
	if (verb_is(verb, "GET") && used[XM_SDK_M_DB_QUERY]) {
		return "crud-list";
	}
	if (verb_is(verb, "GET") && used[XM_SDK_M_DB_GET]) {
		return "crud-get";
	}
	return "simple-endpoint";
}
