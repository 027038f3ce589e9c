/*
 * sdk/lex: the tokens of SDK code (a JavaScript subset).
 *
 * Names (ASCII letters, digits, `_`, `$`), numbers, strings ('…' and "…"),
 * template literals (`…`), punctuation (longest match of the JavaScript
 * operators we need: `=>`, `===`, `==`, `!=`, `<=`, `>=`, `&&`, `||`, `??`,
 * `...`; any other ASCII punctuation as one character). Spaces, newlines
 * and comments (line and block comments) are skipped; whether a newline preceded a
 * token is recorded. The lexer only delimits tokens: string contents are
 * decoded by xm_sdk_string_decode().
 *
 * A struct xm_sdk_lexer is caller-owned and borrows the text; it reports
 * malformed tokens into the struct xm_diags it was given and returns them as
 * XM_SDK_TOK_ERROR so the parser can go on. Not thread-safe.
 */
#ifndef XM_SDK_LEX_H
#define XM_SDK_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/xs/diag.h"

enum xm_sdk_tok {
	XM_SDK_TOK_EOF = 0,
	XM_SDK_TOK_NAME,
	XM_SDK_TOK_NUMBER,
	XM_SDK_TOK_STRING,
	XM_SDK_TOK_TEMPLATE,
	XM_SDK_TOK_PUNCT,
	XM_SDK_TOK_ERROR,
};

/* 32 bytes: the parser copies the current token once per token. Offsets
 * are 32-bit; the parser takes at most XM_SDK_MAX_SOURCE (1 MiB). */
struct xm_sdk_token {
	const char *text; /* points into the source */
	uint32_t len;
	uint32_t offset;
	unsigned line, col;
	enum xm_sdk_tok kind;
	bool newline_before;
};

struct xm_sdk_lexer {
	const char *src;
	size_t len;
	size_t pos;
	unsigned line;
	size_t line_start;
	struct xm_diags *diags;
};

void xm_sdk_lexer_init(struct xm_sdk_lexer *lx, const char *src, size_t len,
		struct xm_diags *diags);

/* Reads the next token into tok. At the end, returns XM_SDK_TOK_EOF forever. */
enum xm_sdk_tok xm_sdk_lex_next(struct xm_sdk_lexer *lx, struct xm_sdk_token *tok);

/*
 * True when tok is the punctuation p (a NUL-terminated string). Inline so
 * that strlen() of a literal folds away: the parser asks this a lot.
 */
static inline bool xm_sdk_tok_is(const struct xm_sdk_token *tok, const char *p)
{
	size_t n = strlen(p);
	return tok->kind == XM_SDK_TOK_PUNCT && tok->len == n && tok->text[0] == p[0] &&
		memcmp(tok->text, p, n) == 0;
}

/*
 * Decodes a '…' or "…" string token into arena memory (escapes \n \t \r
 * \b \f \v \0 \\ \' \" \` \xHH \uHHHH \u{H…}, line continuations). Returns
 * the value and sets *len; bad escapes are reported and kept as written.
 */
char *xm_sdk_string_decode(const struct xm_sdk_token *tok, struct xm_arena *arena,
		struct xm_diags *diags, size_t *len);

/*
 * Decodes a stretch of template-literal text (between the backticks, or
 * between `}` and `${`) the same way.
 */
char *xm_sdk_template_decode(const char *text, size_t n, unsigned line, unsigned col,
		struct xm_arena *arena, struct xm_diags *diags, size_t *len);

#endif
