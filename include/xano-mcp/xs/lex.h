/*
 * lex: XanoScript tokens.
 *
 * XanoScript is newline-sensitive, so line breaks are tokens (one per break;
 * the parser skips runs). Spaces and tabs separate tokens and are recorded
 * as a flag on the token that follows them. Every token carries its 1-based
 * line and byte column; its end (one past the last byte) is computed by
 * xm_xs_tok_end().
 *
 * Lexical decisions (reference §2):
 *  - A `-` directly followed by a digit is part of the number: `$x -1` is
 *    VAR NUMBER(-1), which the parser reports (`$x - 1`).
 *  - `2026-01-01 03:00:00+0000` is one TIMESTAMP token.
 *  - `"…"` and `'…'` hold backslash escapes and end at the line's end when
 *    unterminated; `"""…"""`, `'''…'''`, `` `…` `` and ```` ```…``` ```` may
 *    span lines.
 *  - `//` starts a COMMENT to the end of the line; the token says whether
 *    code preceded it on its line (a trailing comment, an error).
 *  - `!int "42"`-style casts are one CAST token (the `!` and the type).
 *  - `filters=` written without spaces switches to the input-filter list:
 *    `filters=trim|min:8|pattern:"^a$"|@:dbo=36` is lexed as FILTERS_KW, then
 *    IDENT/PIPE/COLON/STRING/NUMBER/REGEX/RAW tokens up to the next space.
 *  - `---` alone on a line is a document SEPARATOR.
 *
 * The lexer never allocates and never fails: malformed input yields ERROR
 * tokens and a diagnostic in the struct xm_diags given at init (may be NULL).
 * Token text points into the source. Not thread-safe (one lexer per thread).
 */
#ifndef XM_XS_LEX_H
#define XM_XS_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/xs/ast.h"
#include "xano-mcp/xs/diag.h"

enum xm_xs_tok {
	XM_XS_T_EOF = 0,
	XM_XS_T_NEWLINE,
	XM_XS_T_SEPARATOR,  /* --- */
	XM_XS_T_COMMENT,    /* // … (text excludes the line break) */
	XM_XS_T_IDENT,
	XM_XS_T_VAR,        /* $name or $$ (text includes the $) */
	XM_XS_T_STRING,     /* "…" '…' """…""" '''…''' (text includes quotes) */
	XM_XS_T_NUMBER,
	XM_XS_T_TIMESTAMP,
	XM_XS_T_EXPR,       /* `…` or ```…``` */
	XM_XS_T_CAST,       /* !int */
	XM_XS_T_REGEX,      /* /…/ in a filter list */
	XM_XS_T_RAW,        /* anything else in a filter list */
	XM_XS_T_FILTERS_KW, /* filters= */
	XM_XS_T_LBRACE, XM_XS_T_RBRACE,
	XM_XS_T_LBRACKET, XM_XS_T_RBRACKET,
	XM_XS_T_LPAREN, XM_XS_T_RPAREN,
	XM_XS_T_COMMA, XM_XS_T_COLON, XM_XS_T_DOT, XM_XS_T_PIPE,
	XM_XS_T_QUESTION,   /* ? */
	XM_XS_T_ASSIGN,     /* = */
	XM_XS_T_BANG,       /* ! not followed by = ~ or a cast type */
	XM_XS_T_OP,         /* a binary operator; see op */
	XM_XS_T_ERROR,
	XM_XS_T_COUNT,
};

enum xm_xs_tok_flag {
	XM_XS_TF_SPACE_BEFORE = 1u << 0, /* spaces or tabs precede the token */
	XM_XS_TF_LINE_START = 1u << 1,   /* first token on its line */
	XM_XS_TF_UNTERMINATED = 1u << 2, /* STRING/EXPR/REGEX missing its end */
	XM_XS_TF_MULTILINE = 1u << 3,    /* holds a line break (NEWLINE, long literals) */
};

/*
 * 24 bytes (64-bit): the parser keeps every token of a text in an array,
 * and the re-parse of the compiler's own output fills one per compile, so
 * the kind, operator and flags are bytes, the length is an unsigned (texts
 * are far below 4 GiB, see lexer_init) and the end is not stored (see
 * xm_xs_tok_end()). The indentation of a token's line is the column of the
 * nearest token at or before it flagged LINE_START.
 */
struct xm_xs_token {
	const char *text;    /* into the source */
	unsigned len;
	unsigned line, col;
	unsigned char kind;  /* enum xm_xs_tok */
	unsigned char op;    /* enum xm_xs_op, for OP (`=` is ASSIGN, not OP) */
	unsigned char flags; /* enum xm_xs_tok_flag */
};

struct xm_xs_lexer {
	const char *src;
	size_t len;
	size_t pos;
	unsigned line;
	size_t line_start;   /* offset of the current line's first byte */
	/* XM_XS_TF_LINE_START until a non-comment token is seen on the
	 * line, then 0: the flag the next token takes, ready to use. */
	unsigned char line_start_flag;
	bool in_filters;     /* inside a filters= list */
	struct xm_diags *diags;
};

/* src need not be NUL-terminated; it must outlive the tokens. Positions
 * and lengths are unsigned, so len must stay below 4 GiB (the parser
 * refuses more than XM_XS_MAX_BYTES unless told otherwise, and never
 * takes more than UINT_MAX bytes). */
void xm_xs_lexer_init(struct xm_xs_lexer *lx, const char *src, size_t len,
		struct xm_diags *diags);

/* Reads the next token into tok; at the end returns XM_XS_T_EOF forever. */
enum xm_xs_tok xm_xs_lex_next(struct xm_xs_lexer *lx, struct xm_xs_token *tok);

/* Reads up to cap tokens (cap > 0) into toks and returns how many, ending
 * early after the EOF token; the same tokens as as many calls of
 * xm_xs_lex_next(), for a caller that lexes a whole text. */
size_t xm_xs_lex_many(struct xm_xs_lexer *lx, struct xm_xs_token *toks, size_t cap);

/* The end of a token that holds a line break: counted from its text. */
void xm_xs_tok_end_lines(const struct xm_xs_token *tok, unsigned *line, unsigned *col);

/* The line and column one past the token's last byte. Most tokens lie on
 * one line, where the end follows from the column and the length. */
static inline void xm_xs_tok_end(const struct xm_xs_token *tok, unsigned *line,
		unsigned *col)
{
	if (tok->flags & XM_XS_TF_MULTILINE) {
		xm_xs_tok_end_lines(tok, line, col);
		return;
	}
	*line = tok->line;
	*col = tok->col + tok->len;
}

/* "identifier", "`{`", "end of line", ... for messages. */
const char *xm_xs_tok_name(enum xm_xs_tok kind);

#endif
