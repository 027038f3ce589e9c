/*
 * The XanoScript lexer. xm_xs_lex_many() lexes the frequent tokens itself
 * (see lead[]) and hands the rest to lex_slow(), whose lex_token()
 * dispatches on the first byte to one function per token family. See
 * lex.h for the lexical decisions.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "xano-mcp/core/scan.h"
#include "xano-mcp/xs/lex.h"

static const char *const tok_names[XM_XS_T_COUNT] = {
	[XM_XS_T_EOF] = "end of file", [XM_XS_T_NEWLINE] = "end of line",
	[XM_XS_T_SEPARATOR] = "`---`", [XM_XS_T_COMMENT] = "comment",
	[XM_XS_T_IDENT] = "name", [XM_XS_T_VAR] = "variable",
	[XM_XS_T_STRING] = "string", [XM_XS_T_NUMBER] = "number",
	[XM_XS_T_TIMESTAMP] = "timestamp", [XM_XS_T_EXPR] = "backtick expression",
	[XM_XS_T_CAST] = "cast", [XM_XS_T_REGEX] = "regular expression",
	[XM_XS_T_RAW] = "filter argument", [XM_XS_T_FILTERS_KW] = "`filters=`",
	[XM_XS_T_LBRACE] = "`{`", [XM_XS_T_RBRACE] = "`}`",
	[XM_XS_T_LBRACKET] = "`[`", [XM_XS_T_RBRACKET] = "`]`",
	[XM_XS_T_LPAREN] = "`(`", [XM_XS_T_RPAREN] = "`)`",
	[XM_XS_T_COMMA] = "`,`", [XM_XS_T_COLON] = "`:`", [XM_XS_T_DOT] = "`.`",
	[XM_XS_T_PIPE] = "`|`", [XM_XS_T_QUESTION] = "`?`", [XM_XS_T_ASSIGN] = "`=`",
	[XM_XS_T_BANG] = "`!`", [XM_XS_T_OP] = "operator", [XM_XS_T_ERROR] = "invalid text",
};

const char *xm_xs_tok_name(enum xm_xs_tok kind)
{
	return (unsigned)kind < XM_XS_T_COUNT ? tok_names[kind] : "?";
}

/* Types a cast may name (`!int "42"`). */
static const char *const cast_types[] = {
	"int", "bool", "decimal", "text", "array", "object", "timestamp", "expr", "json",
};

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(int c)
{
	return is_ident_start(c) || is_digit(c);
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

void xm_xs_lexer_init(struct xm_xs_lexer *lx, const char *src, size_t len,
		struct xm_diags *diags)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->line_start_flag = XM_XS_TF_LINE_START;
	lx->diags = diags;
}

static int at(const struct xm_xs_lexer *lx, size_t off)
{
	size_t i = lx->pos + off;
	return i < lx->len ? (unsigned char)lx->src[i] : -1;
}

static bool looking_at(const struct xm_xs_lexer *lx, const char *s)
{
	size_t n = strlen(s);
	return lx->len - lx->pos >= n && memcmp(lx->src + lx->pos, s, n) == 0;
}

/* Moves over n bytes of one line (callers scan multi-line text with
 * scan_raw() or scan_backtick(), which count lines, and a line break is its
 * own token). */
static void advance(struct xm_xs_lexer *lx, size_t n)
{
	lx->pos = lx->pos + n < lx->len ? lx->pos + n : lx->len;
}

void xm_xs_tok_end_lines(const struct xm_xs_token *tok, unsigned *line, unsigned *col)
{
	const char *s = tok->text, *end = s + tok->len, *nl;
	unsigned lines = 0;
	while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
		lines++;
		s = nl + 1;
	}
	*line = tok->line + lines;
	*col = lines ? (unsigned)(end - s) + 1 : tok->col + tok->len;
}

static void error(struct xm_xs_lexer *lx, const struct xm_xs_token *tok,
		const char *code, const char *suggestion, const char *msg)
{
	if (lx->diags) {
		unsigned end_line, end_col;
		xm_xs_tok_end(tok, &end_line, &end_col);
		unsigned end = end_line == tok->line ? end_col : tok->col + 1;
		xm_diags_add(lx->diags, XM_SEV_ERROR, tok->line, tok->col, end, code,
			suggestion, "%s", msg);
	}
}

/* Counts the line breaks of src[from, to) into lx->line and line_start. */
static void count_lines(struct xm_xs_lexer *lx, size_t from, size_t to)
{
	const char *s = lx->src, *nl;
	while ((nl = memchr(s + from, '\n', to - from))) {
		lx->line++;
		from = (size_t)(nl - s) + 1;
		lx->line_start = from;
	}
}

/*
 * Text without escapes that may span lines (triple quotes and backticks):
 * these hold the long prompts and templates, so memchr() finds the
 * candidates for the closing delimiter and the line breaks.
 */
static bool scan_raw(struct xm_xs_lexer *lx, const char *delim)
{
	size_t dlen = strlen(delim), i = lx->pos, len = lx->len;
	const char *s = lx->src;
	for (;;) {
		const char *q = memchr(s + i, delim[0], len - i);
		size_t end = q ? (size_t)(q - s) : len;
		count_lines(lx, i, end);
		if (!q) {
			lx->pos = len;
			return false;
		}
		if (len - end >= dlen && memcmp(q, delim, dlen) == 0) {
			lx->pos = end + dlen;
			return true;
		}
		i = end + 1;
	}
}

/*
 * The rest of a one-line literal (`"…"`, `'…'`, a /regex/) up to its closing
 * byte q; false when the line or the input ends first. A backslash escapes
 * the byte after it unless that is a line break. The quoted names and short
 * texts of formatted XanoScript are most of its strings, so this case has
 * its own loop: one byte delimiter, no line counting.
 */
static bool scan_line(struct xm_xs_lexer *lx, char q)
{
	const char *s = lx->src;
	size_t i = lx->pos, len = lx->len;
	while (i < len) {
		char c = s[i];
		if (c == q) {
			lx->pos = i + 1;
			return true;
		}
		if (c == '\n') {
			break;
		}
		if (c == '\\' && i + 1 < len && s[i + 1] != '\n') {
			i++;
		}
		i++;
	}
	lx->pos = i;
	return false;
}

/* The rest of a `…` expression, which may span lines and holds backslash
 * escapes, up to its closing backtick; false when the input ends first. */
static bool scan_backtick(struct xm_xs_lexer *lx)
{
	size_t i = lx->pos, len = lx->len;
	const char *s = lx->src;
	bool found = false;
	while (i < len) {
		char c = s[i];
		if (c == '\n') {
			lx->line++;
			lx->line_start = i + 1;
		} else if (c == '\\' && i + 1 < len && s[i + 1] != '\n') {
			i++;
		} else if (c == '`') {
			i++;
			found = true;
			break;
		}
		i++;
	}
	lx->pos = i;
	return found;
}

static void lex_string(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	char q = lx->src[lx->pos];
	char triple[4] = {q, q, q, '\0'};
	tok->kind = XM_XS_T_STRING;
	bool ok;
	if (at(lx, 1) == q && at(lx, 2) == q) {
		advance(lx, 3);
		ok = scan_raw(lx, triple);
	} else {
		advance(lx, 1);
		ok = scan_line(lx, q);
	}
	if (!ok) {
		tok->flags |= XM_XS_TF_UNTERMINATED;
	}
}

static void lex_backtick(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	tok->kind = XM_XS_T_EXPR;
	bool ok;
	if (looking_at(lx, "```")) {
		advance(lx, 3);
		ok = scan_raw(lx, "```");
	} else {
		advance(lx, 1);
		ok = scan_backtick(lx);
	}
	if (!ok) {
		tok->flags |= XM_XS_TF_UNTERMINATED;
	}
}

static size_t digits_at(const struct xm_xs_lexer *lx, size_t off)
{
	size_t n = 0;
	while (is_digit(at(lx, off + n))) {
		n++;
	}
	return n;
}

/* `2026-01-01 03:00:00` plus an optional `+0000`/`-0500`/`Z`; 0 if not one. */
static size_t timestamp_len(const struct xm_xs_lexer *lx)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t n = sizeof(shape) - 1;
	for (size_t i = 0; i < n; i++) {
		int c = at(lx, i);
		if (shape[i] == 'd' ? !is_digit(c) : c != shape[i]) {
			return 0;
		}
	}
	if ((at(lx, n) == '+' || at(lx, n) == '-') && digits_at(lx, n + 1) == 4) {
		n += 5;
	} else if (at(lx, n) == 'Z') {
		n++;
	}
	return n;
}

static void lex_number(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	size_t ts = timestamp_len(lx);
	if (ts) {
		tok->kind = XM_XS_T_TIMESTAMP;
		advance(lx, ts);
		return;
	}
	tok->kind = XM_XS_T_NUMBER;
	size_t n = at(lx, 0) == '-' ? 1 : 0;
	n += digits_at(lx, n);
	if (at(lx, n) == '.' && is_digit(at(lx, n + 1))) {
		n += 1 + digits_at(lx, n + 1);
	}
	if ((at(lx, n) == 'e' || at(lx, n) == 'E')) {
		size_t sign = at(lx, n + 1) == '+' || at(lx, n + 1) == '-';
		size_t exp = digits_at(lx, n + 1 + sign);
		if (exp) {
			n += 1 + sign + exp;
		}
	}
	advance(lx, n);
}

/* ASCII letters, digits and `_`: the bytes of names (0x80 and up: none). */
static const unsigned char name_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0x30 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, /* 0x50 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x70 */
};

/* Offset from lx->pos past the run of name bytes that starts at off: names
 * are most of the tokens, so this loop uses a table and no bounds helper. */
static size_t name_end(const struct xm_xs_lexer *lx, size_t off)
{
	const unsigned char *s = (const unsigned char *)lx->src;
	size_t i = lx->pos + off;
	while (i < lx->len && name_byte[s[i]]) {
		i++;
	}
	return i - lx->pos;
}

static void lex_ident(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	size_t n = name_end(lx, 1);
	tok->kind = XM_XS_T_IDENT;
	if (n == 7 && at(lx, n) == '=' && at(lx, n + 1) != '=' &&
			memcmp(lx->src + lx->pos, "filters", 7) == 0) {
		tok->kind = XM_XS_T_FILTERS_KW;
		lx->in_filters = true;
		n++;
	}
	advance(lx, n);
}

static void lex_var(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	tok->kind = XM_XS_T_VAR;
	if (at(lx, 1) == '$') {
		advance(lx, 2);
		return;
	}
	if (!is_ident_start(at(lx, 1))) {
		tok->kind = XM_XS_T_ERROR;
		advance(lx, 1);
		return;
	}
	advance(lx, name_end(lx, 2));
}

/* `!int` when a cast type follows the bang directly and a string follows
 * (so `!text.append $s` stays a disabled statement). */
static bool lex_cast(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	size_t n = 1;
	while (is_ident_char(at(lx, n))) {
		n++;
	}
	size_t q = n;
	while (at(lx, q) == ' ' || at(lx, q) == '\t') {
		q++;
	}
	if (at(lx, q) != '"' && at(lx, q) != '\'' && at(lx, q) != '`') {
		return false;
	}
	for (size_t i = 0; i < sizeof(cast_types) / sizeof(cast_types[0]); i++) {
		if (strlen(cast_types[i]) == n - 1 &&
				memcmp(lx->src + lx->pos + 1, cast_types[i], n - 1) == 0) {
			tok->kind = XM_XS_T_CAST;
			advance(lx, n);
			return true;
		}
	}
	return false;
}

static bool emit(struct xm_xs_lexer *lx, struct xm_xs_token *tok, enum xm_xs_tok kind,
		enum xm_xs_op op, size_t len)
{
	tok->kind = kind;
	tok->op = op;
	advance(lx, len);
	return true;
}

static bool op(struct xm_xs_lexer *lx, struct xm_xs_token *tok, enum xm_xs_op o, size_t len)
{
	return emit(lx, tok, XM_XS_T_OP, o, len);
}

/* `<`, `<=`, `<?`, `<=?` and the same for `>`. */
static bool lex_compare(struct xm_xs_lexer *lx, struct xm_xs_token *tok, bool less)
{
	if (at(lx, 1) == '=') {
		if (at(lx, 2) == '?') {
			return op(lx, tok, less ? XM_XS_OP_LE_Q : XM_XS_OP_GE_Q, 3);
		}
		return op(lx, tok, less ? XM_XS_OP_LE : XM_XS_OP_GE, 2);
	}
	if (at(lx, 1) == '?') {
		return op(lx, tok, less ? XM_XS_OP_LT_Q : XM_XS_OP_GT_Q, 2);
	}
	return op(lx, tok, less ? XM_XS_OP_LT : XM_XS_OP_GT, 1);
}

/* `=`, `==`, `===`, `==?` and `!`, `!=`, `!==`, `!=?`, `!~`. */
static bool lex_equal(struct xm_xs_lexer *lx, struct xm_xs_token *tok, bool bang)
{
	if (at(lx, 1) == '=') {
		if (at(lx, 2) == '=') {
			return op(lx, tok, bang ? XM_XS_OP_SNE : XM_XS_OP_SEQ, 3);
		}
		if (at(lx, 2) == '?') {
			return op(lx, tok, bang ? XM_XS_OP_NE_Q : XM_XS_OP_EQ_Q, 3);
		}
		return op(lx, tok, bang ? XM_XS_OP_NE : XM_XS_OP_EQ, 2);
	}
	if (bang && at(lx, 1) == '~') {
		return op(lx, tok, XM_XS_OP_NOT_MATCH, 2);
	}
	return emit(lx, tok, bang ? XM_XS_T_BANG : XM_XS_T_ASSIGN, XM_XS_OP_NONE, 1);
}

static bool lex_punct(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	int c = at(lx, 0), next = at(lx, 1);
	switch (c) {
	case '=': case '!':
		return lex_equal(lx, tok, c == '!');
	case '<': case '>':
		return lex_compare(lx, tok, c == '<');
	case '&':
		return next == '&' && op(lx, tok, XM_XS_OP_AND, 2);
	case '@':
		return next == '>' && op(lx, tok, XM_XS_OP_CONTAINS_JSON, 2);
	case '|':
		return next == '|' ? op(lx, tok, XM_XS_OP_OR, 2) :
			emit(lx, tok, XM_XS_T_PIPE, XM_XS_OP_NONE, 1);
	case '?':
		return next == '?' ? op(lx, tok, XM_XS_OP_COALESCE, 2) :
			emit(lx, tok, XM_XS_T_QUESTION, XM_XS_OP_NONE, 1);
	case '+': return op(lx, tok, XM_XS_OP_ADD, 1);
	case '-': return op(lx, tok, XM_XS_OP_SUB, 1);
	case '*': return op(lx, tok, XM_XS_OP_MUL, 1);
	case '/': return op(lx, tok, XM_XS_OP_DIV, 1);
	case '%': return op(lx, tok, XM_XS_OP_MOD, 1);
	case '~': return op(lx, tok, XM_XS_OP_CONCAT, 1);
	case '{': return emit(lx, tok, XM_XS_T_LBRACE, XM_XS_OP_NONE, 1);
	case '}': return emit(lx, tok, XM_XS_T_RBRACE, XM_XS_OP_NONE, 1);
	case '[': return emit(lx, tok, XM_XS_T_LBRACKET, XM_XS_OP_NONE, 1);
	case ']': return emit(lx, tok, XM_XS_T_RBRACKET, XM_XS_OP_NONE, 1);
	case '(': return emit(lx, tok, XM_XS_T_LPAREN, XM_XS_OP_NONE, 1);
	case ')': return emit(lx, tok, XM_XS_T_RPAREN, XM_XS_OP_NONE, 1);
	case ',': return emit(lx, tok, XM_XS_T_COMMA, XM_XS_OP_NONE, 1);
	case ':': return emit(lx, tok, XM_XS_T_COLON, XM_XS_OP_NONE, 1);
	case '.': return emit(lx, tok, XM_XS_T_DOT, XM_XS_OP_NONE, 1);
	default:
		return false;
	}
}

/* Inside `filters=`: names, `|`, `:`, quoted strings, /regex/, raw runs. */
static void lex_filter_part(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	int c = at(lx, 0);
	if (c == '|' || c == ':') {
		tok->kind = c == '|' ? XM_XS_T_PIPE : XM_XS_T_COLON;
		advance(lx, 1);
		return;
	}
	if (c == '"' || c == '\'') {
		lex_string(lx, tok);
		return;
	}
	if (c == '/') {
		tok->kind = XM_XS_T_REGEX;
		advance(lx, 1);
		if (!scan_line(lx, '/')) {
			tok->flags |= XM_XS_TF_UNTERMINATED;
		}
		return;
	}
	size_t n = 0;
	bool ident = is_ident_start(c), number = true;
	for (;;) {
		int d = at(lx, n);
		if (d < 0 || d == '\n' || is_space(d) || d == '|' || d == ':' || d == '{') {
			break;
		}
		ident = ident && is_ident_char(d);
		number = number && (is_digit(d) || d == '.' || (n == 0 && d == '-'));
		n++;
	}
	tok->kind = ident ? XM_XS_T_IDENT : number && n ? XM_XS_T_NUMBER : XM_XS_T_RAW;
	advance(lx, n ? n : 1);
}

/* `---` alone on its line (trailing spaces allowed). */
static bool at_separator(const struct xm_xs_lexer *lx)
{
	if (!looking_at(lx, "---") || !lx->line_start_flag) {
		return false;
	}
	for (size_t i = 3;; i++) {
		int c = at(lx, i);
		if (c < 0 || c == '\n') {
			return true;
		}
		if (!is_space(c)) {
			return false;
		}
	}
}

static void lex_comment(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	tok->kind = XM_XS_T_COMMENT;
	const char *nl = memchr(lx->src + lx->pos, '\n', lx->len - lx->pos);
	size_t n = nl ? (size_t)(nl - (lx->src + lx->pos)) : lx->len - lx->pos;
	while (n > 2 && lx->src[lx->pos + n - 1] == '\r') {
		n--;
	}
	advance(lx, n);
}

/* Every token that xm_xs_lex_many() leaves to lex_slow(): the rare kinds
 * and the malformed ones, by a switch on the first byte. */
__attribute__((noinline))
static void lex_token(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	int c = at(lx, 0);
	if (lx->in_filters) {
		lex_filter_part(lx, tok);
		return;
	}
	switch (c) {
	case '\n':
		tok->kind = XM_XS_T_NEWLINE;
		advance(lx, 1);
		lx->line++;
		lx->line_start = lx->pos;
		return;
	case '"': case '\'':
		lex_string(lx, tok);
		return;
	case '`':
		lex_backtick(lx, tok);
		return;
	case '$':
		lex_var(lx, tok);
		return;
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		lex_number(lx, tok);
		return;
	case '/':
		if (at(lx, 1) == '/') {
			lex_comment(lx, tok);
			return;
		}
		break;
	case '-':
		/* `-1` is a number (lex.h); `---` alone on a line separates documents. */
		if (is_digit(at(lx, 1))) {
			lex_number(lx, tok);
			return;
		}
		if (at_separator(lx)) {
			tok->kind = XM_XS_T_SEPARATOR;
			advance(lx, 3);
			return;
		}
		break;
	case '!':
		if (is_ident_start(at(lx, 1)) && lex_cast(lx, tok)) {
			return;
		}
		break;
	default:
		if (is_ident_start(c)) {
			lex_ident(lx, tok);
			return;
		}
	}
	if (!lex_punct(lx, tok)) {
		tok->kind = XM_XS_T_ERROR;
		/* Skip a whole UTF-8 sequence so the column of what follows is sane. */
		size_t n = 1;
		while (n < 4 && (at(lx, n) & 0xc0) == 0x80) {
			n++;
		}
		advance(lx, n);
	}
}

__attribute__((cold, noinline))
static void report(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	if (tok->kind == XM_XS_T_ERROR) {
		unsigned char c = (unsigned char)tok->text[0];
		if (tok->text[0] == '$') {
			error(lx, tok, "syntax", "write a name after `$`, as in `$total`",
				"`$` must be followed by a variable name");
		} else if (c >= 0x20 && c < 0x7f) {
			char msg[64];
			snprintf(msg, sizeof(msg), "unexpected character `%c`", c);
			error(lx, tok, "syntax", NULL, msg);
		} else {
			error(lx, tok, "syntax", NULL,
				"unexpected byte outside a string (control or non-ASCII character)");
		}
	} else if (tok->flags & XM_XS_TF_UNTERMINATED) {
		const char *what = tok->kind == XM_XS_T_EXPR ? "backtick expression" :
			tok->kind == XM_XS_T_REGEX ? "regular expression" : "string";
		char msg[64];
		snprintf(msg, sizeof(msg), "unterminated %s", what);
		error(lx, tok, "unterminated", "close it on the same line, or use \"\"\" for "
			"text over several lines", msg);
	}
}

/*
 * What the first byte of a token says outside a filter list, so that one
 * load and one compare send the tokens of formatted XanoScript to their
 * path: a kind below LEAD_NAME is a one-byte token of that kind (a line
 * break included), then names, runs of spaces, quotes and `$`; 0 is
 * everything else, for lex_token(). `=` is here for `==` and the rest to be
 * told apart by the byte after it (see xm_xs_lex_many()).
 */
enum { LEAD_NAME = 32, LEAD_SPACE, LEAD_QUOTE, LEAD_VAR };

#define LEAD_LETTERS(first) \
	[first + 0] = LEAD_NAME, [first + 1] = LEAD_NAME, [first + 2] = LEAD_NAME, \
	[first + 3] = LEAD_NAME, [first + 4] = LEAD_NAME, [first + 5] = LEAD_NAME, \
	[first + 6] = LEAD_NAME, [first + 7] = LEAD_NAME, [first + 8] = LEAD_NAME, \
	[first + 9] = LEAD_NAME, [first + 10] = LEAD_NAME, [first + 11] = LEAD_NAME, \
	[first + 12] = LEAD_NAME, [first + 13] = LEAD_NAME, [first + 14] = LEAD_NAME, \
	[first + 15] = LEAD_NAME, [first + 16] = LEAD_NAME, [first + 17] = LEAD_NAME, \
	[first + 18] = LEAD_NAME, [first + 19] = LEAD_NAME, [first + 20] = LEAD_NAME, \
	[first + 21] = LEAD_NAME, [first + 22] = LEAD_NAME, [first + 23] = LEAD_NAME, \
	[first + 24] = LEAD_NAME, [first + 25] = LEAD_NAME

static const unsigned char lead[256] = {
	['\n'] = XM_XS_T_NEWLINE,
	['{'] = XM_XS_T_LBRACE, ['}'] = XM_XS_T_RBRACE,
	['['] = XM_XS_T_LBRACKET, [']'] = XM_XS_T_RBRACKET,
	['('] = XM_XS_T_LPAREN, [')'] = XM_XS_T_RPAREN,
	[','] = XM_XS_T_COMMA, [':'] = XM_XS_T_COLON, ['.'] = XM_XS_T_DOT,
	['='] = XM_XS_T_ASSIGN,
	LEAD_LETTERS('a'), LEAD_LETTERS('A'), ['_'] = LEAD_NAME,
	[' '] = LEAD_SPACE, ['\t'] = LEAD_SPACE, ['\r'] = LEAD_SPACE,
	['\f'] = LEAD_SPACE, ['\v'] = LEAD_SPACE,
	['"'] = LEAD_QUOTE, ['\''] = LEAD_QUOTE, ['$'] = LEAD_VAR,
};

/* Where the token at pos starts; its kind, length and flags are the
 * caller's. */
static inline void start_token(const struct xm_xs_lexer *lx, struct xm_xs_token *tok,
		size_t pos)
{
	tok->text = lx->src + pos;
	tok->line = lx->line;
	tok->col = (unsigned)(pos - lx->line_start) + 1;
	tok->op = XM_XS_OP_NONE;
}

/*
 * Every token that xm_xs_lex_many() does not finish: the rare kinds, the
 * end of the text, filter lists, and the malformed ones (unterminated
 * strings, `$` without a name), which it hands over from their first
 * byte. pos is the token's first byte, flags its flags so far.
 */
__attribute__((noinline))
static enum xm_xs_tok lex_slow(struct xm_xs_lexer *lx, struct xm_xs_token *tok, size_t pos,
		unsigned flags)
{
	lx->pos = pos;
	start_token(lx, tok, pos);
	tok->kind = XM_XS_T_EOF;
	tok->flags = (unsigned char)flags;
	if (pos < lx->len) {
		unsigned char c = (unsigned char)lx->src[pos];
		/* A line break ends a filter list, and so does the `{` of
		 * `filters=trim{` (the metadata block). */
		if (c == '\n' || c == '{') {
			lx->in_filters = false;
		}
		lex_token(lx, tok);
	}
	tok->len = (unsigned)(lx->src + lx->pos - tok->text);
	if (lx->line != tok->line) {
		tok->flags |= XM_XS_TF_MULTILINE;
	}
	if (tok->kind == XM_XS_T_NEWLINE) {
		lx->line_start_flag = XM_XS_TF_LINE_START;
	} else if (tok->kind != XM_XS_T_COMMENT && tok->kind != XM_XS_T_EOF) {
		lx->line_start_flag = 0;
	}
	if (tok->kind == XM_XS_T_ERROR || (tok->flags & XM_XS_TF_UNTERMINATED)) {
		report(lx, tok);
	}
	return tok->kind;
}

/*
 * The end of the string that starts at pos (its opening quote) when it is
 * on one line, the common case; 0 for a long string and an unterminated
 * one, which lex_slow() lexes and reports.
 */
static inline size_t quoted_end(const unsigned char *s, size_t pos, size_t len)
{
	unsigned char q = s[pos];
	if (pos + 2 < len && s[pos + 1] == q && s[pos + 2] == q) {
		return 0;
	}
	size_t end = pos + 1;
	for (;;) {
		end = xm_scan_any4((const char *)s, end, len, (char)q, '\n', '\\', '\n');
		if (end == len || s[end] == '\n') {
			return 0;
		}
		if (s[end] == q) {
			return end + 1;
		}
		/* A backslash: it escapes the next byte unless that is a
		 * line break. */
		end += end + 1 < len && s[end + 1] != '\n' ? 2 : 1;
	}
}

/*
 * The end of the run of ' ' from pos. Indentation is most of the spaces of
 * formatted XanoScript, two per level: eight bytes at a time, a run shorter
 * than eight takes one load and no loop, so its length (which no predictor
 * learns) costs no mispredicted exit. Other targets go byte by byte.
 */
static inline size_t spaces_end(const unsigned char *s, size_t pos, size_t len)
{
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (len - pos >= 8) {
		uint64_t w;
		memcpy(&w, s + pos, 8);
		w ^= 0x2020202020202020u;
		if (w) {
			/* The lowest byte that is not 0 is the first that
			 * is not a space. */
			return pos + ((unsigned)__builtin_ctzll(w) >> 3);
		}
		pos += 8;
	}
#endif
	while (pos < len && s[pos] == ' ') {
		pos++;
	}
	return pos;
}

/*
 * The fast path: names, one-byte tokens and line breaks (three quarters of
 * the tokens of formatted XanoScript), one-line strings and variables, each
 * with the bookkeeping it needs and no more. The position, the line and
 * where it starts stay in registers from token to token (the parser lexes
 * a whole text at once); everything else goes to lex_slow() from the
 * token's first byte, with the lexer brought up to date around the call.
 */
size_t xm_xs_lex_many(struct xm_xs_lexer *lx, struct xm_xs_token *toks, size_t cap)
{
	const unsigned char *s = (const unsigned char *)lx->src;
	size_t len = lx->len, pos = lx->pos, line_start = lx->line_start, n = 0, end;
	unsigned line = lx->line, line_flag = lx->line_start_flag;
	while (n < cap) {
		struct xm_xs_token *tok = &toks[n++];
		unsigned flags = line_flag;
		unsigned cls = pos < len ? lead[s[pos]] : 0, kind;
		/* Indentation makes spaces the most frequent byte. */
		if (cls == LEAD_SPACE) {
			flags |= XM_XS_TF_SPACE_BEFORE;
			lx->in_filters = false;
			do {
				pos++;
				/* One space between tokens, or a run of them */
				if (pos < len && s[pos] == ' ') {
					pos = spaces_end(s, pos + 1, len);
				}
				cls = pos < len ? lead[s[pos]] : 0;
			} while (cls == LEAD_SPACE);
		}
		if (lx->in_filters) {
			/* Only a line break or `{` ends the list (lex_slow()
			 * says why). */
			if (cls != XM_XS_T_NEWLINE && cls != XM_XS_T_LBRACE) {
				goto slow;
			}
			lx->in_filters = false;
		}
		if (cls == LEAD_NAME) {
			end = xm_scan_word_end((const char *)s, pos + 1, len);
			/* `filters=` (lex_ident()); a name right before `=`
			 * is rare. */
			if (end < len && s[end] == '=') {
				goto slow;
			}
			kind = XM_XS_T_IDENT;
		} else if (cls - 1 < LEAD_NAME - 1) {
			/* `==`, `===` and `==?` start with `=`, and no other
			 * one-byte token is followed by `=` in formatted
			 * text. */
			if (pos + 1 < len && s[pos + 1] == '=') {
				goto slow;
			}
			/* A line break without a branch: this one is taken
			 * at random. */
			unsigned nl = cls == XM_XS_T_NEWLINE;
			tok->text = (const char *)s + pos;
			tok->len = 1;
			tok->line = line;
			tok->col = (unsigned)(pos - line_start) + 1;
			tok->kind = (unsigned char)cls;
			tok->op = XM_XS_OP_NONE;
			tok->flags = (unsigned char)(flags | nl * XM_XS_TF_MULTILINE);
			pos++;
			line += nl;
			line_start = nl ? pos : line_start;
			line_flag = nl * XM_XS_TF_LINE_START;
			continue;
		} else if (cls == LEAD_QUOTE) {
			end = quoted_end(s, pos, len);
			if (!end) {
				goto slow;
			}
			kind = XM_XS_T_STRING;
		} else if (cls == LEAD_VAR && pos + 1 < len && lead[s[pos + 1]] == LEAD_NAME) {
			end = xm_scan_word_end((const char *)s, pos + 2, len);
			kind = XM_XS_T_VAR;
		} else {
			goto slow;
		}
		tok->text = (const char *)s + pos;
		tok->len = (unsigned)(end - pos);
		tok->line = line;
		tok->col = (unsigned)(pos - line_start) + 1;
		tok->kind = (unsigned char)kind;
		tok->op = XM_XS_OP_NONE;
		tok->flags = (unsigned char)flags;
		pos = end;
		line_flag = 0;
		continue;
slow:
		lx->pos = pos;
		lx->line = line;
		lx->line_start = line_start;
		lx->line_start_flag = (unsigned char)line_flag;
		kind = lex_slow(lx, tok, pos, flags);
		pos = lx->pos;
		line = lx->line;
		line_start = lx->line_start;
		line_flag = lx->line_start_flag;
		if (kind == XM_XS_T_EOF) {
			break;
		}
	}
	lx->pos = pos;
	lx->line = line;
	lx->line_start = line_start;
	lx->line_start_flag = (unsigned char)line_flag;
	return n;
}

enum xm_xs_tok xm_xs_lex_next(struct xm_xs_lexer *lx, struct xm_xs_token *tok)
{
	xm_xs_lex_many(lx, tok, 1);
	return tok->kind;
}
