/*
 * arena: a bump allocator for data that dies together (an AST, a parse).
 *
 * xm_arena_alloc() memory is 16-byte aligned and zeroed (xm_arena_alloc_raw():
 * aligned, not zeroed); strings are packed (alignment 1). There is no
 * per-object free; xm_arena_destroy() releases everything at once.
 * Allocation failure aborts (see xalloc.h). Not thread-safe.
 */
#ifndef XM_CORE_ARENA_H
#define XM_CORE_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct xm_arena_block;

enum { XM_ARENA_ALIGN = 16 };

/*
 * The fields belong to arena.c: use the functions. They are public only so
 * that the common case, room left in the current block, is inlined into the
 * callers: the parsers copy a string or make a node for most tokens, and a
 * call per allocation cost more than the allocation.
 */
struct xm_arena {
	unsigned char *next;   /* the free space of the current block */
	unsigned char *end;
	struct xm_arena_block *head;
};

struct xm_arena *xm_arena_create(void);
/* Accepts NULL. */
void xm_arena_destroy(struct xm_arena *arena);

void *xm_arena_alloc(struct xm_arena *arena, size_t size);
char *xm_arena_strdup(struct xm_arena *arena, const char *s);
/* Bytes handed out (with alignment padding), for benchmarks and limits. */
size_t xm_arena_used(const struct xm_arena *arena);

/* The slow path of the inline allocators below: size bytes at the given
 * alignment (a power of two) in a new block. */
void *xm_arena_grow(struct xm_arena *arena, size_t size, size_t align);

/* size bytes at alignment align (a power of two), not zeroed. A request
 * that would fill the block exactly takes a new one, so that a new arena
 * (no block, next and end NULL) never hands out NULL, even for size 0. */
static inline void *xm_arena_bump(struct xm_arena *arena, size_t size, size_t align)
{
	uintptr_t at = ((uintptr_t)arena->next + align - 1) & ~(uintptr_t)(align - 1);
	if (at > (uintptr_t)arena->end || (uintptr_t)arena->end - at <= size) {
		return xm_arena_grow(arena, size, align);
	}
	arena->next = (unsigned char *)at + size;
	return (void *)at;
}

/* Like xm_arena_alloc() but not zeroed: for a caller that sets every field
 * itself (a call to memset() settles the size at run time). */
static inline void *xm_arena_alloc_raw(struct xm_arena *arena, size_t size)
{
	return xm_arena_bump(arena, size, XM_ARENA_ALIGN);
}

/* A NUL-terminated copy of the len bytes at s. */
static inline char *xm_arena_strndup(struct xm_arena *arena, const char *s, size_t len)
{
	char *p = xm_arena_bump(arena, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

#endif
