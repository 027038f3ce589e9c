/*
 * Replays the inputs the SDK fuzzer found interesting
 * (test/sdk/fuzz-regressions/) through the fuzz target's property, so they
 * stay fixed in every build, sanitizers included.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "../../fuzz/sdk_property.h"
#include "harness.h"

START_TEST(replay)
{
	char *dir_path = xm_test_source_path("test/sdk/fuzz-regressions");
	DIR *dir = opendir(dir_path);
	ck_assert_msg(dir != NULL, "cannot open %s", dir_path);
	size_t files = 0, failures = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.') {
			continue;
		}
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "%s/%s", dir_path, e->d_name);
		size_t len;
		char *data = xm_test_read_file(xm_buf_str(&path), &len);
		if (!sdk_property(data, len)) {
			fprintf(stderr, "%s: the SDK compiler property failed\n", e->d_name);
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
	Suite *s = suite_create("sdk-fuzz-regressions");
	TCase *tc = tcase_create("replay");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, replay);
	suite_add_tcase(s, tc);
	return s;
}
