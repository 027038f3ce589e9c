/*
 * xs_roundtrip: the property the XanoScript fuzz target checks, shared with
 * the unit test that replays test/xs/fuzz-regressions/.
 *
 * Any input must parse without crashing, hanging or leaking. An input that
 * parses without a diagnostic must also format to text that parses without a
 * diagnostic into an equal tree and formats to the same text again.
 * Returns false when that property fails. Header-only (static) so the fuzz
 * build and the test build each compile it with their own flags.
 */
#ifndef XM_FUZZ_XS_ROUNDTRIP_H
#define XM_FUZZ_XS_ROUNDTRIP_H

#include <stdbool.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/format.h"
#include "xano-mcp/xs/parse.h"

static bool xs_roundtrip(const char *src, size_t len)
{
	struct xm_arena *arena = xm_arena_create();
	struct xm_diags d1, d2;
	xm_diags_init(&d1, 16);
	xm_diags_init(&d2, 16);
	struct xm_buf f1 = XM_BUF_INIT, f2 = XM_BUF_INIT;
	bool ok = true;
	struct xm_xs_node *t1 = xm_xs_parse(arena, src, len, NULL, &d1);
	if (d1.errors == 0) {
		xm_xs_format(t1, &f1);
		struct xm_xs_node *t2 = xm_xs_parse(arena, xm_buf_str(&f1), f1.len, NULL, &d2);
		xm_xs_format(t2, &f2);
		ok = d2.errors == 0 && xm_xs_ast_equal(t1, t2) && f1.len == f2.len &&
			memcmp(xm_buf_str(&f1), xm_buf_str(&f2), f1.len) == 0;
	}
	xm_buf_finish(&f1);
	xm_buf_finish(&f2);
	xm_diags_finish(&d1);
	xm_diags_finish(&d2);
	xm_arena_destroy(arena);
	return ok;
}

#endif
