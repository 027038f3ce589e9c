#include <stdbool.h>

#include "xano-mcp/sdk/metrics.h"

/* Bytes that make up words: ASCII letters, digits and `_`. */
static const unsigned char word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
};

size_t xm_sdk_estimate_tokens(const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0;
	bool in_word = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (word_byte[c]) {
			n += !in_word;
			in_word = true;
		} else {
			in_word = false;
			/* A visible character; UTF-8 continuation bytes belong to
			 * the character they continue. */
			n += c > ' ' && c != 0x7f && (c & 0xc0) != 0x80;
		}
	}
	return n;
}

void xm_sdk_metrics_compute(struct xm_sdk_metrics *m, const char *sdk, size_t sdk_len,
		const char *xs, size_t xs_len)
{
	m->sdk_bytes = sdk_len;
	m->xs_bytes = xs_len;
	m->sdk_tokens = xm_sdk_estimate_tokens(sdk, sdk_len);
	m->xs_tokens = xm_sdk_estimate_tokens(xs, xs_len);
	m->tokens_saved = (long)m->xs_tokens - (long)m->sdk_tokens;
	m->percent_saved = m->xs_tokens ? 100.0 * (double)m->tokens_saved /
		(double)m->xs_tokens : 0.0;
}
