/*
 * Every diagnostic code the language layer can produce is documented in
 * man/xano-mcp-xanoscript.7.scd as `*code*`, and the page documents no code
 * that the sources no longer produce. Codes are the string literals of
 * src/xs/{lex,parse,validate}.c that look like codes: lowercase words joined
 * by hyphens, plus the one-word "syntax".
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"

static bool is_code(const char *s, size_t len)
{
	if (len == 6 && memcmp(s, "syntax", 6) == 0) {
		return true;
	}
	bool hyphen = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '-') {
			if (i == 0 || i + 1 == len || s[i - 1] == '-') {
				return false;
			}
			hyphen = true;
		} else if (s[i] < 'a' || s[i] > 'z') {
			return false;
		}
	}
	return hyphen;
}

/* Appends the codes found in the string literals of text, one per line. */
static void collect(const char *text, struct xm_buf *codes)
{
	for (const char *p = strchr(text, '"'); p; p = strchr(p + 1, '"')) {
		const char *end = strchr(p + 1, '"');
		if (!end) {
			break;
		}
		size_t len = (size_t)(end - p - 1);
		if (is_code(p + 1, len) && (p == text || p[-1] != '\\')) {
			xm_buf_addf(codes, "%.*s\n", (int)len, p + 1);
		}
		p = end;
	}
}

START_TEST(every_code_is_documented)
{
	static const char *const sources[] = {
		"src/xs/lex.c", "src/xs/parse.c", "src/xs/validate.c",
	};
	struct xm_buf codes = XM_BUF_INIT;
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		char *path = xm_test_source_path(sources[i]);
		char *text = xm_test_read_file(path, NULL);
		collect(text, &codes);
		free(text);
		free(path);
	}
	char *page_path = xm_test_source_path("man/xano-mcp-xanoscript.7.scd");
	char *page = xm_test_read_file(page_path, NULL);
	struct xm_buf missing = XM_BUF_INIT;
	size_t n = 0;
	char *save = NULL;
	for (char *code = strtok_r(codes.data, "\n", &save); code;
			code = strtok_r(NULL, "\n", &save)) {
		struct xm_buf entry = XM_BUF_INIT;
		xm_buf_addf(&entry, "\n*%s*", code);
		if (!strstr(page, xm_buf_str(&entry)) && !strstr(xm_buf_str(&missing), code)) {
			xm_buf_addf(&missing, " %s", code);
		}
		xm_buf_finish(&entry);
		n++;
	}
	ck_assert_uint_gt(n, 40);
	ck_assert_msg(missing.len == 0, "undocumented in man/xano-mcp-xanoscript.7.scd:%s",
		xm_buf_str(&missing));
	xm_buf_finish(&missing);
	free(page);
	free(page_path);
	xm_buf_finish(&codes);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-diag-docs");
	TCase *tc = tcase_create("docs");
	tcase_add_test(tc, every_code_is_documented);
	suite_add_tcase(s, tc);
	return s;
}
