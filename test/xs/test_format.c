#include <string.h>

#include "harness.h"
#include "xano-mcp/xs/format.h"
#include "xano-mcp/xs/parse.h"

static struct xm_arena *arena;

static void setup(void)
{
	arena = xm_arena_create();
}

static void teardown(void)
{
	xm_arena_destroy(arena);
}

/* Formats src, checks the text, and that formatting is a fixed point that
 * keeps the tree. */
static void formats_to(const char *src, const char *want)
{
	struct xm_diags d;
	xm_diags_init(&d, 0);
	struct xm_xs_node *t1 = xm_xs_parse(arena, src, strlen(src), NULL, &d);
	ck_assert_msg(d.len == 0, "parse error: %s", d.len ? d.items[0].message : "");
	struct xm_buf out = XM_BUF_INIT;
	xm_xs_format(t1, &out);
	ck_assert_str_eq(xm_buf_str(&out), want);
	struct xm_xs_node *t2 = xm_xs_parse(arena, out.data, out.len, NULL, &d);
	ck_assert_uint_eq(d.len, 0);
	ck_assert(xm_xs_ast_equal(t1, t2));
	struct xm_buf again = XM_BUF_INIT;
	xm_xs_format(t2, &again);
	ck_assert_str_eq(xm_buf_str(&again), want);
	xm_buf_finish(&again);
	xm_buf_finish(&out);
	xm_diags_finish(&d);
}

START_TEST(canonical_layout)
{
	formats_to(
		"query auth/login verb=POST {\n"
		"input {}\n"
		"        stack {\n"
		"  db.get user { field_name = \"email\" } as $u\n"
		"\n"
		"\n"
		"  var $x { value = {a:1,b : [1,2]} }\n"
		"}\n"
		"  response = {\n"
		"    token: $t, user_id: $u.id,\n"
		"    \"quoted key\": 1\n"
		"  }\n"
		"}",
		"query \"auth/login\" verb=POST {\n"
		"  input {\n"
		"  }\n"
		"  stack {\n"
		"    db.get user {\n"
		"      field_name = \"email\"\n"
		"    } as $u\n"
		"\n"
		"    var $x {\n"
		"      value = {a: 1, b: [1, 2]}\n"
		"    }\n"
		"  }\n"
		"  response = {\n"
		"    token       : $t\n"
		"    user_id     : $u.id\n"
		"    \"quoted key\": 1\n"
		"  }\n"
		"}\n");
}
END_TEST

START_TEST(declarations_and_comments)
{
	formats_to(
		"// header\n"
		"table \"t\" {\n"
		"  schema {\n"
		"    // id first\n"
		"    int id\n"
		"    uuid ?ref?\n"
		"    int[1:10] n?=1 filters=min:1|max:10\n"
		"    text s filters=pattern:\"^a$\" { sensitive = true }\n"
		"  }\n"
		"}\n",
		"// header\n"
		"table \"t\" {\n"
		"  schema {\n"
		"    // id first\n"
		"    int id\n"
		"    uuid? ref?\n"
		"    int[1:10] n?=1 filters=min:1|max:10\n"
		"    text s filters=pattern:\"^a$\" {\n"
		"      sensitive = true\n"
		"    }\n"
		"  }\n"
		"}\n");
}
END_TEST

START_TEST(expressions_and_filters)
{
	formats_to(
		"function f {\n"
		"  stack {\n"
		"    var $h {\n"
		"      value = []\n"
		"        |push:(\"a %s\"|sprintf:($env.k|base64_encode))\n"
		"        |push:\"b\"\n"
		"    }\n"
		"    each as $i {\n"
		"      continue\n"
		"    }\n"
		"    !debug.log { value = - 1 }\n"
		"    array.find ($a) if ($this.x ==? null) as $r\n"
		"  }\n"
		"  response = $a ? !int \"1\" : (`$x`|to_text) ~ \"\"\"\n"
		"  raw\n"
		"  \"\"\"\n"
		"}\n",
		"function f {\n"
		"  stack {\n"
		"    var $h {\n"
		"      value = []\n"
		"        |push:(\"a %s\"|sprintf:($env.k|base64_encode))\n"
		"        |push:\"b\"\n"
		"    }\n"
		"    each as $i {\n"
		"      continue\n"
		"    }\n"
		"    !debug.log {\n"
		"      value = - 1\n"
		"    }\n"
		"    array.find ($a) if ($this.x ==? null) as $r\n"
		"  }\n"
		"  response = $a ? !int \"1\" : (`$x`|to_text) ~ \"\"\"\n"
		"  raw\n"
		"  \"\"\"\n"
		"}\n");
}
END_TEST

START_TEST(multidoc)
{
	formats_to("function a {\n}\n---\nfunction b {\n}\n",
		"function a {\n}\n---\nfunction b {\n}\n");
}
END_TEST

/* What the SDK compiler does: build a tree by hand and print it. */
START_TEST(built_tree)
{
	struct xm_xs_node *q = xm_xs_new_construct(arena, "query",
		xm_xs_new_string(arena, "users/{id}", 10));
	xm_xs_add_arg(q, xm_xs_new_attr(arena, "verb", xm_xs_new_ident(arena, "GET")));
	struct xm_xs_node *input = xm_xs_add_item(q, xm_xs_new_block(arena, "input"));
	struct xm_xs_node *id = xm_xs_add_item(input, xm_xs_new_decl(arena, "int", "id"));
	struct xm_xs_node *min = xm_xs_add_arg(id, xm_xs_new_filter(arena, NULL, "min"));
	xm_xs_add_arg(min, xm_xs_new_number(arena, "1"));
	struct xm_xs_node *stack = xm_xs_add_item(q, xm_xs_new_block(arena, "stack"));
	struct xm_xs_node *get = xm_xs_add_item(stack, xm_xs_new_stmt(arena, "db.get"));
	get->target = xm_xs_new_string(arena, "user", 4);
	xm_xs_add_item(get, xm_xs_new_attr(arena, "field_name",
		xm_xs_new_string(arena, "id", 2)));
	struct xm_xs_node *input_id = xm_xs_new_var(arena, "input");
	xm_xs_var_member(arena, input_id, "id");
	xm_xs_add_item(get, xm_xs_new_attr(arena, "field_value", input_id));
	get->as = xm_xs_new_var(arena, "user");
	struct xm_xs_node *obj = xm_xs_new_object(arena);
	xm_xs_object_add(arena, obj, "user", false, xm_xs_new_var(arena, "user"));
	xm_xs_object_add(arena, obj, "note", false,
		xm_xs_new_string(arena, "say \"hi\"\n", 9));
	struct xm_xs_node *count = xm_xs_new_filter(arena, xm_xs_new_var(arena, "user"),
		"count");
	xm_xs_object_add(arena, obj, "big", false, xm_xs_new_binary(arena, XM_XS_OP_GT,
		xm_xs_new_paren(arena, count), xm_xs_new_number(arena, "1")));
	xm_xs_add_item(q, xm_xs_new_attr(arena, "response", obj));

	struct xm_buf out = XM_BUF_INIT;
	xm_xs_format(q, &out);
	static const char want[] =
		"query \"users/{id}\" verb=GET {\n"
		"  input {\n"
		"    int id filters=min:1\n"
		"  }\n"
		"  stack {\n"
		"    db.get \"user\" {\n"
		"      field_name = \"id\"\n"
		"      field_value = $input.id\n"
		"    } as $user\n"
		"  }\n"
		"  response = {user: $user, note: \"say \\\"hi\\\"\\n\", big: ($user|count) > 1}\n"
		"}\n";
	ck_assert_str_eq(xm_buf_str(&out), want);

	/* and it reads back as the same tree */
	struct xm_diags d;
	xm_diags_init(&d, 0);
	struct xm_xs_node *file = xm_xs_parse(arena, out.data, out.len, NULL, &d);
	ck_assert_uint_eq(d.len, 0);
	ck_assert(xm_xs_ast_equal(file->items.first->items.first, q));
	xm_diags_finish(&d);
	xm_buf_finish(&out);
}
END_TEST

START_TEST(equality_ignores_layout_only)
{
	struct xm_diags d;
	xm_diags_init(&d, 0);
	const char *a = "function f {\n  response = {a: 1, b: 2}\n}\n";
	const char *b = "function f {\n\n  response = {\n    a: 1\n    b: 2\n  }\n}\n";
	const char *c = "function f {\n  response = {a: 1, b: 3}\n}\n";
	struct xm_xs_node *ta = xm_xs_parse(arena, a, strlen(a), NULL, &d);
	struct xm_xs_node *tb = xm_xs_parse(arena, b, strlen(b), NULL, &d);
	struct xm_xs_node *tc = xm_xs_parse(arena, c, strlen(c), NULL, &d);
	ck_assert(xm_xs_ast_equal(ta, tb));
	ck_assert(!xm_xs_ast_equal(ta, tc));
	ck_assert(xm_xs_ast_equal(NULL, NULL));
	ck_assert(!xm_xs_ast_equal(ta, NULL));
	xm_diags_finish(&d);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-format");
	TCase *tc = tcase_create("format");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, canonical_layout);
	tcase_add_test(tc, declarations_and_comments);
	tcase_add_test(tc, expressions_and_filters);
	tcase_add_test(tc, multidoc);
	tcase_add_test(tc, built_tree);
	tcase_add_test(tc, equality_ignores_layout_only);
	suite_add_tcase(s, tc);
	return s;
}
