#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/xalloc.h"

enum {
	ARENA_ALIGN = 16,
	ARENA_BLOCK = 64 * 1024,
};

struct block {
	struct block *next;
	size_t size;
	size_t used;
	alignas(ARENA_ALIGN) unsigned char data[];
};

struct xm_arena {
	struct block *head;
	size_t total;
};

struct xm_arena *xm_arena_create(void)
{
	return xm_calloc(1, sizeof(struct xm_arena));
}

void xm_arena_destroy(struct xm_arena *arena)
{
	if (!arena) {
		return;
	}
	struct block *b = arena->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(arena);
}

/* The slow path of bump(): size bytes at the start of a new block. Out of
 * line, so that the common case inlined into the callers needs no saved
 * registers. */
static void *new_block(struct xm_arena *arena, size_t size)
{
	struct block *b = arena->head;
	size_t bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
	struct block *nb = xm_malloc(sizeof(*nb) + bsize);
	nb->size = bsize;
	nb->used = size;
	/* A big one-off allocation goes behind the current block so the
	 * remaining space of that block is not wasted. */
	if (b && bsize != ARENA_BLOCK) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		arena->head = nb;
	}
	arena->total += size;
	return nb->data;
}

/*
 * Hands out size bytes at the given alignment (a power of two), unzeroed.
 * Strings ask for alignment 1: they are most of the allocations of a parse
 * and need neither padding nor zeroing, since they are overwritten at once.
 */
static inline void *bump(struct xm_arena *arena, size_t size, size_t align)
{
	struct block *b = arena->head;
	if (!b) {
		return new_block(arena, size);
	}
	size_t at = (b->used + align - 1) & ~(align - 1);
	if (at > b->size || b->size - at < size) {
		return new_block(arena, size);
	}
	b->used = at + size;
	arena->total += size;
	return b->data + at;
}

void *xm_arena_alloc(struct xm_arena *arena, size_t size)
{
	void *p = bump(arena, size, ARENA_ALIGN);
	memset(p, 0, size);
	return p;
}

void *xm_arena_alloc_raw(struct xm_arena *arena, size_t size)
{
	return bump(arena, size, ARENA_ALIGN);
}

char *xm_arena_strndup(struct xm_arena *arena, const char *s, size_t len)
{
	char *p = bump(arena, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xm_arena_strdup(struct xm_arena *arena, const char *s)
{
	return xm_arena_strndup(arena, s, strlen(s));
}

size_t xm_arena_used(const struct xm_arena *arena)
{
	return arena->total;
}
