#include <stdbool.h>
#include <string.h>

#include "xano-mcp/core/suggest.h"

enum { MAX_LEN = 64 };

/*
 * The distance of a[0, la) and b[0, lb) (optimal string alignment: edits
 * and adjacent transpositions), or some value above bound as soon as it is
 * certain to exceed bound. Every path to the last row goes through each
 * row, a cell is at least the smallest cell of the row above (or, for a
 * transposition, two above) and column 0 of row i is i: once two
 * consecutive rows have minima of at least bound and bound + 1, no later
 * cell can come back to bound.
 */
static size_t distance(const char *a, size_t la, const char *b, size_t lb, size_t bound)
{
	/* Three rows suffice for the transposition case. */
	size_t rows[3][MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++) {
		prev[j] = j;
	}
	size_t prev_min = 0;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t row_min = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev[j] + 1;
			if (cur[j - 1] + 1 < best) {
				best = cur[j - 1] + 1;
			}
			if (prev[j - 1] + cost < best) {
				best = prev[j - 1] + cost;
			}
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
					a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best) {
				best = prev2[j - 2] + 1;
			}
			cur[j] = best;
			if (best < row_min) {
				row_min = best;
			}
		}
		if (row_min > bound && prev_min >= bound) {
			return bound + 1;
		}
		prev_min = row_min;
		size_t *tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb];
}

size_t xm_edit_distance(const char *a, const char *b)
{
	/* Two texts of at most MAX_LEN bytes are never further apart. */
	return distance(a, strnlen(a, MAX_LEN), b, strnlen(b, MAX_LEN), MAX_LEN);
}

const char *xm_suggest_field(const char *word, const void *base, size_t n,
		size_t stride, size_t offset)
{
	size_t len = strlen(word), wlen = strnlen(word, MAX_LEN);
	size_t limit = len / 3 > 1 ? len / 3 : 1;
	size_t best = limit + 1;
	const char *found = NULL;
	bool tie = false;
	for (size_t i = 0; i < n; i++) {
		const char *cand;
		memcpy(&cand, (const char *)base + i * stride + offset, sizeof(cand));
		if (!cand) {
			continue;
		}
		/* The distance is at least the difference of the lengths, and
		 * only candidates within best (ties included) can matter: most
		 * names of a long list are skipped without filling a table. */
		size_t clen = strnlen(cand, MAX_LEN);
		if ((clen > wlen ? clen - wlen : wlen - clen) > best) {
			continue;
		}
		size_t d = distance(word, wlen, cand, clen, best);
		if (d < best) {
			best = d;
			found = cand;
			tie = false;
		} else if (d == best && found && strcmp(found, cand) != 0) {
			tie = true;
		}
	}
	return tie ? NULL : found;
}

const char *xm_suggest(const char *word, const char *const *candidates, size_t n)
{
	return xm_suggest_field(word, candidates, n, sizeof(candidates[0]), 0);
}
