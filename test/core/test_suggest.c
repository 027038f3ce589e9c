#include <stdbool.h>
#include <stddef.h>
#include <string.h>

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

/* The rule of xm_suggest() with full distances: what the shortcuts (the
 * length filter, stopping a distance once it exceeds the best) must give. */
static const char *reference(const char *word, const char *const *names, size_t n)
{
	size_t len = strlen(word);
	size_t best = (len / 3 > 1 ? len / 3 : 1) + 1;
	const char *found = NULL;
	bool tie = false;
	for (size_t i = 0; i < n; i++) {
		size_t d = xm_edit_distance(word, names[i]);
		if (d < best) {
			best = d;
			found = names[i];
			tie = false;
		} else if (d == best && found && strcmp(found, names[i]) != 0) {
			tie = true;
		}
	}
	return tie ? NULL : found;
}

START_TEST(shortcuts_match_full_distances)
{
	static const char *const names[] = {
		"ca", "cat", "car", "cart", "db.get", "db.has", "db.add", "db.query",
		"debug.log", "createFunction", "createTask", "createTable", "createApiGroup",
		"requiresAuth", "description", "tags", "x", "abcdefghijklmnopqrstuvwxyz",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	static const char *const words[] = {
		"cax", "c", "ct", "carts", "db.gte", "db.qeury", "db.quer", "dbquery",
		"debuglog", "createFunctoin", "createTaks", "creatTable", "createApiGrop",
		"requireAuth", "descriptoin", "tag", "y", "abcdefghijklmnopqrstuvwxy",
		"zyxwvutsrqponmlkjihgfedcba", "", "createFunctionX", "a.b.c.d.e.f",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *want = reference(words[i], names, n);
		const char *got = xm_suggest(words[i], names, n);
		if (want) {
			ck_assert_ptr_nonnull(got);
			ck_assert_str_eq(got, want);
		} else {
			ck_assert_ptr_null(got);
		}
	}
	/* A tie with a candidate whose length differs by exactly the best. */
	static const char *const three[] = {"cat", "car", "ca"};
	ck_assert_ptr_null(xm_suggest("cax", three, 3));
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-suggest");
	TCase *tc = tcase_create("suggest");
	tcase_add_test(tc, distances);
	tcase_add_test(tc, suggestions);
	tcase_add_test(tc, struct_tables);
	tcase_add_test(tc, shortcuts_match_full_distances);
	suite_add_tcase(s, tc);
	return s;
}
