/*
 * The property the SDK compiler fuzz target checks, shared with the unit test
 * that replays test/sdk/fuzz-regressions (header-only so both builds compile
 * it): any input compiles without a crash, hang or leak, with and without
 * repairs; and the compiler never produces XanoScript that our own parser or
 * validator rejects (internal_error), since that would be a compiler bug.
 * Without repairs, each would-be repair is one more error and the rest is
 * the same: the analysis goes on exactly as far as with repairs.
 */
#ifndef XM_FUZZ_SDK_PROPERTY_H
#define XM_FUZZ_SDK_PROPERTY_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/ops/compile.h"

static inline bool sdk_property(const char *data, size_t size)
{
	bool ok = true;
	size_t errors = 0, fixes = 0;
	for (int no_fix = 0; no_fix <= 1 && ok; no_fix++) {
		struct xm_compile_opts opts = {.no_fix = no_fix};
		struct xm_compile_result r;
		xm_compile_result_init(&r);
		bool compiled = xm_compile_sdk(data, size, &opts, &r);
		ok = !r.internal_error && (compiled == (r.xanoscript != NULL)) &&
			(compiled || r.diags.errors > 0);
		if (!no_fix) {
			errors = r.diags.errors;
			fixes = r.fixes.len;
		} else {
			ok = ok && r.fixes.len == 0 && r.fixes.refused == fixes &&
				r.diags.errors == errors + fixes;
		}
		xm_compile_result_finish(&r);
	}
	return ok;
}

#endif
