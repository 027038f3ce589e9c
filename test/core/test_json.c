#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"

static struct xm_json *parse(const char *text, struct xm_json_error *err)
{
	return xm_json_parse(text, strlen(text), NULL, err);
}

/* Re-serialises text through parse + gen_value. */
static char *roundtrip(const char *text)
{
	struct xm_json *v = parse(text, NULL);
	ck_assert_msg(v != NULL, "parse failed: %s", text);
	struct xm_buf out = XM_BUF_INIT;
	ck_assert(xm_json_write(v, &out));
	xm_json_free(v);
	return xm_buf_steal(&out);
}

START_TEST(getters_read_the_right_types)
{
	struct xm_json *v = parse("{\"s\":\"hi\",\"t\":true,\"f\":false,\"n\":null,"
			"\"i\":-42,\"d\":1.5,\"a\":[1,\"x\",{}],\"o\":{\"k\":0}}", NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(xm_json_type(v), XM_JSON_OBJECT);
	ck_assert_uint_eq(xm_json_len(v), 8);
	ck_assert_str_eq(xm_json_string(xm_json_get(v, "s")), "hi");
	bool b = false;
	ck_assert(xm_json_bool(xm_json_get(v, "t"), &b) && b);
	ck_assert(xm_json_bool(xm_json_get(v, "f"), &b) && !b);
	ck_assert(xm_json_is_null(xm_json_get(v, "n")));
	int64_t i = 0;
	ck_assert(xm_json_int64(xm_json_get(v, "i"), &i));
	ck_assert_int_eq(i, -42);
	double d = 0;
	ck_assert(xm_json_double(xm_json_get(v, "d"), &d));
	ck_assert(d == 1.5);
	ck_assert(!xm_json_is_integer(xm_json_get(v, "d")));
	const struct xm_json *a = xm_json_get(v, "a");
	ck_assert_uint_eq(xm_json_len(a), 3);
	ck_assert_str_eq(xm_json_string(xm_json_at(a, 1)), "x");
	ck_assert_ptr_null(xm_json_at(a, 3));
	ck_assert_str_eq(xm_json_key_at(v, 7), "o");
	ck_assert_ptr_null(xm_json_key_at(v, 8));
	ck_assert(xm_json_int64(xm_json_get(xm_json_value_at(v, 7), "k"), &i) && i == 0);
	xm_json_free(v);
}
END_TEST

START_TEST(wrong_types_never_crash)
{
	struct xm_json *v = parse("[\"s\", 1, null]", NULL);
	ck_assert_ptr_null(xm_json_get(v, "x"));
	ck_assert_ptr_null(xm_json_string(v));
	ck_assert_ptr_null(xm_json_key_at(v, 0));
	ck_assert_ptr_null(xm_json_value_at(v, 0));
	ck_assert_ptr_null(xm_json_at(xm_json_at(v, 0), 0));
	ck_assert_ptr_null(xm_json_string(xm_json_at(v, 1)));
	ck_assert(!xm_json_bool(xm_json_at(v, 0), NULL));
	ck_assert(!xm_json_int64(xm_json_at(v, 0), NULL));
	ck_assert(!xm_json_double(xm_json_at(v, 2), NULL));
	ck_assert_ptr_null(xm_json_number_text(xm_json_at(v, 0)));
	ck_assert_uint_eq(xm_json_len(xm_json_at(v, 1)), 0);
	/* NULL everywhere */
	ck_assert_int_eq(xm_json_type(NULL), XM_JSON_NONE);
	ck_assert_ptr_null(xm_json_get(NULL, "x"));
	ck_assert_ptr_null(xm_json_at(NULL, 0));
	ck_assert(!xm_json_is_null(NULL));
	ck_assert(!xm_json_is_integer(NULL));
	ck_assert_str_eq(xm_json_type_name(xm_json_type(NULL)), "nothing");
	xm_json_free(v);
	xm_json_free(NULL);
}
END_TEST

START_TEST(huge_integers_keep_their_text)
{
	struct xm_json *v = parse("[9223372036854775807, -9223372036854775808,"
			"9223372036854775808, 123456789012345678901234567890, -0, 1e3]", NULL);
	int64_t n;
	ck_assert(xm_json_int64(xm_json_at(v, 0), &n) && n == INT64_MAX);
	/* yajl flags this one as not an integer (lloyd/yajl#130); we do not. */
	ck_assert(xm_json_int64(xm_json_at(v, 1), &n) && n == INT64_MIN);
	ck_assert(xm_json_is_integer(xm_json_at(v, 2)));
	ck_assert(!xm_json_int64(xm_json_at(v, 2), &n));
	ck_assert_str_eq(xm_json_number_text(xm_json_at(v, 3)),
			"123456789012345678901234567890");
	ck_assert(xm_json_int64(xm_json_at(v, 4), &n) && n == 0);
	ck_assert(!xm_json_is_integer(xm_json_at(v, 5)));
	double d;
	ck_assert(xm_json_double(xm_json_at(v, 5), &d) && d == 1000.0);
	xm_json_free(v);

	char *s = roundtrip("{\"id\":123456789012345678901234567890}");
	ck_assert_str_eq(s, "{\"id\":123456789012345678901234567890}");
	free(s);
	/* a double too large for a double is a number, not a finite value */
	v = parse("1e999", NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert(!xm_json_double(v, &d));
	ck_assert_str_eq(xm_json_number_text(v), "1e999");
	xm_json_free(v);
}
END_TEST

START_TEST(duplicate_keys_first_wins)
{
	struct xm_json *v = parse("{\"a\":1,\"a\":2}", NULL);
	int64_t n;
	ck_assert(xm_json_int64(xm_json_get(v, "a"), &n));
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(xm_json_len(v), 2);
	xm_json_free(v);
}
END_TEST

START_TEST(deep_nesting_is_refused_before_yajl)
{
	size_t depth = 1000000;
	char *text = malloc(2 * depth + 1);
	memset(text, '[', depth);
	memset(text + depth, ']', depth);
	text[2 * depth] = '\0';
	struct xm_json_error err;
	struct xm_json *v = xm_json_parse(text, 2 * depth, NULL, &err);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(err.status, XM_JSON_TOO_DEEP);
	ck_assert_msg(strstr(err.message, "64") != NULL, "%s", err.message);
	free(text);

	/* exactly at the limit is fine; brackets inside strings do not count */
	struct xm_buf b = XM_BUF_INIT;
	xm_buf_addn(&b, '[', 64);
	xm_buf_adds(&b, "\"[[[[\\\"[[[\"");
	xm_buf_addn(&b, ']', 64);
	v = xm_json_parse(b.data, b.len, NULL, &err);
	ck_assert_ptr_nonnull(v);
	xm_json_free(v);
	xm_buf_reset(&b);
	xm_buf_addn(&b, '{', 1);
	for (int i = 0; i < 64; i++) {
		xm_buf_adds(&b, "\"k\":{");
	}
	xm_buf_addn(&b, '}', 65);
	ck_assert_ptr_null(xm_json_parse(b.data, b.len, NULL, &err));
	ck_assert_int_eq(err.status, XM_JSON_TOO_DEEP);
	xm_buf_finish(&b);
}
END_TEST

START_TEST(size_and_count_limits)
{
	struct xm_json_limits lim = { .max_bytes = 10, .max_depth = 8, .max_values = 3 };
	struct xm_json_error err;
	ck_assert_ptr_null(xm_json_parse("[1,2,3,4,5,6]", 13, &lim, &err));
	ck_assert_int_eq(err.status, XM_JSON_TOO_BIG);
	ck_assert_ptr_null(xm_json_parse("[1,2,3]", 7, &lim, &err));
	ck_assert_int_eq(err.status, XM_JSON_TOO_MANY);
	struct xm_json *v = xm_json_parse("[1,2]", 5, &lim, &err);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(err.status, XM_JSON_OK);
	xm_json_free(v);
}
END_TEST

START_TEST(nul_bytes_are_refused)
{
	const char text[] = "{\"a\":\"x\0y\"}";
	struct xm_json_error err;
	ck_assert_ptr_null(xm_json_parse(text, sizeof(text) - 1, NULL, &err));
	ck_assert_int_eq(err.status, XM_JSON_NUL_BYTE);
	ck_assert_ptr_null(parse("{\"a\":\"x\\u0000y\"}", &err));
	ck_assert_int_eq(err.status, XM_JSON_NUL_BYTE);
	/* other escapes are fine */
	struct xm_json *v = parse("\"\\u0001\\u00e9\\n\"", &err);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(xm_json_string(v), "\x01\xc3\xa9\n");
	xm_json_free(v);
}
END_TEST

START_TEST(syntax_errors_are_one_clean_line)
{
	const char *bad[] = {
		"", "{", "{\"a\":}", "[1,]", "nul", "{} {}", "{\"a\":1 /* c */}",
		"\"\xff\"", "\"\xc0\xaf\"", "'x'", "[01]", "\"\x01\"", "@@@@\xfe\xfe",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct xm_json_error err;
		struct xm_json *v = parse(bad[i], &err);
		ck_assert_msg(v == NULL, "accepted: %s", bad[i]);
		ck_assert_int_eq(err.status, XM_JSON_SYNTAX);
		ck_assert(err.message[0] != '\0');
		for (const char *p = err.message; *p; p++) {
			ck_assert(*p >= 0x20 && *p < 0x7f);
		}
	}
}
END_TEST

START_TEST(generator_builds_compact_json)
{
	struct xm_buf out = XM_BUF_INIT;
	struct xm_json_gen *g = xm_json_gen_create(&out);
	xm_json_gen_begin_object(g);
	xm_json_gen_kstring(g, "s", "line1\nline2\t\"q\"\\ \x01\x1f");
	xm_json_gen_kint(g, "i", INT64_MIN);
	xm_json_gen_kbool(g, "b", true);
	xm_json_gen_key(g, "n");
	xm_json_gen_null(g);
	xm_json_gen_key(g, "d");
	xm_json_gen_double(g, 0.1);
	xm_json_gen_key(g, "a");
	xm_json_gen_begin_array(g);
	xm_json_gen_double(g, 1e300);
	xm_json_gen_raw_number(g, "-12.5e-3", 8);
	xm_json_gen_string_len(g, "a\0b", 3);
	xm_json_gen_end_array(g);
	xm_json_gen_end_object(g);
	ck_assert(xm_json_gen_ok(g));
	ck_assert_str_eq(out.data, "{\"s\":\"line1\\nline2\\t\\\"q\\\"\\\\ \\u0001\\u001F\","
			"\"i\":-9223372036854775808,\"b\":true,\"n\":null,\"d\":0.1,"
			"\"a\":[1e+300,-12.5e-3,\"a\\u0000b\"]}");
	ck_assert_ptr_null(strchr(out.data, '\n'));
	xm_json_gen_destroy(g);
	xm_buf_finish(&out);
}
END_TEST

START_TEST(generator_failures_stick)
{
	struct xm_buf out = XM_BUF_INIT;
	struct xm_json_gen *g = xm_json_gen_create(&out);

	xm_json_gen_string(g, "\xff");
	ck_assert(!xm_json_gen_ok(g));
	ck_assert(!xm_json_gen_null(g));
	xm_json_gen_reset(g);
	ck_assert(xm_json_gen_ok(g));

	ck_assert(!xm_json_gen_double(g, NAN));
	xm_json_gen_reset(g);
	ck_assert(!xm_json_gen_double(g, INFINITY));
	xm_json_gen_reset(g);
	ck_assert(!xm_json_gen_raw_number(g, "01", 2));
	xm_json_gen_reset(g);
	ck_assert(!xm_json_gen_raw_number(g, "1,2", 3));
	xm_json_gen_reset(g);
	ck_assert(!xm_json_gen_raw_number(g, "1.", 2));
	xm_json_gen_reset(g);
	/* a value where a key belongs, a key in an array, a second root */
	xm_json_gen_begin_object(g);
	ck_assert(!xm_json_gen_int(g, 1));
	xm_json_gen_reset(g);
	xm_json_gen_begin_array(g);
	ck_assert(!xm_json_gen_key(g, "k"));
	xm_json_gen_reset(g);
	xm_json_gen_int(g, 1);
	ck_assert(!xm_json_gen_int(g, 2));
	xm_json_gen_reset(g);
	xm_json_gen_begin_array(g);
	ck_assert(!xm_json_gen_end_object(g));
	xm_json_gen_reset(g);
	/* depth beyond yajl's 128 */
	for (int i = 0; i < XM_JSON_DEPTH_MAX; i++) {
		ck_assert(xm_json_gen_begin_array(g));
	}
	ck_assert(!xm_json_gen_begin_array(g));
	xm_json_gen_destroy(g);
	xm_buf_finish(&out);
}
END_TEST

START_TEST(lossy_text_replaces_bad_bytes)
{
	struct xm_buf out = XM_BUF_INIT;
	struct xm_json_gen *g = xm_json_gen_create(&out);
	ck_assert(xm_json_gen_text(g, "a\xff" "b\xed\xa0\x80" "c\xc3\xa9", 9));
	ck_assert_str_eq(out.data, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			"c\xc3\xa9\"");
	xm_json_gen_destroy(g);
	xm_buf_finish(&out);
	ck_assert(xm_json_utf8_valid("\xf0\x9f\x98\x80", 4));
	ck_assert(!xm_json_utf8_valid("\xf4\x90\x80\x80", 4));
	ck_assert(!xm_json_utf8_valid("\xe0\x80\x80", 3));
	ck_assert(!xm_json_utf8_valid("\xc3", 1));
}
END_TEST

START_TEST(doubles_round_trip_shortest)
{
	double vals[] = { 0.1, 1.0 / 3.0, -0.0, 5e-324, 1.7976931348623157e308, 123.0 };
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		struct xm_buf out = XM_BUF_INIT;
		struct xm_json_gen *g = xm_json_gen_create(&out);
		ck_assert(xm_json_gen_double(g, vals[i]));
		struct xm_json *v = xm_json_parse(out.data, out.len, NULL, NULL);
		double d;
		ck_assert(xm_json_double(v, &d));
		ck_assert(d == vals[i]);
		xm_json_free(v);
		xm_json_gen_destroy(g);
		xm_buf_finish(&out);
	}
}
END_TEST

START_TEST(copy_preserves_everything)
{
	const char *text = "{\"a\":[1,-0,2.50,{\"b\":null,\"b\":false}],\"\xc3\xa9\":\"\\u2028\"}";
	char *s = roundtrip(text);
	ck_assert_str_eq(s, "{\"a\":[1,-0,2.50,{\"b\":null,\"b\":false}],"
			"\"\xc3\xa9\":\"\xe2\x80\xa8\"}");
	free(s);
	/* several values appended to one buffer */
	struct xm_buf out = XM_BUF_INIT;
	struct xm_json_gen *g = xm_json_gen_create(&out);
	xm_json_gen_int(g, 1);
	xm_json_gen_reset(g);
	xm_json_gen_value(g, NULL);
	ck_assert_str_eq(out.data, "1null");
	xm_json_gen_destroy(g);
	xm_buf_finish(&out);
}
END_TEST

START_TEST(text_need_not_be_terminated)
{
	const char text[] = "{\"a\":\"xy\"}TRAILING";
	struct xm_json_error err;
	struct xm_json *v = xm_json_parse(text, 10, NULL, &err);
	ck_assert_msg(v != NULL, "%s", err.message);
	ck_assert_str_eq(xm_json_string(xm_json_get(v, "a")), "xy");
	ck_assert_uint_eq(xm_json_string_len(xm_json_get(v, "a")), 2);
	ck_assert_uint_eq(xm_json_string_len(v), 0);
	xm_json_free(v);
	ck_assert_ptr_null(xm_json_parse(text, sizeof(text) - 1, NULL, &err));
	ck_assert_int_eq(err.status, XM_JSON_SYNTAX);
	ck_assert_ptr_null(xm_json_parse("   ", 3, NULL, &err));
	ck_assert_int_eq(err.status, XM_JSON_SYNTAX);
	/* scalars are documents too */
	v = xm_json_parse("-12.5e3 ", 8, NULL, &err);
	ck_assert_str_eq(xm_json_number_text(v), "-12.5e3");
	xm_json_free(v);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");
	tcase_add_test(tc, getters_read_the_right_types);
	tcase_add_test(tc, wrong_types_never_crash);
	tcase_add_test(tc, huge_integers_keep_their_text);
	tcase_add_test(tc, duplicate_keys_first_wins);
	tcase_add_test(tc, deep_nesting_is_refused_before_yajl);
	tcase_add_test(tc, size_and_count_limits);
	tcase_add_test(tc, nul_bytes_are_refused);
	tcase_add_test(tc, syntax_errors_are_one_clean_line);
	tcase_add_test(tc, generator_builds_compact_json);
	tcase_add_test(tc, generator_failures_stick);
	tcase_add_test(tc, lossy_text_replaces_bad_bytes);
	tcase_add_test(tc, doubles_round_trip_shortest);
	tcase_add_test(tc, copy_preserves_everything);
	tcase_add_test(tc, text_need_not_be_terminated);
	suite_add_tcase(s, tc);
	return s;
}
