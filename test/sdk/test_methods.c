#include <stddef.h>

#include "harness.h"
#include "xano-mcp/sdk/methods.h"

START_TEST(every_row_found_by_name)
{
	for (size_t i = 0; i < XM_SDK_M_COUNT; i++) {
		ck_assert_ptr_eq(xm_sdk_method_find(xm_sdk_methods[i].name), &xm_sdk_methods[i]);
		ck_assert_ptr_eq(xm_sdk_method_find_loose(xm_sdk_methods[i].name),
			&xm_sdk_methods[i]);
	}
	ck_assert_ptr_null(xm_sdk_method_find("noSuchMethod"));
	ck_assert_ptr_null(xm_sdk_method_find(""));
}
END_TEST

START_TEST(loose_spellings)
{
	/* Case, `_` and `.` do not matter; letters do. */
	ck_assert_ptr_eq(xm_sdk_method_find_loose("db_get"), &xm_sdk_methods[XM_SDK_M_DB_GET]);
	ck_assert_ptr_eq(xm_sdk_method_find_loose("DB.GET"), &xm_sdk_methods[XM_SDK_M_DB_GET]);
	ck_assert_ptr_eq(xm_sdk_method_find_loose("dbget"), &xm_sdk_methods[XM_SDK_M_DB_GET]);
	/* An alias, loosely spelt. */
	ck_assert_ptr_eq(xm_sdk_method_find_loose("run_function"),
		&xm_sdk_methods[XM_SDK_M_CALL_FUNCTION]);
	/* A prefix or an extension of a name is not the name. */
	ck_assert_ptr_null(xm_sdk_method_find_loose("dbGe"));
	ck_assert_ptr_null(xm_sdk_method_find_loose("dbGett"));
	ck_assert_ptr_null(xm_sdk_method_find_loose("__"));
	ck_assert_ptr_eq(xm_sdk_method_suggest("dbGte"), &xm_sdk_methods[XM_SDK_M_DB_GET]);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-methods");
	TCase *tc = tcase_create("methods");
	tcase_add_test(tc, every_row_found_by_name);
	tcase_add_test(tc, loose_spellings);
	suite_add_tcase(s, tc);
	return s;
}
