#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

bool xm_sdk_fix_or_error(struct xm_sdk_fixes *fixes, struct xm_diags *diags,
		unsigned line, unsigned col, unsigned end_col, const char *code,
		const char *suggestion, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (fixes && fixes->enabled) {
		vadd(fixes, line, col, fmt, ap);
		va_end(ap);
		return true;
	}
	va_end(ap);
	/* With repairs off, the problem itself is the message; the repair
	 * becomes the suggestion. */
	static const struct {
		const char *code, *message;
	} problems[] = {
		{"js-type", "not a XanoScript type"},
		{"leading-slash", "names do not start with `/`"},
		{"lower-case-verb", "HTTP verbs are written in capitals"},
		{"missing-build", "the builder chain does not end with `.build()`"},
		{"missing-dollar", "XanoScript variables start with `$`"},
		{"missing-return", "the code does not return its builder"},
		{"python-literal", "Python literal in JavaScript code"},
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
	return false;
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

struct pos {
	unsigned line, col;
};

static void step(struct pos *p, char c)
{
	if (c == '\n') {
		p->line++;
		p->col = 1;
	} else {
		p->col++;
	}
}

static char closer_of(char open)
{
	return open == '(' ? ')' : open == '[' ? ']' : '}';
}

/* Bytes the repair loop must look at: comments, quotes, brackets, line
 * breaks and the lead byte of typographic quotes. */
static const unsigned char special[256] = {
	['/'] = 1, ['\''] = 1, ['"'] = 1, ['`'] = 1, ['('] = 1, [')'] = 1, ['['] = 1,
	[']'] = 1, ['{'] = 1, ['}'] = 1, ['\n'] = 1, [0xe2] = 1,
	/* UTF-8 continuation bytes do not advance the column. */
	[0x80] = 1, [0x81] = 1, [0x82] = 1, [0x83] = 1, [0x84] = 1, [0x85] = 1, [0x86] = 1,
	[0x87] = 1, [0x88] = 1, [0x89] = 1, [0x8a] = 1, [0x8b] = 1, [0x8c] = 1, [0x8d] = 1,
	[0x8e] = 1, [0x8f] = 1, [0x90] = 1, [0x91] = 1, [0x92] = 1, [0x93] = 1, [0x94] = 1,
	[0x95] = 1, [0x96] = 1, [0x97] = 1, [0x98] = 1, [0x99] = 1, [0x9a] = 1, [0x9b] = 1,
	[0x9c] = 1, [0x9d] = 1, [0x9e] = 1, [0x9f] = 1, [0xa0] = 1, [0xa1] = 1, [0xa2] = 1,
	[0xa3] = 1, [0xa4] = 1, [0xa5] = 1, [0xa6] = 1, [0xa7] = 1, [0xa8] = 1, [0xa9] = 1,
	[0xaa] = 1, [0xab] = 1, [0xac] = 1, [0xad] = 1, [0xae] = 1, [0xaf] = 1, [0xb0] = 1,
	[0xb1] = 1, [0xb2] = 1, [0xb3] = 1, [0xb4] = 1, [0xb5] = 1, [0xb6] = 1, [0xb7] = 1,
	[0xb8] = 1, [0xb9] = 1, [0xba] = 1, [0xbb] = 1, [0xbc] = 1, [0xbd] = 1, [0xbe] = 1,
	[0xbf] = 1,
};

void xm_sdk_autofix_text(const char *src, size_t len, struct xm_sdk_fixes *fixes,
		struct xm_buf *out)
{
	if (!fixes->enabled) {
		xm_buf_add(out, src, len);
		return;
	}
	/* The repaired text is never longer than the original until closers
	 * are appended at the end: reserve once and write bytes directly. */
	xm_buf_reserve(out, len + 16);
#define PUT(ch) (out->data[out->len++] = (char)(ch))
	/* Pass 1: quotes, with string and comment awareness; collect the
	 * bracket stack on the way. */
	char stack[256];
	size_t depth = 0;
	bool overflow = false;
	struct pos p = {1, 1};
	size_t i = 0;
	/* Start of the trailing run of only closers/commas/semicolons. */
	while (i < len) {
		/* Most bytes need nothing: copy runs of them quickly. */
		while (i < len && !special[(unsigned char)src[i]]) {
			PUT(src[i]);
			p.col++;
			i++;
		}
		if (i >= len) {
			break;
		}
		char c = src[i];
		int sq = smart_quote(src + i, len - i);
		if (c == '/' && i + 1 < len && src[i + 1] == '/') {
			while (i < len && src[i] != '\n') {
				PUT(src[i]);
				step(&p, src[i]);
				i++;
			}
			continue;
		}
		if (c == '/' && i + 1 < len && src[i + 1] == '*') {
			const char *end = NULL;
			for (size_t k = i + 2; k + 1 < len; k++) {
				if (src[k] == '*' && src[k + 1] == '/') {
					end = src + k + 2;
					break;
				}
			}
			size_t n = end ? (size_t)(end - (src + i)) : len - i;
			for (size_t k = 0; k < n; k++) {
				step(&p, src[i + k]);
			}
			for (size_t m = 0; m < n; m++) {
				PUT(src[i + m]);
			}
			i += n;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`' || sq) {
			char q = sq ? (char)sq : c;
			struct pos start = p;
			PUT(q);
			size_t k = i + (sq ? 3 : 1);
			step(&p, c);
			bool smart_seen = sq != 0;
			while (k < len) {
				int sk = smart_quote(src + k, len - k);
				if (src[k] == '\\' && k + 1 < len) {
					PUT(src[k]);
					PUT(src[k + 1]);
					step(&p, src[k]);
					step(&p, src[k + 1]);
					k += 2;
					continue;
				}
				/* ’ between letters is an apostrophe (It’s), not a closer. */
				bool apostrophe = sk == '\'' && k + 3 < len &&
					((unsigned char)src[k + 3] >= 0x80 ||
					 isalnum((unsigned char)src[k + 3]));
				if (sq && sk == sq && !apostrophe) {
					/* A typographic closer ends a typographic string. */
					PUT(q);
					step(&p, '"');
					k += 3;
					goto closed;
				}
				if (src[k] == q) {
					PUT(q);
					step(&p, q);
					k++;
					goto closed;
				}
				if (src[k] == '\n' && q != '`') {
					break;
				}
				PUT(src[k]);
				if (((unsigned char)src[k] & 0xc0) != 0x80) {
					step(&p, src[k]);
				}
				k++;
			}
closed:
			if (smart_seen) {
				xm_sdk_fix_add(fixes, start.line, start.col,
					"replaced typographic quotes with %c", q);
			}
			i = k;
			continue;
		}
		if (c == '(' || c == '[' || c == '{') {
			if (depth < sizeof(stack)) {
				stack[depth] = c;
			} else {
				overflow = true;
			}
			depth++;
		} else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
			depth--;
		} else if (c == ')' || c == ']' || c == '}') {
			/* A surplus closer: drop it only when nothing but closers,
			 * separators and space follow. */
			bool tail = true;
			for (size_t k = i + 1; k < len && tail; k++) {
				tail = strchr(")]}; \t\r\n,", src[k]) != NULL;
			}
			if (tail) {
				xm_sdk_fix_add(fixes, p.line, p.col, "removed an unbalanced `%c`",
						c);
				step(&p, c);
				i++;
				continue;
			}
		}
		PUT(c);
		if (((unsigned char)c & 0xc0) != 0x80) {
			step(&p, c);
		}
		i++;
	}
#undef PUT
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
		struct pos cp = {1, 1};
		for (size_t k = 0; k < at; k++) {
			if (((unsigned char)out->data[k] & 0xc0) != 0x80) {
				step(&cp, out->data[k]);
			}
		}
		memmove(out->data + at, out->data + at + 1, out->len - at - 1);
		xm_buf_truncate(out, out->len - 1);
		insert--;
		end--;
		xm_sdk_fix_add(fixes, cp.line, cp.col, "removed a trailing comma");
	}
	if (depth > 0 && !overflow) {
		struct xm_buf closers = XM_BUF_INIT;
		for (size_t k = depth; k > 0; k--) {
			xm_buf_addc(&closers, closer_of(stack[k - 1]));
		}
		struct pos cp = {1, 1};
		for (size_t k = 0; k < insert; k++) {
			if (((unsigned char)out->data[k] & 0xc0) != 0x80) {
				step(&cp, out->data[k]);
			}
		}
		size_t tail_len = out->len - insert;
		/* Not strndup: the text may hold NUL bytes. */
		char *tail = xm_malloc(tail_len + 1);
		memcpy(tail, out->data + insert, tail_len);
		xm_buf_truncate(out, out->len - tail_len);
		xm_buf_add(out, closers.data, closers.len);
		xm_buf_add(out, tail, tail_len);
		free(tail);
		xm_sdk_fix_add(fixes, cp.line, cp.col, "added the missing `%s` at the end",
			closers.data);
		xm_buf_finish(&closers);
	}
}
