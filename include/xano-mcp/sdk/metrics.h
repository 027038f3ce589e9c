/*
 * sdk/metrics: sizes of the SDK code and of the XanoScript it became.
 *
 * Token counts are an estimate, not any model's tokenizer: a run of ASCII
 * letters, digits and `_` counts as one token, every other visible
 * character (punctuation, each non-ASCII character) as one, white space and
 * control characters as none. The same estimate is applied to both texts, so the comparison is
 * fair even though the absolute numbers are approximate. Pure, thread-safe.
 */
#ifndef XM_SDK_METRICS_H
#define XM_SDK_METRICS_H

#include <stddef.h>

struct xm_sdk_metrics {
	size_t sdk_bytes;
	size_t xs_bytes;
	size_t sdk_tokens;
	size_t xs_tokens;
	/* xs_tokens - sdk_tokens: the tokens an assistant did not have to
	 * write (negative when the SDK code was longer). */
	long tokens_saved;
	/* tokens_saved / xs_tokens * 100, 0 when xs_tokens is 0. */
	double percent_saved;
};

size_t xm_sdk_estimate_tokens(const char *text, size_t len);

void xm_sdk_metrics_compute(struct xm_sdk_metrics *m, const char *sdk, size_t sdk_len,
		const char *xs, size_t xs_len);

#endif
