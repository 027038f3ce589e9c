#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/xalloc.h"

enum {
	ARENA_ALIGN = XM_ARENA_ALIGN,
	ARENA_BLOCK = 64 * 1024,
};

struct xm_arena_block {
	struct xm_arena_block *next;
	size_t size;
	size_t used;           /* of the current block: see xm_arena_used() */
	alignas(ARENA_ALIGN) unsigned char data[];
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
	struct xm_arena_block *b = arena->head;
	while (b) {
		struct xm_arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(arena);
}

/*
 * size bytes at the start of a new block. A block's data is aligned to
 * ARENA_ALIGN, so align needs no padding here. A big one-off allocation
 * gets a block of its own behind the current one, whose remaining space is
 * not wasted; otherwise the new block becomes the current one.
 */
void *xm_arena_grow(struct xm_arena *arena, size_t size, size_t align)
{
	(void)align;
	struct xm_arena_block *b = arena->head;
	size_t bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
	struct xm_arena_block *nb = xm_malloc(sizeof(*nb) + bsize);
	nb->size = bsize;
	nb->used = size;
	if (b && bsize != ARENA_BLOCK) {
		nb->next = b->next;
		b->next = nb;
	} else {
		if (b) {
			b->used = (size_t)(arena->next - b->data);
		}
		nb->next = b;
		arena->head = nb;
		arena->next = nb->data + size;
		arena->end = nb->data + bsize;
	}
	return nb->data;
}

void *xm_arena_alloc(struct xm_arena *arena, size_t size)
{
	void *p = xm_arena_bump(arena, size, ARENA_ALIGN);
	memset(p, 0, size);
	return p;
}

char *xm_arena_strdup(struct xm_arena *arena, const char *s)
{
	return xm_arena_strndup(arena, s, strlen(s));
}

size_t xm_arena_used(const struct xm_arena *arena)
{
	size_t used = 0;
	for (const struct xm_arena_block *b = arena->head; b; b = b->next) {
		used += b == arena->head ? (size_t)(arena->next - b->data) : b->used;
	}
	return used;
}
