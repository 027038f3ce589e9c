#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/scan.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/sdk/autofix.h"

void xm_sdk_fixes_init(struct xm_sdk_fixes *fixes, bool enabled)
{
	memset(fixes, 0, sizeof(*fixes));
	fixes->enabled = enabled;
}

void xm_sdk_fixes_finish(struct xm_sdk_fixes *fixes)
{
	if (!fixes) {
		return;
	}
	for (size_t i = 0; i < fixes->len; i++) {
		free(fixes->items[i].message);
	}
	free(fixes->items);
	memset(fixes, 0, sizeof(*fixes));
}

__attribute__((format(printf, 4, 0)))
static void vadd(struct xm_sdk_fixes *fixes, unsigned line, unsigned col, const char *fmt,
		va_list ap)
{
	if (fixes->len == fixes->cap) {
		fixes->cap = fixes->cap ? fixes->cap * 2 : 8;
		fixes->items = xm_reallocarray(fixes->items, fixes->cap, sizeof(*fixes->items));
	}
	struct xm_buf msg = XM_BUF_INIT;
	xm_buf_vaddf(&msg, fmt, ap);
	fixes->items[fixes->len++] = (struct xm_sdk_fix){line, col, xm_buf_steal(&msg)};
}

void xm_sdk_fixes_sort(struct xm_sdk_fixes *fixes)
{
	/* Insertion sort: stable, and the list is short. */
	for (size_t i = 1; i < fixes->len; i++) {
		struct xm_sdk_fix tmp = fixes->items[i];
		size_t j = i;
		while (j > 0 && (fixes->items[j - 1].line > tmp.line ||
				(fixes->items[j - 1].line == tmp.line &&
				 fixes->items[j - 1].col > tmp.col))) {
			fixes->items[j] = fixes->items[j - 1];
			j--;
		}
		fixes->items[j] = tmp;
	}
}

void xm_sdk_fix_add(struct xm_sdk_fixes *fixes, unsigned line, unsigned col,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(fixes, line, col, fmt, ap);
	va_end(ap);
}

void xm_sdk_fix_or_error(struct xm_sdk_fixes *fixes, struct xm_diags *diags,
		unsigned line, unsigned col, unsigned end_col, const char *code,
		const char *suggestion, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (fixes->enabled) {
		vadd(fixes, line, col, fmt, ap);
		va_end(ap);
		return;
	}
	va_end(ap);
	fixes->refused++;
	/* With repairs off, the problem itself is the message; the repair
	 * becomes the suggestion. */
	static const struct {
		const char *code, *message;
	} problems[] = {
		{"js-type", "not a XanoScript type"},
		{"leading-slash", "names do not start with `/`"},
		{"lower-case-verb", "HTTP verbs are written in capitals"},
		{"missing-build", "the builder chain does not end with `.build()`"},
		{"missing-closer", "brackets left open at the end of the code"},
		{"missing-dollar", "XanoScript variables start with `$`"},
		{"missing-return", "the code does not return its builder"},
		{"python-literal", "Python literal in JavaScript code"},
		{"smart-quotes", "typographic quotes do not delimit strings"},
		{"trailing-comma", "a comma ends the code"},
		{"unbalanced-closer", "a closing bracket closes nothing"},
		{"unknown-method", "not an SDK method"},
	};
	const char *message = "this needs a repair";
	for (size_t i = 0; i < sizeof(problems) / sizeof(problems[0]); i++) {
		if (strcmp(problems[i].code, code) == 0) {
			message = problems[i].message;
		}
	}
	xm_diags_add(diags, XM_SEV_ERROR, line, col, end_col, code, suggestion,
		"%s (automatic repairs are off)", message);
}

/* UTF-8 typographic quotes: ‘ ’ (U+2018/9) and “ ” (U+201C/D). */
static int smart_quote(const char *s, size_t avail)
{
	if (avail < 3 || (unsigned char)s[0] != 0xe2 || (unsigned char)s[1] != 0x80) {
		return 0;
	}
	switch ((unsigned char)s[2]) {
	case 0x98:
	case 0x99:
		return '\'';
	case 0x9c:
	case 0x9d:
		return '"';
	default:
		return 0;
	}
}

/* Line and byte column (1-based) of offset off in text, like the positions
 * of diagnostics (xs/diag.h). Only computed when a repair is reported. */
static void pos_of(const char *text, size_t off, unsigned *line, unsigned *col)
{
	size_t start = 0;
	*line = 1;
	for (size_t k = 0; k < off; k++) {
		if (text[k] == '\n') {
			(*line)++;
			start = k + 1;
		}
	}
	*col = (unsigned)(off - start) + 1;
}

static char closer_of(char open)
{
	return open == '(' ? ')' : open == '[' ? ']' : '}';
}

/* Bytes the repair loop must look at: comments, quotes, brackets and the
 * lead byte of typographic quotes. */
static const unsigned char special[256] = {
	['/'] = 1, ['\''] = 1, ['"'] = 1, ['`'] = 1, ['('] = 1, [')'] = 1, ['['] = 1,
	[']'] = 1, ['{'] = 1, ['}'] = 1, [0xe2] = 1,
};

/*
 * The repaired text is the source with a few bytes replaced or dropped, and
 * most code needs no repair at all: the scan only copies what lies before a
 * change (src[done, at)), and the rest in one go at the end.
 */
struct copier {
	const char *src;
	size_t done;
	struct xm_buf *out;
};

static void copy_to(struct copier *cp, size_t at)
{
	memcpy(cp->out->data + cp->out->len, cp->src + cp->done, at - cp->done);
	cp->out->len += at - cp->done;
	cp->done = at;
}

/* Replaces the n bytes at src[at] with c (n > 0; c == 0: drops them). */
static void replace(struct copier *cp, size_t at, size_t n, char c)
{
	copy_to(cp, at);
	if (c) {
		cp->out->data[cp->out->len++] = c;
	}
	cp->done = at + n;
}

/*
 * A string or template literal opening at src[i] (sq: its typographic
 * quote, or 0); returns the offset after it. Typographic quotes become
 * ASCII ones, reported once per string.
 */
static size_t repair_string(struct copier *cp, size_t len, size_t i, int sq,
		struct xm_sdk_fixes *fixes, struct xm_diags *diags)
{
	const char *src = cp->src;
	char q = sq ? (char)sq : src[i];
	size_t k = i + 1;
	if (sq) {
		replace(cp, i, 3, q);
		k = i + 3;
	}
	while (k < len) {
		/* Most of a string is bytes that can neither end nor escape it
		 * (nor start a typographic quote). */
		k = xm_scan_any4(src, k, len, q, '\\', '\n', (char)0xe2);
		if (k >= len) {
			break;
		}
		int sk = smart_quote(src + k, len - k);
		if (src[k] == '\\' && k + 1 < len) {
			k += 2;
			continue;
		}
		/* ’ between letters is an apostrophe (It’s), not a closer. */
		bool apostrophe = sk == '\'' && k + 3 < len &&
			((unsigned char)src[k + 3] >= 0x80 || isalnum((unsigned char)src[k + 3]));
		if (sq && sk == sq && !apostrophe) {
			/* A typographic closer ends a typographic string. */
			replace(cp, k, 3, q);
			k += 3;
			break;
		}
		if (src[k] == q) {
			k++;
			break;
		}
		if (src[k] == '\n' && q != '`') {
			break;
		}
		k++;
	}
	if (sq) {
		unsigned line, col;
		pos_of(src, i, &line, &col);
		xm_sdk_fix_or_error(fixes, diags, line, col, col + 3, "smart-quotes",
			q == '"' ? "write \" instead" : "write ' instead",
			"replaced typographic quotes with %c", q);
	}
	return k;
}

void xm_sdk_autofix_text(const char *src, size_t len, struct xm_sdk_fixes *fixes,
		struct xm_diags *diags, struct xm_buf *out)
{
	/* The repaired text is never longer than the original until closers
	 * are appended at the end: reserve once and write bytes directly. */
	xm_buf_reserve(out, len + 16);
	struct copier cp = {src, 0, out};
	/* Pass 1: quotes, with string and comment awareness; collect the
	 * bracket stack on the way. */
	char stack[256];
	size_t depth = 0;
	bool overflow = false;
	size_t i = 0;
	while (i < len) {
		while (i < len && !special[(unsigned char)src[i]]) {
			i++;
		}
		if (i >= len) {
			break;
		}
		char c = src[i];
		switch (c) {
		case '(':
		case '[':
		case '{':
			if (depth < sizeof(stack)) {
				stack[depth] = c;
			} else {
				overflow = true;
			}
			depth++;
			i++;
			continue;
		case ')':
		case ']':
		case '}':
			if (depth > 0) {
				depth--;
				i++;
				continue;
			}
			/* A surplus closer: drop it only when nothing but
			 * closers, separators and space follow. */
			bool tail = true;
			for (size_t k = i + 1; k < len && tail; k++) {
				tail = strchr(")]}; \t\r\n,", src[k]) != NULL;
			}
			if (tail) {
				unsigned line, col;
				pos_of(src, i, &line, &col);
				char sugg[32];
				snprintf(sugg, sizeof(sugg), "remove this `%c`", c);
				xm_sdk_fix_or_error(fixes, diags, line, col, col + 1,
					"unbalanced-closer", sugg, "removed an unbalanced `%c`",
					c);
				replace(&cp, i, 1, 0);
			}
			i++;
			continue;
		case '/':
			if (i + 1 < len && src[i + 1] == '/') {
				const char *nl = memchr(src + i, '\n', len - i);
				i = nl ? (size_t)(nl - src) : len;
				continue;
			}
			if (i + 1 < len && src[i + 1] == '*') {
				size_t k = i + 2;
				while (k + 1 < len && !(src[k] == '*' && src[k + 1] == '/')) {
					k++;
				}
				i = k + 1 < len ? k + 2 : len;
				continue;
			}
			i++;
			continue;
		case '\'':
		case '"':
		case '`':
			i = repair_string(&cp, len, i, 0, fixes, diags);
			continue;
		default: {
			int sq = smart_quote(src + i, len - i);
			i = sq ? repair_string(&cp, len, i, sq, fixes, diags) : i + 1;
			continue;
		}
		}
	}
	copy_to(&cp, len);
	out->data[out->len] = '\0';
	/* Pass 2 on the result: a trailing comma, missing closers. */
	size_t end = out->len;
	while (end > 0 && strchr(" \t\r\n", out->data[end - 1])) {
		end--;
	}
	size_t insert = end;
	while (insert > 0 && out->data[insert - 1] == ';') {
		insert--;
	}
	if (insert > 0 && out->data[insert - 1] == ',') {
		size_t at = insert - 1;
		unsigned line, col;
		pos_of(out->data, at, &line, &col);
		memmove(out->data + at, out->data + at + 1, out->len - at - 1);
		xm_buf_truncate(out, out->len - 1);
		insert--;
		end--;
		xm_sdk_fix_or_error(fixes, diags, line, col, col + 1, "trailing-comma",
			"remove the comma", "removed a trailing comma");
	}
	if (depth > 0 && !overflow) {
		struct xm_buf closers = XM_BUF_INIT;
		for (size_t k = depth; k > 0; k--) {
			xm_buf_addc(&closers, closer_of(stack[k - 1]));
		}
		unsigned line, col;
		pos_of(out->data, insert, &line, &col);
		size_t tail_len = out->len - insert;
		/* Not strndup: the text may hold NUL bytes. */
		char *tail = xm_malloc(tail_len + 1);
		memcpy(tail, out->data + insert, tail_len);
		xm_buf_truncate(out, out->len - tail_len);
		xm_buf_add(out, closers.data, closers.len);
		xm_buf_add(out, tail, tail_len);
		free(tail);
		struct xm_buf sugg = XM_BUF_INIT;
		xm_buf_addf(&sugg, "add `%s` at the end", closers.data);
		xm_sdk_fix_or_error(fixes, diags, line, col, col + 1, "missing-closer",
			sugg.data, "added the missing `%s` at the end", closers.data);
		xm_buf_finish(&sugg);
		xm_buf_finish(&closers);
	}
}
