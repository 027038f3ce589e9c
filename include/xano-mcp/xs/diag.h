/*
 * diag: diagnostics of the language layer (XanoScript and SDK code).
 *
 * A diagnostic has a severity, a 1-based line and column, an end column
 * (exclusive, on the same line; equal to col when the span is unknown), a
 * stable code (a short kebab-case string such as "unknown-filter", listed in
 * xano-mcp-xanoscript(7)), a one-sentence message and an optional suggestion
 * ("write `elseif`"), each one line (xm_diags_add() writes the line breaks
 * of what they quote as `\n` and `\r`). Columns count bytes, not
 * characters.
 *
 * struct xm_diags is caller-owned (init/finish) and owns the strings of its
 * items. It holds at most `max` items; later ones are counted in `dropped`
 * so a runaway error cascade stays cheap. Pure: no I/O except the render
 * functions, which write to a struct xm_buf. Not thread-safe.
 */
#ifndef XM_XS_DIAG_H
#define XM_XS_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/buf.h"

enum xm_severity {
	XM_SEV_ERROR = 0,
	XM_SEV_WARNING,
	XM_SEV_NOTE,
};

struct xm_diag {
	enum xm_severity severity;
	unsigned line;
	unsigned col;
	unsigned end_col;
	const char *code; /* static string */
	char *message;
	char *suggestion; /* NULL when there is none */
};

struct xm_diags {
	struct xm_diag *items;
	size_t len;
	size_t cap;
	size_t max;
	size_t dropped;
	size_t errors; /* errors among items and dropped */
};

enum { XM_DIAGS_DEFAULT_MAX = 100 };

/* max 0 means XM_DIAGS_DEFAULT_MAX. */
void xm_diags_init(struct xm_diags *diags, size_t max);
/* Accepts NULL and a zeroed struct. */
void xm_diags_finish(struct xm_diags *diags);

/*
 * Adds a diagnostic. suggestion may be NULL. Returns the new item, or NULL
 * when the cap was reached (it is still counted). Declared cold: correct
 * code never gets here, so the compiler moves the reporting paths of every
 * check out of the way of the code that passes it.
 */
struct xm_diag *xm_diags_add(struct xm_diags *diags, enum xm_severity severity,
		unsigned line, unsigned col, unsigned end_col, const char *code,
		const char *suggestion, const char *fmt, ...)
		__attribute__((cold, format(printf, 8, 9)));

/* Sorts by line, then column, keeping insertion order for ties. */
void xm_diags_sort(struct xm_diags *diags);

static inline bool xm_diags_has_errors(const struct xm_diags *diags)
{
	return diags->errors > 0;
}

const char *xm_severity_name(enum xm_severity severity);

/*
 * Renders compiler-style text:
 *
 *     FILE:LINE:COL: error: MESSAGE [code]
 *        12 |     else if ($x) {
 *           |     ^~~~~~~
 *           = suggestion: write `elseif`
 *
 * source (may be NULL: no excerpt) is the text the positions refer to, of
 * source_len bytes. colour adds ANSI colours.
 */
void xm_diags_render_text(const struct xm_diags *diags, const char *filename,
		const char *source, size_t source_len, bool colour, struct xm_buf *out);

#endif
