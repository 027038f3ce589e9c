/*
 * Every SDK file of the example app (examples/app) compiles cleanly: no
 * errors, no repairs needed, and the XanoScript passes our parser and
 * validator (which the compile pipeline runs on its own output).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/ops/compile.h"

static void walk(const char *dir, struct xm_buf *problems, size_t *count, unsigned depth)
{
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') {
			continue;
		}
		char path[2048];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".js") == 0) {
			size_t n;
			char *code = xm_test_read_file(path, &n);
			struct xm_compile_result r;
			xm_compile_result_init(&r);
			if (!xm_compile_sdk(code, n, NULL, &r) || r.fixes.len) {
				struct xm_buf text = XM_BUF_INIT;
				xm_diags_render_text(&r.diags, path, r.source, r.source_len, false,
					&text);
				xm_buf_addf(problems, "%s: %s, %zu repairs\n%s", path,
					r.ok ? "compiled" : "failed", r.fixes.len,
					xm_buf_str(&text));
				xm_buf_finish(&text);
			}
			xm_compile_result_finish(&r);
			free(code);
			(*count)++;
		} else if (depth < 4 && !strchr(e->d_name, '.')) {
			walk(path, problems, count, depth + 1);
		}
	}
	closedir(d);
}

START_TEST(app_compiles)
{
	char *dir = xm_test_source_path("examples/app");
	struct xm_buf problems = XM_BUF_INIT;
	size_t count = 0;
	walk(dir, &problems, &count, 0);
	ck_assert_uint_ge(count, 15);
	ck_assert_msg(problems.len == 0, "\n%s", xm_buf_str(&problems));
	xm_buf_finish(&problems);
	free(dir);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-examples");
	TCase *tc = tcase_create("examples");
	tcase_add_test(tc, app_compiles);
	suite_add_tcase(s, tc);
	return s;
}
