#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/xalloc.h"

static _Noreturn void oom(size_t size)
{
	/* No log.h here: logging allocates, and the allocator just failed. */
	fprintf(stderr, "xano-mcp: out of memory (%zu bytes)\n", size);
	abort();
}

void *xm_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p) {
		oom(size);
	}
	return p;
}

void *xm_calloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p) {
		oom(nmemb * size);
	}
	return p;
}

void *xm_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p) {
		oom(size);
	}
	return p;
}

void *xm_reallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size) {
		oom(SIZE_MAX);
	}
	return xm_realloc(ptr, nmemb * size);
}

char *xm_strdup(const char *s)
{
	return xm_strndup(s, strlen(s));
}

char *xm_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xm_malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void xm_wipe(void *p, size_t len)
{
	volatile unsigned char *v = p;
	while (len--) {
		*v++ = 0;
	}
}
