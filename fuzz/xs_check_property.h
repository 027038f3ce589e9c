/*
 * The property fuzz-xs-check tests, shared with the unit test that replays
 * its regression inputs (test/xs/test_check_fuzz_regressions.c): checking
 * any text never crashes, and the diagnostics are well-formed: positions
 * inside the text, spans that do not run backwards, a code and a one-line
 * message on each, sorted, and the "no errors" answer agrees with the
 * error count.
 */
#ifndef XM_FUZZ_XS_CHECK_PROPERTY_H
#define XM_FUZZ_XS_CHECK_PROPERTY_H

#include <stdbool.h>
#include <string.h>

#include "xano-mcp/xs/check.h"

static inline bool xs_check_property(const char *text, size_t size)
{
	unsigned lines = 1;
	for (size_t i = 0; i < size; i++) {
		lines += text[i] == '\n';
	}
	struct xm_diags d;
	xm_diags_init(&d, 0);
	bool ok = xm_xs_check(text, size, NULL, &d);
	bool good = ok == (d.errors == 0);
	for (size_t i = 0; good && i < d.len; i++) {
		const struct xm_diag *g = &d.items[i];
		good = g->line >= 1 && g->line <= lines && g->col >= 1 &&
			g->end_col >= g->col && g->code && *g->code && g->message &&
			!strchr(g->message, '\n');
		if (good && i > 0) {
			const struct xm_diag *p = &d.items[i - 1];
			good = p->line < g->line || (p->line == g->line && p->col <= g->col);
		}
	}
	xm_diags_finish(&d);
	return good;
}

#endif
