/*
 * xalloc: allocation that never returns NULL.
 *
 * Every input we accept is bounded in size, so running out of memory is not
 * something an outside party can provoke; it means the machine is in
 * trouble. These wrappers log one line and abort() instead of threading an
 * out-of-memory error through every caller. Use plain malloc() only where a
 * failure has a sensible recovery.
 */
#ifndef XM_CORE_XALLOC_H
#define XM_CORE_XALLOC_H

#include <stddef.h>

void *xm_malloc(size_t size);
void *xm_calloc(size_t nmemb, size_t size);
void *xm_realloc(void *ptr, size_t size);
/* Grows an array of nmemb elements of size bytes, checking the product. */
void *xm_reallocarray(void *ptr, size_t nmemb, size_t size);
char *xm_strdup(const char *s);
char *xm_strndup(const char *s, size_t n);

/*
 * Overwrites len bytes at p with zeros in a way the compiler may not elide.
 * Use it on every buffer that held a secret before freeing it.
 */
void xm_wipe(void *p, size_t len);

#endif
