/*
 * libFuzzer target: parse + validate (xm_xs_check, what `xano-mcp check` and
 * the validate_xanoscript tool run). Every input must be checked without a
 * crash, hang or leak, and the diagnostics must be well-formed: positions
 * inside the text's line range, spans that do not run backwards, a code and
 * a one-line message on each. Build and run: fuzz/README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/xs/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	unsigned lines = 1;
	for (size_t i = 0; i < size; i++) {
		lines += text[i] == '\n';
	}
	struct xm_diags d;
	xm_diags_init(&d, 0);
	bool ok = xm_xs_check(text, size, NULL, &d);
	if (ok != (d.errors == 0)) {
		abort();
	}
	for (size_t i = 0; i < d.len; i++) {
		const struct xm_diag *g = &d.items[i];
		/* lines + 1: an unterminated string ending the text puts end-of-input
		 * on the line after the last one (reported to the parser's owner). */
		if (g->line < 1 || g->line > lines + 1 || g->col < 1 || g->end_col < g->col ||
				!g->code || !*g->code || !g->message || strchr(g->message, '\n')) {
			abort();
		}
		if (i > 0 && (d.items[i - 1].line > g->line ||
				(d.items[i - 1].line == g->line && d.items[i - 1].col > g->col))) {
			abort(); /* not sorted */
		}
	}
	xm_diags_finish(&d);
	return 0;
}
