#include <stdbool.h>
#include <string.h>

#include "xano-mcp/core/suggest.h"

enum { MAX_LEN = 64 };

size_t xm_edit_distance(const char *a, const char *b)
{
	size_t la = strnlen(a, MAX_LEN), lb = strnlen(b, MAX_LEN);
	/* Three rows suffice for the transposition case. */
	size_t rows[3][MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++) {
		prev[j] = j;
	}
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
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
		}
		size_t *tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb];
}

const char *xm_suggest_field(const char *word, const void *base, size_t n,
		size_t stride, size_t offset)
{
	size_t len = strlen(word);
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
		size_t d = xm_edit_distance(word, cand);
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
