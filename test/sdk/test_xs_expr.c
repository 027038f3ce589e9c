/* xm_sdk_parse_xs_expr(): a XanoScript expression written inside SDK code. */
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/arena.h"
#include "xano-mcp/sdk/lower.h"

static struct xm_arena *arena;
static struct xm_diags diags;

static void setup(void)
{
	arena = xm_arena_create();
	xm_diags_init(&diags, 0);
}

static void teardown(void)
{
	xm_diags_finish(&diags);
	xm_arena_destroy(arena);
}

/* Parses text as if it began at line 3, column 10 of the SDK code. */
static struct xm_xs_node *expr(const char *text)
{
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	return xm_sdk_parse_xs_expr(text, strlen(text), 3, 10, arena, &diags);
}

START_TEST(values)
{
	struct xm_xs_node *x = expr("$input.id");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->kind, XM_XS_VAR);
	x = expr("  ($x|count) > 0  ");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(x->kind, XM_XS_BINARY);
	ck_assert_int_eq(x->value->kind, XM_XS_PAREN);
	/* a line break in SDK code is a space, even before `-` */
	x = expr("$a\n- 1");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(x->kind, XM_XS_BINARY);
	ck_assert_int_eq(x->op, XM_XS_OP_SUB);
	x = expr("{a: 1,\r\n b: [1, 2]}");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(x->kind, XM_XS_OBJECT);
}
END_TEST

START_TEST(errors_point_into_the_sdk_code)
{
	ck_assert_ptr_null(expr("$x +"));
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_str_eq(diags.items[0].code, "syntax");
	ck_assert_uint_eq(diags.items[0].line, 3);
	ck_assert_uint_eq(diags.items[0].col, 14);
	ck_assert_str_eq(diags.items[0].message,
		"in expression `$x +`: expected a value, found end of expression");
	ck_assert_ptr_null(expr("$a $b"));
	ck_assert_uint_eq(diags.items[0].col, 13);
	ck_assert_ptr_null(expr("$x -1"));
	ck_assert_str_eq(diags.items[0].code, "sticky-minus");
	ck_assert_ptr_null(expr("   "));
	ck_assert_str_eq(diags.items[0].code, "empty-expression");
	ck_assert_uint_eq(diags.items[0].col, 13);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-xs-expr");
	TCase *tc = tcase_create("xs-expr");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, values);
	tcase_add_test(tc, errors_point_into_the_sdk_code);
	suite_add_tcase(s, tc);
	return s;
}
