/*
 * scan: finding the next of a few bytes in a text, for the loops that run
 * over every string of the code (the repair pass, the SDK lexer).
 *
 * xm_scan_any4() is memchr() for any of four bytes: 16 bytes at a time with
 * SSE2 (part of x86-64), a byte loop elsewhere and for the tail. Inline:
 * most strings are shorter than 16 bytes, and a call would cost as much as
 * the scan. Pure; thread-safe.
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

#endif
