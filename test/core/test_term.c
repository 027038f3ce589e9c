/* Portable pty functions (posix_openpt, ptsname) are XSI. */
#define _XOPEN_SOURCE 700

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "xano-mcp/core/term.h"

START_TEST(colour_only_on_terminals_without_no_color)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
	FILE *tty = fopen(ptsname(master), "w");
	ck_assert_ptr_nonnull(tty);
	FILE *file = tmpfile();
	ck_assert_ptr_nonnull(file);

	unsetenv("NO_COLOR");
	setenv("TERM", "xterm", 1);
	ck_assert(xm_term_colour(tty));
	ck_assert(!xm_term_colour(file));
	/* https://no-color.org: set and not empty. */
	setenv("NO_COLOR", "", 1);
	ck_assert(xm_term_colour(tty));
	setenv("NO_COLOR", "1", 1);
	ck_assert(!xm_term_colour(tty));
	unsetenv("NO_COLOR");
	setenv("TERM", "dumb", 1);
	ck_assert(!xm_term_colour(tty));

	fclose(file);
	fclose(tty);
	close(master);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-term");
	TCase *tc = tcase_create("term");
	tcase_add_test(tc, colour_only_on_terminals_without_no_color);
	suite_add_tcase(s, tc);
	return s;
}
