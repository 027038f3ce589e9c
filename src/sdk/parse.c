#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/sdk/lex.h"
#include "xano-mcp/sdk/parse.h"

struct parser {
	struct xm_sdk_lexer lx;
	struct xm_sdk_token tok;  /* current token */
	struct xm_sdk_token prev; /* last consumed token */
	struct xm_arena *arena;
	struct xm_diags *diags;
	unsigned depth;
	bool fatal; /* too deep: stop everything */
};

/* Pointers to items built one by one; vec_to_arena() copies the items
 * themselves into one arena array. Most lists (arguments, keys of an
 * object) are short: their first pointers live in the struct, so a list
 * costs no malloc() until it outgrows them. A vec is a local that never
 * moves while in use (items may point into it). */
enum { VEC_SMALL = 8 };

struct vec {
	void **items;
	size_t n, cap;
	void *small[VEC_SMALL];
};

static void vec_push(struct vec *v, void *p)
{
	if (v->n == v->cap) {
		if (!v->items) {
			v->items = v->small;
			v->cap = VEC_SMALL;
		} else {
			bool small = v->items == v->small;
			v->cap *= 2;
			void **heap = xm_reallocarray(small ? NULL : v->items, v->cap,
				sizeof(*v->items));
			if (small) {
				memcpy(heap, v->small, v->n * sizeof(*v->items));
			}
			v->items = heap;
		}
	}
	v->items[v->n++] = p;
}

static void vec_finish(struct vec *v)
{
	if (v->items != v->small) {
		free(v->items);
	}
	v->items = NULL;
}

static void *vec_to_arena(struct vec *v, struct xm_arena *arena, size_t size)
{
	void *out = xm_arena_alloc(arena, v->n ? v->n * size : 1);
	for (size_t i = 0; i < v->n; i++) {
		memcpy((char *)out + i * size, v->items[i], size);
	}
	vec_finish(v);
	return out;
}

static void advance(struct parser *p)
{
	p->prev = p->tok;
	xm_sdk_lex_next(&p->lx, &p->tok);
}

static bool at(const struct parser *p, const char *punct)
{
	return xm_sdk_tok_is(&p->tok, punct);
}

static bool at_name(const struct parser *p, const char *name)
{
	size_t n = strlen(name);
	return p->tok.kind == XM_SDK_TOK_NAME && p->tok.len == n &&
		memcmp(p->tok.text, name, n) == 0;
}

static bool accept(struct parser *p, const char *punct)
{
	if (at(p, punct)) {
		advance(p);
		return true;
	}
	return false;
}

static void describe(const struct xm_sdk_token *t, char *out, size_t size)
{
	switch (t->kind) {
	case XM_SDK_TOK_EOF:
		snprintf(out, size, "the end of the code");
		break;
	case XM_SDK_TOK_STRING:
	case XM_SDK_TOK_TEMPLATE:
		snprintf(out, size, "a string");
		break;
	default:
		snprintf(out, size, "`%.*s`", (int)(t->len > 40 ? 40 : t->len), t->text);
		break;
	}
}

__attribute__((cold))
static void error_at_tok(struct parser *p, const char *code, const char *suggestion,
		const char *what)
{
	if (p->tok.kind == XM_SDK_TOK_ERROR) {
		return; /* the lexer already said why */
	}
	char found[64];
	describe(&p->tok, found, sizeof(found));
	unsigned len = p->tok.len ? (unsigned)p->tok.len : 1;
	xm_diags_add(p->diags, XM_SEV_ERROR, p->tok.line, p->tok.col, p->tok.col + len, code,
		suggestion, "expected %s, found %s", what, found);
}

static bool expect(struct parser *p, const char *punct, const char *suggestion)
{
	if (accept(p, punct)) {
		return true;
	}
	char what[16];
	snprintf(what, sizeof(what), "`%s`", punct);
	error_at_tok(p, "syntax", suggestion, what);
	return false;
}

static struct xm_sdk_node *new_node(struct parser *p, enum xm_sdk_kind kind,
		const struct xm_sdk_token *start)
{
	struct xm_sdk_node *n = xm_arena_alloc(p->arena, sizeof(*n));
	n->kind = kind;
	n->line = start->line;
	n->col = start->col;
	n->offset = start->offset;
	return n;
}

/* Ends n at the last consumed token. */
static struct xm_sdk_node *finish(struct parser *p, struct xm_sdk_node *n)
{
	n->end = p->prev.offset + p->prev.len;
	n->end_line = p->prev.line;
	n->end_col = p->prev.col + (unsigned)p->prev.len;
	if (n->end < n->offset) {
		n->end = n->offset;
	}
	return n;
}

static bool is_open(const struct xm_sdk_token *t)
{
	return xm_sdk_tok_is(t, "(") || xm_sdk_tok_is(t, "[") || xm_sdk_tok_is(t, "{");
}

static bool is_close(const struct xm_sdk_token *t)
{
	return xm_sdk_tok_is(t, ")") || xm_sdk_tok_is(t, "]") || xm_sdk_tok_is(t, "}");
}

/*
 * Skips to the end of the current list item: stops before a `,` or a
 * closing bracket at depth 0 (or EOF). Used to recover inside argument
 * lists and literals.
 */
static void skip_item(struct parser *p)
{
	int depth = 0;
	while (p->tok.kind != XM_SDK_TOK_EOF) {
		if (depth == 0 && (at(p, ",") || is_close(&p->tok) || at(p, ";"))) {
			return;
		}
		if (is_open(&p->tok)) {
			depth++;
		} else if (is_close(&p->tok)) {
			depth--;
		}
		advance(p);
	}
}

/* Operators after which a value continues as a XanoScript expression. */
static bool at_operator(const struct parser *p)
{
	static const char *const ops[] = {
		"+", "-", "*", "/", "%", "~", "|", "&", "==", "!=", "===", "!==", "<", ">",
		"<=", ">=", "&&", "||", "??", "?", "^",
	};
	/* Asked after every value: most punctuation there (`.` `,` `)`)
	 * is ruled out by its first byte without a call. */
	static const bool op_start[256] = {
		['+'] = true, ['-'] = true, ['*'] = true, ['/'] = true, ['%'] = true,
		['~'] = true, ['|'] = true, ['&'] = true, ['='] = true, ['!'] = true,
		['<'] = true, ['>'] = true, ['?'] = true, ['^'] = true,
	};
	if (p->tok.kind != XM_SDK_TOK_PUNCT || !op_start[(unsigned char)p->tok.text[0]]) {
		return false;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (at(p, ops[i])) {
			return true;
		}
	}
	return false;
}

/*
 * Captures a raw XanoScript expression starting at token start: every token
 * up to a `,`, `;` or unbalanced closing bracket at depth 0.
 */
static struct xm_sdk_node *capture_xs(struct parser *p, const struct xm_sdk_token *start)
{
	struct xm_sdk_node *n = new_node(p, XM_SDK_XS, start);
	int depth = 0;
	while (p->tok.kind != XM_SDK_TOK_EOF) {
		if (depth == 0 && (at(p, ",") || at(p, ";") || is_close(&p->tok))) {
			break;
		}
		if (is_open(&p->tok)) {
			depth++;
		} else if (is_close(&p->tok)) {
			depth--;
		} else if (depth == 0 && p->tok.newline_before && p->tok.offset > start->offset &&
				p->prev.kind != XM_SDK_TOK_PUNCT &&
				p->tok.kind == XM_SDK_TOK_NAME) {
			/* A name at the start of a line after a complete operand
			 * begins the next statement. */
			break;
		}
		advance(p);
	}
	finish(p, n);
	n->u.str.text = xm_arena_strndup(p->arena, p->lx.src + n->offset, n->end - n->offset);
	n->u.str.len = n->end - n->offset;
	return n;
}

static struct xm_sdk_node *parse_value(struct parser *p);
static struct xm_sdk_stmt *parse_block(struct parser *p);

static bool enter(struct parser *p)
{
	if (p->fatal) {
		return false;
	}
	if (++p->depth > XM_SDK_MAX_DEPTH) {
		xm_diags_add(p->diags, XM_SEV_ERROR, p->tok.line, p->tok.col, p->tok.col + 1,
			"too-deep", "split the code into smaller pieces",
			"the code nests more than %d levels deep", XM_SDK_MAX_DEPTH);
		p->fatal = true;
		return false;
	}
	return true;
}

static void leave(struct parser *p)
{
	p->depth--;
}

/* Comma-separated values up to close; trailing comma allowed. */
static struct xm_sdk_node **parse_list(struct parser *p, const char *close, size_t *n)
{
	struct vec v = {0};
	while (!at(p, close) && p->tok.kind != XM_SDK_TOK_EOF && !p->fatal) {
		struct xm_sdk_node *item = parse_value(p);
		if (item) {
			vec_push(&v, item);
		} else {
			skip_item(p);
		}
		if (!accept(p, ",")) {
			break;
		}
	}
	if (!p->fatal && !accept(p, close)) {
		char what[16];
		snprintf(what, sizeof(what), "`,` or `%s`", close);
		error_at_tok(p, "syntax", NULL, what);
		/* Resynchronise on the closer when it is nearby. */
		skip_item(p);
		accept(p, close);
	}
	*n = v.n;
	struct xm_sdk_node **items = xm_arena_alloc(p->arena, (v.n ? v.n : 1) * sizeof(*items));
	if (v.n) {
		memcpy(items, v.items, v.n * sizeof(*items));
	}
	vec_finish(&v);
	return items;
}

static struct xm_sdk_node *parse_object(struct parser *p)
{
	struct xm_sdk_token start = p->tok;
	advance(p); /* { */
	struct xm_sdk_node *n = new_node(p, XM_SDK_OBJECT, &start);
	struct vec v = {0};
	while (!at(p, "}") && p->tok.kind != XM_SDK_TOK_EOF && !p->fatal) {
		struct xm_sdk_prop prop = {0};
		prop.line = p->tok.line;
		prop.col = p->tok.col;
		if (p->tok.kind == XM_SDK_TOK_NAME || p->tok.kind == XM_SDK_TOK_NUMBER) {
			prop.key = xm_arena_strndup(p->arena, p->tok.text, p->tok.len);
			prop.key_len = p->tok.len;
			advance(p);
		} else if (p->tok.kind == XM_SDK_TOK_STRING) {
			prop.key = xm_sdk_string_decode(&p->tok, p->arena, p->diags,
				&prop.key_len);
			advance(p);
		} else {
			error_at_tok(p, "syntax", at(p, "...") ?
				"spread (`...`) is not part of the SDK: list the keys" : NULL,
				"a key");
			skip_item(p);
			if (!accept(p, ",")) {
				break;
			}
			continue;
		}
		if (accept(p, ":")) {
			prop.value = parse_value(p);
		} else if (at(p, "=")) {
			error_at_tok(p, "syntax", "object keys take `:`, as in {name: value}",
				"`:`");
			advance(p);
			prop.value = parse_value(p);
		} else if (at(p, ",") || at(p, "}")) {
			/* Shorthand {name}: a reference to the binding. */
			struct xm_sdk_token key_tok = p->prev;
			prop.value = new_node(p, XM_SDK_NAME, &key_tok);
			prop.value->u.str.text = prop.key;
			prop.value->u.str.len = prop.key_len;
			finish(p, prop.value);
		} else {
			error_at_tok(p, "syntax", NULL, "`:`");
		}
		if (!prop.value) {
			skip_item(p);
		} else {
			struct xm_sdk_prop *copy = xm_arena_alloc(p->arena, sizeof(*copy));
			*copy = prop;
			vec_push(&v, copy);
		}
		if (!accept(p, ",")) {
			break;
		}
	}
	if (!p->fatal && !accept(p, "}")) {
		error_at_tok(p, "syntax", NULL, "`,` or `}`");
		skip_item(p);
		accept(p, "}");
	}
	n->u.object.n = v.n;
	n->u.object.props = vec_to_arena(&v, p->arena, sizeof(struct xm_sdk_prop));
	return finish(p, n);
}

static struct xm_sdk_node *parse_template(struct parser *p)
{
	struct xm_sdk_token t = p->tok;
	advance(p);
	struct xm_sdk_node *n = new_node(p, XM_SDK_TEMPLATE, &t);
	struct vec v = {0};
	const char *s = t.text + 1, *end = t.text + t.len - 1;
	unsigned line = t.line, col = t.col + 1;
	while (s < end) {
		const char *open = NULL;
		for (const char *q = s; q + 1 < end; q++) {
			if (*q == '\\') {
				q++;
				continue;
			}
			if (q[0] == '$' && q[1] == '{') {
				open = q;
				break;
			}
		}
		const char *lit_end = open ? open : end;
		if (lit_end > s) {
			struct xm_sdk_part *part = xm_arena_alloc(p->arena, sizeof(*part));
			part->line = line;
			part->col = col;
			part->text = xm_sdk_template_decode(s, (size_t)(lit_end - s), line, col,
				p->arena, p->diags, &part->len);
			vec_push(&v, part);
			for (const char *q = s; q < lit_end; q++) {
				if (*q == '\n') {
					line++;
					col = 1;
				} else {
					col++;
				}
			}
		}
		if (!open) {
			break;
		}
		/* The lexer balanced the braces, so a closer exists. */
		int depth = 1;
		const char *q = open + 2;
		while (q < end && depth > 0) {
			if (*q == '{') {
				depth++;
			} else if (*q == '}') {
				depth--;
			}
			if (depth > 0) {
				q++;
			}
		}
		struct xm_sdk_part *part = xm_arena_alloc(p->arena, sizeof(*part));
		part->is_expr = true;
		part->line = line;
		part->col = col + 2;
		const char *e = open + 2;
		while (e < q && (*e == ' ' || *e == '\t')) {
			e++;
			part->col++;
		}
		const char *ee = q;
		while (ee > e && (ee[-1] == ' ' || ee[-1] == '\t')) {
			ee--;
		}
		part->text = xm_arena_strndup(p->arena, e, (size_t)(ee - e));
		part->len = (size_t)(ee - e);
		if (part->len == 0) {
			xm_diags_add(p->diags, XM_SEV_ERROR, line, col, col + 3, "syntax",
				"put a XanoScript expression such as ${$user.name} inside",
				"empty `${}` in a template literal");
		}
		vec_push(&v, part);
		col += (unsigned)(q - open) + 1;
		s = q < end ? q + 1 : end;
	}
	n->u.tmpl.n = v.n;
	n->u.tmpl.parts = vec_to_arena(&v, p->arena, sizeof(struct xm_sdk_part));
	return finish(p, n);
}

/* After `(`: is this `(name) =>` or `() =>`? Looks ahead without consuming. */
static bool paren_is_arrow(struct parser *p)
{
	struct xm_sdk_lexer save = p->lx;
	struct xm_diags scratch;
	xm_diags_init(&scratch, 1);
	save.diags = &scratch;
	struct xm_sdk_token t;
	bool arrow = false;
	xm_sdk_lex_next(&save, &t);
	if (t.kind == XM_SDK_TOK_NAME) {
		xm_sdk_lex_next(&save, &t);
	}
	if (xm_sdk_tok_is(&t, ")")) {
		xm_sdk_lex_next(&save, &t);
		arrow = xm_sdk_tok_is(&t, "=>");
	}
	xm_diags_finish(&scratch);
	return arrow;
}

/* After `(`: does a `$` name come first (past further `(`)? */
static bool paren_is_xs(struct parser *p)
{
	struct xm_sdk_lexer save = p->lx;
	struct xm_diags scratch;
	xm_diags_init(&scratch, 1);
	save.diags = &scratch;
	struct xm_sdk_token t;
	do {
		xm_sdk_lex_next(&save, &t);
	} while (xm_sdk_tok_is(&t, "("));
	xm_diags_finish(&scratch);
	return (t.kind == XM_SDK_TOK_NAME && t.text[0] == '$') || xm_sdk_tok_is(&t, "!");
}

static struct xm_sdk_node *arrow_body(struct parser *p, struct xm_sdk_node *n)
{
	if (at(p, "{")) {
		n->u.arrow.body = parse_block(p);
	} else {
		n->u.arrow.expr = parse_value(p);
		if (!n->u.arrow.expr) {
			return NULL;
		}
	}
	return finish(p, n);
}

static struct xm_sdk_node *parse_arrow(struct parser *p, const struct xm_sdk_token *start,
		const char *param)
{
	struct xm_sdk_node *n = new_node(p, XM_SDK_ARROW, start);
	n->u.arrow.param = param;
	if (!expect(p, "=>", NULL)) {
		return NULL;
	}
	return arrow_body(p, n);
}

static struct xm_sdk_node *parse_primary(struct parser *p)
{
	struct xm_sdk_token t = p->tok;
	struct xm_sdk_node *n;
	switch (t.kind) {
	case XM_SDK_TOK_NUMBER:
		advance(p);
		n = new_node(p, XM_SDK_NUMBER, &t);
		n->u.str.text = xm_arena_strndup(p->arena, t.text, t.len);
		n->u.str.len = t.len;
		return finish(p, n);
	case XM_SDK_TOK_STRING:
		advance(p);
		n = new_node(p, XM_SDK_STRING, &t);
		n->u.str.text = xm_sdk_string_decode(&t, p->arena, p->diags, &n->u.str.len);
		return finish(p, n);
	case XM_SDK_TOK_TEMPLATE:
		return parse_template(p);
	case XM_SDK_TOK_NAME:
		if (t.text[0] == '$') {
			return capture_xs(p, &t);
		}
		advance(p);
		if (t.len == 4 && memcmp(t.text, "true", 4) == 0) {
			n = new_node(p, XM_SDK_BOOL, &t);
			n->u.boolean = true;
			return finish(p, n);
		}
		if (t.len == 5 && memcmp(t.text, "false", 5) == 0) {
			n = new_node(p, XM_SDK_BOOL, &t);
			return finish(p, n);
		}
		if ((t.len == 4 && memcmp(t.text, "null", 4) == 0) ||
				(t.len == 9 && memcmp(t.text, "undefined", 9) == 0)) {
			n = new_node(p, XM_SDK_NULL, &t);
			return finish(p, n);
		}
		if (t.len == 8 && memcmp(t.text, "function", 8) == 0 && at(p, "(")) {
			advance(p);
			const char *param = NULL;
			if (p->tok.kind == XM_SDK_TOK_NAME) {
				param = xm_arena_strndup(p->arena, p->tok.text, p->tok.len);
				advance(p);
			}
			if (!expect(p, ")", NULL)) {
				return NULL;
			}
			if (!at(p, "{")) {
				error_at_tok(p, "syntax", NULL, "`{`");
				return NULL;
			}
			n = new_node(p, XM_SDK_ARROW, &t);
			n->u.arrow.param = param;
			return arrow_body(p, n);
		}
		if (at(p, "=>")) {
			return parse_arrow(p, &t, xm_arena_strndup(p->arena, t.text, t.len));
		}
		n = new_node(p, XM_SDK_NAME, &t);
		n->u.str.text = xm_arena_strndup(p->arena, t.text, t.len);
		n->u.str.len = t.len;
		return finish(p, n);
	case XM_SDK_TOK_PUNCT:
		if (at(p, "{")) {
			return parse_object(p);
		}
		if (at(p, "[")) {
			advance(p);
			n = new_node(p, XM_SDK_ARRAY, &t);
			n->u.array.items = parse_list(p, "]", &n->u.array.n);
			return finish(p, n);
		}
		if (at(p, "(")) {
			if (paren_is_arrow(p)) {
				advance(p);
				const char *param = NULL;
				if (p->tok.kind == XM_SDK_TOK_NAME) {
					param = xm_arena_strndup(p->arena, p->tok.text,
						p->tok.len);
					advance(p);
				}
				advance(p); /* ) */
				return parse_arrow(p, &t, param);
			}
			if (paren_is_xs(p)) {
				return capture_xs(p, &t);
			}
			advance(p);
			n = parse_value(p);
			if (n && !expect(p, ")", NULL)) {
				return NULL;
			}
			return n;
		}
		if (at(p, "-") || at(p, "!")) {
			bool minus = at(p, "-");
			advance(p);
			if (minus && p->tok.kind == XM_SDK_TOK_NUMBER &&
					p->tok.offset == t.offset + 1) {
				struct xm_sdk_token num = p->tok;
				advance(p);
				n = new_node(p, XM_SDK_NUMBER, &t);
				n->u.str.len = num.len + 1;
				n->u.str.text = xm_arena_strndup(p->arena, t.text, num.len + 1);
				return finish(p, n);
			}
			return capture_xs(p, &t);
		}
		break;
	default:
		break;
	}
	error_at_tok(p, "syntax", NULL, "a value");
	return NULL;
}

static struct xm_sdk_node *parse_postfix(struct parser *p)
{
	struct xm_sdk_node *n = parse_primary(p);
	while (n && !p->fatal) {
		if (n->kind == XM_SDK_XS || n->kind == XM_SDK_ARROW) {
			return n;
		}
		if (at(p, "(")) {
			if (n->kind != XM_SDK_NAME && n->kind != XM_SDK_MEMBER) {
				error_at_tok(p, "syntax", NULL, "a method name before `(`");
				return NULL;
			}
			advance(p);
			struct xm_sdk_node *call;
			if (n->kind == XM_SDK_NAME) {
				call = new_node(p, XM_SDK_CALL, &(struct xm_sdk_token){
					.line = n->line, .col = n->col, .offset = n->offset});
				call->u.call.target = n;
				call->u.call.name = n->u.str.text;
				call->u.call.name_line = n->line;
				call->u.call.name_col = n->col;
			} else {
				/* target.name( … ): the member becomes a method call. */
				call = n;
				call->kind = XM_SDK_METHOD;
			}
			call->u.call.args = parse_list(p, ")", &call->u.call.nargs);
			n = finish(p, call);
		} else if (at(p, ".")) {
			advance(p);
			if (p->tok.kind != XM_SDK_TOK_NAME) {
				error_at_tok(p, "syntax", NULL, "a method name after `.`");
				return NULL;
			}
			struct xm_sdk_node *m = new_node(p, XM_SDK_MEMBER, &(struct xm_sdk_token){
				.line = n->line, .col = n->col, .offset = n->offset});
			m->u.call.target = n;
			m->u.call.name = xm_arena_strndup(p->arena, p->tok.text, p->tok.len);
			m->u.call.name_line = p->tok.line;
			m->u.call.name_col = p->tok.col;
			advance(p);
			n = finish(p, m);
		} else {
			break;
		}
	}
	return n;
}

static struct xm_sdk_node *parse_value(struct parser *p)
{
	if (!enter(p)) {
		return NULL;
	}
	struct xm_sdk_token start = p->tok;
	struct xm_sdk_node *n = parse_postfix(p);
	if (n && n->kind != XM_SDK_XS && n->kind != XM_SDK_ARROW && at_operator(p) &&
			!p->tok.newline_before) {
		/* `"Hello " ~ $name`, `now|to_text`: the whole value is a
		 * XanoScript expression. Rewind to its first token. */
		p->lx.pos = start.offset;
		p->lx.line = start.line;
		p->lx.line_start = start.offset - (start.col - 1);
		struct xm_diags scratch;
		xm_diags_init(&scratch, 1);
		struct xm_diags *real = p->lx.diags;
		p->lx.diags = &scratch;
		xm_sdk_lex_next(&p->lx, &p->tok);
		p->lx.diags = real;
		xm_diags_finish(&scratch);
		n = capture_xs(p, &start);
	}
	leave(p);
	return n;
}

/* Skips to the end of a statement after an error. */
static void sync_stmt(struct parser *p)
{
	int depth = 0;
	while (p->tok.kind != XM_SDK_TOK_EOF) {
		if (depth <= 0 && at(p, ";")) {
			advance(p);
			return;
		}
		if (depth <= 0 && at(p, "}")) {
			return;
		}
		if (depth <= 0 && p->tok.newline_before && p->tok.kind == XM_SDK_TOK_NAME &&
				(at_name(p, "const") || at_name(p, "let") || at_name(p, "var") ||
				 at_name(p, "return"))) {
			return;
		}
		if (is_open(&p->tok)) {
			depth++;
		} else if (is_close(&p->tok)) {
			depth--;
		}
		advance(p);
	}
}

static struct xm_sdk_stmt *parse_stmt(struct parser *p)
{
	struct xm_sdk_stmt *s = xm_arena_alloc(p->arena, sizeof(*s));
	s->line = p->tok.line;
	s->col = p->tok.col;
	if (at_name(p, "const") || at_name(p, "let") || at_name(p, "var")) {
		advance(p);
		s->kind = XM_SDK_STMT_BIND;
		if (p->tok.kind != XM_SDK_TOK_NAME || p->tok.text[0] == '$') {
			error_at_tok(p, "syntax", p->tok.kind == XM_SDK_TOK_NAME ?
				"names starting with `$` are XanoScript variables; drop the `$`" :
				NULL, "a name");
			return NULL;
		}
		s->name = xm_arena_strndup(p->arena, p->tok.text, p->tok.len);
		s->name_line = p->tok.line;
		s->name_col = p->tok.col;
		advance(p);
		if (!expect(p, "=", NULL)) {
			return NULL;
		}
		s->value = parse_value(p);
	} else if (at_name(p, "return")) {
		advance(p);
		s->kind = XM_SDK_STMT_RETURN;
		if (!at(p, ";") && !at(p, "}") && p->tok.kind != XM_SDK_TOK_EOF &&
				!p->tok.newline_before) {
			s->value = parse_value(p);
			if (!s->value) {
				return NULL;
			}
		}
		accept(p, ";");
		return s;
	} else {
		s->kind = XM_SDK_STMT_EXPR;
		s->value = parse_value(p);
	}
	if (!s->value) {
		return NULL;
	}
	if (!accept(p, ";") && !at(p, "}") && p->tok.kind != XM_SDK_TOK_EOF &&
			!p->tok.newline_before) {
		error_at_tok(p, "syntax", "end the statement with `;` or a new line",
			"the end of the statement");
		return NULL;
	}
	return s;
}

/* Skips `import …` and `export` keywords: harmless wrapping. */
static bool skip_module_syntax(struct parser *p)
{
	if (at_name(p, "import")) {
		unsigned line = p->tok.line;
		while (p->tok.kind != XM_SDK_TOK_EOF && p->tok.line == line && !at(p, ";")) {
			advance(p);
		}
		accept(p, ";");
		return true;
	}
	if (at_name(p, "export")) {
		advance(p);
		if (at_name(p, "default")) {
			advance(p);
		}
		return true;
	}
	return false;
}

static struct xm_sdk_stmt *parse_stmts(struct parser *p, bool in_block, size_t *count)
{
	struct xm_sdk_stmt *first = NULL, **tail = &first;
	while (p->tok.kind != XM_SDK_TOK_EOF && !p->fatal) {
		if (in_block && at(p, "}")) {
			break;
		}
		if (accept(p, ";") || skip_module_syntax(p)) {
			continue;
		}
		if (!in_block && at(p, "}")) {
			error_at_tok(p, "syntax", "remove the extra `}`", "a statement");
			advance(p);
			continue;
		}
		size_t before = p->tok.offset;
		struct xm_sdk_stmt *s = parse_stmt(p);
		if (s) {
			*tail = s;
			tail = &s->next;
			if (count) {
				(*count)++;
			}
		} else {
			sync_stmt(p);
			if (p->tok.offset == before && p->tok.kind != XM_SDK_TOK_EOF &&
					!(in_block && at(p, "}"))) {
				advance(p); /* always make progress */
			}
		}
	}
	return first;
}

static struct xm_sdk_stmt *parse_block(struct parser *p)
{
	if (!enter(p)) {
		return NULL;
	}
	advance(p); /* { */
	struct xm_sdk_stmt *body = parse_stmts(p, true, NULL);
	if (!p->fatal) {
		expect(p, "}", NULL);
	}
	leave(p);
	return body;
}

struct xm_sdk_program *xm_sdk_parse(const char *text, size_t len, struct xm_arena *arena,
		struct xm_diags *diags)
{
	struct xm_sdk_program *prog = xm_arena_alloc(arena, sizeof(*prog));
	if (len > XM_SDK_MAX_SOURCE) {
		xm_diags_add(diags, XM_SEV_ERROR, 1, 1, 1, "too-large",
			"compile one endpoint, function, task, table or API group at a time",
			"the code is %zu bytes; the limit is %d", len, XM_SDK_MAX_SOURCE);
		return prog;
	}
	struct parser p = {0};
	p.arena = arena;
	p.diags = diags;
	xm_sdk_lexer_init(&p.lx, text, len, diags);
	xm_sdk_lex_next(&p.lx, &p.tok);
	prog->first = parse_stmts(&p, false, &prog->nstmts);
	return prog;
}

const char *xm_sdk_kind_name(enum xm_sdk_kind kind)
{
	switch (kind) {
	case XM_SDK_NULL: return "null";
	case XM_SDK_BOOL: return "boolean";
	case XM_SDK_NUMBER: return "number";
	case XM_SDK_STRING: return "string";
	case XM_SDK_TEMPLATE: return "template literal";
	case XM_SDK_XS: return "XanoScript expression";
	case XM_SDK_NAME: return "name";
	case XM_SDK_OBJECT: return "object";
	case XM_SDK_ARRAY: return "array";
	case XM_SDK_ARROW: return "arrow function";
	case XM_SDK_CALL: return "call";
	case XM_SDK_METHOD: return "method call";
	case XM_SDK_MEMBER: return "member";
	}
	return "value";
}
