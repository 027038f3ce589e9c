/*
 * man/xano-mcp-sdk.7.scd shows SDK code followed by "becomes" and the
 * XanoScript it compiles to. Every such pair must hold: a snippet starting
 * with `.` is compiled inside createFunction('example') and compared with
 * the statements of its stack; a whole program with the whole output. And
 * every method of the catalogue must be documented.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/ops/compile.h"
#include "xano-mcp/sdk/methods.h"

/* The next ``` block at or after *p: its text (malloc'd), or NULL. */
static char *next_block(const char **p)
{
	const char *open = strstr(*p, "\n```\n");
	if (!open) {
		return NULL;
	}
	const char *start = open + 5;
	const char *close = strstr(start, "\n```\n");
	if (!close) {
		return NULL;
	}
	*p = close + 4;
	char *s = malloc((size_t)(close - start) + 2);
	memcpy(s, start, (size_t)(close - start));
	s[close - start] = '\n';
	s[close - start + 1] = '\0';
	return s;
}

/* The stack statements of a compiled function, dedented by four. */
static void stack_of(const char *xs, struct xm_buf *out)
{
	const char *s = strstr(xs, "\n  stack {\n");
	ck_assert_ptr_nonnull(s);
	s += strlen("\n  stack {\n");
	const char *end = strstr(s, "\n  }\n");
	const char *e;
	while (end && (e = strstr(end + 1, "\n  }\n"))) {
		end = e;
	}
	ck_assert_ptr_nonnull(end);
	while (s <= end) {
		const char *nl = strchr(s, '\n');
		size_t n = (size_t)(nl - s);
		xm_buf_add(out, n >= 4 ? s + 4 : s, n >= 4 ? n - 4 : n);
		xm_buf_addc(out, '\n');
		s = nl + 1;
	}
}

START_TEST(examples_hold)
{
	char *path = xm_test_source_path("man/xano-mcp-sdk.7.scd");
	char *page = xm_test_read_file(path, NULL);
	const char *p = page;
	char *prev = NULL, *block;
	size_t pairs = 0;
	struct xm_buf problems = XM_BUF_INIT;
	while ((block = next_block(&p))) {
		if (prev) {
			struct xm_buf code = XM_BUF_INIT, got = XM_BUF_INIT;
			bool snippet = prev[0] == '.';
			if (snippet) {
				xm_buf_addf(&code, "return createFunction('example')\n%s"
					".build()\n", prev);
			} else {
				xm_buf_adds(&code, prev);
			}
			struct xm_compile_result r;
			xm_compile_result_init(&r);
			if (!xm_compile_sdk(code.data, code.len, NULL, &r)) {
				xm_buf_addf(&problems, "does not compile:\n%s\n%s\n", prev,
					r.diags.len ? r.diags.items[0].message : "");
			} else {
				if (snippet) {
					stack_of(r.xanoscript, &got);
				} else {
					xm_buf_adds(&got, r.xanoscript);
				}
				if (strcmp(got.data, block) != 0) {
					xm_buf_addf(&problems,
						"the page says\n%s\nbut the compiler says\n"
						"%s\n", block, got.data);
				}
			}
			pairs++;
			xm_compile_result_finish(&r);
			xm_buf_finish(&code);
			xm_buf_finish(&got);
			free(prev);
			free(block);
			prev = NULL;
			continue;
		}
		/* A block followed by "becomes" starts a pair. */
		if (strncmp(p, "\n\nbecomes\n", 10) == 0) {
			prev = block;
		} else {
			free(block);
		}
	}
	free(prev);
	ck_assert_uint_ge(pairs, 25);
	ck_assert_msg(problems.len == 0, "\n%s", xm_buf_str(&problems));

	for (size_t i = 0; i < XM_SDK_M_COUNT; i++) {
		char want[64];
		snprintf(want, sizeof(want), "%s(", xm_sdk_methods[i].name);
		ck_assert_msg(strstr(page, want) != NULL, "man/xano-mcp-sdk.7.scd does not "
			"document %s", xm_sdk_methods[i].name);
	}
	xm_buf_finish(&problems);
	free(page);
	free(path);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-manpage");
	TCase *tc = tcase_create("manpage");
	tcase_add_test(tc, examples_hold);
	suite_add_tcase(s, tc);
	return s;
}
