#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/arena.h"
#include "xano-mcp/sdk/parse.h"

struct parsed {
	struct xm_arena *arena;
	struct xm_diags diags;
	struct xm_sdk_program *prog;
};

static void parse(struct parsed *p, const char *src)
{
	p->arena = xm_arena_create();
	xm_diags_init(&p->diags, 0);
	p->prog = xm_sdk_parse(src, strlen(src), p->arena, &p->diags);
}

static void done(struct parsed *p)
{
	xm_diags_finish(&p->diags);
	xm_arena_destroy(p->arena);
}

START_TEST(chain)
{
	struct parsed p;
	parse(&p, "return create('users/{id}', 'GET')\n"
		"  .input('id', 'int')\n"
		"  .dbGet('user', {field: 'id', value: '$input.id'}, 'user')\n"
		"  .response($user)\n"
		"  .build();\n");
	ck_assert_uint_eq(p.diags.len, 0);
	ck_assert_uint_eq(p.prog->nstmts, 1);
	struct xm_sdk_stmt *s = p.prog->first;
	ck_assert_int_eq(s->kind, XM_SDK_STMT_RETURN);
	struct xm_sdk_node *n = s->value;
	ck_assert_int_eq(n->kind, XM_SDK_METHOD);
	ck_assert_str_eq(n->u.call.name, "build");
	n = n->u.call.target;
	ck_assert_str_eq(n->u.call.name, "response");
	ck_assert_int_eq(n->u.call.args[0]->kind, XM_SDK_XS);
	ck_assert_str_eq(n->u.call.args[0]->u.str.text, "$user");
	n = n->u.call.target;
	ck_assert_str_eq(n->u.call.name, "dbGet");
	ck_assert_uint_eq(n->u.call.name_line, 3);
	ck_assert_uint_eq(n->u.call.name_col, 4);
	struct xm_sdk_node *obj = n->u.call.args[1];
	ck_assert_int_eq(obj->kind, XM_SDK_OBJECT);
	ck_assert_uint_eq(obj->u.object.n, 2);
	ck_assert_str_eq(obj->u.object.props[1].key, "value");
	ck_assert_str_eq(obj->u.object.props[1].value->u.str.text, "$input.id");
	done(&p);
}
END_TEST

START_TEST(values)
{
	struct parsed p;
	parse(&p, "const a = [1, -2.5, true, false, null, 'x\\n', \"y\", {k: 1,},];\n"
		"let b = `Hello ${$user.name}!`\n"
		"const c = $input.page + 1\n"
		"const d = ($items|count) > 0\n"
		"const e = 'a' ~ $b\n");
	ck_assert_uint_eq(p.diags.len, 0);
	struct xm_sdk_stmt *s = p.prog->first;
	struct xm_sdk_node *a = s->value;
	ck_assert_int_eq(a->kind, XM_SDK_ARRAY);
	ck_assert_uint_eq(a->u.array.n, 8);
	ck_assert_str_eq(a->u.array.items[1]->u.str.text, "-2.5");
	ck_assert_int_eq(a->u.array.items[2]->kind, XM_SDK_BOOL);
	ck_assert_int_eq(a->u.array.items[4]->kind, XM_SDK_NULL);
	ck_assert_uint_eq(a->u.array.items[5]->u.str.len, 2);
	ck_assert_int_eq(a->u.array.items[5]->u.str.text[1], '\n');
	s = s->next;
	ck_assert_int_eq(s->value->kind, XM_SDK_TEMPLATE);
	ck_assert_uint_eq(s->value->u.tmpl.n, 3);
	ck_assert(s->value->u.tmpl.parts[1].is_expr);
	ck_assert_str_eq(s->value->u.tmpl.parts[1].text, "$user.name");
	s = s->next;
	ck_assert_int_eq(s->value->kind, XM_SDK_XS);
	ck_assert_str_eq(s->value->u.str.text, "$input.page + 1");
	s = s->next;
	ck_assert_str_eq(s->value->u.str.text, "($items|count) > 0");
	s = s->next;
	ck_assert_int_eq(s->value->kind, XM_SDK_XS);
	ck_assert_str_eq(s->value->u.str.text, "'a' ~ $b");
	done(&p);
}
END_TEST

START_TEST(arrows)
{
	struct parsed p;
	parse(&p, "x.conditional('$x > 1', b => b.var('y', 1))\n"
		" .forEach('$items', 'item', (b) => { b.log($item); b.var('z', 2); })\n"
		" .tryCatch(function (t) { t.log(1) }, c => c.log(2))\n");
	ck_assert_uint_eq(p.diags.len, 0);
	struct xm_sdk_node *n = p.prog->first->value;
	ck_assert_str_eq(n->u.call.name, "tryCatch");
	ck_assert_int_eq(n->u.call.args[0]->kind, XM_SDK_ARROW);
	ck_assert_str_eq(n->u.call.args[0]->u.arrow.param, "t");
	n = n->u.call.target;
	struct xm_sdk_node *fn = n->u.call.args[2];
	ck_assert_int_eq(fn->kind, XM_SDK_ARROW);
	ck_assert_ptr_nonnull(fn->u.arrow.body);
	ck_assert_ptr_nonnull(fn->u.arrow.body->next);
	n = n->u.call.target;
	fn = n->u.call.args[1];
	ck_assert_ptr_nonnull(fn->u.arrow.expr);
	done(&p);
}
END_TEST

START_TEST(comments_and_modules)
{
	struct parsed p;
	parse(&p, "// a comment\nimport { create } from 'xano';\n/* block\n comment */\n"
		"export default create('a', 'GET').build()\n");
	ck_assert_uint_eq(p.diags.len, 0);
	ck_assert_uint_eq(p.prog->nstmts, 1);
	ck_assert_uint_eq(p.prog->first->line, 5);
	done(&p);
}
END_TEST

START_TEST(errors_all_at_once)
{
	struct parsed p;
	parse(&p, "const a = create('x', 'GET').input('a' 'int')\n"
		"const b = {a = 1}\n"
		"const c = 'unterminated\n"
		"const d = 1e5\n");
	ck_assert_uint_ge(p.diags.len, 4);
	ck_assert_uint_eq(p.diags.items[0].line, 1);
	ck_assert_uint_eq(p.diags.items[0].col, 40);
	ck_assert_str_eq(p.diags.items[0].message, "expected `,` or `)`, found a string");
	ck_assert_uint_eq(p.diags.items[1].line, 2);
	ck_assert_str_eq(p.diags.items[1].suggestion, "object keys take `:`, as in {name: value}");
	bool unterminated = false, number = false;
	for (size_t i = 0; i < p.diags.len; i++) {
		unterminated |= strcmp(p.diags.items[i].code, "unterminated-string") == 0 &&
			p.diags.items[i].line == 3;
		number |= strcmp(p.diags.items[i].code, "bad-number") == 0 &&
			p.diags.items[i].line == 4;
	}
	ck_assert(unterminated);
	ck_assert(number);
	done(&p);
}
END_TEST

START_TEST(limits)
{
	struct parsed p;
	char deep[4096];
	size_t n = 0;
	n += (size_t)snprintf(deep, sizeof(deep), "const a = ");
	for (int i = 0; i < 1000; i++) {
		deep[n++] = '[';
	}
	deep[n] = '\0';
	parse(&p, deep);
	ck_assert_uint_ge(p.diags.len, 1);
	ck_assert_str_eq(p.diags.items[0].code, "too-deep");
	done(&p);

	size_t big = XM_SDK_MAX_SOURCE + 1;
	char *text = malloc(big);
	memset(text, ' ', big);
	p.arena = xm_arena_create();
	xm_diags_init(&p.diags, 0);
	p.prog = xm_sdk_parse(text, big, p.arena, &p.diags);
	ck_assert_str_eq(p.diags.items[0].code, "too-large");
	free(text);
	done(&p);
}
END_TEST

START_TEST(smart_quote_error)
{
	struct parsed p;
	parse(&p, "create(\xe2\x80\x98x\xe2\x80\x99)");
	ck_assert_uint_ge(p.diags.len, 1);
	ck_assert_str_eq(p.diags.items[0].code, "bad-character");
	ck_assert_str_eq(p.diags.items[0].suggestion, "use the ASCII quotes ' or \"");
	done(&p);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-parse");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, chain);
	tcase_add_test(tc, values);
	tcase_add_test(tc, arrows);
	tcase_add_test(tc, comments_and_modules);
	tcase_add_test(tc, errors_all_at_once);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, smart_quote_error);
	suite_add_tcase(s, tc);
	return s;
}
