/*
 * libFuzzer target: the whole SDK compiler pipeline (see sdk_property.h for
 * the property). Build and run: fuzz/README.md.
 */
#include <stdint.h>
#include <stdlib.h>

#include "sdk_property.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sdk_property((const char *)data, size)) {
		abort();
	}
	return 0;
}
