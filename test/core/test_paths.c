#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/error.h"
#include "xano-mcp/core/paths.h"

static char *dir_path(enum xm_dir kind)
{
	struct xm_error err = XM_ERROR_INIT;
	char *path = xm_paths_dir(kind, &err);
	ck_assert_msg(path != NULL, "%s", err.message);
	return path;
}

START_TEST(xdg_variables_win)
{
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	char *c = dir_path(XM_DIR_CONFIG), *s = dir_path(XM_DIR_STATE), *k = dir_path(XM_DIR_CACHE);
	ck_assert_str_eq(c, "/x/conf/xano-mcp");
	ck_assert_str_eq(s, "/x/state/xano-mcp");
	ck_assert_str_eq(k, "/x/cache/xano-mcp");
	free(c);
	free(s);
	free(k);
}
END_TEST

START_TEST(home_fallbacks_and_relative_xdg_ignored)
{
	setenv("HOME", "/home/ada", 1);
	unsetenv("XDG_CONFIG_HOME");
	/* The spec: relative paths in XDG variables are invalid and ignored. */
	setenv("XDG_STATE_HOME", "relative/state", 1);
	setenv("XDG_CACHE_HOME", "", 1);
	char *c = dir_path(XM_DIR_CONFIG), *s = dir_path(XM_DIR_STATE), *k = dir_path(XM_DIR_CACHE);
	ck_assert_str_eq(c, "/home/ada/.config/xano-mcp");
	ck_assert_str_eq(s, "/home/ada/.local/state/xano-mcp");
	ck_assert_str_eq(k, "/home/ada/.cache/xano-mcp");
	free(c);
	free(s);
	free(k);

	struct xm_error err = XM_ERROR_INIT;
	char *file = xm_paths_file(XM_DIR_CONFIG, "config", &err);
	ck_assert_str_eq(file, "/home/ada/.config/xano-mcp/config");
	free(file);
}
END_TEST

START_TEST(no_home_uses_password_database)
{
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	char *c = dir_path(XM_DIR_CONFIG);
	ck_assert_msg(c[0] == '/' && strstr(c, "/.config/xano-mcp") != NULL, "got %s", c);
	free(c);
}
END_TEST

START_TEST(create_makes_private_parents)
{
	char *tmp = xm_test_tmpdir();
	struct xm_buf base = XM_BUF_INIT;
	xm_buf_addf(&base, "%s/a/b", tmp);
	setenv("XDG_STATE_HOME", base.data, 1);

	struct xm_error err = XM_ERROR_INIT;
	char *dir = xm_paths_dir_create(XM_DIR_STATE, &err);
	ck_assert_msg(dir != NULL, "%s", err.message);
	struct stat st;
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	ck_assert_int_eq(stat(base.data, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	/* A second call finds it there. */
	char *again = xm_paths_dir_create(XM_DIR_STATE, &err);
	ck_assert_str_eq(again, dir);
	free(again);
	free(dir);

	xm_test_rmtree(tmp);
	xm_buf_finish(&base);
	free(tmp);
}
END_TEST

START_TEST(create_reports_a_file_in_the_way)
{
	char *tmp = xm_test_tmpdir();
	struct xm_buf file = XM_BUF_INIT;
	xm_buf_addf(&file, "%s/plain", tmp);
	FILE *f = fopen(file.data, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	setenv("XDG_CACHE_HOME", file.data, 1);

	struct xm_error err = XM_ERROR_INIT;
	ck_assert_ptr_null(xm_paths_dir_create(XM_DIR_CACHE, &err));
	ck_assert_msg(strstr(err.message, "plain/xano-mcp") != NULL, "%s", err.message);
	ck_assert_msg(strstr(err.message, "Not a directory") != NULL, "%s", err.message);

	xm_buf_addf(&file, "/../plain");
	ck_assert(!xm_paths_mkdirs(file.data, 0700, &err));
	ck_assert(!xm_paths_mkdirs("", 0700, &err));
	ck_assert_str_eq(err.message, "cannot create a directory with an empty name");

	xm_test_rmtree(tmp);
	xm_buf_finish(&file);
	free(tmp);
}
END_TEST

START_TEST(errors_are_one_line)
{
	struct xm_error err = XM_ERROR_INIT;
	xm_error_set_errno(&err, 2, "open %s\nnext", "x");
	ck_assert_str_eq(err.message, "open x next: No such file or directory");
	ck_assert_int_eq(err.errnum, 2);
	xm_error_set(&err, "%s", "plain");
	ck_assert_str_eq(err.message, "plain");
	ck_assert_int_eq(err.errnum, 0);
	xm_error_set(NULL, "ignored");

	/* Long messages are cut, never overflow. */
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	xm_error_set_errno(&err, 2, "%s", big);
	ck_assert_uint_eq(strlen(err.message), XM_ERROR_MAX - 1);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-paths");
	TCase *tc = tcase_create("paths");
	tcase_add_test(tc, xdg_variables_win);
	tcase_add_test(tc, home_fallbacks_and_relative_xdg_ignored);
	tcase_add_test(tc, no_home_uses_password_database);
	tcase_add_test(tc, create_makes_private_parents);
	tcase_add_test(tc, create_reports_a_file_in_the_way);
	tcase_add_test(tc, errors_are_one_line);
	suite_add_tcase(s, tc);
	return s;
}
