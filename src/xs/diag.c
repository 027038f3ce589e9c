#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/xs/diag.h"

void xm_diags_init(struct xm_diags *diags, size_t max)
{
	memset(diags, 0, sizeof(*diags));
	diags->max = max ? max : XM_DIAGS_DEFAULT_MAX;
}

void xm_diags_finish(struct xm_diags *diags)
{
	if (!diags) {
		return;
	}
	for (size_t i = 0; i < diags->len; i++) {
		free(diags->items[i].message);
		free(diags->items[i].suggestion);
	}
	free(diags->items);
	memset(diags, 0, sizeof(*diags));
}

/*
 * A message quotes what it is about, and a quoted value may span lines (an
 * unterminated string runs to the end of the text): its line breaks are
 * written as `\n` and `\r` here, once for every caller, so that a
 * diagnostic stays one line in `file:line:col: message` output and still
 * shows where the break was. Takes s (heap) and returns it or its
 * replacement.
 */
static char *one_line(char *s)
{
	if (!strpbrk(s, "\n\r")) {
		return s;
	}
	struct xm_buf out = XM_BUF_INIT;
	for (const char *p = s; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			xm_buf_addc(&out, '\\');
			xm_buf_addc(&out, *p == '\n' ? 'n' : 'r');
		} else {
			xm_buf_addc(&out, *p);
		}
	}
	free(s);
	return xm_buf_steal(&out);
}

struct xm_diag *xm_diags_add(struct xm_diags *diags, enum xm_severity severity,
		unsigned line, unsigned col, unsigned end_col, const char *code,
		const char *suggestion, const char *fmt, ...)
{
	if (severity == XM_SEV_ERROR) {
		diags->errors++;
	}
	if (diags->max == 0) {
		diags->max = XM_DIAGS_DEFAULT_MAX;
	}
	if (diags->len >= diags->max) {
		diags->dropped++;
		return NULL;
	}
	if (diags->len == diags->cap) {
		diags->cap = diags->cap ? diags->cap * 2 : 8;
		diags->items = xm_reallocarray(diags->items, diags->cap, sizeof(*diags->items));
	}
	struct xm_buf msg = XM_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&msg, fmt, ap);
	va_end(ap);

	struct xm_diag *d = &diags->items[diags->len++];
	d->severity = severity;
	d->line = line;
	d->col = col;
	d->end_col = end_col < col ? col : end_col;
	d->code = code;
	d->message = one_line(xm_buf_steal(&msg));
	d->suggestion = suggestion ? one_line(xm_strdup(suggestion)) : NULL;
	return d;
}

static int compare(const void *pa, const void *pb)
{
	const struct xm_diag *a = pa, *b = pb;
	if (a->line != b->line) {
		return a->line < b->line ? -1 : 1;
	}
	if (a->col != b->col) {
		return a->col < b->col ? -1 : 1;
	}
	return 0;
}

void xm_diags_sort(struct xm_diags *diags)
{
	/* Insertion sort: stable, and lists are short and nearly sorted. */
	for (size_t i = 1; i < diags->len; i++) {
		struct xm_diag tmp = diags->items[i];
		size_t j = i;
		while (j > 0 && compare(&diags->items[j - 1], &tmp) > 0) {
			diags->items[j] = diags->items[j - 1];
			j--;
		}
		diags->items[j] = tmp;
	}
}

const char *xm_severity_name(enum xm_severity severity)
{
	switch (severity) {
	case XM_SEV_ERROR:
		return "error";
	case XM_SEV_WARNING:
		return "warning";
	case XM_SEV_NOTE:
		return "note";
	}
	return "error";
}

/* Finds line n (1-based) in source; returns its start and sets *len. */
static const char *find_line(const char *source, size_t source_len, unsigned n,
		size_t *len)
{
	const char *p = source, *end = source + source_len;
	for (unsigned i = 1; i < n; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			return NULL;
		}
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	if (*len && p[*len - 1] == '\r') {
		(*len)--;
	}
	return p;
}

void xm_diags_render_text(const struct xm_diags *diags, const char *filename,
		const char *source, size_t source_len, bool colour, struct xm_buf *out)
{
	const char *bold = colour ? "\x1b[1m" : "";
	const char *reset = colour ? "\x1b[0m" : "";
	for (size_t i = 0; i < diags->len; i++) {
		const struct xm_diag *d = &diags->items[i];
		const char *sev_colour = "";
		if (colour) {
			sev_colour = d->severity == XM_SEV_ERROR ? "\x1b[1;31m" :
				d->severity == XM_SEV_WARNING ? "\x1b[1;35m" : "\x1b[1;36m";
		}
		xm_buf_addf(out, "%s%s:%u:%u:%s %s%s:%s %s [%s]\n", bold, filename,
			d->line, d->col, reset, sev_colour, xm_severity_name(d->severity),
			reset, d->message, d->code);
		size_t len = 0;
		const char *text = source ? find_line(source, source_len, d->line, &len) : NULL;
		if (text) {
			xm_buf_addf(out, "%5u | ", d->line);
			for (size_t k = 0; k < len; k++) {
				/* Tabs keep the caret aligned; other controls would
				 * garble the terminal. */
				unsigned char c = (unsigned char)text[k];
				xm_buf_addc(out, c == '\t' || c >= 0x20 ? (char)c : '?');
			}
			xm_buf_adds(out, "\n      | ");
			unsigned col = d->col ? d->col : 1;
			for (size_t k = 0; k + 1 < col && k < len; k++) {
				xm_buf_addc(out, text[k] == '\t' ? '\t' : ' ');
			}
			xm_buf_addf(out, "%s^", sev_colour);
			for (unsigned k = col + 1; k < d->end_col; k++) {
				xm_buf_addc(out, '~');
			}
			xm_buf_addf(out, "%s\n", reset);
		}
		if (d->suggestion) {
			xm_buf_addf(out, "      = suggestion: %s\n", d->suggestion);
		}
	}
	if (diags->dropped) {
		xm_buf_addf(out, "%s: %zu more diagnostics not shown\n", filename,
			diags->dropped);
	}
}
