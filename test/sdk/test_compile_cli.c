/*
 * `xano-mcp compile` as a program: XanoScript on stdout, repairs and
 * diagnostics on stderr, exit statuses, --json, --no-fix, stdin, limits.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/json.h"

static int compile(struct xm_run *run, const char *code, const char *opt1, const char *opt2)
{
	memset(run, 0, sizeof(*run));
	run->stdin_text = code;
	const char *argv[6] = {xm_test_bin(), "compile"};
	size_t n = 2;
	if (opt1) {
		argv[n++] = opt1;
	}
	if (opt2) {
		argv[n++] = opt2;
	}
	argv[n++] = "-";
	argv[n] = NULL;
	return xm_test_run(run, argv);
}

START_TEST(success_to_stdout)
{
	struct xm_run run;
	ck_assert_int_eq(compile(&run, "return create('hello', 'get').response('hi').build()",
		NULL, NULL), 0);
	ck_assert_str_eq(run.out, "query \"hello\" verb=GET {\n  input {\n  }\n  stack {\n  }\n"
		"  response = \"hi\"\n}\n");
	ck_assert_str_eq(run.err, "<stdin>:1:24: fixed: upper-cased the verb `get`\n");
	xm_run_finish(&run);
}
END_TEST

START_TEST(errors_to_stderr)
{
	struct xm_run run;
	ck_assert_int_eq(compile(&run, "return create('x', 'GET')\n  .dbGte('user')\n  .build()",
		"--no-fix", NULL), 1);
	ck_assert_str_eq(run.out, "");
	ck_assert_ptr_nonnull(strstr(run.err, "<stdin>:2:4: error: not an SDK method "
		"(automatic repairs are off) [unknown-method]\n    2 |   .dbGte('user')\n"));
	ck_assert_ptr_nonnull(strstr(run.err, "= suggestion: write `dbGet`"));
	xm_run_finish(&run);
}
END_TEST

/* With --no-fix, a text repair is an error, and the compile goes on with
 * the repaired text: the errors of the later phases come in the same run. */
START_TEST(no_fix_all_at_once)
{
	struct xm_run run;
	const char *code = "return create('x', 'GET')\n"
		"  .var(\xe2\x80\x98" "a\xe2\x80\x99, 1)\n"
		"  .precondition('$a > 1', 'no', 'teapot')\n"
		"  .response('$a')\n  .build(),\n";
	ck_assert_int_eq(compile(&run, code, "--no-fix", NULL), 1);
	ck_assert_str_eq(run.out, "");
	ck_assert_ptr_nonnull(strstr(run.err, "<stdin>:2:8: error: typographic quotes do "
		"not delimit strings (automatic repairs are off) [smart-quotes]\n"));
	ck_assert_ptr_nonnull(strstr(run.err, "= suggestion: write ' instead"));
	ck_assert_ptr_nonnull(strstr(run.err, "<stdin>:3:33: error: unknown error type [bad-argument]"));
	ck_assert_ptr_nonnull(strstr(run.err, "[trailing-comma]"));
	ck_assert_ptr_null(strstr(run.err, "fixed:"));
	xm_run_finish(&run);

	/* The same code with repairs: fixed, and the one real error. */
	ck_assert_int_eq(compile(&run, code, NULL, NULL), 1);
	ck_assert_ptr_nonnull(strstr(run.err, "<stdin>:2:8: fixed: replaced typographic "
		"quotes with '\n"));
	ck_assert_ptr_nonnull(strstr(run.err, "<stdin>:3:33: error: unknown error type [bad-argument]"));
	xm_run_finish(&run);

	/* JSON: the errors, no XanoScript, and the repaired text the
	 * positions refer to. */
	ck_assert_int_eq(compile(&run, code, "--json", "--no-fix"), 1);
	struct xm_json *v = xm_json_parse(run.out, strlen(run.out), NULL, NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(xm_json_get(v, "source"));
	ck_assert_int_eq(xm_json_type(xm_json_get(v, "xanoscript")), XM_JSON_NULL);
	xm_json_free(v);
	xm_run_finish(&run);
}
END_TEST

START_TEST(json_output)
{
	struct xm_run run;
	ck_assert_int_eq(compile(&run, "// one\nreturn createFunction('f')\n  .var('a', 1)\n"
		"  .response('$a')\n  .build()\n", "--json", NULL), 0);
	struct xm_json *v = xm_json_parse(run.out, strlen(run.out), NULL, NULL);
	ck_assert_ptr_nonnull(v);
	bool ok = false;
	ck_assert(xm_json_bool(xm_json_get(v, "ok"), &ok) && ok);
	ck_assert_str_eq(xm_json_string(xm_json_get(v, "pattern")), "function");
	ck_assert_str_eq(xm_json_string(xm_json_get(v, "kind")), "function");
	const struct xm_json *map = xm_json_get(v, "source_map");
	/* function "f" { / input { / } / stack { / var $a { / value = 1 / } / } /
	 * response = $a / } */
	ck_assert_uint_eq(xm_json_len(map), 10);
	int64_t line = 0;
	ck_assert(xm_json_int64(xm_json_at(map, 4), &line));
	ck_assert_int_eq(line, 3);
	ck_assert(xm_json_int64(xm_json_at(map, 8), &line));
	ck_assert_int_eq(line, 4);
	const struct xm_json *m = xm_json_get(v, "metrics");
	ck_assert(xm_json_int64(xm_json_get(m, "sdk_bytes"), &line));
	ck_assert_int_eq(line, 78);
	xm_json_free(v);
	xm_run_finish(&run);

	/* bytes that are not UTF-8 reach the XanoScript; the JSON stays whole */
	ck_assert_int_eq(compile(&run, "return create('a\xff', 'GET').respons('x').build()",
		"--json", NULL), 0);
	v = xm_json_parse(run.out, strlen(run.out), NULL, NULL);
	ck_assert_msg(v != NULL, "not JSON: %s", run.out);
	ck_assert_ptr_nonnull(strstr(xm_json_string(xm_json_get(v, "xanoscript")),
		"query \"a\xef\xbf\xbd\""));
	ck_assert_ptr_nonnull(xm_json_string(xm_json_get(v, "source")));
	xm_json_free(v);
	xm_run_finish(&run);

	ck_assert_int_eq(compile(&run, "create(", "--json", "--no-fix"), 1);
	v = xm_json_parse(run.out, strlen(run.out), NULL, NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert(xm_json_is_null(xm_json_get(v, "xanoscript")));
	ck_assert_uint_ge(xm_json_len(xm_json_get(v, "diagnostics")), 1);
	xm_json_free(v);
	xm_run_finish(&run);
}
END_TEST

START_TEST(usage_and_limits)
{
	struct xm_run run = {0};
	const char *argv[] = {xm_test_bin(), "compile", NULL};
	ck_assert_int_eq(xm_test_run(&run, argv), 2);
	xm_run_finish(&run);

	const char *missing[] = {xm_test_bin(), "compile", "/nonexistent/app.js", NULL};
	memset(&run, 0, sizeof(run));
	ck_assert_int_eq(xm_test_run(&run, missing), 1);
	ck_assert_ptr_nonnull(strstr(run.err, "/nonexistent/app.js"));
	xm_run_finish(&run);

	/* Over the size limit: a clear error, not a crash. */
	size_t big = 1024 * 1024 + 10;
	char *text = malloc(big + 1);
	memset(text, ' ', big);
	text[big] = '\0';
	ck_assert_int_eq(compile(&run, text, NULL, NULL), 1);
	ck_assert_msg(strstr(run.err, "1048576") != NULL,
		"stderr: %s", run.err);
	xm_run_finish(&run);
	free(text);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-compile-cli");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, success_to_stdout);
	tcase_add_test(tc, errors_to_stderr);
	tcase_add_test(tc, no_fix_all_at_once);
	tcase_add_test(tc, json_output);
	tcase_add_test(tc, usage_and_limits);
	suite_add_tcase(s, tc);
	return s;
}
