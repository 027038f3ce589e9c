/*
 * Replays the inputs fuzz-xs-check found interesting
 * (test/xs/check-fuzz-regressions/) through its property, so they stay
 * fixed in every build, sanitizers included.
 */
#include <dirent.h>
#include <stdlib.h>

#include "../../fuzz/xs_check_property.h"
#include "harness.h"
#include "xano-mcp/core/buf.h"

START_TEST(replay)
{
	char *dir_path = xm_test_source_path("test/xs/check-fuzz-regressions");
	DIR *dir = opendir(dir_path);
	ck_assert_msg(dir != NULL, "cannot open %s", dir_path);
	size_t files = 0, failures = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		if (e->d_name[0] == '.') {
			continue;
		}
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "%s/%s", dir_path, e->d_name);
		size_t len;
		char *data = xm_test_read_file(xm_buf_str(&path), &len);
		if (!xs_check_property(data, len)) {
			fprintf(stderr, "%s: check property failed\n", e->d_name);
			failures++;
		}
		files++;
		free(data);
		xm_buf_finish(&path);
	}
	closedir(dir);
	free(dir_path);
	ck_assert_uint_gt(files, 0);
	ck_assert_uint_eq(failures, 0);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-check-fuzz-regressions");
	TCase *tc = tcase_create("replay");
	tcase_add_test(tc, replay);
	suite_add_tcase(s, tc);
	return s;
}
