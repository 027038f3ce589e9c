/*
 * libFuzzer target: parse + validate (xm_xs_check, what `xano-mcp check` and
 * the validate_xanoscript tool run); the property is in xs_check_property.h.
 * Build and run: fuzz/README.md.
 */
#include <stdint.h>
#include <stdlib.h>

#include "xs_check_property.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!xs_check_property((const char *)data, size)) {
		abort();
	}
	return 0;
}
