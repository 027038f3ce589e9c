/*
 * Replays the inputs the SDK fuzzer found interesting
 * (test/sdk/fuzz-regressions/) through the fuzz target's property, so they
 * stay fixed in every build, sanitizers included.
 */
#include "../../fuzz/sdk_property.h"
#include "harness.h"

START_TEST(replay)
{
	xm_test_replay_dir("test/sdk/fuzz-regressions", sdk_property, "the SDK compiler property");
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
