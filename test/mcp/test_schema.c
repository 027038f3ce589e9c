#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/mcp/schema.h"

static const char *schema_text =
	"{\"type\":\"object\",\"additionalProperties\":false,"
	"\"required\":[\"code\"],"
	"\"properties\":{"
	"\"code\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":5},"
	"\"mode\":{\"enum\":[\"a\",\"b\"]},"
	"\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},"
	"\"x\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1},"
	"\"tags\":{\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"string\"}},"
	"\"opt\":{\"type\":[\"string\",\"null\"]},"
	"\"any\":{\"anyOf\":[{\"type\":\"integer\",\"minimum\":0},{\"type\":\"null\"}]},"
	"\"k\":{\"const\":true}}}";

static char *check(const char *args)
{
	struct xm_json *schema = xm_json_parse(schema_text, strlen(schema_text), NULL, NULL);
	struct xm_json *v = xm_json_parse(args, strlen(args), NULL, NULL);
	ck_assert_ptr_nonnull(schema);
	ck_assert_ptr_nonnull(v);
	struct xm_buf errors = XM_BUF_INIT;
	bool ok = xm_schema_validate(schema, v, "arguments", &errors);
	ck_assert(ok == (errors.len == 0));
	xm_json_free(schema);
	xm_json_free(v);
	return xm_buf_steal(&errors);
}

static void expect(const char *args, const char *want)
{
	char *got = check(args);
	if (!want) {
		ck_assert_msg(got[0] == '\0', "%s: unexpected %s", args, got);
	} else {
		ck_assert_msg(strstr(got, want) != NULL, "%s: want '%s' in '%s'", args, want,
				got);
	}
	free(got);
}

START_TEST(valid_arguments_pass)
{
	expect("{\"code\":\"abc\"}", NULL);
	expect("{\"code\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\",\"mode\":\"b\",\"n\":10,"
			"\"x\":0.5,\"tags\":[\"a\",\"b\"],\"opt\":null,\"k\":true}", NULL);
	expect("{\"code\":\"a\",\"n\":3.0}", NULL);
	expect("{\"code\":\"a\",\"any\":null}", NULL);
	expect("{\"code\":\"a\",\"any\":4}", NULL);
}
END_TEST

START_TEST(violations_are_named)
{
	expect("{}", "- arguments: missing required property \"code\"");
	expect("{\"code\":5}", "- arguments.code: expected string, got number");
	expect("{\"code\":\"\"}", "arguments.code: must have at least 1 characters (has 0)");
	expect("{\"code\":\"123456\"}", "must have at most 5 characters");
	expect("{\"code\":\"a\",\"mode\":\"c\"}", "arguments.mode: must be one of \"a\", \"b\"");
	expect("{\"code\":\"a\",\"n\":0}", "arguments.n: must be at least 1");
	expect("{\"code\":\"a\",\"n\":11}", "arguments.n: must be at most 10");
	expect("{\"code\":\"a\",\"n\":1.5}", "arguments.n: expected integer, got number");
	expect("{\"code\":\"a\",\"x\":1}", "arguments.x: must be less than 1");
	expect("{\"code\":\"a\",\"x\":0}", "arguments.x: must be greater than 0");
	expect("{\"code\":\"a\",\"tags\":[1]}", "arguments.tags[0]: expected string");
	expect("{\"code\":\"a\",\"tags\":[\"a\",\"b\",\"c\"]}", "must have at most 2 items");
	expect("{\"code\":\"a\",\"opt\":1}", "expected string or null, got number");
	expect("{\"code\":\"a\",\"k\":false}", "arguments.k: must be true");
	expect("{\"code\":\"a\",\"any\":\"x\"}",
			"arguments.any: expected integer or null, got string");
	expect("{\"code\":\"a\",\"any\":-1}", "arguments.any: must be at least 0");
	expect("{\"code\":\"a\",\"zzz\":1}", "unknown property \"zzz\" (known: code, mode");
	expect("{\"code\":\"a\",\"code\":\"b\"}", "property \"code\" appears more than once");
	expect("[]", "arguments: expected object, got array");
}
END_TEST

START_TEST(error_list_is_bounded)
{
	struct xm_buf args = XM_BUF_INIT;
	xm_buf_adds(&args, "{\"code\":\"a\"");
	for (int i = 0; i < 100; i++) {
		xm_buf_addf(&args, ",\"u%d\":1", i);
	}
	xm_buf_addc(&args, '}');
	char *got = check(args.data);
	size_t lines = 0;
	for (char *p = got; *p; p++) {
		lines += *p == '\n';
	}
	ck_assert_uint_eq(lines, 20);
	ck_assert(strstr(got, "more problems not shown") != NULL);
	free(got);
	xm_buf_finish(&args);
}
END_TEST

START_TEST(schema_check_flags_unknown_keywords)
{
	const char *bad = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\","
		"\"pattern\":\"x\"},\"b\":{\"type\":\"strin\"}},\"minLength\":-1}";
	struct xm_json *s = xm_json_parse(bad, strlen(bad), NULL, NULL);
	struct xm_buf problems = XM_BUF_INIT;
	ck_assert(!xm_schema_check(s, &problems));
	ck_assert(strstr(problems.data, "schema.properties.a.pattern: keyword not supported"));
	ck_assert(strstr(problems.data, "schema.properties.b.type: unknown type"));
	ck_assert(strstr(problems.data, "schema.minLength: must be a non-negative integer"));
	xm_json_free(s);
	xm_buf_finish(&problems);
	s = xm_json_parse(schema_text, strlen(schema_text), NULL, NULL);
	ck_assert(xm_schema_check(s, &problems));
	xm_json_free(s);
}
END_TEST

START_TEST(equality_is_deep)
{
	const char *a = "[{\"x\":[1,2.0,\"s\",null,true]},{\"y\":1}]";
	const char *b = "[{\"x\":[1.0,2,\"s\",null,true]},{\"y\":1}]";
	const char *c = "[{\"x\":[1,2,\"s\",null,false]},{\"y\":1}]";
	struct xm_json *ja = xm_json_parse(a, strlen(a), NULL, NULL);
	struct xm_json *jb = xm_json_parse(b, strlen(b), NULL, NULL);
	struct xm_json *jc = xm_json_parse(c, strlen(c), NULL, NULL);
	ck_assert(xm_schema_equal(ja, jb));
	ck_assert(!xm_schema_equal(ja, jc));
	ck_assert(!xm_schema_equal(ja, NULL));
	xm_json_free(ja);
	xm_json_free(jb);
	xm_json_free(jc);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("schema");
	tcase_add_test(tc, valid_arguments_pass);
	tcase_add_test(tc, violations_are_named);
	tcase_add_test(tc, error_list_is_bounded);
	tcase_add_test(tc, schema_check_flags_unknown_keywords);
	tcase_add_test(tc, equality_is_deep);
	suite_add_tcase(s, tc);
	return s;
}
