#include <stdbool.h>

#include "xano-mcp/sdk/metrics.h"

/* ASCII only, without the locale lookups of isalnum(). */
static bool is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_';
}

size_t xm_sdk_estimate_tokens(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80 && is_word(c)) {
			while (i < len && (unsigned char)text[i] < 0x80 &&
					is_word((unsigned char)text[i])) {
				i++;
			}
			n++;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
				c == '\v') {
			i++;
		} else {
			/* One character: skip UTF-8 continuation bytes. */
			i++;
			while (i < len && ((unsigned char)text[i] & 0xc0) == 0x80) {
				i++;
			}
			n++;
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
