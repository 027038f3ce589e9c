/*
 * The SDK compiler as MCP tools: compile_sdk_code (preview the XanoScript,
 * offline) and validate_sdk_code (only the verdict). Both call
 * ops/compile; nothing here talks to Xano.
 */
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/ops/compile.h"
#include "xano-mcp/sdk/parse.h"
#include "xano-mcp/tools/tools.h"

/* The schema's maxLength below is the compiler's own cap. */
_Static_assert(XM_SDK_MAX_SOURCE == 1048576, "CODE_SCHEMA must say XM_SDK_MAX_SOURCE");

#define CODE_SCHEMA \
	"{\"type\":\"object\",\"properties\":{" \
	"\"code\":{\"type\":\"string\",\"maxLength\":1048576,\"description\":" \
	"\"SDK builder code, e.g. return create('users/{id}', 'GET').input('id', 'int')" \
	".dbGet('user', {id: '$input.id'}, 'user').response('$user').build(); " \
	"see the resource xano-mcp://docs/sdk-reference\"}," \
	"\"no_fix\":{\"type\":\"boolean\",\"description\":" \
	"\"Report would-be automatic repairs as errors instead of applying them, " \
	"together with the other errors\"}}," \
	"\"required\":[\"code\"],\"additionalProperties\":false}"

#define DIAG_SCHEMA \
	"{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{" \
	"\"severity\":{\"type\":\"string\"},\"line\":{\"type\":\"integer\"}," \
	"\"column\":{\"type\":\"integer\"},\"endColumn\":{\"type\":\"integer\"}," \
	"\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"}," \
	"\"suggestion\":{\"type\":\"string\"}}}}"

#define FIX_SCHEMA \
	"{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{" \
	"\"line\":{\"type\":\"integer\"},\"column\":{\"type\":\"integer\"}," \
	"\"message\":{\"type\":\"string\"}}}}"

/* What xm_compile_result_json() writes for both tools, after "ok",
 * "internal_error" and (compile_sdk_code only) "xanoscript". */
#define RESULT_PROPS \
	"\"pattern\":{\"type\":[\"string\",\"null\"]}," \
	"\"kind\":{\"type\":[\"string\",\"null\"]}," \
	"\"name\":{\"type\":[\"string\",\"null\"]}," \
	"\"diagnostics\":" DIAG_SCHEMA ",\"fixes\":" FIX_SCHEMA "," \
	"\"metrics\":{\"type\":\"object\"}," \
	"\"source_map\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}," \
	"\"source\":{\"type\":\"string\"}"

static bool run(const struct xm_tool_call *call, struct xm_compile_result *r)
{
	const struct xm_json *code = xm_json_get(call->args, "code");
	const struct xm_json *no_fix = xm_json_get(call->args, "no_fix");
	struct xm_compile_opts opts = {0};
	if (no_fix) {
		xm_json_bool(no_fix, &opts.no_fix);
	}
	const char *text = xm_json_string(code);
	xm_compile_result_init(r);
	return xm_compile_sdk(text ? text : "", text ? strlen(text) : 0, &opts, r);
}

/* Fixes and diagnostics as compiler-style text. */
static void render(const struct xm_compile_result *r, struct xm_tool_result *res)
{
	for (size_t i = 0; i < r->fixes.len; i++) {
		xm_tool_result_text(res, "code:%u:%u: fixed: %s\n", r->fixes.items[i].line,
			r->fixes.items[i].col, r->fixes.items[i].message);
	}
	struct xm_buf text = XM_BUF_INIT;
	xm_diags_render_text(&r->diags, "code", r->source, r->source_len, false, &text);
	if (text.len) {
		xm_tool_result_text(res, "%s", text.data);
	}
	xm_buf_finish(&text);
}

static int compile_sdk_code(const struct xm_tool_call *call, struct xm_tool_result *res)
{
	struct xm_compile_result r;
	if (!run(call, &r)) {
		xm_tool_result_error(res, "%s", r.internal_error ?
			"The compiler produced invalid XanoScript (a bug in xano-mcp, not in your "
			"code); nothing was generated:\n" :
			"The SDK code has errors; fix each one and compile again:\n");
		render(&r, res);
		goto out;
	}
	xm_compile_result_json(&r, true, xm_tool_result_structured(res));
	xm_tool_result_text(res, "Compiled a %s (%s pattern). XanoScript:\n\n%s\n",
		r.kind, r.pattern, r.xanoscript);
	render(&r, res);
	xm_tool_result_text(res, "Size: SDK %zu bytes, XanoScript %zu bytes; estimated "
		"tokens %zu vs %zu (estimate: words and symbols).\n", r.metrics.sdk_bytes,
		r.metrics.xs_bytes, r.metrics.sdk_tokens, r.metrics.xs_tokens);
out:
	xm_compile_result_finish(&r);
	return 0;
}

static int validate_sdk_code(const struct xm_tool_call *call, struct xm_tool_result *res)
{
	struct xm_compile_result r;
	bool ok = run(call, &r);
	/* The compile_sdk_code shape without the XanoScript itself. */
	xm_compile_result_json(&r, false, xm_tool_result_structured(res));
	if (ok) {
		xm_tool_result_text(res, "Valid SDK code (%s pattern).\n", r.pattern);
	} else {
		xm_tool_result_text(res, "Not valid: %zu error(s).\n", r.diags.errors);
	}
	render(&r, res);
	xm_compile_result_finish(&r);
	return 0;
}

const struct xm_tool xm_tool_compile_sdk_code = {
	.name = "compile_sdk_code",
	.title = "Compile SDK code to XanoScript",
	.description = "Compile SDK builder code (JavaScript-like: create(path, verb), "
		"createFunction, createTask, createTable, createApiGroup, then methods such as "
		".input, .dbGet, .dbQuery, .conditional, .apiRequest, .response, .build()) into "
		"XanoScript and return it without deploying anything. Applies safe automatic "
		"repairs and lists them; on errors returns each with line, column and a "
		"suggestion. The language is documented in the resource "
		"xano-mcp://docs/sdk-reference. Offline: nothing is sent to Xano.",
	.input_schema = CODE_SCHEMA,
	.output_schema = "{\"type\":\"object\",\"properties\":{"
		"\"ok\":{\"type\":\"boolean\"},\"internal_error\":{\"type\":\"boolean\"},"
		"\"xanoscript\":{\"type\":[\"string\",\"null\"]},"
		RESULT_PROPS "},"
		"\"required\":[\"ok\",\"xanoscript\",\"diagnostics\",\"fixes\"]}",
	.hints = {.read_only = true, .idempotent = true},
	.example_args = "{\"code\":\"return create('hello', 'GET').response('Hello').build();\"}",
	.call = compile_sdk_code,
};

const struct xm_tool xm_tool_validate_sdk_code = {
	.name = "validate_sdk_code",
	.title = "Check SDK code",
	.description = "Check SDK builder code without returning XanoScript: ok says whether "
		"it compiles; also the repairs that would be applied, and every error with line, "
		"column and a suggestion. Use it to check code quickly; use compile_sdk_code "
		"to see the XanoScript. Offline.",
	.input_schema = CODE_SCHEMA,
	.output_schema = "{\"type\":\"object\",\"properties\":{"
		"\"ok\":{\"type\":\"boolean\"},\"internal_error\":{\"type\":\"boolean\"},"
		RESULT_PROPS "},"
		"\"required\":[\"ok\",\"diagnostics\",\"fixes\"]}",
	.hints = {.read_only = true, .idempotent = true},
	.example_args = "{\"code\":\"return create('hello', 'GET').respons('Hi').build();\"}",
	.call = validate_sdk_code,
};
