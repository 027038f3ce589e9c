#include <string.h>

#include "harness.h"
#include "xano-mcp/xs/catalog.h"

/* Lookups are binary searches: every table must be sorted by strcmp. */
START_TEST(tables_sorted)
{
	size_t n;
	const struct xm_xs_stmt_spec *s = xm_xs_catalog_stmts(&n);
	for (size_t i = 1; i < n; i++) {
		ck_assert_msg(strcmp(s[i - 1].name, s[i].name) < 0, "%s >= %s",
			s[i - 1].name, s[i].name);
	}
	const struct xm_xs_construct_spec *c = xm_xs_catalog_constructs(&n);
	for (size_t i = 1; i < n; i++) {
		ck_assert_msg(strcmp(c[i - 1].name, c[i].name) < 0, "%s", c[i].name);
	}
	const struct xm_xs_type_spec *t = xm_xs_catalog_types(&n);
	for (size_t i = 1; i < n; i++) {
		ck_assert_msg(strcmp(t[i - 1].name, t[i].name) < 0, "%s", t[i].name);
	}
	const char *const *f = xm_xs_catalog_filters(&n);
	for (size_t i = 1; i < n; i++) {
		ck_assert_msg(strcmp(f[i - 1], f[i]) < 0, "%s", f[i]);
	}
	f = xm_xs_catalog_column_filters(&n);
	for (size_t i = 1; i < n; i++) {
		ck_assert_msg(strcmp(f[i - 1], f[i]) < 0, "%s", f[i]);
	}
	/* Every statement's own attributes are unique. */
	s = xm_xs_catalog_stmts(&n);
	for (size_t i = 0; i < n; i++) {
		for (size_t a = 0; a < s[i].nattrs; a++) {
			for (size_t b = a + 1; b < s[i].nattrs; b++) {
				ck_assert_str_ne(s[i].attrs[a].name, s[i].attrs[b].name);
			}
		}
	}
	/* The fix tables are searched too: a wrong order would hide entries. */
	ck_assert_ptr_nonnull(xm_xs_catalog_type_fix("array"));
	ck_assert_ptr_nonnull(xm_xs_catalog_type_fix("varchar"));
	ck_assert_ptr_nonnull(xm_xs_catalog_filter_fix("default"));
	ck_assert_ptr_nonnull(xm_xs_catalog_filter_fix("uppercase"));
	ck_assert_ptr_nonnull(xm_xs_catalog_stmt_fix("api.get"));
	ck_assert_ptr_nonnull(xm_xs_catalog_stmt_fix("response"));
	ck_assert_ptr_nonnull(xm_xs_catalog_attr_fix("api.request", "body"));
	ck_assert_ptr_nonnull(xm_xs_catalog_attr_fix("security.create_auth_token", "dbtable"));
	ck_assert_ptr_null(xm_xs_catalog_attr_fix("api.request", "params"));
}
END_TEST

START_TEST(lookups)
{
	const struct xm_xs_stmt_spec *get = xm_xs_catalog_stmt("db.get");
	ck_assert_ptr_nonnull(get);
	ck_assert(get->flags & XM_XS_S_TARGET);
	const struct xm_xs_attr_spec *a = xm_xs_catalog_stmt_attr(get, "field_name");
	ck_assert_ptr_nonnull(a);
	ck_assert(a->flags & XM_XS_A_REQUIRED);
	ck_assert_ptr_nonnull(xm_xs_catalog_stmt_attr(get, "description"));
	ck_assert_ptr_null(xm_xs_catalog_stmt_attr(get, "body"));
	ck_assert_ptr_null(xm_xs_catalog_stmt("db.gte"));
	ck_assert_ptr_nonnull(xm_xs_catalog_stmt("zip.view_contents"));
	ck_assert_ptr_nonnull(xm_xs_catalog_construct("query"));
	ck_assert_ptr_null(xm_xs_catalog_construct("endpoint"));
	ck_assert(xm_xs_catalog_filter("to_lower"));
	ck_assert(xm_xs_catalog_filter("lambda_map"));
	ck_assert(!xm_xs_catalog_filter("lowercase"));
	ck_assert(xm_xs_catalog_column_filter("timestamp_year"));
	const struct xm_xs_type_spec *text = xm_xs_catalog_type("text");
	ck_assert(xm_xs_catalog_input_filter_allowed(text, "trim"));
	ck_assert(!xm_xs_catalog_input_filter_allowed(xm_xs_catalog_type("int"), "trim"));
	ck_assert(xm_xs_catalog_input_filter_allowed(xm_xs_catalog_type("password"),
		"minDigit"));
	ck_assert_ptr_null(xm_xs_catalog_type("string"));
	ck_assert_str_eq(xm_xs_catalog_type_fix("string"), "`text`");
	const struct xm_xs_stmt_spec *each = xm_xs_catalog_stmt("each");
	ck_assert(xm_xs_catalog_stmt_parent_ok(each, "foreach"));
	ck_assert(xm_xs_catalog_stmt_parent_ok(each, "while"));
	ck_assert(!xm_xs_catalog_stmt_parent_ok(each, "for_each"));
	ck_assert(!xm_xs_catalog_stmt_parent_ok(each, NULL));
	ck_assert(xm_xs_catalog_stmt_parent_ok(get, NULL));
	const struct xm_xs_stmt_spec *cond = xm_xs_catalog_stmt("conditional");
	ck_assert(xm_xs_catalog_stmt_child_ok(cond, "elseif"));
	ck_assert(!xm_xs_catalog_stmt_child_ok(cond, "else if"));
	ck_assert(!xm_xs_catalog_stmt_child_ok(cond, "if2"));
	ck_assert(xm_xs_catalog_stmt_child_ok(get, "anything"));
	ck_assert_str_eq(xm_xs_catalog_suggest_input_filter("minDigits"), "minDigit");
	ck_assert_str_eq(xm_xs_catalog_suggest_decl_attr("sensitve"), "sensitive");
	ck_assert(xm_xs_catalog_decl_attr_fits("table", "uuid"));
	ck_assert(!xm_xs_catalog_decl_attr_fits("table", "text"));
	ck_assert(xm_xs_catalog_decl_attr_fits("description", "text"));
	ck_assert_str_eq(xm_xs_catalog_decl_attr_types("values"), "enum");
	ck_assert(xm_xs_catalog_reserved_var("input"));
	ck_assert(!xm_xs_catalog_reserved_var("user"));
}
END_TEST

START_TEST(sets)
{
	ck_assert(xm_xs_catalog_set_has(XM_XS_SET_VERB, "PATCH", false));
	ck_assert(!xm_xs_catalog_set_has(XM_XS_SET_VERB, "HEAD", false));
	ck_assert(xm_xs_catalog_set_has(XM_XS_SET_HISTORY, "inherit", true));
	ck_assert(!xm_xs_catalog_set_has(XM_XS_SET_HISTORY, "inherit", false));
	ck_assert(xm_xs_catalog_set_has(XM_XS_SET_HISTORY, "1000", false));
	ck_assert(!xm_xs_catalog_set_has(XM_XS_SET_HISTORY, "1000", true));
	ck_assert(xm_xs_catalog_set_has(XM_XS_SET_SORT, "rand", true));
	ck_assert(!xm_xs_catalog_set_has(XM_XS_SET_SORT, "ascending", true));
	ck_assert(xm_xs_catalog_set_has(XM_XS_SET_INDEX_TYPE, "btree|unique", true));
	size_t n;
	ck_assert_ptr_nonnull(xm_xs_catalog_set_values(XM_XS_SET_RETURN_TYPE, &n));
	ck_assert_uint_eq(n, 6);
	ck_assert_ptr_null(xm_xs_catalog_set_values(XM_XS_SET_NONE, &n));
	ck_assert_str_eq(xm_xs_catalog_set_text(XM_XS_SET_SORT),
		"`\"asc\"`, `\"desc\"` or `\"rand\"`");
}
END_TEST

START_TEST(suggestions)
{
	ck_assert_str_eq(xm_xs_catalog_suggest_stmt("db.gte"), "db.get");
	ck_assert_str_eq(xm_xs_catalog_suggest_stmt("api.reqest"), "api.request");
	ck_assert_str_eq(xm_xs_catalog_suggest_stmt("db.qurey"), "db.query");
	ck_assert_str_eq(xm_xs_catalog_suggest_filter("to_lowr"), "to_lower");
	ck_assert_str_eq(xm_xs_catalog_suggest_type("txt"), "text");
	ck_assert_str_eq(xm_xs_catalog_suggest_construct("qeury"), "query");
	const struct xm_xs_stmt_spec *req = xm_xs_catalog_stmt("api.request");
	ck_assert_str_eq(xm_xs_catalog_suggest_stmt_attr(req, "header"), "headers");
	ck_assert_ptr_null(xm_xs_catalog_suggest_stmt("zzzz.yyyy"));
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-catalog");
	TCase *tc = tcase_create("catalog");
	tcase_add_test(tc, tables_sorted);
	tcase_add_test(tc, lookups);
	tcase_add_test(tc, sets);
	tcase_add_test(tc, suggestions);
	suite_add_tcase(s, tc);
	return s;
}
