#include <string.h>

#include "harness.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/log.h"

#undef LOG_MODULE
#define LOG_MODULE "test"

START_TEST(levels_filter_and_go_to_sink)
{
	struct xm_capture cap;
	xm_capture_init(&cap);
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, cap.f);
	LOG_DBG("hidden %d", 1);
	LOG_INFO("hidden too");
	LOG_WARN("shown %s", "warning");
	const char *text = xm_capture_text(&cap);
	ck_assert_ptr_null(strstr(text, "hidden"));
	ck_assert_ptr_nonnull(strstr(text, "warn  [test] shown warning\n"));
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, NULL);
	xm_capture_finish(&cap);
}
END_TEST

START_TEST(secrets_are_redacted)
{
	struct xm_capture cap;
	xm_capture_init(&cap);
	xm_log_init(XM_LOG_DEBUG, XM_LOG_FORMAT_TEXT, cap.f);
	xm_log_add_secret("tok-123456");
	LOG_ERR("Authorization: Bearer tok-123456 and again tok-123456");
	xm_log_clear_secrets();
	LOG_ERR("after clear tok-123456");
	const char *text = xm_capture_text(&cap);
	ck_assert_ptr_nonnull(strstr(text, "Bearer [REDACTED] and again [REDACTED]"));
	ck_assert_ptr_nonnull(strstr(text, "after clear tok-123456"));
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, NULL);
	xm_capture_finish(&cap);
}
END_TEST

START_TEST(json_lines_escape)
{
	struct xm_capture cap;
	xm_capture_init(&cap);
	xm_log_init(XM_LOG_INFO, XM_LOG_FORMAT_JSON, cap.f);
	LOG_INFO("line\nbreak \"q\" \x01");
	const char *text = xm_capture_text(&cap);
	ck_assert_ptr_nonnull(strstr(text,
		"\"level\":\"info\",\"module\":\"test\",\"message\":\"line\\nbreak \\\"q\\\" \\u0001\"}\n"));
	/* One message, one line. */
	ck_assert_ptr_eq(strchr(text, '\n'), text + strlen(text) - 1);
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, NULL);
	xm_capture_finish(&cap);
}
END_TEST

START_TEST(json_lines_survive_bad_utf8)
{
	struct xm_capture cap;
	xm_capture_init(&cap);
	xm_log_init(XM_LOG_INFO, XM_LOG_FORMAT_JSON, cap.f);
	LOG_INFO("quoted \xff\xc3 input");
	const char *text = xm_capture_text(&cap);
	struct xm_json *line = xm_json_parse(text, strlen(text), NULL, NULL);
	ck_assert_msg(line != NULL, "not JSON: %s", text);
	ck_assert_str_eq(xm_json_string(xm_json_get(line, "message")),
		"quoted \xef\xbf\xbd\xef\xbf\xbd input");
	xm_json_free(line);
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, NULL);
	xm_capture_finish(&cap);
}
END_TEST

START_TEST(level_names_parse)
{
	enum xm_log_level level;
	ck_assert(xm_log_level_parse("debug", &level));
	ck_assert_int_eq(level, XM_LOG_DEBUG);
	ck_assert(xm_log_level_parse("warning", &level));
	ck_assert_int_eq(level, XM_LOG_WARN);
	ck_assert(!xm_log_level_parse("loud", &level));
	ck_assert_str_eq(xm_log_level_name(XM_LOG_ERROR), "error");
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-log");
	TCase *tc = tcase_create("log");
	tcase_add_test(tc, levels_filter_and_go_to_sink);
	tcase_add_test(tc, secrets_are_redacted);
	tcase_add_test(tc, json_lines_escape);
	tcase_add_test(tc, json_lines_survive_bad_utf8);
	tcase_add_test(tc, level_names_parse);
	suite_add_tcase(s, tc);
	return s;
}
