#include <stdbool.h>

#include "xano-mcp/core/scan.h"
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

/*
 * The portable loop, and the tail of the vector loop: in_word says whether
 * the byte before text was a WORD byte (a word that goes on is not a new
 * token).
 */
static size_t estimate_bytes(const unsigned char *p, size_t len, bool in_word)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned k = class_of[p[i]];
		n += (k == MARK) | (k == WORD && !in_word);
		in_word = k == WORD;
	}
	return n;
}

#if defined(__SSE2__)
/*
 * Both texts of every compile go through here, so 16 bytes are classified
 * at once (SSE2 is part of x86-64): the same classes as class_of[], by
 * compares. Bytes 0x80 and up are negative as signed bytes, which is what
 * keeps them out of the ASCII ranges. Every lane adds 1 for a MARK byte or
 * for a WORD byte whose left neighbour is not one (the start of a word);
 * the lanes are summed before they can overflow.
 */
static size_t estimate_sse2(const unsigned char *p, size_t len)
{
	const __m128i zero = _mm_setzero_si128();
	size_t n = 0, i = 0;
	__m128i prev_word = zero, acc = zero;
	unsigned rounds = 0;
	for (; len - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i word = xm_scan_word16(v);
		/* 0x21..0x7e, or 0xc0..0xff (-64..-1 as signed bytes). */
		__m128i visible = _mm_or_si128(
			_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
				_mm_cmplt_epi8(v, _mm_set1_epi8(0x7f))),
			_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-65)),
				_mm_cmplt_epi8(v, zero)));
		__m128i mark = _mm_andnot_si128(word, visible);
		/* Each lane's left neighbour: this chunk shifted by one byte,
		 * with the last byte of the previous chunk in lane 0. */
		__m128i left = _mm_or_si128(_mm_slli_si128(word, 1), _mm_srli_si128(prev_word, 15));
		__m128i start = _mm_andnot_si128(left, word);
		acc = _mm_sub_epi8(acc, _mm_or_si128(mark, start));
		prev_word = word;
		if (++rounds == 255) {
			__m128i sums = _mm_sad_epu8(acc, zero);
			n += (size_t)_mm_cvtsi128_si32(sums) +
				(size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
			acc = zero;
			rounds = 0;
		}
	}
	__m128i sums = _mm_sad_epu8(acc, zero);
	n += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
	bool in_word = i > 0 && class_of[p[i - 1]] == WORD;
	return n + estimate_bytes(p + i, len - i, in_word);
}
#endif

size_t xm_sdk_estimate_tokens(const char *text, size_t len)
{
#if defined(__SSE2__)
	return estimate_sse2((const unsigned char *)text, len);
#else
	return estimate_bytes((const unsigned char *)text, len, false);
#endif
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
