#include <stddef.h>

#include "harness.h"
#include "xano-mcp/core/suggest.h"

START_TEST(distances)
{
	ck_assert_uint_eq(xm_edit_distance("", ""), 0);
	ck_assert_uint_eq(xm_edit_distance("abc", ""), 3);
	ck_assert_uint_eq(xm_edit_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(xm_edit_distance("db.gte", "db.get"), 1);
	ck_assert_uint_eq(xm_edit_distance("ab", "ba"), 1);
}
END_TEST

START_TEST(suggestions)
{
	static const char *const names[] = {"db.get", "db.has", "db.add", "db.del", NULL, "debug.log"};
	ck_assert_str_eq(xm_suggest("db.gte", names, 6), "db.get");
	ck_assert_str_eq(xm_suggest("debug.lgo", names, 6), "debug.log");
	ck_assert_ptr_null(xm_suggest("api.request", names, 6));
	/* One edit from db.add, two from db.has and db.del. */
	ck_assert_str_eq(xm_suggest("db.ad", names, 6), "db.add");
	/* A tie gives no answer. */
	static const char *const tie[] = {"cat", "car"};
	ck_assert_ptr_null(xm_suggest("cax", tie, 2));
}
END_TEST

struct row {
	int id;
	const char *name;
};

START_TEST(struct_tables)
{
	static const struct row rows[] = {{1, "compile"}, {2, "check"}, {3, "version"}};
	ck_assert_str_eq(xm_suggest_field("compiel", rows, 3, sizeof(rows[0]),
		offsetof(struct row, name)), "compile");
	ck_assert_str_eq(xm_suggest_field("chek", rows, 3, sizeof(rows[0]),
		offsetof(struct row, name)), "check");
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-suggest");
	TCase *tc = tcase_create("suggest");
	tcase_add_test(tc, distances);
	tcase_add_test(tc, suggestions);
	tcase_add_test(tc, struct_tables);
	suite_add_tcase(s, tc);
	return s;
}
