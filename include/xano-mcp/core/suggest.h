/*
 * suggest: "did you mean" by edit distance.
 *
 * Used for commands and options (cli), statements, filters, types and
 * attributes (xs), and SDK method names (sdk). Pure functions, no
 * allocation, thread-safe.
 */
#ifndef XM_CORE_SUGGEST_H
#define XM_CORE_SUGGEST_H

#include <stddef.h>

/*
 * Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions), case-sensitive. Strings longer than 64 bytes are compared
 * on their first 64 bytes; the result is capped at 64.
 */
size_t xm_edit_distance(const char *a, const char *b);

/*
 * The candidate closest to word, or NULL when none is close enough: the
 * distance must be at most max(1, strlen(word) / 3), and a tie between two
 * best candidates yields NULL (an ambiguous guess helps no one).
 * candidates is an array of n strings; NULL entries are skipped.
 * Declared cold, like xm_diags_add(): it serves the paths that report.
 */
const char *xm_suggest(const char *word, const char *const *candidates, size_t n)
	__attribute__((cold));

/*
 * Same over an array of structs: candidates are read at
 * base + i * stride + offset as `const char *`. Lets callers search their
 * own tables (struct arrays with a name field) without copying names out.
 */
const char *xm_suggest_field(const char *word, const void *base, size_t n,
		size_t stride, size_t offset) __attribute__((cold));

#endif
