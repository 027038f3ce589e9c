/*
 * Replays the inputs fuzz-xs-check found interesting
 * (test/xs/check-fuzz-regressions/) through its property, so they stay
 * fixed in every build, sanitizers included.
 */
#include "../../fuzz/xs_check_property.h"
#include "harness.h"

START_TEST(replay)
{
	xm_test_replay_dir("test/xs/check-fuzz-regressions", xs_check_property,
			"check property");
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
