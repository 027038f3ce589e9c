/*
 * The XanoScript tool family: validate_xanoscript (offline, read-only).
 */
#include <string.h>

#include "xano-mcp/ops/check.h"
#include "xano-mcp/tools/tools.h"
#include "xano-mcp/xs/parse.h"
#include "xano-mcp/xs/validate.h"

/* The same cap as the language layer, spelt out for the schema text. */
#define CODE_MAX "4194304"
_Static_assert(XM_XS_MAX_BYTES == 4194304, "CODE_MAX must say XM_XS_MAX_BYTES");

static int validate_call(const struct xm_tool_call *call, struct xm_tool_result *result)
{
	const struct xm_json *code_v = xm_json_get(call->args, "code");
	const char *code = xm_json_string(code_v);
	const char *filename = xm_json_string(xm_json_get(call->args, "filename"));
	if (!filename || !*filename) {
		filename = "input.xs";
	}
	/* JSON strings may hold \u0000 only if the parser allowed it; it does
	 * not, so strlen is the length. */
	size_t len = code ? strlen(code) : 0;
	bool ls11 = false;
	xm_json_bool(xm_json_get(call->args, "ls11"), &ls11);
	struct xm_xs_check_opts opts = { .validate = ls11 ? XM_XS_VALIDATE_LS11 : 0 };
	struct xm_diags diags;
	xm_diags_init(&diags, 0);
	xm_xs_check(code ? code : "", len, &opts, &diags);

	struct xm_json_gen *g = xm_tool_result_structured(result);
	xm_json_gen_begin_object(g);
	xm_check_json_members(g, &diags);
	xm_json_gen_end_object(g);

	struct xm_buf summary = XM_BUF_INIT, text = XM_BUF_INIT;
	xm_check_summary(&diags, &summary);
	if (!xm_diags_has_errors(&diags)) {
		xm_tool_result_text(result, "%s: valid XanoScript (%s).\n", filename,
			xm_buf_str(&summary));
	} else {
		xm_tool_result_text(result, "%s: invalid XanoScript (%s). Fix every error "
			"and validate again.\n", filename, xm_buf_str(&summary));
	}
	xm_diags_render_text(&diags, filename, code, len, false, &text);
	if (text.len) {
		xm_tool_result_text(result, "\n%s", xm_buf_str(&text));
	}
	xm_buf_finish(&text);
	xm_buf_finish(&summary);
	xm_diags_finish(&diags);
	return 0;
}

const struct xm_tool xm_tool_validate_xanoscript = {
	.name = "validate_xanoscript",
	.title = "Validate XanoScript",
	.description = "Check XanoScript code (a query, function, table, task, api_group, "
		"middleware... or several documents separated by `---`) offline, the way "
		"Xano's parser would, without deploying anything. Returns valid: true/false "
		"and every error and warning with its line, column, a one-sentence message "
		"and a suggested fix (the right spelling, the closest known statement, "
		"filter, type or attribute). Use it on any XanoScript before showing or "
		"deploying it, fix each error, and validate again until valid is true.",
	.input_schema = "{\"type\":\"object\",\"additionalProperties\":false,"
		"\"required\":[\"code\"],\"properties\":{"
		"\"code\":{\"type\":\"string\",\"maxLength\":" CODE_MAX ","
		"\"description\":\"The XanoScript source text\"},"
		"\"filename\":{\"type\":\"string\",\"maxLength\":256,"
		"\"description\":\"A name for the code in messages, e.g. api/users_GET.xs\"},"
		"\"ls11\":{\"type\":\"boolean\",\"description\":\"Also warn about what only "
		"Xano 11.x rejects (guid, api_group inside a query, unary !, %...)\"}}}",
	.output_schema = "{\"type\":\"object\",\"required\":[\"valid\",\"errors\",\"summary\"],"
		"\"properties\":{"
		"\"valid\":{\"type\":\"boolean\"},"
		"\"summary\":{\"type\":\"string\"},"
		"\"errors\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
		"\"required\":[\"severity\",\"line\",\"column\",\"endColumn\",\"code\","
		"\"message\",\"suggestion\"],\"properties\":{"
		"\"severity\":{\"type\":\"string\",\"enum\":[\"error\",\"warning\",\"note\"]},"
		"\"line\":{\"type\":\"integer\"},"
		"\"column\":{\"type\":\"integer\"},"
		"\"endColumn\":{\"type\":\"integer\"},"
		"\"code\":{\"type\":\"string\"},"
		"\"message\":{\"type\":\"string\"},"
		"\"suggestion\":{\"type\":[\"string\",\"null\"]}}}}}}",
	.hints = { .read_only = true, .idempotent = true, .open_world = false },
	.example_args = "{\"code\":\"function \\\"hello\\\" {\\n  input {\\n  }\\n  stack {\\n"
		"  }\\n  response = \\\"hi\\\"\\n}\\n\",\"filename\":\"hello.xs\"}",
	.call = validate_call,
};
