/*
 * Prompts: ready-made requests a user picks in the client ("build an
 * endpoint", ...). Each is one user message with {{argument}} slots; see
 * struct xm_prompt in xano-mcp/mcp/registry.h.
 */
#include <stddef.h>

#include "xano-mcp/tools/tools.h"

static const char *const verbs[] = { "GET", "POST", "PUT", "PATCH", "DELETE", NULL };
static const char *const auth_tables[] = { "user", NULL };

/* What every prompt asks of the assistant once the code is written. */
#define CHECK_STEP \
	"Read the resource xano-mcp://docs/xanoscript-cheatsheet first and follow its " \
	"layout rules. Check every file with the validate_xanoscript tool and fix each " \
	"error until it is valid before showing the result."

static const struct xm_prompt_arg endpoint_args[] = {
	{ "description", "What the endpoint does, in plain words", true, NULL, NULL },
	{ "verb", "HTTP verb: GET, POST, PUT, PATCH or DELETE", false, verbs,
		"the one that fits" },
	{ "api_group", "API group the endpoint belongs to", false, NULL,
		"none (leave api_group out)" },
	{ "auth_table", "Table with auth = true whose users may call it (empty: public)",
		false, auth_tables, "none, a public endpoint" },
};

static const struct xm_prompt build_endpoint = {
	.name = "build_endpoint",
	.title = "Build an endpoint",
	.description = "Write a XanoScript API endpoint (query) from a description",
	.args = endpoint_args,
	.nargs = sizeof(endpoint_args) / sizeof(endpoint_args[0]),
	.text = "Write a Xano API endpoint in XanoScript.\n\n"
		"What it does: {{description}}\n"
		"HTTP verb: {{verb}}\n"
		"API group: {{api_group}}\n"
		"Authentication: {{auth_table}}\n\n"
		"Declare every input with a type and the filters it needs, validate "
		"preconditions with the right error_type, and return a clear response. "
		CHECK_STEP,
};

static const struct xm_prompt_arg auth_args[] = {
	{ "api_group", "The API group to protect", true, NULL, NULL },
	{ "auth_table", "Table holding the accounts (default: user)", false, auth_tables,
		"user" },
};

static const struct xm_prompt add_auth = {
	.name = "add_auth",
	.title = "Add authentication to an API group",
	.description = "Add signup, login and me endpoints and require auth on an "
		"API group's endpoints",
	.args = auth_args,
	.nargs = sizeof(auth_args) / sizeof(auth_args[0]),
	.text = "Add authentication to the Xano API group \"{{api_group}}\".\n\n"
		"Accounts live in the table \"{{auth_table}}\": make sure it has "
		"auth = true, an email column with a unique index and a sensitive "
		"password column. Write auth/signup (POST), "
		"auth/login (POST) and auth/me (GET, auth set) following Xano's "
		"conventions (security.create_auth_token, security.check_password, "
		"\"Invalid Credentials.\" on failure), then set auth on every endpoint of "
		"the group that must not be public and use $auth.id for ownership "
		"checks. " CHECK_STEP,
};

static const struct xm_prompt_arg crud_args[] = {
	{ "table", "Table name", true, NULL, NULL },
	{ "fields", "Columns and their types, e.g. \"title text, body text?, "
		"published bool\"", false, NULL, "infer sensible ones from the name" },
	{ "api_group", "API group for the endpoints", false, NULL, "one named after the table" },
	{ "auth_table", "Table with auth = true; owners only see their rows (empty: "
		"public)", false, auth_tables, "none, public endpoints" },
};

static const struct xm_prompt crud_for_table = {
	.name = "crud_for_table",
	.title = "CRUD for a table",
	.description = "Write a table and its list, get, create, update and delete endpoints",
	.args = crud_args,
	.nargs = sizeof(crud_args) / sizeof(crud_args[0]),
	.text = "Write the Xano table \"{{table}}\" and its CRUD endpoints in "
		"XanoScript.\n\n"
		"Columns: {{fields}}\n"
		"API group: {{api_group}}\n"
		"Authentication: {{auth_table}}\n\n"
		"Endpoints: list with paging (GET {{table}}), get (GET "
		"{{table}}/{id}), create (POST), update (PATCH, only the fields "
		"given) and delete (DELETE). With an authentication table, store the "
		"owner's id and check ownership with a precondition (notfound). "
		CHECK_STEP,
};

const struct xm_prompt *const xm_prompts[XM_NPROMPTS + 1] = {
	&build_endpoint,
	&add_auth,
	&crud_for_table,
	NULL,
};
