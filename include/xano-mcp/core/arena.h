/*
 * arena: a bump allocator for data that dies together (an AST, a parse).
 *
 * xm_arena_alloc() memory is 16-byte aligned and zeroed (xm_arena_alloc_raw():
 * aligned, not zeroed); strings are packed
 * (alignment 1). There is no per-object free;
 * xm_arena_destroy() releases everything at once. Allocation failure aborts
 * (see xalloc.h). Not thread-safe.
 */
#ifndef XM_CORE_ARENA_H
#define XM_CORE_ARENA_H

#include <stddef.h>

struct xm_arena;

struct xm_arena *xm_arena_create(void);
/* Accepts NULL. */
void xm_arena_destroy(struct xm_arena *arena);

void *xm_arena_alloc(struct xm_arena *arena, size_t size);
/* Like xm_arena_alloc() but not zeroed: for a caller that initialises the
 * whole object at once (a compound literal of a fixed size compiles to a
 * few stores, where a call to memset() decides the size at run time). */
void *xm_arena_alloc_raw(struct xm_arena *arena, size_t size);
char *xm_arena_strndup(struct xm_arena *arena, const char *s, size_t len);
char *xm_arena_strdup(struct xm_arena *arena, const char *s);
/* Total bytes handed out, for benchmarks and limits. */
size_t xm_arena_used(const struct xm_arena *arena);

#endif
