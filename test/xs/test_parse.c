#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/xs/parse.h"

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

static struct xm_xs_node *parse(const char *src)
{
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	return xm_xs_parse(arena, src, strlen(src), NULL, &diags);
}

/* Parses src, expects no diagnostics, returns the first construct. */
static struct xm_xs_node *parse_ok(const char *src)
{
	struct xm_xs_node *file = parse(src);
	ck_assert_msg(diags.len == 0, "unexpected error: %u:%u %s", diags.len ?
		diags.items[0].line : 0, diags.len ? diags.items[0].col : 0,
		diags.len ? diags.items[0].message : "");
	struct xm_xs_node *doc = file->items.first;
	for (xm_xs_each(n, &doc->items)) {
		if (n->kind == XM_XS_CONSTRUCT) {
			return n;
		}
	}
	ck_abort_msg("no construct");
	return NULL;
}

/* The first diagnostic must have this code, position and suggestion text. */
static void first_error(const char *src, const char *code, unsigned line, unsigned col,
		const char *suggestion_part)
{
	parse(src);
	ck_assert_msg(diags.len > 0, "no error for %s", src);
	const struct xm_diag *d = &diags.items[0];
	ck_assert_str_eq(d->code, code);
	ck_assert_uint_eq(d->line, line);
	ck_assert_uint_eq(d->col, col);
	if (suggestion_part) {
		ck_assert_ptr_nonnull(d->suggestion);
		ck_assert_msg(strstr(d->suggestion, suggestion_part), "suggestion `%s` lacks `%s`",
			d->suggestion, suggestion_part);
	}
}

static struct xm_xs_node *nth(const struct xm_xs_list *list, size_t i)
{
	struct xm_xs_node *n = list->first;
	while (n && i--) {
		n = n->next;
	}
	ck_assert_ptr_nonnull(n);
	return n;
}

START_TEST(query_construct)
{
	struct xm_xs_node *q = parse_ok(
		"// leading comment\n"
		"query \"users/{id}\" verb=GET {\n"
		"  api_group = \"Users\"\n"
		"  input {\n"
		"    int id filters=min:1\n"
		"  }\n"
		"  stack {\n"
		"  }\n"
		"  response = $user\n"
		"}\n");
	ck_assert_str_eq(q->name, "query");
	ck_assert_int_eq(q->target->kind, XM_XS_STRING);
	ck_assert_str_eq(q->target->text, "users/{id}");
	ck_assert_uint_eq(q->line, 2);
	ck_assert_uint_eq(q->end_line, 10);
	struct xm_xs_node *verb = q->args.first;
	ck_assert_str_eq(verb->name, "verb");
	ck_assert_str_eq(verb->value->name, "GET");
	ck_assert_uint_eq(xm_xs_list_len(&q->items), 4);
	ck_assert_ptr_nonnull(xm_xs_find_attr(q, "api_group"));
	struct xm_xs_node *input = xm_xs_find_item(q, XM_XS_BLOCK, "input");
	ck_assert_ptr_nonnull(input);
	struct xm_xs_node *id = input->items.first;
	ck_assert_int_eq(id->kind, XM_XS_DECL);
	ck_assert_str_eq(id->text, "int");
	ck_assert_str_eq(id->name, "id");
	ck_assert_str_eq(id->args.first->name, "min");
	ck_assert_str_eq(id->args.first->args.first->text, "1");
	struct xm_xs_node *resp = xm_xs_find_attr(q, "response");
	ck_assert_int_eq(resp->value->kind, XM_XS_VAR);
	ck_assert_str_eq(resp->value->name, "user");
}
END_TEST

START_TEST(bare_names)
{
	struct xm_xs_node *q = parse_ok("query auth/login verb=POST {\n}\n");
	ck_assert_int_eq(q->target->kind, XM_XS_STRING);
	ck_assert(q->target->flags & XM_XS_F_BARE);
	ck_assert_str_eq(q->target->text, "auth/login");
	q = parse_ok("api_group Auth {\n  canonical = \"x\"\n}");
	ck_assert_int_eq(q->target->kind, XM_XS_IDENT);
	ck_assert_str_eq(q->target->name, "Auth");
	q = parse_ok("run.job \"Nightly\" {\n  main = {name: \"x\", input: {}}\n}");
	ck_assert_str_eq(q->name, "run.job");
}
END_TEST

START_TEST(declarations)
{
	struct xm_xs_node *t = parse_ok(
		"table \"user\" {\n"
		"  schema {\n"
		"    int id\n"
		"    timestamp created_at?=now\n"
		"    text? note? filters=trim|max:10\n"
		"    int[1:10] scores\n"
		"    text[] tags?\n"
		"    uuid ?ref?\n"
		"    enum role?=\"member\" {\n"
		"      values = [\"member\", \"admin\"]\n"
		"    }\n"
		"    object address {\n"
		"      schema {\n"
		"        text city\n"
		"      }\n"
		"    }\n"
		"    password pw filters=pattern:\"^a$\"|min:8 { sensitive = true }\n"
		"  }\n"
		"  index = [\n"
		"    {type: \"primary\", field: [{name: \"id\"}]}\n"
		"  ]\n"
		"}\n");
	struct xm_xs_node *schema = xm_xs_find_item(t, XM_XS_BLOCK, "schema");
	ck_assert_uint_eq(xm_xs_list_len(&schema->items), 9);
	struct xm_xs_node *created = nth(&schema->items, 1);
	ck_assert(created->flags & XM_XS_F_OPTIONAL);
	ck_assert_str_eq(created->value->name, "now");
	struct xm_xs_node *note = nth(&schema->items, 2);
	ck_assert(note->flags & XM_XS_F_NULLABLE);
	ck_assert(note->flags & XM_XS_F_OPTIONAL);
	ck_assert_uint_eq(xm_xs_list_len(&note->args), 2);
	struct xm_xs_node *scores = nth(&schema->items, 3);
	ck_assert(scores->flags & XM_XS_F_ARRAY);
	ck_assert_str_eq(scores->extra, "1:10");
	ck_assert_str_eq(nth(&schema->items, 4)->extra, "");
	ck_assert(nth(&schema->items, 5)->flags & XM_XS_F_NULLABLE);
	struct xm_xs_node *role = nth(&schema->items, 6);
	ck_assert_str_eq(role->value->text, "member");
	ck_assert_ptr_nonnull(xm_xs_find_attr(role, "values"));
	struct xm_xs_node *address = nth(&schema->items, 7);
	ck_assert_ptr_nonnull(xm_xs_find_item(address, XM_XS_BLOCK, "schema"));
	struct xm_xs_node *pw = nth(&schema->items, 8);
	ck_assert_str_eq(pw->args.first->args.first->text, "^a$");
	ck_assert_int_eq(pw->args.first->args.first->kind, XM_XS_STRING);
	ck_assert(pw->flags & XM_XS_F_BODY);
	struct xm_xs_node *index = xm_xs_find_attr(t, "index");
	ck_assert_int_eq(index->value->kind, XM_XS_ARRAY);
	ck_assert(index->value->flags & XM_XS_F_MULTILINE);
}
END_TEST

START_TEST(dblink_and_comments_in_input)
{
	struct xm_xs_node *q = parse_ok(
		"query x verb=PATCH {\n"
		"  input {\n"
		"    // the id\n"
		"    int x_id\n"
		"    dblink {\n"
		"      table = \"x\"\n"
		"    }\n"
		"  }\n"
		"  stack\n"
		"  response = null\n"
		"}\n");
	struct xm_xs_node *input = xm_xs_find_item(q, XM_XS_BLOCK, "input");
	ck_assert_int_eq(input->items.first->kind, XM_XS_COMMENT);
	ck_assert_str_eq(input->items.first->text, " the id");
	struct xm_xs_node *dblink = nth(&input->items, 2);
	ck_assert_int_eq(dblink->kind, XM_XS_BLOCK);
	ck_assert_str_eq(dblink->name, "dblink");
	struct xm_xs_node *stack = xm_xs_find_item(q, XM_XS_BLOCK, "stack");
	ck_assert(!(stack->flags & XM_XS_F_BODY));
}
END_TEST

static struct xm_xs_node *stack_of(const char *body)
{
	char *src = NULL;
	size_t len = strlen(body) + 64;
	src = xm_malloc(len);
	snprintf(src, len, "function f {\n  input {\n  }\n  stack {\n%s  }\n}\n", body);
	struct xm_xs_node *fn = parse_ok(src);
	free(src);
	return xm_xs_find_item(fn, XM_XS_BLOCK, "stack");
}

START_TEST(statements)
{
	struct xm_xs_node *s = stack_of(
		"    db.get \"user\" {\n"
		"      field_name = \"id\"\n"
		"      field_value = $input.id\n"
		"    } as $user\n"
		"    !var $x {\n"
		"      value = 1\n"
		"    }\n"
		"    math.add $x { value = 2 }\n"
		"    security.create_uuid as $id\n"
		"    db.query post as $posts\n"
		"    function.run \"a/b\" {\n"
		"      input = {a: 1}\n"
		"    } as $r|get:0:null\n"
		"    array.find ($items) if ($this > 1) as $found\n");
	struct xm_xs_node *get = nth(&s->items, 0);
	ck_assert_str_eq(get->name, "db.get");
	ck_assert_str_eq(get->target->text, "user");
	ck_assert_uint_eq(xm_xs_list_len(&get->items), 2);
	ck_assert_str_eq(get->as->name, "user");
	ck_assert(!(get->flags & XM_XS_F_AS_BEFORE));
	struct xm_xs_node *var = nth(&s->items, 1);
	ck_assert(var->flags & XM_XS_F_DISABLED);
	ck_assert_int_eq(var->target->kind, XM_XS_VAR);
	struct xm_xs_node *add = nth(&s->items, 2);
	ck_assert_uint_eq(xm_xs_list_len(&add->items), 1);
	ck_assert_ptr_null(nth(&s->items, 3)->target);
	ck_assert_str_eq(nth(&s->items, 3)->as->name, "id");
	ck_assert_str_eq(nth(&s->items, 4)->target->name, "post");
	struct xm_xs_node *run = nth(&s->items, 5);
	ck_assert_int_eq(run->as->kind, XM_XS_FILTER);
	ck_assert_str_eq(run->as->value->name, "r");
	struct xm_xs_node *find = nth(&s->items, 6);
	ck_assert_int_eq(find->arg->kind, XM_XS_VAR);
	ck_assert_int_eq(find->value->kind, XM_XS_BINARY);
}
END_TEST

START_TEST(control_flow)
{
	struct xm_xs_node *s = stack_of(
		"    conditional {\n"
		"      if ($a > 1) {\n"
		"        debug.log { value = 1 }\n"
		"      }\n"
		"      elseif ($a == 1)\n"
		"      else {\n"
		"      }\n"
		"    }\n"
		"    foreach ($items) {\n"
		"      each as $item {\n"
		"        foreach.remove\n"
		"        continue\n"
		"      }\n"
		"    }\n"
		"    switch ($s) {\n"
		"      case (\"a\") break\n"
		"      case (\"b\") {\n"
		"        return { value = 0 }\n"
		"      } break\n"
		"      default {\n"
		"      }\n"
		"    }\n"
		"    try_catch {\n"
		"      try {\n"
		"      }\n"
		"      catch {\n"
		"        throw {\n"
		"          name = \"E\"\n"
		"          value = $error.message\n"
		"        }\n"
		"      }\n"
		"    }\n"
		"    db.transaction {\n"
		"      stack {\n"
		"      }\n"
		"    }\n"
		"    precondition ($user != null) {\n"
		"      error_type = \"notfound\"\n"
		"    }\n");
	struct xm_xs_node *cond = nth(&s->items, 0);
	ck_assert_str_eq(nth(&cond->items, 0)->name, "if");
	ck_assert_int_eq(nth(&cond->items, 0)->arg->kind, XM_XS_BINARY);
	ck_assert(!(nth(&cond->items, 1)->flags & XM_XS_F_BODY));
	ck_assert_str_eq(nth(&cond->items, 2)->name, "else");
	struct xm_xs_node *each = nth(&s->items, 1)->items.first;
	ck_assert_str_eq(each->name, "each");
	ck_assert(each->flags & XM_XS_F_AS_BEFORE);
	ck_assert_str_eq(each->as->name, "item");
	struct xm_xs_node *sw = nth(&s->items, 2);
	ck_assert(nth(&sw->items, 0)->flags & XM_XS_F_BREAK);
	ck_assert(nth(&sw->items, 1)->flags & XM_XS_F_BREAK);
	ck_assert(!(nth(&sw->items, 2)->flags & XM_XS_F_BREAK));
	struct xm_xs_node *tc = nth(&s->items, 3);
	ck_assert_str_eq(nth(&tc->items, 1)->name, "catch");
	ck_assert_str_eq(nth(&s->items, 4)->items.first->name, "stack");
	ck_assert_str_eq(nth(&s->items, 5)->name, "precondition");
}
END_TEST

static struct xm_xs_node *value_of(const char *expr)
{
	char src[512];
	snprintf(src, sizeof(src), "function f {\n  response = %s\n}\n", expr);
	struct xm_xs_node *fn = parse_ok(src);
	return xm_xs_find_attr(fn, "response")->value;
}

START_TEST(expressions)
{
	struct xm_xs_node *e = value_of("$a + $b * 2 == 7 && $c");
	ck_assert_int_eq(e->op, XM_XS_OP_AND);
	ck_assert_int_eq(e->value->op, XM_XS_OP_EQ);
	ck_assert_int_eq(e->value->value->op, XM_XS_OP_ADD);
	ck_assert_int_eq(e->value->value->rhs->op, XM_XS_OP_MUL);
	e = value_of("($x|count) > 0 ? \"a\" : 'b'");
	ck_assert_int_eq(e->kind, XM_XS_TERNARY);
	ck_assert_int_eq(e->arg->value->kind, XM_XS_PAREN);
	ck_assert(e->rhs->flags & XM_XS_F_SINGLE);
	e = value_of("$rows[0].id");
	ck_assert_uint_eq(xm_xs_list_len(&e->items), 2);
	ck_assert_int_eq(e->items.first->kind, XM_XS_INDEX);
	ck_assert_str_eq(e->items.last->name, "id");
	e = value_of("$env.$remote_ip");
	ck_assert_str_eq(e->items.first->name, "$remote_ip");
	e = value_of("$items|map:$$.name|filter:$$.a == 1|reduce:$$+$result:0");
	ck_assert_str_eq(e->name, "reduce");
	ck_assert_uint_eq(xm_xs_list_len(&e->args), 2);
	ck_assert_int_eq(e->args.first->op, XM_XS_OP_ADD);
	ck_assert_int_eq(e->value->args.first->op, XM_XS_OP_EQ);
	ck_assert_str_eq(e->value->value->args.first->name, "$");
	e = value_of("{a: 1, \"b c\": [1, 2], post.id: {}}");
	ck_assert_uint_eq(xm_xs_list_len(&e->items), 3);
	ck_assert(nth(&e->items, 1)->flags & XM_XS_F_QUOTED);
	ck_assert_str_eq(nth(&e->items, 2)->name, "post.id");
	e = value_of("!int \"42\"");
	ck_assert_int_eq(e->kind, XM_XS_CAST);
	ck_assert_str_eq(e->name, "int");
	e = value_of("`$x + 1`");
	ck_assert_int_eq(e->kind, XM_XS_EXPR);
	ck_assert_str_eq(e->text, "$x + 1");
	e = value_of("!$x");
	ck_assert_int_eq(e->kind, XM_XS_UNARY);
	e = value_of("$a - -1");
	ck_assert_int_eq(e->rhs->kind, XM_XS_NUMBER);
	ck_assert_str_eq(e->rhs->text, "-1");
	e = value_of("[]\n    |push:1\n    |push:2");
	ck_assert_int_eq(e->kind, XM_XS_FILTER);
	ck_assert(e->flags & XM_XS_F_NEWLINE);
	e = value_of("$a == 1\n    && $b == 2");
	ck_assert_int_eq(e->op, XM_XS_OP_AND);
}
END_TEST

START_TEST(query_operators)
{
	struct xm_xs_node *e = value_of(
		"$db.post.a ==? $input.a && $db.post.tags not in [1] && $db.b ilike \"x\" "
		"|| $db.c @> $x");
	ck_assert_int_eq(e->op, XM_XS_OP_OR);
	struct xm_xs_node *and = e->value;
	ck_assert_int_eq(and->rhs->op, XM_XS_OP_ILIKE);
	ck_assert_int_eq(and->value->rhs->op, XM_XS_OP_NOT_IN);
	ck_assert_int_eq(and->value->value->op, XM_XS_OP_EQ_Q);
	ck_assert_int_eq(e->rhs->op, XM_XS_OP_CONTAINS_JSON);
	e = value_of("$db.t.a between 1");
	ck_assert_int_eq(e->op, XM_XS_OP_BETWEEN);
}
END_TEST

START_TEST(schedules_and_multidoc)
{
	struct xm_xs_node *file = parse(
		"task \"t\" {\n"
		"  stack {\n"
		"  }\n"
		"  schedule = [{starts_on: 2026-01-01 03:00:00+0000, freq: 86400}]\n"
		"}\n"
		"---\n"
		"function \"f\" {\n"
		"  test \"it works\" {\n"
		"    expect.to_equal ($response) {\n"
		"      value = 1\n"
		"    }\n"
		"  }\n"
		"}\n");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_uint_eq(xm_xs_list_len(&file->items), 2);
	struct xm_xs_node *task = file->items.first->items.first;
	struct xm_xs_node *sched = xm_xs_find_attr(task, "schedule");
	struct xm_xs_node *ts = sched->value->items.first->items.first->value;
	ck_assert_int_eq(ts->kind, XM_XS_TIMESTAMP);
	struct xm_xs_node *fn = file->items.last->items.first;
	struct xm_xs_node *test = xm_xs_find_item(fn, XM_XS_BLOCK, "test");
	ck_assert_str_eq(test->target->text, "it works");
	ck_assert_str_eq(test->items.first->name, "expect.to_equal");
	ck_assert_int_eq(test->items.first->arg->kind, XM_XS_VAR);
}
END_TEST

START_TEST(middleware_and_table_trigger)
{
	struct xm_xs_node *m = parse_ok(
		"middleware \"rate_limit\" {\n"
		"  input {\n"
		"    json vars\n"
		"  }\n"
		"  stack {\n"
		"    redis.ratelimit {\n"
		"      key = \"k\"\n"
		"      max = 10\n"
		"      ttl = 60\n"
		"      error = \"slow down\"\n"
		"    }\n"
		"  }\n"
		"  response = $vars\n"
		"  exception_policy = \"rethrow\"\n"
		"  response_strategy = \"merge\"\n"
		"}\n");
	ck_assert_str_eq(m->name, "middleware");
	ck_assert_uint_eq(xm_xs_list_len(&m->items), 5);
	struct xm_xs_node *t = parse_ok(
		"table_trigger \"on_post\" {\n"
		"  table = \"post\"\n"
		"  actions = {insert: true, update: true, delete: true, truncate: false}\n"
		"  input {\n"
		"    json new\n"
		"    json old\n"
		"    enum action {\n"
		"      values = [\"insert\", \"update\", \"delete\", \"truncate\"]\n"
		"    }\n"
		"    text datasource\n"
		"  }\n"
		"  stack {\n"
		"  }\n"
		"}\n");
	ck_assert_str_eq(t->name, "table_trigger");
	ck_assert_uint_eq(xm_xs_list_len(&xm_xs_find_attr(t, "actions")->value->items), 4);
	ck_assert_uint_eq(xm_xs_list_len(&xm_xs_find_item(t, XM_XS_BLOCK, "input")->items), 4);
}
END_TEST

START_TEST(unknown_constructs_are_generic)
{
	struct xm_xs_node *c = parse_ok("gizmo \"x\" {\n  a = 1\n  b {\n    c = 2\n  }\n}");
	ck_assert_str_eq(c->name, "gizmo");
	ck_assert_int_eq(nth(&c->items, 1)->kind, XM_XS_BLOCK);
}
END_TEST

START_TEST(positions)
{
	struct xm_xs_node *s = stack_of("    var $x {\n      value = $a|to_text\n    }\n");
	struct xm_xs_node *var = s->items.first;
	ck_assert_uint_eq(var->line, 5);
	ck_assert_uint_eq(var->col, 5);
	ck_assert_uint_eq(var->end_line, 7);
	ck_assert_uint_eq(var->end_col, 6);
	struct xm_xs_node *v = var->items.first->value;
	ck_assert_uint_eq(v->line, 6);
	ck_assert_uint_eq(v->col, 15);
	ck_assert_uint_eq(v->end_col, 25);
}
END_TEST

/* ---- syntax errors ---- */

static const char frame_head[] = "function f {\n  stack {\n";

static void stack_error(const char *stmts, const char *code, unsigned line, unsigned col,
		const char *suggestion)
{
	char src[1024];
	snprintf(src, sizeof(src), "%s%s  }\n}\n", frame_head, stmts);
	first_error(src, code, line, col, suggestion);
}

START_TEST(error_else_if)
{
	stack_error("    conditional {\n      if ($a) {\n      }\n      else if ($b) {\n"
		"      }\n    }\n", "else-if", 6, 7, "elseif");
	/* recovered as elseif: no further errors */
	ck_assert_uint_eq(diags.len, 1);
}
END_TEST

START_TEST(error_object_equals)
{
	stack_error("    var $x {\n      value = {a = 1}\n    }\n", "object-equals", 4, 18,
		"a: ");
	ck_assert_uint_eq(diags.len, 1);
}
END_TEST

START_TEST(error_attr_colon)
{
	stack_error("    var $x {\n      value: 1\n    }\n", "attr-colon", 4, 12, "value = ");
	first_error("function f {\n  response: $x\n}\n", "response-colon", 2, 11,
		"response = ");
}
END_TEST

START_TEST(error_commas)
{
	stack_error("    db.get user {\n      field_name = \"id\",\n      field_value = 1\n"
		"    }\n", "comma-between-attributes", 4, 24, "remove the `,`");
	ck_assert_uint_eq(diags.len, 1);
	stack_error("    throw { name = \"E\", value = \"m\" }\n", "comma-between-attributes",
		3, 23, NULL);
}
END_TEST

START_TEST(error_trailing_comment)
{
	stack_error("    var $x {\n      value = 1 // one\n    }\n", "trailing-comment", 4, 17,
		"own");
	ck_assert_uint_eq(diags.len, 1);
	first_error("function f {\n  response = {\n    a: 1 // x\n  }\n}\n", "trailing-comment",
		3, 10, NULL);
	first_error("function f {\n  response = \"\"\" // x\n  a\n  \"\"\"\n}\n",
		"trailing-comment", 2, 18, NULL);
}
END_TEST

START_TEST(error_missing_close)
{
	first_error("query q verb=GET {\n  input {\n    int id\n\n  stack {\n  }\n"
		"  response = 1\n}\n", "missing-close", 4, 1, "}");
	/* reported where the block ended, and parsing goes on in the outer block */
	first_error("function f {\n  stack {\n    var $x {\n      value = 1\n  }\n}\n",
		"missing-close", 5, 1, NULL);
	first_error("function f {\n  stack {\n", "missing-close", 3, 1, NULL);
	first_error("function f {\n  response = {\n    a: 1\n}\n", "missing-close", 4, 1, NULL);
	/* never past the last line of the text */
	parse("function f {\n  response = \"abc");
	ck_assert_uint_eq(diags.len, 2);
	ck_assert_str_eq(diags.items[0].code, "missing-close");
	ck_assert_uint_eq(diags.items[0].line, 2);
	ck_assert_str_eq(diags.items[1].code, "unterminated");
}
END_TEST

START_TEST(error_sticky_minus)
{
	stack_error("    var $x {\n      value = $y -1\n    }\n", "sticky-minus", 4, 18, "- 1");
	ck_assert_uint_eq(diags.len, 1);
}
END_TEST

START_TEST(error_filtered_operand)
{
	stack_error("    var $x {\n      value = $a|count > 0\n    }\n", "filtered-operand",
		4, 24, "($x|count)");
	ck_assert_uint_eq(diags.len, 1);
}
END_TEST

START_TEST(error_recovery_reports_all)
{
	parse("function f {\n  stack {\n    var $x {\n      value: 1\n    }\n"
		"    var $y {\n      value = {a = 1}\n    }\n"
		"    conditional {\n      if (1) {\n      }\n      else if (2) {\n      }\n    }\n"
		"  }\n  response: 1 // x\n}\n");
	ck_assert_uint_eq(diags.len, 5);
	ck_assert_str_eq(diags.items[0].code, "attr-colon");
	ck_assert_str_eq(diags.items[1].code, "object-equals");
	ck_assert_str_eq(diags.items[2].code, "else-if");
	ck_assert_str_eq(diags.items[3].code, "response-colon");
	ck_assert_str_eq(diags.items[4].code, "trailing-comment");
}
END_TEST

START_TEST(error_misc)
{
	first_error("query q verb=GET\n", "syntax", 1, 17, NULL);
	first_error("}\n", "extra-close", 1, 1, NULL);
	first_error("function f {\n  input {\n    text\n  }\n}\n", "syntax", 3, 9, "name");
	first_error("function f {\n  response = (1 + 2\n}\n", "syntax", 3, 1, ")");
	first_error("function f {\n  response = $x.\n}\n", "syntax", 2, 17, NULL);
	first_error("function f {\n  response = \n}\n", "syntax", 2, 14, NULL);
	first_error("function f {\n  response = \"abc\n}\n", "unterminated", 2, 14, NULL);
	ck_assert_uint_eq(diags.len, 1);
}
END_TEST

START_TEST(limits)
{
	struct xm_xs_parse_opts opts = {.max_bytes = 10};
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	struct xm_xs_node *file = xm_xs_parse(arena, "function f {\n}\n", 15, &opts, &diags);
	ck_assert_uint_eq(xm_xs_list_len(&file->items), 0);
	ck_assert_str_eq(diags.items[0].code, "too-large");
	/* 100k nested arrays: one error, no stack overflow */
	size_t n = 100000;
	char *deep = xm_malloc(2 * n + 32);
	strcpy(deep, "function f {\n  response = ");
	size_t len = strlen(deep);
	memset(deep + len, '[', n);
	memset(deep + len + n, ']', n);
	strcpy(deep + len + 2 * n, "\n}\n");
	parse(deep);
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_str_eq(diags.items[0].code, "too-deep");
	memset(deep + len, '!', n);
	parse(deep);
	ck_assert_str_eq(diags.items[0].code, "too-deep");
	/* long operator and filter chains nest the tree as deep: capped too */
	for (size_t i = 0; i + 1 < 2 * n; i += 2) {
		memcpy(deep + len + i, "1+", 2);
	}
	deep[len + 2 * n - 1] = '1';
	parse(deep);
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_str_eq(diags.items[0].code, "too-deep");
	deep[len] = '1';
	for (size_t i = 1; i + 1 < 2 * n; i += 2) {
		memcpy(deep + len + i, "|f", 2); /* 1|f|f|…|f1 */
	}
	parse(deep);
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_str_eq(diags.items[0].code, "too-deep");
	free(deep);
	/* a NUL byte: binary data, refused with its position */
	static const char nul[] = "function f {\n  response = \"a\0b\"\n}\n";
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	file = xm_xs_parse(arena, nul, sizeof(nul) - 1, NULL, &diags);
	ck_assert_uint_eq(xm_xs_list_len(&file->items), 0);
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_uint_eq(diags.items[0].line, 2);
	ck_assert_uint_eq(diags.items[0].col, 16);
}
END_TEST

START_TEST(error_cap)
{
	struct xm_buf src = XM_BUF_INIT;
	xm_buf_adds(&src, "function f {\n  stack {\n");
	for (int i = 0; i < 1000; i++) {
		xm_buf_adds(&src, "    var $x {\n      value: 1\n    }\n");
	}
	xm_buf_adds(&src, "  }\n}\n");
	parse(xm_buf_str(&src));
	ck_assert_uint_eq(diags.len, XM_DIAGS_DEFAULT_MAX);
	ck_assert_uint_eq(diags.dropped, 900);
	xm_buf_finish(&src);
}
END_TEST

static struct xm_xs_node *parse_expr(const char *src)
{
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	return xm_xs_parse_expr(arena, src, strlen(src), NULL, &diags);
}

/* A short text dense with tokens (one per byte: under 720 bytes, more than
 * 256 tokens) starts in the parser's array on the stack and must move to
 * the heap on the way: every element must still be there, in order. */
START_TEST(token_array_growth)
{
	enum { N = 300 };
	struct xm_buf src = XM_BUF_INIT;
	xm_buf_adds(&src, "[");
	for (int i = 0; i < N; i++) {
		xm_buf_addf(&src, "%d,", i % 10);
	}
	xm_buf_adds(&src, "9]");
	ck_assert_uint_lt(src.len, 720);
	struct xm_xs_node *e = parse_expr(xm_buf_str(&src));
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(e->kind, XM_XS_ARRAY);
	ck_assert_uint_eq(xm_xs_list_len(&e->items), N + 1);
	ck_assert_str_eq(e->items.last->text, "9");

	struct xm_buf doc = XM_BUF_INIT;
	xm_buf_addf(&doc, "query x verb=GET {\n  stack {\n    var $a {\n      value = %s\n"
		"    }\n  }\n  response = $a\n}\n", xm_buf_str(&src));
	ck_assert_uint_lt(doc.len, 720);
	struct xm_xs_node *q = parse_ok(xm_buf_str(&doc));
	struct xm_xs_node *var = xm_xs_find_item(q, XM_XS_BLOCK, "stack")->items.first;
	struct xm_xs_node *value = xm_xs_find_attr(var, "value")->value;
	ck_assert_uint_eq(xm_xs_list_len(&value->items), N + 1);
	ck_assert_ptr_nonnull(xm_xs_find_attr(q, "response"));
	xm_buf_finish(&doc);
	xm_buf_finish(&src);
}
END_TEST

START_TEST(lone_expressions)
{
	struct xm_xs_node *e = parse_expr("$a + $b * 2 == 7 && $c");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(e->kind, XM_XS_BINARY);
	ck_assert_int_eq(e->op, XM_XS_OP_AND);
	ck_assert_int_eq(e->value->value->rhs->op, XM_XS_OP_MUL);
	/* positions count from the start of the text */
	ck_assert_uint_eq(e->line, 1);
	ck_assert_uint_eq(e->col, 1);
	ck_assert_uint_eq(e->rhs->col, 21);
	ck_assert_uint_eq(e->end_col, 23);
	e = parse_expr("$items|map:$$.name|filter:$$.a == 1");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_str_eq(e->name, "filter");
	ck_assert_int_eq(e->args.first->op, XM_XS_OP_EQ);
	/* the line breaks an attribute value may hold, and around the text */
	e = parse_expr("\n[]\n    |push:1\n    |push:2\n\n");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(e->kind, XM_XS_FILTER);
	ck_assert_uint_eq(e->line, 2);
	e = parse_expr("{\n  a: 1\n  b: [1,\n 2]\n}");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(e->kind, XM_XS_OBJECT);
	ck_assert_uint_eq(xm_xs_list_len(&e->items), 2);
	e = parse_expr("$a == 1\n    && $b == 2");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(e->op, XM_XS_OP_AND);
	e = parse_expr("\"a\" ~ 'b'");
	ck_assert_uint_eq(diags.len, 0);
	ck_assert_int_eq(e->rhs->kind, XM_XS_STRING);
}
END_TEST

START_TEST(lone_expression_errors)
{
	/* more than one expression */
	struct xm_xs_node *e = parse_expr("$a $b");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_str_eq(diags.items[0].code, "syntax");
	ck_assert_uint_eq(diags.items[0].col, 4);
	ck_assert_ptr_nonnull(strstr(diags.items[0].message, "end of the expression"));
	parse_expr("1\n2");
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_uint_eq(diags.items[0].line, 2);
	parse_expr("response = 1");
	ck_assert_uint_eq(diags.len, 1);
	/* a missing operand is found at the end of the expression, not of a file */
	parse_expr("$x +");
	ck_assert_uint_eq(diags.len, 1);
	ck_assert_uint_eq(diags.items[0].col, 5);
	ck_assert_ptr_nonnull(strstr(diags.items[0].message, "found end of expression"));
	/* the parser's known mistakes are reported the same way as in a file */
	parse_expr("$x -1");
	ck_assert_str_eq(diags.items[0].code, "sticky-minus");
	parse_expr("{a = 1}");
	ck_assert_str_eq(diags.items[0].code, "object-equals");
	parse_expr("[1, 2");
	ck_assert_uint_eq(diags.errors, 1);
	parse_expr("\"abc");
	ck_assert_str_eq(diags.items[0].code, "unterminated");
	/* empty text: an ERROR node and an error */
	e = parse_expr("  \n ");
	ck_assert_int_eq(e->kind, XM_XS_ERROR);
	ck_assert_uint_eq(diags.errors, 1);
	/* the same limits as a whole file */
	struct xm_xs_parse_opts opts = {.max_bytes = 4};
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	e = xm_xs_parse_expr(arena, "12345", 5, &opts, &diags);
	ck_assert_int_eq(e->kind, XM_XS_ERROR);
	ck_assert_str_eq(diags.items[0].code, "too-large");
	xm_diags_finish(&diags);
	xm_diags_init(&diags, 0);
	e = xm_xs_parse_expr(arena, "1 +\0 2", 6, NULL, &diags);
	ck_assert_int_eq(e->kind, XM_XS_ERROR);
	ck_assert_uint_eq(diags.items[0].col, 4);
	size_t n = 100000;
	char *deep = xm_malloc(n + 1);
	memset(deep, '(', n);
	deep[n] = '\0';
	parse_expr(deep);
	ck_assert_str_eq(diags.items[0].code, "too-deep");
	free(deep);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-parse");
	TCase *tc = tcase_create("constructs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, query_construct);
	tcase_add_test(tc, bare_names);
	tcase_add_test(tc, declarations);
	tcase_add_test(tc, dblink_and_comments_in_input);
	tcase_add_test(tc, statements);
	tcase_add_test(tc, control_flow);
	tcase_add_test(tc, expressions);
	tcase_add_test(tc, query_operators);
	tcase_add_test(tc, schedules_and_multidoc);
	tcase_add_test(tc, middleware_and_table_trigger);
	tcase_add_test(tc, unknown_constructs_are_generic);
	tcase_add_test(tc, positions);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, error_else_if);
	tcase_add_test(tc, error_object_equals);
	tcase_add_test(tc, error_attr_colon);
	tcase_add_test(tc, error_commas);
	tcase_add_test(tc, error_trailing_comment);
	tcase_add_test(tc, error_missing_close);
	tcase_add_test(tc, error_sticky_minus);
	tcase_add_test(tc, error_filtered_operand);
	tcase_add_test(tc, error_recovery_reports_all);
	tcase_add_test(tc, error_misc);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, error_cap);
	suite_add_tcase(s, tc);

	tc = tcase_create("expressions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lone_expressions);
	tcase_add_test(tc, token_array_growth);
	tcase_add_test(tc, lone_expression_errors);
	suite_add_tcase(s, tc);
	return s;
}
