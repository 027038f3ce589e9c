/*
 * The SDK tools are registered and work through the registry: each is
 * called with its example arguments and with broken code.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/mcp/registry.h"

static struct xm_json *call(const char *name, const char *args_json, bool *is_error,
		char **text)
{
	const struct xm_tool *tool = xm_registry_tool(&xm_registry, name);
	ck_assert_msg(tool != NULL, "%s is not registered", name);
	struct xm_json *args = xm_json_parse(args_json, strlen(args_json), NULL, NULL);
	ck_assert_ptr_nonnull(args);
	struct xm_tool_call c = {.args = args, .ctx = NULL};
	struct xm_tool_result res;
	memset(&res, 0, sizeof(res));
	ck_assert_int_eq(tool->call(&c, &res), 0);
	*is_error = res.is_error;
	*text = strdup(xm_buf_str(&res.text));
	struct xm_json *out = NULL;
	if (res.structured.len) {
		xm_json_gen_destroy(res.gen);
		res.gen = NULL;
		out = xm_json_parse(res.structured.data, res.structured.len, NULL, NULL);
		ck_assert_ptr_nonnull(out);
	}
	xm_json_gen_destroy(res.gen);
	xm_buf_finish(&res.structured);
	xm_buf_finish(&res.text);
	xm_json_free(args);
	return out;
}

START_TEST(compile_sdk_code)
{
	bool is_error, ok = false;
	char *text;
	const struct xm_tool *tool = xm_registry_tool(&xm_registry, "compile_sdk_code");
	ck_assert_ptr_nonnull(tool);
	struct xm_json *out = call("compile_sdk_code", tool->example_args, &is_error, &text);
	ck_assert(!is_error);
	ck_assert(xm_json_bool(xm_json_get(out, "ok"), &ok) && ok);
	ck_assert_ptr_nonnull(strstr(xm_json_string(xm_json_get(out, "xanoscript")),
		"query \"hello\" verb=GET {"));
	ck_assert_ptr_nonnull(strstr(text, "query \"hello\" verb=GET {"));
	xm_json_free(out);
	free(text);

	out = call("compile_sdk_code", "{\"code\":\"create('x', 'GET').dbGte('u')\","
		"\"no_fix\":true}", &is_error, &text);
	ck_assert(is_error);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(text, "code:1:20: error: not an SDK method"));
	/* The analysis went on with the repair: the errors past it too. */
	ck_assert_ptr_nonnull(strstr(text, "code:1:20: error: `dbGet` takes 2 to 4 arguments"));
	ck_assert_ptr_nonnull(strstr(text, "code:1:1: error: the builder chain does not end"));
	free(text);
}
END_TEST

START_TEST(validate_sdk_code)
{
	bool is_error, ok = true;
	char *text;
	const struct xm_tool *tool = xm_registry_tool(&xm_registry, "validate_sdk_code");
	ck_assert_ptr_nonnull(tool);
	struct xm_json *out = call("validate_sdk_code", tool->example_args, &is_error, &text);
	ck_assert(!is_error);
	ck_assert(xm_json_bool(xm_json_get(out, "ok"), &ok) && ok);
	ck_assert_ptr_null(xm_json_get(out, "xanoscript"));
	ck_assert_uint_eq(xm_json_len(xm_json_get(out, "fixes")), 1);
	xm_json_free(out);
	free(text);

	out = call("validate_sdk_code", "{\"code\":\"return create('x').var('a', '$x|lenght')"
		".build()\"}", &is_error, &text);
	ck_assert(!is_error);
	ck_assert(xm_json_bool(xm_json_get(out, "ok"), &ok) && !ok);
	const struct xm_json *d = xm_json_at(xm_json_get(out, "diagnostics"), 0);
	ck_assert_str_eq(xm_json_string(xm_json_get(d, "code")), "unknown-filter");
	xm_json_free(out);
	free(text);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-tools");
	TCase *tc = tcase_create("tools");
	tcase_add_test(tc, compile_sdk_code);
	tcase_add_test(tc, validate_sdk_code);
	suite_add_tcase(s, tc);
	return s;
}
