/*
 * libFuzzer target: the XanoScript parser and formatter (see xs_roundtrip.h
 * for the property). Build and run: fuzz/README.md.
 */
#include <stdint.h>
#include <stdlib.h>

#include "xs_roundtrip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!xs_roundtrip((const char *)data, size)) {
		abort();
	}
	return 0;
}
