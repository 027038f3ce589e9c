/*
 * `xano-mcp check` and `xano-mcp fmt` as a user runs them: exit statuses,
 * compiler-style output, --json, stdin, --check and --write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"

static const char good[] =
	"function \"hello\" {\n"
	"  input {\n"
	"    text name?\n"
	"  }\n"
	"  stack {\n"
	"    var $greeting {\n"
	"      value = \"Hello \" ~ $input.name\n"
	"    }\n"
	"  }\n"
	"  response = $greeting\n"
	"}\n";

static const char bad[] =
	"function \"hello\" {\n"
	"  input {\n"
	"    string name?\n"
	"  }\n"
	"  stack {\n"
	"  }\n"
	"  response = null\n"
	"}\n";

/* Same program as good, laid out badly. */
static const char messy[] =
	"function \"hello\" {\n"
	"    input {\n"
	"      text name?\n"
	"    }\n"
	"  stack {\n"
	"    var $greeting { value = \"Hello \" ~ $input.name }\n"
	"  }\n"
	"  response = $greeting\n"
	"}\n";

static char *write_temp(const char *dir, const char *name, const char *text)
{
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/%s", dir, name);
	FILE *f = fopen(xm_buf_str(&path), "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return xm_buf_steal(&path);
}

static int run(struct xm_run *r, const char *a1, const char *a2, const char *a3,
		const char *a4)
{
	const char *argv[] = { xm_test_bin(), a1, a2, a3, a4, NULL };
	return xm_test_run(r, argv);
}

START_TEST(check_statuses_and_output)
{
	char *dir = xm_test_tmpdir();
	char *g = write_temp(dir, "good.xs", good);
	char *b = write_temp(dir, "bad.xs", bad);
	struct xm_run r = { 0 };
	ck_assert_int_eq(run(&r, "check", g, NULL, NULL), 0);
	ck_assert_str_eq(r.out, "");
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "check", g, b, NULL), 1);
	ck_assert_ptr_nonnull(strstr(r.out, "bad.xs:3:5: error: `string` is not a XanoScript "
		"type [unknown-type]\n    3 |     string name?\n      |     ^~~~~~\n"
		"      = suggestion: write `text`\n"));
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	r.stdin_text = bad;
	ck_assert_int_eq(run(&r, "check", "-", NULL, NULL), 1);
	ck_assert_ptr_nonnull(strstr(r.out, "<stdin>:3:5: error:"));
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "check", "--json", g, b), 1);
	ck_assert_ptr_nonnull(strstr(r.out, "{\"files\":[{\"file\":"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"valid\":true,\"summary\":\"0 errors, 0 "
		"warnings\""));
	ck_assert_ptr_nonnull(strstr(r.out, "{\"severity\":\"error\",\"line\":3,\"column\":5,"
		"\"endColumn\":11,\"code\":\"unknown-type\",\"message\":\"`string` is not a "
		"XanoScript type\",\"suggestion\":\"write `text`\"}"));
	ck_assert_ptr_nonnull(strstr(r.out, "],\"valid\":false}\n"));
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "check", NULL, NULL, NULL), 2);
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "check", "--bogus", g, NULL), 2);
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "check", "/nonexistent/x.xs", NULL, NULL), 1);
	ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/x.xs"));
	xm_run_finish(&r);

	free(g);
	free(b);
	xm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(fmt_print_check_write)
{
	char *dir = xm_test_tmpdir();
	char *m = write_temp(dir, "messy.xs", messy);
	char *g = write_temp(dir, "good.xs", good);
	char *b = write_temp(dir, "broken.xs", "function \"f\" {\n  stack {\n");
	struct xm_run r = { 0 };
	ck_assert_int_eq(run(&r, "fmt", m, NULL, NULL), 0);
	ck_assert_str_eq(r.out, good);
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "fmt", "--check", g, m), 1);
	ck_assert_str_eq(strstr(r.out, "messy.xs\n") ? "found" : r.out, "found");
	ck_assert_ptr_null(strstr(r.out, "good.xs"));
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "fmt", "--check", g, NULL), 0);
	ck_assert_str_eq(r.out, "");
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "fmt", "-w", m, NULL), 0);
	ck_assert_str_eq(r.out, "");
	xm_run_finish(&r);
	char *after = xm_test_read_file(m, NULL);
	ck_assert_str_eq(after, good);
	free(after);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "fmt", b, NULL, NULL), 1);
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(strstr(r.err, "syntax errors"));
	xm_run_finish(&r);

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(run(&r, "fmt", "--check", "-w", g), 2);
	xm_run_finish(&r);

	free(m);
	free(g);
	free(b);
	xm_test_rmtree(dir);
	free(dir);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("cli-check-fmt");
	TCase *tc = tcase_create("check-fmt");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, check_statuses_and_output);
	tcase_add_test(tc, fmt_print_check_write);
	suite_add_tcase(s, tc);
	return s;
}
