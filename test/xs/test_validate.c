/*
 * The validator, one case per diagnostic: a small program with one
 * mistake, the code it must produce, its severity and line. Also what must
 * NOT be reported (the reference's verified examples).
 */
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/arena.h"
#include "xano-mcp/xs/check.h"
#include "xano-mcp/xs/parse.h"
#include "xano-mcp/xs/validate.h"

/* A function whose stack statements start on line 6. */
#define FN(body) \
	"function \"f\" {\n" \
	"  input {\n" \
	"    text name?\n" \
	"  }\n" \
	"  stack {\n" \
	body \
	"  }\n" \
	"  response = null\n" \
	"}\n"

struct expect {
	const char *code;
	enum xm_severity severity;
	unsigned line;
	const char *text;
	const char *suggestion; /* a substring of the suggestion, or NULL */
};

static const struct expect cases[] = {
	{ "unknown-construct", XM_SEV_ERROR, 1, "endpoint \"x\" {\n}\n", NULL },
	{ "multiple-constructs", XM_SEV_ERROR, 5,
		"api_group \"a\" {\n  canonical = \"a\"\n}\n\napi_group \"b\" {\n}\n", "---" },
	{ "no-construct", XM_SEV_ERROR, 1, "// only a comment\n", NULL },
	{ "missing-name", XM_SEV_ERROR, 1, "api_group {\n  canonical = \"a\"\n}\n", NULL },
	{ "missing-verb", XM_SEV_ERROR, 1,
		"query \"a\" {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}\n", "verb=GET" },
	{ "bad-verb", XM_SEV_ERROR, 1,
		"query \"a\" verb=get {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}\n",
		"verb=GET" },
	{ "bad-verb", XM_SEV_ERROR, 1,
		"query \"a\" verb=FETCH {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}\n",
		"DELETE" },
	{ "unknown-clause", XM_SEV_ERROR, 6,
		"function \"f\" {\n  input {\n  }\n  stack {\n  }\n  respons = 1\n}\n",
		"`response`" },
	{ "duplicate-clause", XM_SEV_ERROR, 3,
		"api_group \"a\" {\n  canonical = \"a\"\n  canonical = \"b\"\n}\n", NULL },
	{ "missing-clause", XM_SEV_ERROR, 1,
		"function \"f\" {\n  input {\n  }\n  response = 1\n}\n", "stack" },
	{ "clause-not-block", XM_SEV_ERROR, 2,
		"api_group \"a\" {\n  canonical {\n  }\n}\n", "canonical = " },
	{ "clause-needs-block", XM_SEV_ERROR, 4,
		"function \"f\" {\n  input {\n  }\n  stack = 1\n  response = 1\n}\n", NULL },
	{ "bad-value", XM_SEV_ERROR, 2,
		"api_group \"a\" {\n  history = \"sometimes\"\n}\n", NULL },
	{ "bad-value", XM_SEV_ERROR, 2,
		"api_group \"a\" {\n  history = inherit\n}\n", "\"inherit\"" },
	{ "wrong-value-kind", XM_SEV_ERROR, 2,
		"api_group \"a\" {\n  tags = \"x\"\n}\n", "array" },
	{ "unknown-type", XM_SEV_ERROR, 3,
		"function \"f\" {\n  input {\n    string name\n  }\n  stack {\n  }\n"
		"  response = 1\n}\n", "`text`" },
	{ "unknown-type", XM_SEV_ERROR, 3,
		"function \"f\" {\n  input {\n    boolean ok\n  }\n  stack {\n  }\n"
		"  response = 1\n}\n", "`bool`" },
	{ "unknown-type", XM_SEV_ERROR, 3,
		"function \"f\" {\n  input {\n    float ok\n  }\n  stack {\n  }\n"
		"  response = 1\n}\n", "`decimal`" },
	/* A misspelt foreign name is far from every XanoScript type. */
	{ "unknown-type", XM_SEV_ERROR, 3,
		"function \"f\" {\n  input {\n    strng name\n  }\n  stack {\n  }\n"
		"  response = 1\n}\n", "`text`" },
	{ "unknown-type", XM_SEV_ERROR, 3,
		"function \"f\" {\n  input {\n    txt name\n  }\n  stack {\n  }\n"
		"  response = 1\n}\n", "did you mean `text`?" },
	{ "input-only-type", XM_SEV_ERROR, 3,
		"table \"t\" {\n  schema {\n    file doc\n  }\n}\n", NULL },
	{ "nullable-object", XM_SEV_WARNING, 3,
		"table \"t\" {\n  schema {\n    object? o {\n      schema {\n        int a\n"
		"      }\n    }\n  }\n}\n", NULL },
	{ "duplicate-field", XM_SEV_ERROR, 4,
		"table \"t\" {\n  schema {\n    int id\n    text id\n  }\n}\n", NULL },
	{ "unknown-input-filter", XM_SEV_ERROR, 3,
		"table \"t\" {\n  schema {\n    text a filters=trimm\n  }\n}\n", "`trim`" },
	{ "filter-not-allowed", XM_SEV_ERROR, 3,
		"table \"t\" {\n  schema {\n    int a filters=trim\n  }\n}\n", "min max" },
	{ "unquoted-filter-arg", XM_SEV_ERROR, 3,
		"table \"t\" {\n  schema {\n    text a filters=pattern:^a+$\n  }\n}\n", "quote" },
	{ "unknown-metadata", XM_SEV_ERROR, 4,
		"table \"t\" {\n  schema {\n    text a {\n      descripton = \"x\"\n    }\n  "
		"}\n}\n",
		"`description`" },
	{ "metadata-not-allowed", XM_SEV_ERROR, 4,
		"table \"t\" {\n  schema {\n    text owner {\n      table = \"user\"\n    }\n  "
		"}\n}\n",
		"int uuid" },
	{ "unexpected-schema", XM_SEV_ERROR, 4,
		"table \"t\" {\n  schema {\n    json a {\n      schema {\n        int b\n      }\n"
		"    }\n  }\n}\n", NULL },
	{ "enum-without-values", XM_SEV_ERROR, 3,
		"table \"t\" {\n  schema {\n    enum role\n  }\n}\n", "values" },
	{ "object-without-schema", XM_SEV_ERROR, 3,
		"table \"t\" {\n  schema {\n    object meta\n  }\n}\n", "json" },
	{ "bad-value", XM_SEV_ERROR, 6,
		"table \"t\" {\n  schema {\n    int id\n  }\n  index = [\n"
		"    {type: \"hash\", field: [{name: \"id\"}]}\n  ]\n}\n", NULL },
	{ "unknown-statement", XM_SEV_ERROR, 6, FN("    db.gte \"user\" {\n"
		"      field_name = \"id\"\n      field_value = 1\n    } as $u\n"), "`db.get`" },
	{ "unknown-statement", XM_SEV_ERROR, 6, FN("    remove\n"), "foreach.remove" },
	{ "misplaced-statement", XM_SEV_ERROR, 6, FN("    if (true) {\n    }\n"), NULL },
	{ "unexpected-statement", XM_SEV_ERROR, 7, FN("    conditional {\n"
		"      debug.log {\n        value = 1\n      }\n    }\n"), NULL },
	{ "unexpected-statement", XM_SEV_ERROR, 7, FN("    db.get \"user\" {\n"
		"      debug.log {\n        value = 1\n      }\n      field_name = \"id\"\n"
		"      field_value = 1\n    } as $u\n"), "stack" },
	{ "missing-target", XM_SEV_ERROR, 6, FN("    db.get {\n"
		"      field_name = \"id\"\n      field_value = 1\n    } as $u\n"), NULL },
	{ "unexpected-target", XM_SEV_ERROR, 6, FN("    debug.log $x {\n"
		"      value = 1\n    }\n"), NULL },
	{ "missing-condition", XM_SEV_ERROR, 6, FN("    precondition {\n"
		"      error = \"x\"\n    }\n"), NULL },
	{ "unexpected-condition", XM_SEV_ERROR, 6, FN("    debug.log ($x) {\n"
		"      value = 1\n    }\n"), NULL },
	{ "unexpected-as", XM_SEV_ERROR, 8, FN("    var $x {\n"
		"      value = 1\n    } as $y\n"), NULL },
	{ "reserved-variable", XM_SEV_ERROR, 6, FN("    util.get_all_input as $input\n"), NULL },
	{ "reserved-variable", XM_SEV_ERROR, 6, FN("    var $auth {\n      value = 1\n    }\n"),
		NULL },
	{ "missing-body", XM_SEV_ERROR, 6, FN("    var $x\n"), NULL },
	{ "unexpected-body", XM_SEV_ERROR, 8, FN("    foreach ([1]) {\n      each as $i {\n"
		"        continue {\n        }\n      }\n    }\n"), NULL },
	{ "unknown-attribute", XM_SEV_ERROR, 9, FN("    api.request {\n"
		"      url = \"https://x\"\n      method = \"POST\"\n      body = {a: 1}\n"
		"    } as $r\n"), "params" },
	{ "unknown-attribute", XM_SEV_ERROR, 8, FN("    db.get \"user\" {\n"
		"      field_name = \"id\"\n      feild_value = 1\n    } as "
		"$u\n"), "field_value" },
	{ "duplicate-attribute", XM_SEV_ERROR, 8, FN("    debug.log {\n"
		"      value = 1\n      value = 2\n    }\n"), NULL },
	{ "missing-attribute", XM_SEV_ERROR, 6, FN("    db.get \"user\" {\n"
		"      field_value = 1\n    } as $u\n"), "field_name" },
	{ "wrong-value-kind", XM_SEV_ERROR, 9, FN("    db.edit \"user\" {\n"
		"      field_name = \"id\"\n      field_value = 1\n      data = $x\n"
		"    } as $u\n"), "object" },
	{ "wrong-value-kind", XM_SEV_ERROR, 7, FN("    function.run \"g\" {\n"
		"      input = $input\n    } as $r\n"), "object" },
	{ "bad-value", XM_SEV_ERROR, 7, FN("    db.query \"user\" {\n"
		"      sort = {created_at: \"descending\"}\n    } as $u\n"), "\"desc\"" },
	{ "bad-value", XM_SEV_ERROR, 7, FN("    db.query \"user\" {\n"
		"      return = {type: \"many\"}\n    } as $u\n"), NULL },
	{ "bad-value", XM_SEV_ERROR, 7, FN("    db.query \"user\" {\n"
		"      sort = [{id: \"asc\"}, {name: \"up\"}]\n    } as $u\n"), NULL },
	{ "bad-value", XM_SEV_WARNING, 7, FN("    precondition (true) {\n"
		"      error_type = \"forbidden\"\n    }\n"), NULL },
	{ "unexpected-attribute", XM_SEV_ERROR, 6, FN("    value = 1\n"), NULL },
	{ "unknown-filter", XM_SEV_ERROR, 7, FN("    var $x {\n"
		"      value = $input.name|lowercase\n    }\n"), "`to_lower`" },
	{ "unknown-filter", XM_SEV_ERROR, 7, FN("    var $x {\n"
		"      value = $input.name|to_lowr\n    }\n"), "`to_lower`" },
	{ "duplicate-key", XM_SEV_ERROR, 7, FN("    var $x {\n"
		"      value = {a: 1, a: 2}\n    }\n"), NULL },
	{ "unknown-input", XM_SEV_WARNING, 7, FN("    var $x {\n"
		"      value = $input.nmae\n    }\n"), NULL },
	{ "missing-path-input", XM_SEV_WARNING, 1,
		"query \"users/{user_id}\" verb=GET {\n  input {\n  }\n  stack {\n  }\n"
		"  response = 1\n}\n", "int user_id" },
};

static const struct xm_diag *find_code(const struct xm_diags *d, const char *code)
{
	for (size_t i = 0; i < d->len; i++) {
		if (strcmp(d->items[i].code, code) == 0) {
			return &d->items[i];
		}
	}
	return NULL;
}

START_TEST(each_diagnostic)
{
	const struct expect *e = &cases[_i];
	struct xm_diags d;
	xm_diags_init(&d, 0);
	xm_xs_check(e->text, strlen(e->text), NULL, &d);
	const struct xm_diag *got = find_code(&d, e->code);
	if (!got) {
		for (size_t i = 0; i < d.len; i++) {
			fprintf(stderr, "  got %u:%u %s: %s\n", d.items[i].line, d.items[i].col,
				d.items[i].code, d.items[i].message);
		}
	}
	ck_assert_msg(got != NULL, "case %d: no %s for:\n%s", _i, e->code, e->text);
	ck_assert_msg(got->severity == e->severity, "case %d: %s has severity %s", _i,
		e->code, xm_severity_name(got->severity));
	ck_assert_msg(got->line == e->line, "case %d: %s on line %u, want %u", _i, e->code,
		got->line, e->line);
	ck_assert_msg(got->col >= 1 && got->end_col >= got->col, "case %d: bad span", _i);
	/* One sentence: no line breaks, no final period. */
	ck_assert_msg(!strchr(got->message, '\n'), "case %d: multi-line message", _i);
	if (e->suggestion) {
		ck_assert_msg(got->suggestion && strstr(got->suggestion, e->suggestion),
			"case %d: suggestion '%s' lacks '%s'", _i,
			got->suggestion ? got->suggestion : "(none)", e->suggestion);
	}
	xm_diags_finish(&d);
}
END_TEST

/* Programs from the reference (§12) that must be clean. */
static const char *const clean[] = {
	"query \"auth/signup\" verb=POST {\n"
	"  api_group = \"Authentication\"\n"
	"  input {\n"
	"    text name filters=trim\n"
	"    email email filters=trim|lower\n"
	"    password password filters=min:8\n"
	"  }\n"
	"  stack {\n"
	"    db.get \"user\" {\n"
	"      field_name = \"email\"\n"
	"      field_value = $input.email\n"
	"    } as $existing\n"
	"    precondition ($existing == null) {\n"
	"      error_type = \"accessdenied\"\n"
	"      error = \"This account is already in use.\"\n"
	"    }\n"
	"    db.add \"user\" {\n"
	"      data = {\n"
	"        name    : $input.name\n"
	"        email   : $input.email\n"
	"        password: $input.password\n"
	"      }\n"
	"    } as $user\n"
	"    security.create_auth_token {\n"
	"      table = \"user\"\n"
	"      extras = {}\n"
	"      expiration = 86400\n"
	"      id = $user.id\n"
	"    } as $authToken\n"
	"  }\n"
	"  response = {authToken: $authToken}\n"
	"}\n",
	"query \"posts/{post_id}\" verb=PATCH {\n"
	"  api_group = \"Posts\"\n"
	"  auth = \"user\"\n"
	"  input {\n"
	"    int post_id filters=min:1\n"
	"    text title? filters=trim\n"
	"  }\n"
	"  stack {\n"
	"    db.query \"post\" {\n"
	"      where = $db.post.user_id == $auth.id && $db.post.title ==? $input.title\n"
	"      sort = {created_at: \"desc\"}\n"
	"      return = {type: \"list\", paging: {page: 1, per_page: 20, totals: true}}\n"
	"    } as $posts\n"
	"    var $changes {\n"
	"      value = {}\n"
	"        |set_ifnotnull:\"title\":$input.title\n"
	"    }\n"
	"  }\n"
	"  response = $posts\n"
	"}\n",
	"table \"user\" {\n"
	"  auth = true\n"
	"  schema {\n"
	"    int id\n"
	"    timestamp created_at?=now\n"
	"    email email filters=trim|lower {\n"
	"      sensitive = true\n"
	"    }\n"
	"    enum role?=\"member\" {\n"
	"      values = [\"member\", \"admin\"]\n"
	"    }\n"
	"  }\n"
	"  index = [\n"
	"    {type: \"primary\", field: [{name: \"id\"}]}\n"
	"    {type: \"btree|unique\", field: [{name: \"email\", op: \"asc\"}]}\n"
	"  ]\n"
	"}\n",
	"task \"cleanup\" {\n"
	"  stack {\n"
	"    foreach ([1, 2]) {\n"
	"      each as $p {\n"
	"        debug.log {\n"
	"          value = $p\n"
	"        }\n"
	"      }\n"
	"    }\n"
	"  }\n"
	"  schedule = [{starts_on: 2026-01-01 03:00:00+0000, freq: 86400}]\n"
	"}\n",
};

START_TEST(clean_programs)
{
	struct xm_diags d;
	xm_diags_init(&d, 0);
	xm_xs_check(clean[_i], strlen(clean[_i]), NULL, &d);
	for (size_t i = 0; i < d.len; i++) {
		fprintf(stderr, "  %u:%u %s: %s\n", d.items[i].line, d.items[i].col,
			d.items[i].code, d.items[i].message);
	}
	ck_assert_uint_eq(d.len, 0);
	xm_diags_finish(&d);
}
END_TEST

/* A syntax error is not echoed by "missing …" findings of the validator. */
START_TEST(no_echo_after_syntax_errors)
{
	const char *text = "function \"f\" {\n  input {\n  }\n  stack {\n    var $x {\n"
		"      value = {a = 1}\n    }\n  }\n  response = 1\n}\n";
	struct xm_diags d;
	xm_diags_init(&d, 0);
	ck_assert(!xm_xs_check(text, strlen(text), NULL, &d));
	ck_assert_uint_ge(d.len, 1);
	ck_assert_str_eq(d.items[0].code, "object-equals");
	for (size_t i = 0; i < d.len; i++) {
		ck_assert(strncmp(d.items[i].code, "missing-", 8) != 0 ||
			strcmp(d.items[i].code, "missing-close") == 0);
	}
	xm_diags_finish(&d);
}
END_TEST

/* The 11.x-only rule is a warning, and only on request. */
START_TEST(ls11_option)
{
	const char *text = "function \"f\" {\n  input {\n  }\n  stack {\n  }\n}\n";
	struct xm_diags d;
	xm_diags_init(&d, 0);
	ck_assert(xm_xs_check(text, strlen(text), NULL, &d));
	ck_assert_uint_eq(d.len, 0);
	struct xm_xs_check_opts opts = { .validate = XM_XS_VALIDATE_LS11 };
	ck_assert(xm_xs_check(text, strlen(text), &opts, &d));
	ck_assert_uint_eq(d.len, 1);
	ck_assert_str_eq(d.items[0].code, "missing-response");
	ck_assert_int_eq(d.items[0].severity, XM_SEV_WARNING);
	xm_diags_finish(&d);

	const char *newer = "query \"a\" verb=GET {\n  api_group = \"G\"\n  guid = \"x\"\n"
		"  input {\n  }\n  stack {\n    var $x {\n      value = !(5 % 2 == 1)\n    }\n"
		"  }\n  response = 1\n}\n";
	xm_diags_init(&d, 0);
	ck_assert(xm_xs_check(newer, strlen(newer), NULL, &d));
	ck_assert_uint_eq(d.len, 0);
	ck_assert(xm_xs_check(newer, strlen(newer), &opts, &d));
	ck_assert_uint_eq(d.len, 4);
	static const unsigned lines[] = { 2, 3, 8, 8 };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(d.items[i].code, "ls11-only");
		ck_assert_uint_eq(d.items[i].line, lines[i]);
		ck_assert_int_eq(d.items[i].severity, XM_SEV_WARNING);
	}
	xm_diags_finish(&d);
}
END_TEST

/* A tree built by hand (the SDK compiler's way) validates without positions. */
START_TEST(built_tree)
{
	struct xm_arena *a = xm_arena_create();
	struct xm_xs_node *fn = xm_xs_new_construct(a, "function", xm_xs_new_string(a, "f", 1));
	xm_xs_add_item(fn, xm_xs_new_block(a, "input"));
	struct xm_xs_node *stack = xm_xs_add_item(fn, xm_xs_new_block(a, "stack"));
	struct xm_xs_node *s = xm_xs_add_item(stack, xm_xs_new_stmt(a, "debug.lgo"));
	xm_xs_add_item(s, xm_xs_new_attr(a, "value", xm_xs_new_number(a, "1")));
	struct xm_diags d;
	xm_diags_init(&d, 0);
	xm_xs_validate(fn, NULL, &d);
	ck_assert_uint_eq(d.len, 1);
	ck_assert_str_eq(d.items[0].code, "unknown-statement");
	ck_assert_str_eq(d.items[0].suggestion, "did you mean `debug.log`?");
	xm_diags_finish(&d);
	xm_arena_destroy(a);
}
END_TEST

/* Leaves non-zero bytes where the next call's locals will live. */
static void dirty_stack(void)
{
	volatile char junk[4096];
	for (size_t i = 0; i < sizeof(junk); i++) {
		junk[i] = 'x';
	}
}

/* An unknown filter that no filter resembles gets no suggestion (it once
 * got whatever the stack held in the suggestion buffer). */
START_TEST(unknown_filter_without_suggestion)
{
	static const char text[] = FN("    var $x {\n"
		"      value = $input.name|qqqqqqqqqq\n    }\n");
	struct xm_diags d;
	xm_diags_init(&d, 0);
	dirty_stack();
	xm_xs_check(text, sizeof(text) - 1, NULL, &d);
	const struct xm_diag *got = find_code(&d, "unknown-filter");
	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_null(got->suggestion);
	xm_diags_finish(&d);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-validate");
	TCase *tc = tcase_create("validate");
	tcase_add_loop_test(tc, each_diagnostic, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, clean_programs, 0, (int)(sizeof(clean) / sizeof(clean[0])));
	tcase_add_test(tc, no_echo_after_syntax_errors);
	tcase_add_test(tc, ls11_option);
	tcase_add_test(tc, built_tree);
	tcase_add_test(tc, unknown_filter_without_suggestion);
	suite_add_tcase(s, tc);
	return s;
}
