#include "xano-mcp/sdk/metrics.h"

/*
 * What each byte counts for: WORD bytes (ASCII letters, digits, `_`) make up
 * words, a run of them is one token; every other visible character is a
 * token (MARK: ASCII punctuation, and the first byte of a UTF-8 sequence,
 * 0xc0..0xff); spaces, control bytes and UTF-8 continuation bytes
 * (0x80..0xbf) count for nothing.
 */
enum { NONE = 0, WORD = 1, MARK = 2 };

static const unsigned char class_of[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, /* 0x30 */
	2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1, /* 0x50 */
	2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 0, /* 0x70 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x80 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x90 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xa0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0xb0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xc0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xd0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xe0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xf0 */
};

size_t xm_sdk_estimate_tokens(const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0, i = 0;
	while (i < len) {
		unsigned k = class_of[p[i++]];
		if (k == WORD) {
			n++;
			while (i < len && class_of[p[i]] == WORD) {
				i++;
			}
		} else {
			n += k == MARK;
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
