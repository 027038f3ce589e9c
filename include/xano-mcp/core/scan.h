/*
 * scan: finding the next of a few bytes in a text, for the loops that run
 * over every string of the code (the repair pass, the SDK lexer).
 *
 * xm_scan_any4() is memchr() for any of four bytes, xm_scan_word_end() finds
 * where a run of name bytes ends: 16 bytes at a time with SSE2 (part of
 * x86-64), a byte loop elsewhere and for the tail. Inline: most strings and
 * names are shorter than 16 bytes, and a call would cost as much as the
 * scan. Pure; thread-safe.
 */
#ifndef XM_CORE_SCAN_H
#define XM_CORE_SCAN_H

#include <stddef.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The offset of the first of the bytes a, b, c, d in s[from, len), or len. */
static inline size_t xm_scan_any4(const char *s, size_t from, size_t len, char a, char b,
		char c, char d)
{
	size_t k = from;
#if defined(__SSE2__)
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c),
		vd = _mm_set1_epi8(d);
	for (; len - k >= 16; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
			_mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);
		if (m) {
			return k + (unsigned)__builtin_ctz(m);
		}
	}
#endif
	for (; k < len; k++) {
		char x = s[k];
		if (x == a || x == b || x == c || x == d) {
			break;
		}
	}
	return k;
}

#if defined(__SSE2__)
/* The lanes of v that hold an ASCII letter, digit or `_` (all ones), the
 * others zero. Bytes 0x80 and up are negative as signed bytes, outside
 * every range. */
static inline __m128i xm_scan_word16(__m128i v)
{
	__m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
		_mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
		_mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
	return _mm_or_si128(_mm_or_si128(digit, letter), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
}
#endif

/* The end of the run of ASCII letters, digits and `_` in s[from, len). */
static inline size_t xm_scan_word_end(const char *s, size_t from, size_t len)
{
	size_t k = from;
#if defined(__SSE2__)
	for (; len - k >= 16; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
		unsigned other = ~(unsigned)_mm_movemask_epi8(xm_scan_word16(v)) & 0xffffu;
		if (other) {
			return k + (unsigned)__builtin_ctz(other);
		}
	}
#endif
	for (; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if (!((unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)(c - '0') < 10 ||
				c == '_')) {
			break;
		}
	}
	return k;
}

#endif
