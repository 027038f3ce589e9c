#include <string.h>

#include "harness.h"
#include "xano-mcp/xs/lex.h"

enum { MAX_TOKS = 256 };

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

/* Token i has this kind and, unless text is NULL, exactly this text. */
static void tok_is(const struct lexed *l, size_t i, enum xm_xs_tok kind, const char *text)
{
	ck_assert_uint_lt(i, l->n);
	const struct xm_xs_token *t = &l->toks[i];
	ck_assert_int_eq(t->kind, kind);
	if (text) {
		ck_assert_uint_eq(t->len, strlen(text));
		ck_assert_int_eq(memcmp(t->text, text, t->len), 0);
	}
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
	unsigned end_line, end_col;
	xm_xs_tok_end(&l.toks[4], &end_line, &end_col);
	ck_assert_uint_eq(end_line, 2);
	ck_assert_uint_eq(end_col, 8);
	ck_assert(l.toks[4].flags & XM_XS_TF_LINE_START);
	ck_assert(l.toks[6].flags & XM_XS_TF_SPACE_BEFORE);
	ck_assert_uint_eq(l.toks[8].line, 3);
	/* A line break ends at the start of the next line. */
	ck_assert(l.toks[3].flags & XM_XS_TF_MULTILINE);
	xm_xs_tok_end(&l.toks[3], &end_line, &end_col);
	ck_assert_uint_eq(end_line, 2);
	ck_assert_uint_eq(end_col, 1);
	ck_assert_uint_eq(l.diags.len, 0);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(strings)
{
	struct lexed l;
	lex(&l, "\"a\\\"b\" 'c' \"\"\"\nx\n\"\"\" `$a + 1` ```\ny\n``` z");
	tok_is(&l, 0, XM_XS_T_STRING, "\"a\\\"b\"");
	tok_is(&l, 1, XM_XS_T_STRING, "'c'");
	tok_is(&l, 2, XM_XS_T_STRING, "\"\"\"\nx\n\"\"\"");
	tok_is(&l, 3, XM_XS_T_EXPR, NULL);
	tok_is(&l, 4, XM_XS_T_EXPR, NULL);
	ck_assert_uint_eq(l.toks[5].line, 5);
	ck_assert_uint_eq(l.toks[5].col, 5);
	ck_assert_uint_eq(l.diags.len, 0);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(multiline_end)
{
	struct lexed l;
	lex(&l, "x = \"\"\"\nab\ncde\"\"\" y");
	tok_is(&l, 2, XM_XS_T_STRING, NULL);
	ck_assert(l.toks[2].flags & XM_XS_TF_MULTILINE);
	unsigned end_line, end_col;
	xm_xs_tok_end(&l.toks[2], &end_line, &end_col);
	ck_assert_uint_eq(end_line, 3);
	ck_assert_uint_eq(end_col, 7);
	ck_assert_uint_eq(l.toks[3].line, 3);
	ck_assert_uint_eq(l.toks[3].col, 8);
	ck_assert(!(l.toks[3].flags & XM_XS_TF_MULTILINE));
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(unterminated_string)
{
	struct lexed l;
	lex(&l, "value = \"abc\nnext = 1");
	tok_is(&l, 2, XM_XS_T_STRING, NULL);
	ck_assert(l.toks[2].flags & XM_XS_TF_UNTERMINATED);
	tok_is(&l, 3, XM_XS_T_NEWLINE, NULL);
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
	tok_is(&l, 0, XM_XS_T_NUMBER, NULL);
	tok_is(&l, 1, XM_XS_T_NUMBER, "-2.5");
	tok_is(&l, 3, XM_XS_T_NUMBER, "-1");
	tok_is(&l, 5, XM_XS_T_OP, NULL);
	ck_assert_int_eq(l.toks[5].op, XM_XS_OP_SUB);
	tok_is(&l, 7, XM_XS_T_NUMBER, "1e3");
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(timestamps)
{
	struct lexed l;
	lex(&l, "{starts_on: 2026-01-01 03:00:00+0000, freq: 86400}");
	tok_is(&l, 3, XM_XS_T_TIMESTAMP, "2026-01-01 03:00:00+0000");
	tok_is(&l, 4, XM_XS_T_COMMA, NULL);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(comments)
{
	struct lexed l;
	lex(&l, "// own line\nx = 1 // trailing\n");
	tok_is(&l, 0, XM_XS_T_COMMENT, "// own line");
	ck_assert(l.toks[0].flags & XM_XS_TF_LINE_START);
	tok_is(&l, 5, XM_XS_T_COMMENT, NULL);
	ck_assert(!(l.toks[5].flags & XM_XS_TF_LINE_START));
	/* `//` inside a string is not a comment */
	xm_diags_finish(&l.diags);
	lex(&l, "url = \"https://x\"");
	tok_is(&l, 2, XM_XS_T_STRING, NULL);
	tok_is(&l, 3, XM_XS_T_EOF, NULL);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(variables)
{
	struct lexed l;
	lex(&l, "$$ $input.x $env.$remote_ip $db.t.c");
	tok_is(&l, 0, XM_XS_T_VAR, "$$");
	tok_is(&l, 1, XM_XS_T_VAR, "$input");
	tok_is(&l, 2, XM_XS_T_DOT, NULL);
	tok_is(&l, 5, XM_XS_T_DOT, NULL);
	tok_is(&l, 6, XM_XS_T_VAR, "$remote_ip");
	xm_diags_finish(&l.diags);
	lex(&l, "$ x");
	tok_is(&l, 0, XM_XS_T_ERROR, NULL);
	ck_assert_uint_eq(l.diags.len, 1);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(casts_and_bang)
{
	struct lexed l;
	lex(&l, "!int \"42\" !text.append $s !$x");
	tok_is(&l, 0, XM_XS_T_CAST, "!int");
	tok_is(&l, 2, XM_XS_T_BANG, NULL);
	tok_is(&l, 3, XM_XS_T_IDENT, NULL);
	tok_is(&l, 7, XM_XS_T_BANG, NULL);
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
	tok_is(&l, 13, XM_XS_T_QUESTION, NULL);
	tok_is(&l, 14, XM_XS_T_ASSIGN, NULL);
	tok_is(&l, 15, XM_XS_T_PIPE, NULL);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(input_filters)
{
	struct lexed l;
	lex(&l, "text a filters=trim|pattern:\"^a$\"|@:dbo=36|m:/x y/ {");
	tok_is(&l, 2, XM_XS_T_FILTERS_KW, NULL);
	tok_is(&l, 3, XM_XS_T_IDENT, NULL);
	tok_is(&l, 4, XM_XS_T_PIPE, NULL);
	tok_is(&l, 6, XM_XS_T_COLON, NULL);
	tok_is(&l, 7, XM_XS_T_STRING, NULL);
	tok_is(&l, 9, XM_XS_T_RAW, "@");
	tok_is(&l, 11, XM_XS_T_RAW, "dbo=36");
	tok_is(&l, 15, XM_XS_T_REGEX, "/x y/");
	tok_is(&l, 16, XM_XS_T_LBRACE, NULL);
	xm_diags_finish(&l.diags);
}
END_TEST

START_TEST(separator)
{
	struct lexed l;
	lex(&l, "a\n---\nb --- c");
	tok_is(&l, 2, XM_XS_T_SEPARATOR, NULL);
	tok_is(&l, 5, XM_XS_T_OP, NULL); /* not alone on its line */
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

/*
 * xm_xs_lex_many() keeps the position and the line in registers between
 * tokens and hands the rare ones to the slow path: taken 1 to 5 tokens at
 * a time, it must give exactly what one xm_xs_lex_next() per token gives,
 * positions, flags and messages included.
 */
START_TEST(many_as_next)
{
	static const char src[] =
		"query \"users/{id}\" verb=GET {\n"
		"  input {\n"
		"    text name filters=trim|min:1 {\n"
		"      description = 'it''s'\n"
		"    }\n"
		"  }\n"
		"\tstack {  // note\n"
		"    var $x { value = $input.name|concat:\"a\\\"b\\\\\":\" \" }\n"
		"    conditional { if ($x == 1 && $y != 2) { } }\n"
		"    var $t { value = 2026-01-01 03:00:00+0000 ~ -1.5e3 ?? \"\"\"\nlong\"\"\" }\n"
		"    var $u { value = `$a\n+ 1` ~ !int \"4\" ~ $$ ~ $ ~ \"open\n"
		"  }\r\n"
		"---\n"
		"response = $x\x01 \xc3\xa9 a==b filters= "
		"\"abcdefghijklmnopqrstuvwxyz0123456789\"";
	struct lexed one, many;
	lex(&one, src);
	ck_assert_int_eq(one.toks[one.n - 1].kind, XM_XS_T_EOF);
	struct xm_xs_lexer lx;
	xm_diags_init(&many.diags, 0);
	xm_xs_lexer_init(&lx, src, sizeof(src) - 1, &many.diags);
	many.n = 0;
	size_t chunk = 1;
	do {
		size_t cap = MAX_TOKS - many.n < chunk ? MAX_TOKS - many.n : chunk;
		ck_assert_uint_gt(cap, 0);
		size_t got = xm_xs_lex_many(&lx, many.toks + many.n, cap);
		ck_assert_uint_ge(got, 1);
		ck_assert_uint_le(got, cap);
		many.n += got;
		chunk = chunk % 5 + 1;
	} while (many.toks[many.n - 1].kind != XM_XS_T_EOF);
	ck_assert_uint_eq(many.n, one.n);
	for (size_t i = 0; i < one.n; i++) {
		const struct xm_xs_token *a = &one.toks[i], *b = &many.toks[i];
		ck_assert_ptr_eq(a->text, b->text);
		ck_assert_uint_eq(a->len, b->len);
		ck_assert_uint_eq(a->line, b->line);
		ck_assert_uint_eq(a->col, b->col);
		ck_assert_int_eq(a->kind, b->kind);
		ck_assert_int_eq(a->op, b->op);
		ck_assert_int_eq(a->flags, b->flags);
	}
	ck_assert_uint_eq(many.diags.len, one.diags.len);
	ck_assert_uint_ge(one.diags.len, 4);
	for (size_t i = 0; i < one.diags.len; i++) {
		ck_assert_str_eq(many.diags.items[i].message, one.diags.items[i].message);
		ck_assert_uint_eq(many.diags.items[i].col, one.diags.items[i].col);
	}
	xm_diags_finish(&one.diags);
	xm_diags_finish(&many.diags);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-lex");
	TCase *tc = tcase_create("lex");
	tcase_add_test(tc, kinds_and_positions);
	tcase_add_test(tc, strings);
	tcase_add_test(tc, multiline_end);
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
	tcase_add_test(tc, many_as_next);
	suite_add_tcase(s, tc);
	return s;
}
