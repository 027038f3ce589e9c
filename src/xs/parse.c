/*
 * The XanoScript parser: recursive descent over the token array of lex.c.
 *
 * Grammar (NL = line break; items of a block are separated by NL; `,` and
 * NL separate object and array entries):
 *
 *   file       = doc { "---" doc }
 *   doc        = { COMMENT | construct }
 *   construct  = NAME { "." NAME } [ STRING | barepath ] { NAME "=" unary }
 *                "{" { citem } "}"
 *   citem      = COMMENT | attr | ( "input" | "schema" ) declblock | block
 *   attr       = NAME "=" expr
 *   block      = NAME [ STRING | barepath ] [ "{" { sitem } "}" ]
 *   declblock  = NAME "{" { COMMENT | "dblink" block | decl } "}"
 *   decl       = TYPE [ "[" [ lo ":" hi ] "]" ] [ "?" ] NAME [ "?" ] [ "=" expr ]
 *                [ "filters=" ifilter { "|" ifilter } ] [ "{" { mitem } "}" ]
 *   ifilter    = NAME { ":" ( STRING | NUMBER | NAME | REGEX | RAW ) }
 *   mitem      = COMMENT | attr | "schema" declblock | block
 *   sitem      = COMMENT | attr | stmt
 *   stmt       = [ "!" ] NAME { "." NAME } [ STRING | VAR path | barepath ]
 *                [ "(" expr ")" ] [ "if" "(" expr ")" ] [ "as" postfix ]
 *                [ "{" { sitem } "}" ] [ "as" postfix ] [ "break" ]
 *   expr       = binary [ "?" expr ":" expr ]
 *   binary     = unary { OP unary }            (precedence: see op_prec())
 *   unary      = "!" unary | "-" unary | postfix
 *   postfix    = primary { [ NL ] "|" NAME { ":" binary-without-pipes } }
 *   primary    = STRING | NUMBER | TIMESTAMP | EXPR | CAST STRING | NAME
 *              | VAR { "." NAME | "[" expr "]" } | "(" expr ")"
 *              | "{" [ key ":" expr { sep key ":" expr } ] "}"
 *              | "[" [ expr { sep expr } ] "]"
 *
 * A barepath is a run of tokens with no space between them (`users/{id}`).
 * Errors are reported where they are made and the parser resynchronises at
 * the end of the line (or the enclosing `}`), so later errors still show.
 * Every recursive step, and every link of an operator or filter chain,
 * goes through enter(), which stops the whole parse once the nesting cap is
 * passed: the trees it builds are never deeper than the cap.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/xs/lex.h"
#include "xano-mcp/xs/parse.h"

struct parser {
	struct xm_arena *arena;
	struct xm_diags *diags;
	struct xm_xs_token *toks;
	size_t ntoks;
	/* The current token: a pointer rather than an index, as peek() runs
	 * several times per token. Never past the EOF at toks[ntoks - 1]. */
	struct xm_xs_token *cur;
	const struct xm_xs_token *last; /* the last consumed token */
	const struct xm_xs_token *last_code; /* ... that was not a line break */
	unsigned depth;
	unsigned max_depth;
	bool aborted;        /* nesting cap passed: everything reads as EOF */
	unsigned nl_skip;    /* > 0 inside ( ) and [ ] index: line breaks are spaces */
	unsigned no_pipe;    /* > 0 in a filter argument: `|` ends the argument */
	int unclosed;        /* more `{`/`[` than `}`/`]`: 1, else 0; -1 not yet counted */
	bool lone_expr;      /* xm_xs_parse_expr(): the text is one expression */
};

typedef struct xm_xs_node *(*item_fn)(struct parser *p, struct xm_xs_node *parent);

/* ---- tokens ---- */

/* The index of the current token, for lookahead with tok_at(). */
static size_t cur_index(const struct parser *p)
{
	return (size_t)(p->cur - p->toks);
}

static struct xm_xs_token *tok_at(struct parser *p, size_t i)
{
	if (i >= p->ntoks) {
		return &p->toks[p->ntoks - 1]; /* EOF */
	}
	return &p->toks[i];
}

/* The current token. The array ends with EOF and nothing moves past it, so
 * p->cur is always in bounds; an aborted parse reads EOF copies (enter()).
 * Called several times per token: the kind is tested before nl_skip, as
 * most tokens are not line breaks. */
static inline struct xm_xs_token *peek(struct parser *p)
{
	struct xm_xs_token *t = p->cur;
	while (t->kind == XM_XS_T_NEWLINE && p->nl_skip) {
		t = ++p->cur;
	}
	return t;
}

/* The token after the current one (line breaks count). The array ends with
 * the only EOF (or, after an abort, copies of it), so any other token has a
 * successor, and EOF stands for its own. */
static struct xm_xs_token *peek2(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	return t->kind == XM_XS_T_EOF ? t : t + 1;
}

static bool at(struct parser *p, enum xm_xs_tok kind)
{
	return peek(p)->kind == kind;
}

static bool at_word(struct parser *p, const char *word)
{
	struct xm_xs_token *t = peek(p);
	return t->kind == XM_XS_T_IDENT && t->len == strlen(word) &&
		memcmp(t->text, word, t->len) == 0;
}

static bool tok_is(const struct xm_xs_token *t, const char *word)
{
	return t->kind == XM_XS_T_IDENT && t->len == strlen(word) &&
		memcmp(t->text, word, t->len) == 0;
}

static struct xm_xs_token *advance(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind != XM_XS_T_EOF) {
		p->cur++;
	}
	p->last = t;
	if (t->kind != XM_XS_T_NEWLINE) {
		p->last_code = t;
	}
	return t;
}

static bool adjacent(const struct xm_xs_token *t)
{
	return !(t->flags & XM_XS_TF_SPACE_BEFORE) && !(t->flags & XM_XS_TF_LINE_START);
}

/* The column of the first token on t's line (where the line's text starts,
 * for a multi-line literal that ends on it): the nearest token at or before
 * t that the lexer flagged LINE_START. The first token of a text is one.
 * Asked once per block or literal, so the lexer does not store it in
 * every token. */
static unsigned line_indent(const struct xm_xs_token *t)
{
	while (!(t->flags & XM_XS_TF_LINE_START)) {
		t--;
	}
	return t->col;
}

static bool ends_line(const struct xm_xs_token *t)
{
	return t->kind == XM_XS_T_NEWLINE || t->kind == XM_XS_T_EOF ||
		t->kind == XM_XS_T_SEPARATOR;
}

/* ---- diagnostics ---- */

__attribute__((cold, format(printf, 5, 6)))
static void err(struct parser *p, const struct xm_xs_token *t, const char *code,
		const char *suggestion, const char *fmt, ...)
{
	if (p->aborted || t->kind == XM_XS_T_ERROR || (t->flags & XM_XS_TF_UNTERMINATED)) {
		return; /* too deep (reported once), or the lexer already explained it */
	}
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	unsigned end_line, end_col;
	xm_xs_tok_end(t, &end_line, &end_col);
	unsigned end = end_line == t->line && end_col > t->col ? end_col : t->col + 1;
	xm_diags_add(p->diags, XM_SEV_ERROR, t->line, t->col, end, code, suggestion,
		"%s", msg);
}

/* What t is, for "found ..." in messages. */
static const char *found(const struct parser *p, const struct xm_xs_token *t)
{
	return p->lone_expr && t->kind == XM_XS_T_EOF ? "end of expression" :
		xm_xs_tok_name(t->kind);
}

__attribute__((cold))
static void err_expected(struct parser *p, const char *what)
{
	struct xm_xs_token *t = peek(p);
	err(p, t, "syntax", NULL, "expected %s, found %s", what, found(p, t));
}

/* Skips to the end of the line (not consuming it), over balanced braces. */
static void skip_line(struct parser *p)
{
	unsigned braces = 0;
	for (;;) {
		struct xm_xs_token *t = peek(p);
		if (t->kind == XM_XS_T_EOF || t->kind == XM_XS_T_SEPARATOR ||
				(t->kind == XM_XS_T_NEWLINE && braces == 0)) {
			return;
		}
		if (t->kind == XM_XS_T_RBRACE) {
			if (braces == 0) {
				return;
			}
			braces--;
		} else if (t->kind == XM_XS_T_LBRACE) {
			braces++;
		}
		advance(p);
	}
}

/*
 * Whether the text opens more `{`/`[` than it closes, which lets the parser
 * look for a missing one by indentation. Counted the first time a question
 * of indentation arises, which well-formed text, our own output above all,
 * never raises: a file's tokens are not walked a second time for it.
 */
static bool unclosed(struct parser *p)
{
	if (p->unclosed < 0) {
		size_t opens = 0, closes = 0;
		for (size_t i = 0; i < p->ntoks; i++) {
			enum xm_xs_tok kind = p->toks[i].kind;
			opens += kind == XM_XS_T_LBRACE || kind == XM_XS_T_LBRACKET;
			closes += kind == XM_XS_T_RBRACE || kind == XM_XS_T_RBRACKET;
		}
		p->unclosed = opens > closes;
	}
	return p->unclosed;
}

static bool enter(struct parser *p)
{
	if (p->aborted) {
		return false;
	}
	if (++p->depth > p->max_depth) {
		err(p, peek(p), "too-deep", NULL, "nesting deeper than %u levels", p->max_depth);
		p->aborted = true;
		/* From here on everything reads as EOF: the tokens not yet
		 * consumed become copies of it (the parser never looks back),
		 * so peek() needs no test of the flag, and the position stays
		 * where it was, as the loops that check their progress expect.
		 * The brackets are counted first, while the tokens are there. */
		unclosed(p);
		const struct xm_xs_token *eof = &p->toks[p->ntoks - 1];
		for (struct xm_xs_token *t = p->cur; t < eof; t++) {
			*t = *eof;
		}
		return false;
	}
	return true;
}

static void leave(struct parser *p)
{
	p->depth--;
}

/* ---- nodes ---- */

static struct xm_xs_node *node_at(struct parser *p, enum xm_xs_kind kind,
		const struct xm_xs_token *t)
{
	return xm_xs_node_new(p->arena, kind, t->line, t->col);
}

static void finish(struct parser *p, struct xm_xs_node *n)
{
	if (!p->last) {
		return;
	}
	unsigned end_line, end_col;
	xm_xs_tok_end(p->last, &end_line, &end_col);
	if (end_line > n->line || (end_line == n->line && end_col > n->col)) {
		n->end_line = end_line;
		n->end_col = end_col;
	}
}

static char *tok_str(struct parser *p, const struct xm_xs_token *t, size_t skip, size_t trim)
{
	size_t len = t->len >= skip + trim ? t->len - skip - trim : 0;
	return xm_arena_strndup(p->arena, t->text + skip, len);
}

static char *span_str(struct parser *p, const struct xm_xs_token *first,
		const struct xm_xs_token *last)
{
	return xm_arena_strndup(p->arena, first->text,
		(size_t)(last->text + last->len - first->text));
}

/* NAME { "." NAME } written without spaces; the current token is a NAME. */
static char *dotted_name(struct parser *p)
{
	struct xm_xs_token *first = advance(p), *last = first;
	while (at(p, XM_XS_T_DOT) && adjacent(peek(p)) && peek2(p)->kind == XM_XS_T_IDENT &&
			adjacent(peek2(p))) {
		advance(p);
		last = advance(p);
	}
	return span_str(p, first, last);
}

/* Tokens a bare path is made of (`auth/login`, `users/{id}`, `v1.2-beta`). */
static bool path_token(const struct xm_xs_token *t)
{
	switch (t->kind) {
	case XM_XS_T_IDENT: case XM_XS_T_NUMBER: case XM_XS_T_OP: case XM_XS_T_DOT:
	case XM_XS_T_LBRACE: case XM_XS_T_RBRACE: case XM_XS_T_COLON: case XM_XS_T_VAR:
		return true;
	default:
		return false;
	}
}

/* A run of path tokens without spaces (the current token is one): one word
 * is an IDENT, a path such as `auth/login` or `users/{id}` a STRING flagged
 * BARE. */
static struct xm_xs_node *bare_path(struct parser *p)
{
	struct xm_xs_token *first = advance(p), *last = first;
	while (adjacent(peek(p)) && path_token(peek(p))) {
		last = advance(p);
	}
	bool word = first == last && first->kind == XM_XS_T_IDENT;
	struct xm_xs_node *n = node_at(p, word ? XM_XS_IDENT : XM_XS_STRING, first);
	char *text = span_str(p, first, last);
	if (word) {
		n->name = text;
	} else {
		n->text = text;
		n->flags |= XM_XS_F_BARE;
	}
	finish(p, n);
	return n;
}

/* ---- expressions ---- */

static struct xm_xs_node *parse_expr(struct parser *p);
static struct xm_xs_node *parse_binary(struct parser *p, int min_prec);

static struct xm_xs_node *error_node(struct parser *p, const char *what)
{
	struct xm_xs_token *t = peek(p);
	struct xm_xs_node *n = node_at(p, XM_XS_ERROR, t);
	err_expected(p, what);
	switch (t->kind) {
	case XM_XS_T_NEWLINE: case XM_XS_T_EOF: case XM_XS_T_SEPARATOR:
	case XM_XS_T_RBRACE: case XM_XS_T_RBRACKET: case XM_XS_T_RPAREN:
	case XM_XS_T_COMMA: case XM_XS_T_COLON: case XM_XS_T_PIPE:
		break;
	default:
		advance(p);
	}
	return n;
}

/* The text of a `"""` (or ```) literal starts on the line after the quotes;
 * something else there is an error, usually a comment that belongs above. */
static void triple_opening(struct parser *p, const struct xm_xs_token *t, const char *text)
{
	const char *s = text;
	while (*s == ' ' || *s == '\t' || *s == '\r') {
		s++;
	}
	if (*s == '\n' || (*s == '\0' && (t->flags & XM_XS_TF_UNTERMINATED))) {
		return;
	}
	struct xm_xs_token at_text = *t;
	at_text.col += (unsigned)(s - text) + 3;
	at_text.len = 1; /* the report covers one byte */
	at_text.flags &= (unsigned char)~XM_XS_TF_MULTILINE;
	if (s[0] == '/' && s[1] == '/') {
		err(p, &at_text, "trailing-comment", "move the comment to a line of its own above",
			"a comment must be on a line of its own, not after code");
	} else {
		err(p, &at_text, "syntax", "start the text on the next line",
			"the text of a multi-line literal must start on the line after its quotes");
	}
}

static struct xm_xs_node *string_node(struct parser *p)
{
	struct xm_xs_token *t = advance(p);
	struct xm_xs_node *n = node_at(p, XM_XS_STRING, t);
	size_t q = t->len >= 6 && (memcmp(t->text, "\"\"\"", 3) == 0 ||
		memcmp(t->text, "'''", 3) == 0) ? 3 : 1;
	if (t->text[0] == '\'') {
		n->flags |= XM_XS_F_SINGLE;
	}
	if (q == 3) {
		n->flags |= XM_XS_F_TRIPLE;
	}
	n->text = tok_str(p, t, q, t->flags & XM_XS_TF_UNTERMINATED ? 0 : q);
	if (q == 3) {
		triple_opening(p, t, n->text);
	}
	finish(p, n);
	return n;
}

static struct xm_xs_node *text_node(struct parser *p, enum xm_xs_kind kind)
{
	struct xm_xs_token *t = advance(p);
	struct xm_xs_node *n = node_at(p, kind, t);
	n->text = tok_str(p, t, 0, 0);
	finish(p, n);
	return n;
}

static struct xm_xs_node *backtick_node(struct parser *p)
{
	struct xm_xs_token *t = advance(p);
	struct xm_xs_node *n = node_at(p, XM_XS_EXPR, t);
	size_t q = t->len >= 6 && memcmp(t->text, "```", 3) == 0 ? 3 : 1;
	if (q == 3) {
		n->flags |= XM_XS_F_TRIPLE;
	}
	n->text = tok_str(p, t, q, t->flags & XM_XS_TF_UNTERMINATED ? 0 : q);
	if (q == 3) {
		triple_opening(p, t, n->text);
	}
	finish(p, n);
	return n;
}

static struct xm_xs_node *cast_node(struct parser *p)
{
	struct xm_xs_token *t = advance(p);
	struct xm_xs_node *n = node_at(p, XM_XS_CAST, t);
	n->name = tok_str(p, t, 1, 0);
	if (at(p, XM_XS_T_STRING)) {
		n->value = string_node(p);
	} else {
		n->value = error_node(p, "a string after the cast");
	}
	finish(p, n);
	return n;
}

/* `( expr )` or `[ expr ]` (an index): inside, line breaks are spaces and a
 * `|` belongs to the expression again even within a filter argument. */
static struct xm_xs_node *enclosed(struct parser *p, enum xm_xs_kind kind,
		enum xm_xs_tok close)
{
	struct xm_xs_token *open = advance(p);
	struct xm_xs_node *n = node_at(p, kind, open);
	unsigned saved_pipe = p->no_pipe;
	p->nl_skip++;
	p->no_pipe = 0;
	struct xm_xs_node *inner = parse_expr(p);
	if (kind == XM_XS_INDEX) {
		n->arg = inner;
	} else {
		n->value = inner;
	}
	if (at(p, close)) {
		advance(p);
	} else {
		err(p, peek(p), "syntax", close == XM_XS_T_RPAREN ? "close it with `)`" :
			"close it with `]`", "expected %s to close the %s at line %u, found %s",
			xm_xs_tok_name(close), xm_xs_tok_name(open->kind), open->line,
			found(p, peek(p)));
	}
	p->nl_skip--;
	p->no_pipe = saved_pipe;
	finish(p, n);
	return n;
}

static struct xm_xs_node *var_node(struct parser *p)
{
	struct xm_xs_token *t = advance(p);
	struct xm_xs_node *n = node_at(p, XM_XS_VAR, t);
	n->name = tok_str(p, t, 1, 0);
	for (;;) {
		struct xm_xs_token *d = peek(p);
		if (d->kind == XM_XS_T_DOT && adjacent(d)) {
			struct xm_xs_token *m = peek2(p);
			if (!adjacent(m) || (m->kind != XM_XS_T_IDENT && m->kind != XM_XS_T_VAR &&
					m->kind != XM_XS_T_NUMBER)) {
				advance(p);
				err_expected(p, "a member name after `.`");
				break;
			}
			advance(p);
			advance(p);
			struct xm_xs_node *mem = node_at(p, XM_XS_MEMBER, m);
			mem->name = tok_str(p, m, 0, 0);
			finish(p, mem);
			xm_xs_add_item(n, mem);
		} else if (d->kind == XM_XS_T_LBRACKET && adjacent(d)) {
			xm_xs_add_item(n, enclosed(p, XM_XS_INDEX, XM_XS_T_RBRACKET));
		} else {
			break;
		}
	}
	finish(p, n);
	return n;
}

/* Skips separators between entries; true if a line break was among them. */
static bool skip_entry_separators(struct parser *p, bool *comma)
{
	bool nl = false;
	for (;;) {
		struct xm_xs_token *t = peek(p);
		if (t->kind == XM_XS_T_NEWLINE) {
			nl = true;
		} else if (t->kind == XM_XS_T_COMMA) {
			if (comma) {
				*comma = true;
			}
		} else if (t->kind == XM_XS_T_COMMENT && !(t->flags & XM_XS_TF_LINE_START)) {
			err(p, t, "trailing-comment", "move the comment to a line of its own above "
				"the statement", "a comment must be on a line of its own, not after code");
		} else if (t->kind == XM_XS_T_COMMENT) {
			err(p, t, "comment-in-literal", "move the comment above the statement",
				"comments are not allowed inside an object or array literal");
		} else {
			return nl;
		}
		advance(p);
	}
}

/* After an entry: `,`, a line break or the closing token; else recover. */
static void end_entry(struct parser *p, enum xm_xs_tok close)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind == XM_XS_T_COMMA || t->kind == XM_XS_T_NEWLINE || t->kind == close ||
			t->kind == XM_XS_T_EOF || t->kind == XM_XS_T_COMMENT) {
		return;
	}
	err(p, t, "syntax", "separate entries with `,` or a line break",
		"expected `,`, a line break or %s after the entry, found %s",
		xm_xs_tok_name(close), found(p, t));
	unsigned depth = 0;
	for (;;) {
		t = peek(p);
		if (t->kind == XM_XS_T_EOF || t->kind == XM_XS_T_SEPARATOR) {
			return;
		}
		if (depth == 0 && (t->kind == XM_XS_T_COMMA || t->kind == XM_XS_T_NEWLINE ||
				t->kind == close)) {
			return;
		}
		if (t->kind == XM_XS_T_LBRACE || t->kind == XM_XS_T_LBRACKET ||
				t->kind == XM_XS_T_LPAREN) {
			depth++;
		} else if (depth && (t->kind == XM_XS_T_RBRACE || t->kind == XM_XS_T_RBRACKET ||
				t->kind == XM_XS_T_RPAREN)) {
			depth--;
		} else if (t->kind == XM_XS_T_RBRACE || t->kind == XM_XS_T_RBRACKET ||
				t->kind == XM_XS_T_RPAREN) {
			return;
		}
		advance(p);
	}
}

static bool close_literal(struct parser *p, const struct xm_xs_token *open,
		enum xm_xs_tok close)
{
	if (at(p, close)) {
		advance(p);
		return true;
	}
	err(p, open, "missing-close", close == XM_XS_T_RBRACE ? "add the missing `}`" :
		"add the missing `]`", "this %s is never closed",
		close == XM_XS_T_RBRACE ? "`{`" : "`[`");
	return false;
}

static struct xm_xs_node *pair_node(struct parser *p)
{
	struct xm_xs_token *k = peek(p);
	struct xm_xs_node *pair = node_at(p, XM_XS_PAIR, k);
	if (k->kind == XM_XS_T_STRING) {
		struct xm_xs_node *s = string_node(p);
		pair->name = s->text;
		pair->flags |= XM_XS_F_QUOTED | (s->flags & (XM_XS_F_SINGLE | XM_XS_F_TRIPLE));
	} else if (k->kind == XM_XS_T_IDENT) {
		pair->name = dotted_name(p);
	} else if (k->kind == XM_XS_T_NUMBER) {
		pair->name = tok_str(p, advance(p), 0, 0);
	} else {
		pair->value = error_node(p, "an object key");
		return pair;
	}
	struct xm_xs_token *c = peek(p);
	if (c->kind == XM_XS_T_ASSIGN) {
		char sugg[160];
		snprintf(sugg, sizeof(sugg), "write `%s: …` (object keys take `:`)", pair->name);
		err(p, c, "object-equals", sugg,
			"object literal entries use `:`, not `=`");
		advance(p);
	} else if (c->kind == XM_XS_T_COLON) {
		advance(p);
	} else {
		err_expected(p, "`:` after the object key");
		finish(p, pair);
		return pair;
	}
	pair->value = parse_expr(p);
	finish(p, pair);
	return pair;
}

/* Where a missing closing token belongs: the line after the last code read,
 * but never past the end of the text. */
static unsigned line_after_last_code(struct parser *p, const struct xm_xs_token *open)
{
	unsigned last_line = p->toks[p->ntoks - 1].line;
	unsigned line = open->line;
	if (p->last_code) {
		unsigned end_col;
		xm_xs_tok_end(p->last_code, &line, &end_col);
		line++;
	}
	return line < last_line ? line : last_line;
}

/* A multi-line literal whose next line starts left of the literal's own line
 * lost its closing bracket (the same rule as parse_items()). */
static bool literal_dedent(struct parser *p, const struct xm_xs_token *open,
		const struct xm_xs_token *t, enum xm_xs_tok close)
{
	if (p->aborted || !(t->flags & XM_XS_TF_LINE_START) || t->line == open->line) {
		return false;
	}
	unsigned indent = line_indent(open);
	if (t->col > indent || (t->kind == close && t->col == indent) || !unclosed(p)) {
		return false;
	}
	unsigned line = line_after_last_code(p, open);
	xm_diags_add(p->diags, XM_SEV_ERROR, line, 1, 1, "missing-close",
		close == XM_XS_T_RBRACE ? "add the missing `}`" : "add the missing `]`",
		"missing %s to close the %s opened at line %u",
		close == XM_XS_T_RBRACE ? "`}`" : "`]`",
		close == XM_XS_T_RBRACE ? "object" : "array", open->line);
	return true;
}

/* Object and array literals: entries separated by `,` and/or line breaks. */
static struct xm_xs_node *literal_node(struct parser *p, enum xm_xs_kind kind)
{
	enum xm_xs_tok close = kind == XM_XS_OBJECT ? XM_XS_T_RBRACE : XM_XS_T_RBRACKET;
	struct xm_xs_token *open = advance(p);
	struct xm_xs_node *n = node_at(p, kind, open);
	unsigned saved_nl = p->nl_skip, saved_pipe = p->no_pipe;
	bool dedented = false;
	p->nl_skip = 0;
	p->no_pipe = 0;
	for (;;) {
		if (skip_entry_separators(p, NULL)) {
			n->flags |= XM_XS_F_MULTILINE;
		}
		struct xm_xs_token *t = peek(p);
		if (literal_dedent(p, open, t, close)) {
			dedented = true;
			break;
		}
		if (t->kind == close || t->kind == XM_XS_T_EOF || t->kind == XM_XS_T_SEPARATOR ||
				(kind == XM_XS_OBJECT && t->kind == XM_XS_T_RBRACKET) ||
				(kind == XM_XS_ARRAY && t->kind == XM_XS_T_RBRACE)) {
			break;
		}
		const struct xm_xs_token *before = p->cur;
		xm_xs_add_item(n, kind == XM_XS_OBJECT ? pair_node(p) : parse_expr(p));
		end_entry(p, close);
		if (p->cur == before) {
			advance(p); /* always make progress */
		}
	}
	if (!dedented) {
		close_literal(p, open, close);
	}
	p->nl_skip = saved_nl;
	p->no_pipe = saved_pipe;
	finish(p, n);
	return n;
}

static struct xm_xs_node *primary(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	switch (t->kind) {
	case XM_XS_T_STRING:
		return string_node(p);
	case XM_XS_T_NUMBER:
		return text_node(p, XM_XS_NUMBER);
	case XM_XS_T_TIMESTAMP:
		return text_node(p, XM_XS_TIMESTAMP);
	case XM_XS_T_EXPR:
		return backtick_node(p);
	case XM_XS_T_CAST:
		return cast_node(p);
	case XM_XS_T_VAR:
		return var_node(p);
	case XM_XS_T_IDENT: {
		struct xm_xs_node *n = node_at(p, XM_XS_IDENT, t);
		n->name = tok_str(p, advance(p), 0, 0);
		finish(p, n);
		return n;
	}
	case XM_XS_T_LPAREN:
		return enclosed(p, XM_XS_PAREN, XM_XS_T_RPAREN);
	case XM_XS_T_LBRACE:
		return literal_node(p, XM_XS_OBJECT);
	case XM_XS_T_LBRACKET:
		return literal_node(p, XM_XS_ARRAY);
	default:
		return error_node(p, "a value");
	}
}

/* `|` on this line, or starting one of the next lines. */
static bool at_pipe(struct parser *p, bool *newline)
{
	struct xm_xs_token *t = peek(p);
	*newline = false;
	if (t->kind == XM_XS_T_PIPE) {
		return true;
	}
	if (t->kind != XM_XS_T_NEWLINE) {
		return false;
	}
	size_t i = cur_index(p);
	while (tok_at(p, i)->kind == XM_XS_T_NEWLINE) {
		i++;
	}
	if (tok_at(p, i)->kind != XM_XS_T_PIPE) {
		return false;
	}
	p->cur = tok_at(p, i);
	*newline = true;
	return true;
}

static struct xm_xs_node *filter_arg(struct parser *p)
{
	p->no_pipe++;
	struct xm_xs_node *n = parse_binary(p, 0);
	p->no_pipe--;
	return n;
}

static int binary_prec(struct parser *p, enum xm_xs_op *op, size_t *ntoks);

static struct xm_xs_node *postfix(struct parser *p)
{
	struct xm_xs_node *e = primary(p);
	bool newline, filtered = false, last_has_args = false;
	unsigned chain = 0; /* each filter nests the tree deeper: see parse_binary() */
	while (!p->no_pipe && at_pipe(p, &newline) && enter(p)) {
		chain++;
		struct xm_xs_token *bar = advance(p);
		struct xm_xs_node *f = node_at(p, XM_XS_FILTER, bar);
		f->value = e;
		f->line = e->line;
		f->col = e->col;
		if (newline) {
			f->flags |= XM_XS_F_NEWLINE;
		}
		if (at(p, XM_XS_T_IDENT)) {
			f->name = tok_str(p, advance(p), 0, 0);
		} else {
			err_expected(p, "a filter name after `|`");
			f->name = "";
		}
		while (at(p, XM_XS_T_COLON)) {
			advance(p);
			xm_xs_add_arg(f, filter_arg(p));
		}
		last_has_args = f->args.first != NULL;
		filtered = true;
		finish(p, f);
		e = f;
	}
	while (chain--) {
		leave(p);
	}
	enum xm_xs_op op;
	size_t n;
	if (filtered && !last_has_args && !p->no_pipe && binary_prec(p, &op, &n) >= 0) {
		err(p, peek(p), "filtered-operand",
			"put the filtered value in parentheses, as in `($x|count) > 0`",
			"a filtered value must be parenthesised before the operator `%s`",
			xm_xs_op_text(op));
	}
	return e;
}

static struct xm_xs_node *unary(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	bool bang = t->kind == XM_XS_T_BANG;
	if (!bang && !(t->kind == XM_XS_T_OP && t->op == XM_XS_OP_SUB)) {
		return postfix(p);
	}
	if (!enter(p)) {
		return node_at(p, XM_XS_ERROR, t);
	}
	advance(p);
	struct xm_xs_node *n = node_at(p, XM_XS_UNARY, t);
	n->op = bang ? XM_XS_OP_NOT : XM_XS_OP_NEG;
	n->value = unary(p);
	finish(p, n);
	leave(p);
	return n;
}

struct word_op {
	const char *word;
	const char *negated_word; /* after `not` */
	enum xm_xs_op op;
};

static const struct word_op word_ops[] = {
	{"in", NULL, XM_XS_OP_IN}, {"between", NULL, XM_XS_OP_BETWEEN},
	{"contains", NULL, XM_XS_OP_CONTAINS}, {"includes", NULL, XM_XS_OP_INCLUDES},
	{"like", NULL, XM_XS_OP_LIKE}, {"ilike", NULL, XM_XS_OP_ILIKE},
	{"overlaps", NULL, XM_XS_OP_OVERLAPS}, {"search", NULL, XM_XS_OP_SEARCH},
	{"not", "in", XM_XS_OP_NOT_IN}, {"not", "between", XM_XS_OP_NOT_BETWEEN},
	{"not", "contains", XM_XS_OP_NOT_CONTAINS}, {"not", "includes", XM_XS_OP_NOT_INCLUDES},
	{"not", "like", XM_XS_OP_NOT_LIKE}, {"not", "ilike", XM_XS_OP_NOT_ILIKE},
	{"not", "overlaps", XM_XS_OP_NOT_OVERLAPS},
};

static int op_prec(enum xm_xs_op op)
{
	switch (op) {
	case XM_XS_OP_COALESCE:
		return 1;
	case XM_XS_OP_OR:
		return 2;
	case XM_XS_OP_AND:
		return 3;
	case XM_XS_OP_CONCAT:
		return 5;
	case XM_XS_OP_ADD: case XM_XS_OP_SUB:
		return 6;
	case XM_XS_OP_MUL: case XM_XS_OP_DIV: case XM_XS_OP_MOD:
		return 7;
	default:
		return 4; /* comparisons and query operators */
	}
}

/* A binary operator at the current position on this line: its precedence
 * (or -1) and how many tokens spell it. */
static int binary_prec(struct parser *p, enum xm_xs_op *op, size_t *ntoks)
{
	struct xm_xs_token *t = peek(p);
	*ntoks = 1;
	if (t->kind == XM_XS_T_OP) {
		*op = t->op;
		return op_prec(t->op);
	}
	if (t->kind != XM_XS_T_IDENT || adjacent(t)) {
		return -1;
	}
	struct xm_xs_token *t2 = peek2(p);
	for (size_t i = 0; i < sizeof(word_ops) / sizeof(word_ops[0]); i++) {
		if (!tok_is(t, word_ops[i].word)) {
			continue;
		}
		if (word_ops[i].negated_word) {
			if (!tok_is(t2, word_ops[i].negated_word)) {
				continue;
			}
			*ntoks = 2;
		}
		*op = word_ops[i].op;
		return 4;
	}
	return -1;
}

/* A line break followed by a line that starts with a binary operator
 * continues the expression (`where = $a == 1` NL `&& $b == 2`). */
static void continue_on_next_line(struct parser *p)
{
	if (!at(p, XM_XS_T_NEWLINE)) {
		return;
	}
	size_t i = cur_index(p);
	while (tok_at(p, i)->kind == XM_XS_T_NEWLINE) {
		i++;
	}
	struct xm_xs_token *t = tok_at(p, i);
	if (t->kind == XM_XS_T_OP && t->op != XM_XS_OP_SUB) {
		p->cur = t;
	}
}

/* `$x -1`: the minus sticks to the number; report it and read a subtraction. */
static bool sticky_minus(struct parser *p, struct xm_xs_node *lhs, struct xm_xs_node **out)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind != XM_XS_T_NUMBER || t->text[0] != '-' || !enter(p)) {
		return false; /* (the caller leaves for the subtraction built here) */
	}
	err(p, t, "sticky-minus", "write a space on both sides of the minus: `- 1`",
		"`%.*s` is read as a negative number; a subtraction needs `- `",
		(int)(t->len > 20 ? 20 : t->len), t->text);
	advance(p);
	struct xm_xs_node *num = node_at(p, XM_XS_NUMBER, t);
	num->col++;
	num->text = tok_str(p, t, 1, 0);
	finish(p, num);
	struct xm_xs_node *b = xm_xs_new_binary(p->arena, XM_XS_OP_SUB, lhs, num);
	b->line = lhs->line;
	b->col = lhs->col;
	finish(p, b);
	*out = b;
	return true;
}

static struct xm_xs_node *parse_binary(struct parser *p, int min_prec)
{
	if (!enter(p)) {
		return node_at(p, XM_XS_ERROR, peek(p));
	}
	struct xm_xs_node *lhs = unary(p);
	/* Each operator makes the tree one level deeper without recursing here:
	 * count it against the nesting cap, so that printing and comparing
	 * trees (which recurse) stay bounded too. */
	unsigned chain = 0;
	for (;;) {
		if (sticky_minus(p, lhs, &lhs)) {
			chain++;
			continue;
		}
		if (!p->no_pipe) {
			continue_on_next_line(p);
		}
		enum xm_xs_op op;
		size_t ntoks;
		int prec = binary_prec(p, &op, &ntoks);
		if (prec < 0 || prec < min_prec || !enter(p)) {
			break;
		}
		chain++;
		while (ntoks--) {
			advance(p);
		}
		struct xm_xs_node *rhs = parse_binary(p, prec + 1);
		struct xm_xs_node *b = xm_xs_new_binary(p->arena, op, lhs, rhs);
		b->line = lhs->line;
		b->col = lhs->col;
		finish(p, b);
		lhs = b;
	}
	while (chain--) {
		leave(p);
	}
	leave(p);
	return lhs;
}

static struct xm_xs_node *parse_expr(struct parser *p)
{
	if (!enter(p)) {
		return node_at(p, XM_XS_ERROR, peek(p));
	}
	struct xm_xs_node *cond = parse_binary(p, 0);
	if (at(p, XM_XS_T_QUESTION)) {
		advance(p);
		struct xm_xs_node *n = xm_xs_new_ternary(p->arena, cond, NULL, NULL);
		n->line = cond->line;
		n->col = cond->col;
		n->value = parse_expr(p);
		if (at(p, XM_XS_T_COLON)) {
			advance(p);
			n->rhs = parse_expr(p);
		} else {
			n->rhs = error_node(p, "`:` in the conditional expression");
		}
		finish(p, n);
		cond = n;
	}
	leave(p);
	return cond;
}

/* ---- items and blocks ---- */

static struct xm_xs_node *decl_item(struct parser *p, struct xm_xs_node *parent);
static struct xm_xs_node *stmt_item(struct parser *p, struct xm_xs_node *parent);
static struct xm_xs_node *meta_item(struct parser *p, struct xm_xs_node *parent);

static void report_missing_close(struct parser *p, const struct xm_xs_node *block,
		const struct xm_xs_token *open)
{
	if (p->aborted) {
		return;
	}
	unsigned line = line_after_last_code(p, open);
	const char *what = block->name ? block->name : "block";
	char msg[200];
	snprintf(msg, sizeof(msg), "missing `}` to close `%s` (opened at line %u)", what,
		open->line);
	xm_diags_add(p->diags, XM_SEV_ERROR, line, 1, 1, "missing-close",
		"add `}` at the end of the block", "%s", msg);
}

/* After an item: the line must end (a trailing comment or a comma is a known
 * mistake); anything else is reported and skipped. */
static void end_item(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	if (ends_line(t) || t->kind == XM_XS_T_RBRACE) {
		return;
	}
	if (t->kind == XM_XS_T_COMMENT) {
		err(p, t, "trailing-comment", "move the comment to a line of its own above",
			"a comment must be on a line of its own, not after code");
		advance(p);
		return;
	}
	if (t->kind == XM_XS_T_COMMA) {
		err(p, t, "comma-between-attributes", "remove the `,` and end the line there",
			"attributes and statements are separated by line breaks, not commas");
		advance(p);
		return;
	}
	err(p, t, "syntax", "put each item on a line of its own",
		"expected a line break, found %s", xm_xs_tok_name(t->kind));
	skip_line(p);
}

/*
 * The items of a block, after its `{` (open). A missing `}` is noticed at the
 * end of the input or, when the text has fewer closing than opening braces,
 * earlier by indentation: an item that starts left of the block's own line,
 * or a `}` left of it, belongs to an outer block. (Balanced text is never
 * second-guessed by its indentation.)
 */
static void parse_items(struct parser *p, struct xm_xs_node *parent,
		const struct xm_xs_token *open, item_fn item)
{
	unsigned indent = line_indent(open);
	unsigned newlines = 0;
	for (;;) {
		struct xm_xs_token *t = peek(p);
		if (t->kind == XM_XS_T_NEWLINE) {
			newlines++;
			advance(p);
			continue;
		}
		/* unclosed() last: indentation alone clears well-formed text. */
		bool line_start = t->flags & XM_XS_TF_LINE_START;
		if (t->kind == XM_XS_T_RBRACE) {
			if (line_start && t->col < indent && parent->items.first && unclosed(p)) {
				report_missing_close(p, parent, open);
				return;
			}
			advance(p);
			return;
		}
		if (t->kind == XM_XS_T_EOF || t->kind == XM_XS_T_SEPARATOR) {
			report_missing_close(p, parent, open);
			return;
		}
		if (line_start && t->col <= indent && t->line > open->line && unclosed(p)) {
			report_missing_close(p, parent, open);
			return;
		}
		const struct xm_xs_token *before = p->cur;
		struct xm_xs_node *n;
		if (t->kind == XM_XS_T_COMMENT) {
			n = node_at(p, XM_XS_COMMENT, t);
			if (!(t->flags & XM_XS_TF_LINE_START)) {
				err(p, t, "trailing-comment", "move the comment to a line of its own",
					"a comment must be on a line of its own, not after code");
			}
			n->text = tok_str(p, advance(p), 2, 0);
			finish(p, n);
			xm_xs_add_item(parent, n);
		} else {
			n = item(p, parent);
		}
		if (n && newlines >= 2) {
			n->flags |= XM_XS_F_BLANK_BEFORE;
		}
		newlines = 0;
		end_item(p);
		if (p->cur == before) {
			advance(p);
		}
	}
}

/* `{ items }` of node n, if present; sets BODY. */
static void body(struct parser *p, struct xm_xs_node *n, item_fn item)
{
	if (!at(p, XM_XS_T_LBRACE)) {
		return;
	}
	if (!enter(p)) {
		return;
	}
	struct xm_xs_token *open = advance(p);
	n->flags |= XM_XS_F_BODY;
	parse_items(p, n, open, item);
	leave(p);
}

static struct xm_xs_node *attr(struct parser *p, struct xm_xs_node *parent)
{
	struct xm_xs_token *k = peek(p);
	struct xm_xs_node *n = node_at(p, XM_XS_ATTR, k);
	n->name = dotted_name(p);
	struct xm_xs_token *eq = advance(p);
	if (eq->kind == XM_XS_T_COLON) {
		char sugg[160];
		snprintf(sugg, sizeof(sugg), "write `%s = …`", n->name);
		err(p, eq, strcmp(n->name, "response") == 0 ? "response-colon" : "attr-colon",
			sugg, "`%s` is an attribute: it takes `=`, not `:`", n->name);
	}
	n->value = parse_expr(p);
	finish(p, n);
	return parent ? xm_xs_add_item(parent, n) : n;
}

/* NAME followed by `=` (or the `:` mistake) starts an attribute. */
static bool at_attr(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind != XM_XS_T_IDENT) {
		return false;
	}
	size_t i = cur_index(p) + 1;
	/* `a.b = 1` is an attribute too; the validator rejects the name */
	while (tok_at(p, i)->kind == XM_XS_T_DOT && tok_at(p, i + 1)->kind == XM_XS_T_IDENT) {
		i += 2;
	}
	enum xm_xs_tok k = tok_at(p, i)->kind;
	return k == XM_XS_T_ASSIGN || k == XM_XS_T_COLON;
}

/* A label after a block or statement name: a string or a bare path. */
static struct xm_xs_node *label(struct parser *p)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind == XM_XS_T_STRING) {
		return string_node(p);
	}
	if (t->kind == XM_XS_T_IDENT) {
		return bare_path(p);
	}
	return NULL;
}

static struct xm_xs_node *block(struct parser *p, struct xm_xs_node *parent, item_fn item)
{
	struct xm_xs_token *t = peek(p);
	struct xm_xs_node *n = node_at(p, XM_XS_BLOCK, t);
	n->name = dotted_name(p);
	n->target = label(p);
	body(p, n, item);
	finish(p, n);
	return xm_xs_add_item(parent, n);
}

static struct xm_xs_node *construct_item(struct parser *p, struct xm_xs_node *parent)
{
	struct xm_xs_token *t = peek(p);
	if (at_attr(p)) {
		return attr(p, parent);
	}
	if (t->kind != XM_XS_T_IDENT) {
		err(p, t, "syntax", NULL, "expected a clause such as `input {` or "
			"`description = \"…\"`, found %s", xm_xs_tok_name(t->kind));
		skip_line(p);
		return NULL;
	}
	bool decls = tok_is(t, "input") || tok_is(t, "schema");
	return block(p, parent, decls ? decl_item : stmt_item);
}

/* `filters=trim|min:8` of a declaration. */
static void input_filters(struct parser *p, struct xm_xs_node *decl)
{
	advance(p); /* filters= */
	do {
		if (at(p, XM_XS_T_PIPE)) {
			advance(p);
		}
		struct xm_xs_token *t = peek(p);
		if (!adjacent(t) || (t->kind != XM_XS_T_IDENT && t->kind != XM_XS_T_RAW)) {
			err_expected(p, "a filter name");
			return;
		}
		struct xm_xs_node *f = node_at(p, XM_XS_FILTER, t);
		f->name = tok_str(p, advance(p), 0, 0);
		while (at(p, XM_XS_T_COLON) && adjacent(peek(p))) {
			advance(p);
			struct xm_xs_token *a = peek(p);
			enum xm_xs_kind kind = a->kind == XM_XS_T_NUMBER ? XM_XS_NUMBER :
				a->kind == XM_XS_T_IDENT ? XM_XS_IDENT :
				a->kind == XM_XS_T_REGEX ? XM_XS_REGEX :
				a->kind == XM_XS_T_RAW ? XM_XS_RAW : XM_XS_STRING;
			if (!adjacent(a) || (a->kind != XM_XS_T_STRING && kind == XM_XS_STRING)) {
				err_expected(p, "a filter argument after `:`");
				break;
			}
			struct xm_xs_node *arg;
			if (kind == XM_XS_STRING) {
				arg = string_node(p);
			} else {
				arg = node_at(p, kind, a);
				advance(p);
				if (kind == XM_XS_IDENT) {
					arg->name = tok_str(p, a, 0, 0);
				} else {
					arg->text = kind == XM_XS_REGEX ? tok_str(p, a, 1,
						a->flags & XM_XS_TF_UNTERMINATED ? 0 : 1) :
						tok_str(p, a, 0, 0);
				}
				finish(p, arg);
			}
			xm_xs_add_arg(f, arg);
		}
		finish(p, f);
		xm_xs_add_arg(decl, f);
	} while (at(p, XM_XS_T_PIPE) && adjacent(peek(p)));
}

/* `[]` or `[1:10]` after a type. */
static void array_bounds(struct parser *p, struct xm_xs_node *decl)
{
	struct xm_xs_token *open = advance(p);
	decl->flags |= XM_XS_F_ARRAY;
	while (!at(p, XM_XS_T_RBRACKET) && !ends_line(peek(p))) {
		advance(p);
	}
	if (!at(p, XM_XS_T_RBRACKET)) {
		err(p, open, "syntax", "write `type[]`", "`[` after the type is not closed");
		decl->extra = "";
		return;
	}
	struct xm_xs_token *close = advance(p);
	decl->extra = xm_arena_strndup(p->arena, open->text + 1,
		(size_t)(close->text - open->text - 1));
}

static struct xm_xs_node *decl_item(struct parser *p, struct xm_xs_node *parent)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind != XM_XS_T_IDENT) {
		err(p, t, "syntax", "write a declaration such as `text name?`",
			"expected a declaration (type and name), found %s",
			xm_xs_tok_name(t->kind));
		skip_line(p);
		return NULL;
	}
	if (tok_is(t, "dblink") && peek2(p)->kind == XM_XS_T_LBRACE) {
		return block(p, parent, stmt_item);
	}
	struct xm_xs_node *n = node_at(p, XM_XS_DECL, t);
	n->text = tok_str(p, advance(p), 0, 0);
	if (at(p, XM_XS_T_LBRACKET) && adjacent(peek(p))) {
		array_bounds(p, n);
	}
	if (at(p, XM_XS_T_QUESTION)) {
		advance(p);
		n->flags |= XM_XS_F_NULLABLE;
	}
	if (at(p, XM_XS_T_IDENT)) {
		n->name = tok_str(p, advance(p), 0, 0);
	} else {
		err(p, peek(p), "syntax", "write the field name after its type: `text name`",
			"expected a field name after the type `%s`, found %s", n->text,
			xm_xs_tok_name(peek(p)->kind));
		skip_line(p);
		finish(p, n);
		return xm_xs_add_item(parent, n);
	}
	if (at(p, XM_XS_T_QUESTION)) {
		advance(p);
		n->flags |= XM_XS_F_OPTIONAL;
	}
	if (at(p, XM_XS_T_ASSIGN)) {
		advance(p);
		n->value = parse_binary(p, 0);
	}
	if (at(p, XM_XS_T_FILTERS_KW)) {
		input_filters(p, n);
	}
	body(p, n, meta_item);
	finish(p, n);
	return xm_xs_add_item(parent, n);
}

static struct xm_xs_node *meta_item(struct parser *p, struct xm_xs_node *parent)
{
	if (at_word(p, "schema") && !at_attr(p)) {
		return block(p, parent, decl_item);
	}
	return stmt_item(p, parent);
}

/* `if (cond)` after a statement's argument (array.find and friends). */
static bool at_if_cond(struct parser *p)
{
	return at_word(p, "if") && peek2(p)->kind == XM_XS_T_LPAREN;
}

static struct xm_xs_node *paren_arg(struct parser *p)
{
	return enclosed(p, XM_XS_PAREN, XM_XS_T_RPAREN)->value;
}

static void binding(struct parser *p, struct xm_xs_node *n)
{
	struct xm_xs_token *as = advance(p);
	if (n->as) {
		err(p, as, "syntax", NULL, "a statement binds at most one variable");
	}
	if (at(p, XM_XS_T_VAR)) {
		n->as = postfix(p);
	} else {
		err(p, peek(p), "syntax", "write `as $name`",
			"expected a variable after `as`, found %s", xm_xs_tok_name(peek(p)->kind));
	}
}

static void stmt_target(struct parser *p, struct xm_xs_node *n)
{
	struct xm_xs_token *t = peek(p);
	if (t->kind == XM_XS_T_STRING) {
		n->target = string_node(p);
	} else if (t->kind == XM_XS_T_VAR) {
		n->target = var_node(p);
	} else if (t->kind == XM_XS_T_IDENT && !tok_is(t, "as") && !at_if_cond(p) &&
			!tok_is(t, "break")) {
		n->target = bare_path(p);
	}
}

static struct xm_xs_node *stmt(struct parser *p, struct xm_xs_node *parent)
{
	struct xm_xs_token *t = peek(p);
	struct xm_xs_node *n = node_at(p, XM_XS_STMT, t);
	if (t->kind == XM_XS_T_CAST) {
		/* `!text "x"` here is the disabled statement `text` with a target,
		 * not a cast: the lexer cannot tell them apart. */
		n->flags |= XM_XS_F_DISABLED;
		n->name = tok_str(p, advance(p), 1, 0);
	} else {
		if (t->kind == XM_XS_T_BANG) {
			advance(p);
			n->flags |= XM_XS_F_DISABLED;
		}
		if (!at(p, XM_XS_T_IDENT)) {
			err(p, peek(p), "syntax", NULL, "expected a statement, found %s",
				xm_xs_tok_name(peek(p)->kind));
			skip_line(p);
			return NULL;
		}
		n->name = dotted_name(p);
	}
	if (strcmp(n->name, "else") == 0 && at_word(p, "if")) {
		err(p, t, "else-if", "write `elseif`", "`else if` is not XanoScript");
		advance(p);
		n->name = "elseif";
	}
	stmt_target(p, n);
	if (at(p, XM_XS_T_LPAREN)) {
		n->arg = paren_arg(p);
	}
	if (at_if_cond(p)) {
		advance(p);
		n->value = paren_arg(p);
	}
	if (at_word(p, "as") && peek2(p)->kind == XM_XS_T_VAR) {
		binding(p, n);
		n->flags |= XM_XS_F_AS_BEFORE;
	}
	body(p, n, stmt_item);
	if (at_word(p, "as")) {
		binding(p, n);
	}
	if (at_word(p, "break")) {
		advance(p);
		n->flags |= XM_XS_F_BREAK;
	}
	finish(p, n);
	return xm_xs_add_item(parent, n);
}

static struct xm_xs_node *stmt_item(struct parser *p, struct xm_xs_node *parent)
{
	if (at_attr(p)) {
		return attr(p, parent);
	}
	return stmt(p, parent);
}

/* ---- documents ---- */

static struct xm_xs_node *construct(struct parser *p, struct xm_xs_node *doc)
{
	struct xm_xs_token *t = peek(p);
	struct xm_xs_node *n = node_at(p, XM_XS_CONSTRUCT, t);
	n->name = dotted_name(p);
	struct xm_xs_token *name = peek(p);
	if (name->kind == XM_XS_T_STRING) {
		n->target = string_node(p);
	} else if (path_token(name) && name->kind != XM_XS_T_LBRACE &&
			!(name->kind == XM_XS_T_IDENT && peek2(p)->kind == XM_XS_T_ASSIGN &&
			adjacent(peek2(p)))) {
		n->target = bare_path(p);
	}
	while (at(p, XM_XS_T_IDENT) && peek2(p)->kind == XM_XS_T_ASSIGN) {
		struct xm_xs_token *k = peek(p);
		struct xm_xs_node *a = node_at(p, XM_XS_ATTR, k);
		a->name = tok_str(p, advance(p), 0, 0);
		advance(p);
		a->value = unary(p);
		finish(p, a);
		xm_xs_add_arg(n, a);
	}
	if (at(p, XM_XS_T_LBRACE)) {
		body(p, n, construct_item);
	} else {
		err(p, peek(p), "syntax", NULL, "expected `{` to open the body of `%s`, found %s",
			n->name, xm_xs_tok_name(peek(p)->kind));
		skip_line(p);
	}
	finish(p, n);
	return xm_xs_add_item(doc, n);
}

static void document(struct parser *p, struct xm_xs_node *doc)
{
	unsigned newlines = 0;
	for (;;) {
		struct xm_xs_token *t = peek(p);
		if (t->kind == XM_XS_T_EOF || t->kind == XM_XS_T_SEPARATOR) {
			return;
		}
		if (t->kind == XM_XS_T_NEWLINE) {
			newlines++;
			advance(p);
			continue;
		}
		const struct xm_xs_token *before = p->cur;
		struct xm_xs_node *n = NULL;
		if (t->kind == XM_XS_T_COMMENT) {
			if (!(t->flags & XM_XS_TF_LINE_START)) {
				err(p, t, "trailing-comment", "move the comment to a line of its own",
					"a comment must be on a line of its own, not after code");
			}
			n = node_at(p, XM_XS_COMMENT, t);
			n->text = tok_str(p, advance(p), 2, 0);
			finish(p, n);
			xm_xs_add_item(doc, n);
		} else if (t->kind == XM_XS_T_IDENT) {
			n = construct(p, doc);
		} else if (t->kind == XM_XS_T_RBRACE) {
			err(p, t, "extra-close", "remove it", "`}` without a matching `{`");
			advance(p);
		} else {
			err(p, t, "syntax", NULL, "expected a construct such as `query \"name\" "
				"verb=GET {`, found %s", xm_xs_tok_name(t->kind));
			skip_line(p);
		}
		/* Not the document's first item. */
		if (n && newlines >= 2 && doc->items.first != doc->items.last) {
			n->flags |= XM_XS_F_BLANK_BEFORE;
		}
		newlines = 0;
		if (n) {
			end_item(p);
		}
		if (p->cur == before) {
			advance(p);
		}
	}
}

/*
 * Tokens the entry points keep in their frame (6 KB): the compiler's output
 * averages about 100 tokens a file and an SDK expression a handful, so most
 * parses need no malloc() and free() for the array.
 */
enum { STACK_TOKENS = 256 };

/* Lexes the whole text into stack (STACK_TOKENS long) or, when it needs
 * more, into the heap; free_tokens() releases it. */
static void lex_all(struct parser *p, const char *src, size_t len,
		struct xm_xs_token *stack)
{
	struct xm_xs_lexer lx;
	xm_xs_lexer_init(&lx, src, len, p->diags);
	/* Formatted XanoScript runs at about one token per 4 bytes, short
	 * expressions at more: room for one per 3 bytes avoids regrowing. */
	size_t cap = len / 3 + 16, n = 0;
	struct xm_xs_token *toks = stack;
	if (cap > STACK_TOKENS) {
		toks = xm_reallocarray(NULL, cap, sizeof(*toks));
	} else {
		cap = STACK_TOKENS;
	}
	/* The array and its count stay in locals until the end: p is seen by
	 * no one while lexing, but the compiler cannot know that. */
	for (;;) {
		if (n == cap) {
			cap *= 2;
			if (toks == stack) {
				toks = xm_reallocarray(NULL, cap, sizeof(*toks));
				memcpy(toks, stack, n * sizeof(*toks));
			} else {
				toks = xm_reallocarray(toks, cap, sizeof(*toks));
			}
		}
		n += xm_xs_lex_many(&lx, toks + n, cap - n);
		if (toks[n - 1].kind == XM_XS_T_EOF) {
			break;
		}
	}
	p->toks = toks;
	p->ntoks = n;
	p->unclosed = -1;
	p->cur = p->toks;
}

static void free_tokens(struct parser *p, struct xm_xs_token *stack)
{
	if (p->toks != stack) {
		free(p->toks);
	}
}

/* A NUL byte means binary data, and would cut the strings of the tree. */
static void report_nul(const char *src, const char *nul, struct xm_diags *diags)
{
	unsigned line = 1;
	const char *line_start = src;
	for (const char *c = src; c < nul; c++) {
		if (*c == '\n') {
			line++;
			line_start = c + 1;
		}
	}
	unsigned col = (unsigned)(nul - line_start) + 1;
	xm_diags_add(diags, XM_SEV_ERROR, line, col, col + 1, "syntax", NULL,
		"the text contains a NUL byte; XanoScript is text");
}

/*
 * The limits every entry point applies before lexing: the size cap and the
 * NUL byte. Returns false (after one diagnostic) when the text is refused.
 */
static bool acceptable(const char *src, size_t len, const struct xm_xs_parse_opts *opts,
		struct xm_diags *diags)
{
	size_t max_bytes = opts && opts->max_bytes ? opts->max_bytes : XM_XS_MAX_BYTES;
	/* Positions and token lengths are unsigned (lex.h). */
	if (max_bytes > UINT_MAX) {
		max_bytes = UINT_MAX;
	}
	if (len > max_bytes) {
		xm_diags_add(diags, XM_SEV_ERROR, 1, 1, 1, "too-large", NULL,
			"the text is %zu bytes; the limit is %zu", len, max_bytes);
		return false;
	}
	const char *nul = memchr(src, '\0', len);
	if (nul) {
		report_nul(src, nul, diags);
		return false;
	}
	return true;
}

static void parser_init(struct parser *p, struct xm_arena *arena,
		const struct xm_xs_parse_opts *opts, struct xm_diags *diags)
{
	*p = (struct parser){
		.arena = arena,
		.diags = diags,
		.max_depth = opts && opts->max_depth ? opts->max_depth : XM_XS_MAX_DEPTH,
	};
}

struct xm_xs_node *xm_xs_parse(struct xm_arena *arena, const char *src, size_t len,
		const struct xm_xs_parse_opts *opts, struct xm_diags *diags)
{
	struct parser p;
	parser_init(&p, arena, opts, diags);
	struct xm_xs_node *file = xm_xs_node_new(arena, XM_XS_FILE, 1, 1);
	if (!acceptable(src, len, opts, diags)) {
		return file;
	}
	struct xm_xs_token stack[STACK_TOKENS];
	lex_all(&p, src, len, stack);
	for (;;) {
		struct xm_xs_token *t = peek(&p);
		struct xm_xs_node *doc = node_at(&p, XM_XS_DOC, t);
		document(&p, doc);
		finish(&p, doc);
		xm_xs_add_item(file, doc);
		if (!at(&p, XM_XS_T_SEPARATOR)) {
			break;
		}
		advance(&p);
	}
	finish(&p, file);
	free_tokens(&p, stack);
	xm_diags_sort(diags);
	return file;
}

static void skip_newlines(struct parser *p)
{
	while (at(p, XM_XS_T_NEWLINE)) {
		advance(p);
	}
}

struct xm_xs_node *xm_xs_parse_expr(struct xm_arena *arena, const char *src, size_t len,
		const struct xm_xs_parse_opts *opts, struct xm_diags *diags)
{
	struct parser p;
	parser_init(&p, arena, opts, diags);
	p.lone_expr = true;
	if (!acceptable(src, len, opts, diags)) {
		return xm_xs_node_new(arena, XM_XS_ERROR, 1, 1);
	}
	struct xm_xs_token stack[STACK_TOKENS];
	lex_all(&p, src, len, stack);
	skip_newlines(&p);
	struct xm_xs_node *x = parse_expr(&p);
	skip_newlines(&p);
	struct xm_xs_token *t = peek(&p);
	if (t->kind != XM_XS_T_EOF) {
		err(&p, t, "syntax", "write one expression",
			"expected the end of the expression, found %s", xm_xs_tok_name(t->kind));
	}
	free_tokens(&p, stack);
	xm_diags_sort(diags);
	return x;
}
