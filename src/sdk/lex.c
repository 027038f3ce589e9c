#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/scan.h"
#include "xano-mcp/sdk/lex.h"

void xm_sdk_lexer_init(struct xm_sdk_lexer *lx, const char *src, size_t len,
		struct xm_diags *diags)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->diags = diags;
}

static unsigned col_of(const struct xm_sdk_lexer *lx, size_t pos)
{
	return (unsigned)(pos - lx->line_start) + 1;
}

static void newline(struct xm_sdk_lexer *lx, size_t next_pos)
{
	lx->line++;
	lx->line_start = next_pos;
}

/*
 * Byte classes for the loops that run once per byte of SDK source (0x80
 * and up: none of them): the bytes that start a name, that continue one,
 * where a template literal needs a closer look, the spaces, and
 * punctuation, split into the bytes that are a token on their own and
 * those that may start a longer operator (see punct_len()).
 */
enum {
	C_NAME_START = 1,
	C_NAME = 2,
	C_STOP_TEMPLATE = 8, /* backslash, line break, backtick, $ { } */
	C_SPACE = 16,        /* space, \t \v \f \r (a line break is not) */
	C_PUNCT = 32,        /* one byte, one token */
	C_PUNCT_LONG = 64,   /* = ! . < > & | ? may start a longer operator */
};

#define NS (C_NAME_START | C_NAME)
#define P C_PUNCT
#define PL C_PUNCT_LONG

static const unsigned char byte_class[256] = {
	['\t'] = C_SPACE, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE, [' '] = C_SPACE,
	['\n'] = C_STOP_TEMPLATE, ['`'] = C_STOP_TEMPLATE,
	['\\'] = C_STOP_TEMPLATE | P,
	['$'] = NS | C_STOP_TEMPLATE, ['_'] = NS,
	['{'] = C_STOP_TEMPLATE | P, ['}'] = C_STOP_TEMPLATE | P,
	['#'] = P, ['%'] = P, ['('] = P, [')'] = P, ['*'] = P, ['+'] = P, [','] = P,
	['-'] = P, ['/'] = P, [':'] = P, [';'] = P, ['@'] = P, ['['] = P, [']'] = P,
	['^'] = P, ['~'] = P,
	['='] = PL, ['!'] = PL, ['.'] = PL, ['<'] = PL, ['>'] = PL, ['&'] = PL, ['|'] = PL,
	['?'] = PL,
	['0'] = C_NAME, ['1'] = C_NAME, ['2'] = C_NAME, ['3'] = C_NAME, ['4'] = C_NAME,
	['5'] = C_NAME, ['6'] = C_NAME, ['7'] = C_NAME, ['8'] = C_NAME, ['9'] = C_NAME,
	['A'] = NS, ['B'] = NS, ['C'] = NS, ['D'] = NS, ['E'] = NS, ['F'] = NS, ['G'] = NS,
	['H'] = NS, ['I'] = NS, ['J'] = NS, ['K'] = NS, ['L'] = NS, ['M'] = NS, ['N'] = NS,
	['O'] = NS, ['P'] = NS, ['Q'] = NS, ['R'] = NS, ['S'] = NS, ['T'] = NS, ['U'] = NS,
	['V'] = NS, ['W'] = NS, ['X'] = NS, ['Y'] = NS, ['Z'] = NS,
	['a'] = NS, ['b'] = NS, ['c'] = NS, ['d'] = NS, ['e'] = NS, ['f'] = NS, ['g'] = NS,
	['h'] = NS, ['i'] = NS, ['j'] = NS, ['k'] = NS, ['l'] = NS, ['m'] = NS, ['n'] = NS,
	['o'] = NS, ['p'] = NS, ['q'] = NS, ['r'] = NS, ['s'] = NS, ['t'] = NS, ['u'] = NS,
	['v'] = NS, ['w'] = NS, ['x'] = NS, ['y'] = NS, ['z'] = NS,
};

#undef NS
#undef P
#undef PL

static bool is_name_char(unsigned char c)
{
	return byte_class[c] & C_NAME;
}

/*
 * Skips a line or block comment at lx->pos; returns whether it crossed a
 * line break. Out of line: comments are rare next to spaces, and the
 * token loop keeps its registers without them.
 */
__attribute__((noinline))
static bool skip_comment(struct xm_sdk_lexer *lx)
{
	bool nl = false;
	if (lx->src[lx->pos + 1] == '/') {
		const char *eol = memchr(lx->src + lx->pos, '\n', lx->len - lx->pos);
		lx->pos = eol ? (size_t)(eol - lx->src) : lx->len;
		return false;
	}
	unsigned line = lx->line, col = col_of(lx, lx->pos);
	lx->pos += 2;
	bool closed = false;
	while (lx->pos < lx->len) {
		if (lx->src[lx->pos] == '*' && lx->pos + 1 < lx->len &&
				lx->src[lx->pos + 1] == '/') {
			lx->pos += 2;
			closed = true;
			break;
		}
		if (lx->src[lx->pos] == '\n') {
			newline(lx, lx->pos + 1);
			nl = true;
		}
		lx->pos++;
	}
	if (!closed) {
		xm_diags_add(lx->diags, XM_SEV_ERROR, line, col, col + 2,
			"unterminated-comment", "close it with `*/`",
			"this comment is never closed");
	}
	return nl;
}

/*
 * Length of the punctuation token at s (avail bytes) whose first byte may
 * start one of the operators `===` `!==` `...` `=>` `==` `!=` `<=` `>=`
 * `&&` `||` `??`: the longest that matches, else one character.
 */
static size_t punct_len(const char *s, size_t avail)
{
	char c1 = avail > 1 ? s[1] : '\0', c2 = avail > 2 ? s[2] : '\0';
	switch (s[0]) {
	case '=':
		return c1 == '=' ? (c2 == '=' ? 3 : 2) : c1 == '>' ? 2 : 1;
	case '!':
		return c1 == '=' ? (c2 == '=' ? 3 : 2) : 1;
	case '.':
		return c1 == '.' && c2 == '.' ? 3 : 1;
	case '<':
	case '>':
		return c1 == '=' ? 2 : 1;
	default: /* & | ? */
		return c1 == s[0] ? 2 : 1;
	}
}

/* Scans a quoted string or template; returns false when unterminated. */
static bool scan_quoted(struct xm_sdk_lexer *lx, char quote)
{
	int depth = 0; /* ${ … } nesting inside a template */
	const unsigned char *src = (const unsigned char *)lx->src;
	lx->pos++;
	while (lx->pos < lx->len) {
		/* Plain text (most of a string) goes by in one scan. */
		size_t pos = lx->pos, len = lx->len;
		if (quote != '`') {
			pos = xm_scan_any4(lx->src, pos, len, '\\', '\n', '\'', '"');
		} else {
			while (pos < len && !(byte_class[src[pos]] & C_STOP_TEMPLATE)) {
				pos++;
			}
		}
		lx->pos = pos;
		if (pos == len) {
			break;
		}
		char c = lx->src[lx->pos];
		if (c == '\\' && lx->pos + 1 < lx->len) {
			if (lx->src[lx->pos + 1] == '\n') {
				newline(lx, lx->pos + 2);
			}
			lx->pos += 2;
			continue;
		}
		if (c == '\n') {
			if (quote != '`') {
				return false;
			}
			newline(lx, lx->pos + 1);
		}
		if (quote == '`') {
			if (c == '$' && lx->pos + 1 < lx->len && lx->src[lx->pos + 1] == '{') {
				depth++;
				lx->pos += 2;
				continue;
			}
			if (depth > 0 && c == '}') {
				depth--;
			} else if (depth > 0 && c == '{') {
				depth++;
			} else if (depth == 0 && c == '`') {
				lx->pos++;
				return true;
			}
		} else if (c == quote) {
			lx->pos++;
			return true;
		}
		lx->pos++;
	}
	return false;
}

/*
 * Strings, numbers and bytes that start no token: everything but names,
 * punctuation and the end. Out of line, so that the common tokens need no
 * saved registers; tok holds the position, lx->pos is at the first byte.
 */
__attribute__((noinline))
static enum xm_sdk_tok lex_other(struct xm_sdk_lexer *lx, struct xm_sdk_token *tok)
{
	size_t start = lx->pos;
	unsigned char c = (unsigned char)lx->src[start];
	if (c >= '0' && c <= '9') {
		/* Take the whole run so `1e5` or `0x1f` is one bad number,
		 * not a number followed by a name. */
		while (lx->pos < lx->len && (is_name_char((unsigned char)lx->src[lx->pos]) ||
				(lx->src[lx->pos] == '.' && lx->pos + 1 < lx->len &&
				 lx->src[lx->pos + 1] >= '0' && lx->src[lx->pos + 1] <= '9'))) {
			lx->pos++;
		}
		tok->kind = XM_SDK_TOK_NUMBER;
		bool dot = false, ok = true;
		for (size_t i = start; i < lx->pos; i++) {
			char d = lx->src[i];
			if (d == '.' && !dot) {
				dot = true;
			} else if (d < '0' || d > '9') {
				ok = false;
			}
		}
		if (!ok) {
			xm_diags_add(lx->diags, XM_SEV_ERROR, tok->line, tok->col,
				tok->col + (unsigned)(lx->pos - start), "bad-number",
				"write a plain decimal number such as 100000 or 0.5",
				"`%.*s` is not a number the SDK accepts",
				(int)(lx->pos - start), tok->text);
			tok->kind = XM_SDK_TOK_ERROR;
		}
	} else if (c == '"' || c == '\'' || c == '`') {
		unsigned line = lx->line, col = tok->col;
		if (!scan_quoted(lx, (char)c)) {
			xm_diags_add(lx->diags, XM_SEV_ERROR, line, col, col + 1,
					"unterminated-string",
					c == '`' ? "close it with a backtick"
						 : "close the string on the same line, or use a "
						   "template literal (`…`)",
					"this string is never closed");
			tok->kind = XM_SDK_TOK_ERROR;
		} else {
			tok->kind = c == '`' ? XM_SDK_TOK_TEMPLATE : XM_SDK_TOK_STRING;
		}
	} else {
		/* One UTF-8 sequence (or one stray byte) as an error token. */
		lx->pos++;
		while (c >= 0xc0 && lx->pos < lx->len &&
				((unsigned char)lx->src[lx->pos] & 0xc0) == 0x80) {
			lx->pos++;
		}
		bool smart = lx->pos - start == 3 && (unsigned char)lx->src[start] == 0xe2 &&
			(unsigned char)lx->src[start + 1] == 0x80 &&
			(unsigned char)lx->src[start + 2] >= 0x98 &&
			(unsigned char)lx->src[start + 2] <= 0x9d;
		xm_diags_add(lx->diags, XM_SEV_ERROR, tok->line, tok->col, tok->col + 1,
			"bad-character", smart ? "use the ASCII quotes ' or \"" : NULL,
			smart ? "typographic quote outside a string" :
			"unexpected character (byte 0x%02x)", c);
		tok->kind = XM_SDK_TOK_ERROR;
	}
	tok->len = (uint32_t)(lx->pos - start);
	return tok->kind;
}

/*
 * The token at pos, which is past any space (nl: whether a line break was
 * crossed to get there). Names and punctuation, most of the tokens, are
 * done here; the rest goes to lex_other() as a tail call.
 */
static inline enum xm_sdk_tok lex_token(struct xm_sdk_lexer *lx, struct xm_sdk_token *tok,
		size_t pos, bool nl)
{
	const unsigned char *src = (const unsigned char *)lx->src;
	size_t len = lx->len;
	tok->newline_before = nl;
	tok->offset = (uint32_t)pos;
	tok->text = lx->src + pos;
	tok->line = lx->line;
	tok->col = col_of(lx, pos);
	lx->pos = pos;
	if (pos >= len) {
		tok->len = 0;
		tok->kind = XM_SDK_TOK_EOF;
		return tok->kind;
	}
	size_t start = pos;
	unsigned char cls = byte_class[src[pos]];
	if (cls & C_NAME_START) {
		do {
			pos++;
		} while (pos < len && is_name_char(src[pos]));
		tok->kind = XM_SDK_TOK_NAME;
	} else if (cls & C_PUNCT) {
		pos++;
		tok->kind = XM_SDK_TOK_PUNCT;
	} else if (cls & C_PUNCT_LONG) {
		pos += punct_len(lx->src + pos, len - pos);
		tok->kind = XM_SDK_TOK_PUNCT;
	} else {
		return lex_other(lx, tok);
	}
	lx->pos = pos;
	tok->len = (uint32_t)(pos - start);
	return tok->kind;
}

/* Skips spaces and line breaks from pos (setting *nl when it crosses one);
 * returns where something else starts. */
static inline size_t skip_blank(struct xm_sdk_lexer *lx, size_t pos, bool *nl)
{
	const unsigned char *src = (const unsigned char *)lx->src;
	for (; pos < lx->len; pos++) {
		unsigned char c = src[pos];
		if (c == '\n') {
			newline(lx, pos + 1);
			*nl = true;
		} else if (!(byte_class[c] & C_SPACE)) {
			break;
		}
	}
	return pos;
}

static bool at_comment(const struct xm_sdk_lexer *lx, size_t pos)
{
	return pos + 1 < lx->len && lx->src[pos] == '/' &&
		(lx->src[pos + 1] == '/' || lx->src[pos + 1] == '*');
}

/* xm_sdk_lex_next() once a comment is in the way: skips comments and
 * spaces, then lexes the token. Out of line, so that the common path,
 * with no comment, keeps no registers for the calls. */
__attribute__((noinline))
static enum xm_sdk_tok lex_after_comment(struct xm_sdk_lexer *lx, struct xm_sdk_token *tok,
		size_t pos, bool nl)
{
	do {
		lx->pos = pos;
		nl |= skip_comment(lx);
		pos = skip_blank(lx, lx->pos, &nl);
	} while (at_comment(lx, pos));
	return lex_token(lx, tok, pos, nl);
}

enum xm_sdk_tok xm_sdk_lex_next(struct xm_sdk_lexer *lx, struct xm_sdk_token *tok)
{
	bool nl = false;
	size_t pos = skip_blank(lx, lx->pos, &nl);
	if (at_comment(lx, pos)) {
		return lex_after_comment(lx, tok, pos, nl);
	}
	return lex_token(lx, tok, pos, nl);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static void add_utf8(struct xm_buf *out, unsigned long cp)
{
	if (cp < 0x80) {
		xm_buf_addc(out, (char)cp);
	} else if (cp < 0x800) {
		xm_buf_addc(out, (char)(0xc0 | (cp >> 6)));
		xm_buf_addc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		xm_buf_addc(out, (char)(0xe0 | (cp >> 12)));
		xm_buf_addc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		xm_buf_addc(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		xm_buf_addc(out, (char)(0xf0 | (cp >> 18)));
		xm_buf_addc(out, (char)(0x80 | ((cp >> 12) & 0x3f)));
		xm_buf_addc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		xm_buf_addc(out, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Reads n hex digits at s; -1 when any is not a hex digit. */
static long read_hex(const char *s, size_t avail, size_t n)
{
	if (avail < n) {
		return -1;
	}
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		int h = hexval(s[i]);
		if (h < 0) {
			return -1;
		}
		v = v * 16 + h;
	}
	return v;
}

char *xm_sdk_template_decode(const char *text, size_t n, unsigned line, unsigned col,
		struct xm_arena *arena, struct xm_diags *diags, size_t *len)
{
	if (!memchr(text, '\\', n)) {
		/* No escapes: the common case, copied as is. */
		*len = n;
		return xm_arena_strndup(arena, text, n);
	}
	struct xm_buf out = XM_BUF_INIT;
	unsigned l = line, c = col;
	for (size_t i = 0; i < n; i++) {
		char ch = text[i];
		if (ch != '\\' || i + 1 >= n) {
			xm_buf_addc(&out, ch);
			if (ch == '\n') {
				l++;
				c = 1;
			} else {
				c++;
			}
			continue;
		}
		char e = text[++i];
		size_t consumed = 2;
		long v;
		switch (e) {
		case 'n': xm_buf_addc(&out, '\n'); break;
		case 't': xm_buf_addc(&out, '\t'); break;
		case 'r': xm_buf_addc(&out, '\r'); break;
		case 'b': xm_buf_addc(&out, '\b'); break;
		case 'f': xm_buf_addc(&out, '\f'); break;
		case 'v': xm_buf_addc(&out, '\v'); break;
		case '0': xm_buf_addc(&out, '\0'); break;
		case '\n':
			l++;
			c = 0;
			consumed = 1;
			break;
		case 'x':
			v = read_hex(text + i + 1, n - i - 1, 2);
			if (v >= 0) {
				add_utf8(&out, (unsigned long)v);
				i += 2;
				consumed += 2;
				break;
			}
			goto bad;
		case 'u':
			if (i + 1 < n && text[i + 1] == '{') {
				size_t j = i + 2;
				unsigned long cp = 0;
				while (j < n && hexval(text[j]) >= 0 && cp <= 0x10ffff) {
					cp = cp * 16 + (unsigned long)hexval(text[j]);
					j++;
				}
				if (j < n && text[j] == '}' && j > i + 2 && cp <= 0x10ffff) {
					add_utf8(&out, cp);
					consumed += j - i;
					i = j;
					break;
				}
				goto bad;
			}
			v = read_hex(text + i + 1, n - i - 1, 4);
			if (v >= 0) {
				add_utf8(&out, (unsigned long)v);
				i += 4;
				consumed += 4;
				break;
			}
			goto bad;
		default:
			if (e == '\\' || e == '\'' || e == '"' || e == '`' || e == '$' ||
					e == '/') {
				xm_buf_addc(&out, e);
				break;
			}
bad:
			xm_diags_add(diags, XM_SEV_ERROR, l, c, c + 2, "bad-escape",
				"write a backslash as \\\\",
				"unknown escape sequence `\\%c`", e);
			xm_buf_addc(&out, '\\');
			xm_buf_addc(&out, e);
			break;
		}
		c += (unsigned)consumed;
	}
	*len = out.len;
	char *s = xm_arena_strndup(arena, out.data ? out.data : "", out.len);
	xm_buf_finish(&out);
	return s;
}

char *xm_sdk_string_decode(const struct xm_sdk_token *tok, struct xm_arena *arena,
		struct xm_diags *diags, size_t *len)
{
	return xm_sdk_template_decode(tok->text + 1, tok->len - 2, tok->line, tok->col + 1,
		arena, diags, len);
}
