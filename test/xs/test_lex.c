#include <string.h>

#include "harness.h"
#include "xano-mcp/xs/lex.h"

enum { MAX_TOKS = 64 };

struct lexed {
	struct xm_xs_token toks[MAX_TOKS];
	size_t n;
	struct xm_diags diags;
};

/* Lexes src up to and including EOF. */
static void lex(struct lexed *l, const char *src)
{
	struct xm_xs_lexer lx;
	xm_diags_init(&l->diags, 0);
	xm_xs_lexer_init(&lx, src, strlen(src), &l->diags);
	l->n = 0;
	while (l->n < MAX_TOKS) {
		if (xm_xs_lex_next(&lx, &l->toks[l->n++]) == XM_XS_T_EOF) {
			break;
		}
	}
}

static void text_is(const struct xm_xs_token *t, const char *want)
{
	ck_assert_uint_eq(t->len, strlen(want));
	ck_assert_int_eq(memcmp(t->text, want, t->len), 0);
}

START_TEST(kinds_and_positions)
{
	struct lexed l;
	lex(&l, "var $x {\n  value = 12\n}");
	static const enum xm_xs_tok want[] = {
		XM_XS_T_IDENT, XM_XS_T_VAR, XM_XS_T_LBRACE, XM_XS_T_NEWLINE,
		XM_XS_T_IDENT, XM_XS_T_ASSIGN, XM_XS_T_NUMBER, XM_XS_T_NEWLINE,
		XM_XS_T_RBRACE, XM_XS_T_EOF,
	};
	ck_assert_uint_eq(l.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < l.n; i++) {
		ck_assert_int_eq(l.toks[i].kind, want[i]);
	}
	ck_assert_uint_eq(l.toks[4].line, 2);
	ck_assert_uint_eq(l.toks[4].col, 3);
	ck_assert_uint_eq(l.toks[4].end_col, 8);
	ck_assert(l.toks[4].flags & XM_XS_TF_LINE_START);
	ck_assert(l.toks[6].flags & XM_XS_TF_SPACE_BEFORE);
	ck_assert_uint_eq(l.toks[8].line, 3);
	ck_assert_uint_eq(l.diags.len, 0);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(strings)
{
	struct lexed l;
	lex(&l, "\"a\\\"b\" 'c' \"\"\"\nx\n\"\"\" `$a + 1` ```\ny\n``` z");
	ck_assert_int_eq(l.toks[0].kind, XM_XS_T_STRING);
	text_is(&l.toks[0], "\"a\\\"b\"");
	ck_assert_int_eq(l.toks[1].kind, XM_XS_T_STRING);
	text_is(&l.toks[1], "'c'");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_STRING);
	text_is(&l.toks[2], "\"\"\"\nx\n\"\"\"");
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_EXPR);
	ck_assert_int_eq(l.toks[4].kind, XM_XS_T_EXPR);
	ck_assert_uint_eq(l.toks[5].line, 5);
	ck_assert_uint_eq(l.toks[5].col, 5);
	ck_assert_uint_eq(l.diags.len, 0);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(unterminated_string)
{
	struct lexed l;
	lex(&l, "value = \"abc\nnext = 1");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_STRING);
	ck_assert(l.toks[2].flags & XM_XS_TF_UNTERMINATED);
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_NEWLINE);
	ck_assert_uint_eq(l.diags.len, 1);
	ck_assert_str_eq(l.diags.items[0].code, "unterminated");
	ck_assert_uint_eq(l.diags.items[0].col, 9);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(numbers_and_sticky_minus)
{
	struct lexed l;
	lex(&l, "1 -2.5 $x -1 $x - 1 1e3");
	ck_assert_int_eq(l.toks[0].kind, XM_XS_T_NUMBER);
	ck_assert_int_eq(l.toks[1].kind, XM_XS_T_NUMBER);
	text_is(&l.toks[1], "-2.5");
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_NUMBER);
	text_is(&l.toks[3], "-1");
	ck_assert_int_eq(l.toks[5].kind, XM_XS_T_OP);
	ck_assert_int_eq(l.toks[5].op, XM_XS_OP_SUB);
	ck_assert_int_eq(l.toks[7].kind, XM_XS_T_NUMBER);
	text_is(&l.toks[7], "1e3");
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(timestamps)
{
	struct lexed l;
	lex(&l, "{starts_on: 2026-01-01 03:00:00+0000, freq: 86400}");
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_TIMESTAMP);
	text_is(&l.toks[3], "2026-01-01 03:00:00+0000");
	ck_assert_int_eq(l.toks[4].kind, XM_XS_T_COMMA);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(comments)
{
	struct lexed l;
	lex(&l, "// own line\nx = 1 // trailing\n");
	ck_assert_int_eq(l.toks[0].kind, XM_XS_T_COMMENT);
	ck_assert(l.toks[0].flags & XM_XS_TF_LINE_START);
	text_is(&l.toks[0], "// own line");
	ck_assert_int_eq(l.toks[5].kind, XM_XS_T_COMMENT);
	ck_assert(!(l.toks[5].flags & XM_XS_TF_LINE_START));
	/* `//` inside a string is not a comment */
	xm_diags_finish(&l.diags);
	lex(&l, "url = \"https://x\"");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_STRING);
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_EOF);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(variables)
{
	struct lexed l;
	lex(&l, "$$ $input.x $env.$remote_ip $db.t.c");
	ck_assert_int_eq(l.toks[0].kind, XM_XS_T_VAR);
	text_is(&l.toks[0], "$$");
	ck_assert_int_eq(l.toks[1].kind, XM_XS_T_VAR);
	text_is(&l.toks[1], "$input");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_DOT);
	ck_assert_int_eq(l.toks[5].kind, XM_XS_T_DOT);
	ck_assert_int_eq(l.toks[6].kind, XM_XS_T_VAR);
	text_is(&l.toks[6], "$remote_ip");
	xm_diags_finish(&l.diags);
	lex(&l, "$ x");
	ck_assert_int_eq(l.toks[0].kind, XM_XS_T_ERROR);
	ck_assert_uint_eq(l.diags.len, 1);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(casts_and_bang)
{
	struct lexed l;
	lex(&l, "!int \"42\" !text.append $s !$x");
	ck_assert_int_eq(l.toks[0].kind, XM_XS_T_CAST);
	text_is(&l.toks[0], "!int");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_BANG);
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_IDENT);
	ck_assert_int_eq(l.toks[7].kind, XM_XS_T_BANG);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(operators)
{
	struct lexed l;
	lex(&l, "==? != === !== <=? >? && || ?? ~ !~ @> % ? = |");
	static const enum xm_xs_op want[] = {
		XM_XS_OP_EQ_Q, XM_XS_OP_NE, XM_XS_OP_SEQ, XM_XS_OP_SNE, XM_XS_OP_LE_Q,
		XM_XS_OP_GT_Q, XM_XS_OP_AND, XM_XS_OP_OR, XM_XS_OP_COALESCE,
		XM_XS_OP_CONCAT, XM_XS_OP_NOT_MATCH, XM_XS_OP_CONTAINS_JSON, XM_XS_OP_MOD,
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		ck_assert_int_eq(l.toks[i].kind, XM_XS_T_OP);
		ck_assert_int_eq(l.toks[i].op, want[i]);
	}
	ck_assert_int_eq(l.toks[13].kind, XM_XS_T_QUESTION);
	ck_assert_int_eq(l.toks[14].kind, XM_XS_T_ASSIGN);
	ck_assert_int_eq(l.toks[15].kind, XM_XS_T_PIPE);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(input_filters)
{
	struct lexed l;
	lex(&l, "text a filters=trim|pattern:\"^a$\"|@:dbo=36|m:/x y/ {");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_FILTERS_KW);
	ck_assert_int_eq(l.toks[3].kind, XM_XS_T_IDENT);
	ck_assert_int_eq(l.toks[4].kind, XM_XS_T_PIPE);
	ck_assert_int_eq(l.toks[6].kind, XM_XS_T_COLON);
	ck_assert_int_eq(l.toks[7].kind, XM_XS_T_STRING);
	ck_assert_int_eq(l.toks[9].kind, XM_XS_T_RAW);
	text_is(&l.toks[9], "@");
	ck_assert_int_eq(l.toks[11].kind, XM_XS_T_RAW);
	text_is(&l.toks[11], "dbo=36");
	ck_assert_int_eq(l.toks[15].kind, XM_XS_T_REGEX);
	text_is(&l.toks[15], "/x y/");
	ck_assert_int_eq(l.toks[16].kind, XM_XS_T_LBRACE);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(separator)
{
	struct lexed l;
	lex(&l, "a\n---\nb --- c");
	ck_assert_int_eq(l.toks[2].kind, XM_XS_T_SEPARATOR);
	ck_assert_int_eq(l.toks[5].kind, XM_XS_T_OP); /* not alone on its line */
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(bad_bytes)
{
	struct lexed l;
	static const char src[] = "a \x01 \xc3\xa9 b";
	struct xm_xs_lexer lx;
	xm_diags_init(&l.diags, 0);
	xm_xs_lexer_init(&lx, src, sizeof(src) - 1, &l.diags);
	struct xm_xs_token t;
	xm_xs_lex_next(&lx, &t);
	ck_assert_int_eq(xm_xs_lex_next(&lx, &t), XM_XS_T_ERROR);
	ck_assert_int_eq(xm_xs_lex_next(&lx, &t), XM_XS_T_ERROR);
	ck_assert_uint_eq(t.len, 2); /* the whole UTF-8 sequence */
	ck_assert_int_eq(xm_xs_lex_next(&lx, &t), XM_XS_T_IDENT);
	ck_assert_uint_eq(t.col, 8);
	ck_assert_int_eq(xm_xs_lex_next(&lx, &t), XM_XS_T_EOF);
	ck_assert_int_eq(xm_xs_lex_next(&lx, &t), XM_XS_T_EOF);
	ck_assert_uint_eq(l.diags.len, 2);
	xm_diags_finish(&l.diags);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-lex");
	TCase *tc = tcase_create("lex");
	tcase_add_test(tc, kinds_and_positions);
	tcase_add_test(tc, strings);
	tcase_add_test(tc, unterminated_string);
	tcase_add_test(tc, numbers_and_sticky_minus);
	tcase_add_test(tc, timestamps);
	tcase_add_test(tc, comments);
	tcase_add_test(tc, variables);
	tcase_add_test(tc, casts_and_bang);
	tcase_add_test(tc, operators);
	tcase_add_test(tc, input_filters);
	tcase_add_test(tc, separator);
	tcase_add_test(tc, bad_bytes);
	suite_add_tcase(s, tc);
	return s;
}
