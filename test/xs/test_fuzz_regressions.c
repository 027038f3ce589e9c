/*
 * Replays the inputs the fuzzer found interesting (test/xs/fuzz-regressions/)
 * through the fuzz target's property, so they stay fixed in every build,
 * sanitizers included.
 */
#include "../../fuzz/xs_roundtrip.h"
#include "harness.h"

START_TEST(replay)
{
	xm_test_replay_dir("test/xs/fuzz-regressions", xs_roundtrip, "parse/format round trip");
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-fuzz-regressions");
	TCase *tc = tcase_create("replay");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, replay);
	suite_add_tcase(s, tc);
	return s;
}
