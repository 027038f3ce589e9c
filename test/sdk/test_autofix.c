/*
 * The text repairs of sdk/autofix on their own: what is repaired, where it
 * is reported, and what is left alone because it is already correct.
 */
#include <string.h>

#include "harness.h"
#include "xano-mcp/sdk/autofix.h"

struct fixed {
	struct xm_sdk_fixes fixes;
	struct xm_diags diags;
	struct xm_buf out;
};

static void repair(struct fixed *f, const char *src, bool enabled)
{
	xm_sdk_fixes_init(&f->fixes, enabled);
	xm_diags_init(&f->diags, 0);
	xm_buf_init(&f->out);
	xm_sdk_autofix_text(src, strlen(src), &f->fixes, &f->diags, &f->out);
}

static void done(struct fixed *f)
{
	xm_sdk_fixes_finish(&f->fixes);
	xm_diags_finish(&f->diags);
	xm_buf_finish(&f->out);
}

START_TEST(smart_quotes)
{
	struct fixed f;
	/* Delimiters are replaced; an apostrophe inside stays; so do
	 * typographic quotes inside ASCII strings and comments. */
	repair(&f, "x(\xe2\x80\x98It\xe2\x80\x99s\xe2\x80\x99, \xe2\x80\x9cok\xe2\x80\x9d, "
		"'\xe2\x80\x9cq\xe2\x80\x9d') // \xe2\x80\x9c" "c\xe2\x80\x9d\n", true);
	ck_assert_str_eq(xm_buf_str(&f.out), "x('It\xe2\x80\x99s', \"ok\", "
		"'\xe2\x80\x9cq\xe2\x80\x9d') // \xe2\x80\x9c" "c\xe2\x80\x9d\n");
	ck_assert_uint_eq(f.fixes.len, 2);
	ck_assert_uint_eq(f.fixes.items[0].col, 3);
	ck_assert_str_eq(f.fixes.items[0].message, "replaced typographic quotes with '");
	ck_assert_uint_eq(f.fixes.items[1].col, 17); /* bytes, not characters */
	done(&f);
}
END_TEST

START_TEST(brackets_and_commas)
{
	struct fixed f;
	repair(&f, "a.b(c({d: [1\n\n", true);
	ck_assert_str_eq(xm_buf_str(&f.out), "a.b(c({d: [1]}))\n\n");
	ck_assert_uint_eq(f.fixes.len, 1);
	ck_assert_str_eq(f.fixes.items[0].message, "added the missing `]}))` at the end");
	done(&f);

	repair(&f, "a.b(1));\n", true);
	ck_assert_str_eq(xm_buf_str(&f.out), "a.b(1);\n");
	ck_assert_str_eq(f.fixes.items[0].message, "removed an unbalanced `)`");
	done(&f);

	repair(&f, "a.b(1),\n", true);
	ck_assert_str_eq(xm_buf_str(&f.out), "a.b(1)\n");
	done(&f);

	/* Brackets inside strings, template literals and comments count for
	 * nothing; a surplus closer in the middle is the parser's business. */
	repair(&f, "a('(', `[`, \"{\") /* ( */ // [\nb())c\n", true);
	ck_assert_str_eq(xm_buf_str(&f.out), "a('(', `[`, \"{\") /* ( */ // [\nb())c\n");
	ck_assert_uint_eq(f.fixes.len, 0);
	done(&f);
}
END_TEST

START_TEST(disabled_and_correct_code)
{
	/* Repairs off: the text is repaired all the same, for the analysis to
	 * go on, and each repair is an error with the fix as suggestion. */
	struct fixed f;
	repair(&f, "x(\xe2\x80\x9cq\xe2\x80\x9d, 1).y(2))\n  ,\n", false);
	ck_assert_str_eq(xm_buf_str(&f.out), "x(\"q\", 1).y(2)\n  \n");
	ck_assert_uint_eq(f.fixes.len, 0);
	ck_assert_uint_eq(f.fixes.refused, 3);
	ck_assert_uint_eq(f.diags.len, 3);
	ck_assert_str_eq(f.diags.items[0].code, "smart-quotes");
	ck_assert_uint_eq(f.diags.items[0].line, 1);
	ck_assert_uint_eq(f.diags.items[0].col, 3);
	ck_assert_str_eq(f.diags.items[0].message,
		"typographic quotes do not delimit strings (automatic repairs are off)");
	ck_assert_str_eq(f.diags.items[0].suggestion, "write \" instead");
	ck_assert_str_eq(f.diags.items[1].code, "unbalanced-closer");
	ck_assert_uint_eq(f.diags.items[1].col, 19); /* bytes of the original */
	ck_assert_str_eq(f.diags.items[1].suggestion, "remove this `)`");
	ck_assert_str_eq(f.diags.items[2].code, "trailing-comma");
	ck_assert_uint_eq(f.diags.items[2].line, 2);
	ck_assert_uint_eq(f.diags.items[2].col, 3);
	done(&f);

	repair(&f, "a(b({\n", false);
	ck_assert_str_eq(xm_buf_str(&f.out), "a(b({}))\n");
	ck_assert_uint_eq(f.diags.len, 1);
	ck_assert_str_eq(f.diags.items[0].code, "missing-closer");
	ck_assert_str_eq(f.diags.items[0].suggestion, "add `}))` at the end");
	done(&f);

	const char *fine = "return create('a', 'GET').response({a: [1, 2]}).build();\n";
	repair(&f, fine, true);
	ck_assert_str_eq(xm_buf_str(&f.out), fine);
	ck_assert_uint_eq(f.fixes.len, 0);
	done(&f);

	/* NUL bytes pass through (the lexer reports them). */
	xm_sdk_fixes_init(&f.fixes, true);
	xm_diags_init(&f.diags, 0);
	xm_buf_init(&f.out);
	xm_sdk_autofix_text("a(\0b", 4, &f.fixes, &f.diags, &f.out);
	ck_assert_uint_eq(f.out.len, 5);
	ck_assert_int_eq(memcmp(f.out.data, "a(\0b)", 5), 0);
	done(&f);
}
END_TEST

START_TEST(fix_or_error)
{
	struct xm_sdk_fixes fixes;
	struct xm_diags diags;
	xm_diags_init(&diags, 0);
	xm_sdk_fixes_init(&fixes, false);
	xm_sdk_fix_or_error(&fixes, &diags, 3, 4, 9, "js-type", "write 'text'",
		"type `string` written as `text`");
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_uint_eq(fixes.refused, 1);
	ck_assert_uint_eq(fixes.len, 0);
	ck_assert_str_eq(diags.items[0].message,
		"not a XanoScript type (automatic repairs are off)");
	ck_assert_str_eq(diags.items[0].suggestion, "write 'text'");
	fixes.enabled = true;
	xm_sdk_fix_or_error(&fixes, &diags, 1, 2, 3, "js-type", "s", "m %d", 1);
	ck_assert_uint_eq(fixes.len, 1);
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_str_eq(fixes.items[0].message, "m 1");
	xm_sdk_fixes_finish(&fixes);
	xm_diags_finish(&diags);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-autofix");
	TCase *tc = tcase_create("autofix");
	tcase_add_test(tc, smart_quotes);
	tcase_add_test(tc, brackets_and_commas);
	tcase_add_test(tc, disabled_and_correct_code);
	tcase_add_test(tc, fix_or_error);
	suite_add_tcase(s, tc);
	return s;
}
