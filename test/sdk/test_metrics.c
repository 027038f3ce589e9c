#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "harness.h"
#include "xano-mcp/sdk/metrics.h"

/* The estimate as metrics.h states it, one byte at a time: what the
 * vector loop must agree with at every length and alignment. */
static size_t reference(const unsigned char *p, size_t len)
{
	size_t n = 0;
	bool in_word = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_';
		bool mark = !word && ((c > 0x20 && c < 0x7f) || c >= 0xc0);
		n += mark || (word && !in_word);
		in_word = word;
	}
	return n;
}

START_TEST(documented_examples)
{
	ck_assert_uint_eq(xm_sdk_estimate_tokens("", 0), 0);
	ck_assert_uint_eq(xm_sdk_estimate_tokens("db.get user_id", 14), 4);
	/* A word that crosses the 16-byte chunks is still one token. */
	ck_assert_uint_eq(xm_sdk_estimate_tokens("               abcdefgh", 23), 1);
	ck_assert_uint_eq(xm_sdk_estimate_tokens("abcdefghijklmnopqrstuvwxyz0123456789", 36), 1);
	/* é is one token (the lead byte), a space and DEL none. */
	ck_assert_uint_eq(xm_sdk_estimate_tokens("caf\xc3\xa9 \x7f!", 8), 3);
}
END_TEST

START_TEST(agrees_with_the_definition)
{
	/* Every byte value, in runs that favour words and at every length
	 * and start offset around the chunk size. */
	static unsigned char text[4096];
	unsigned seed = 12345;
	for (size_t i = 0; i < sizeof(text); i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 16;
		text[i] = (r & 3) ? (unsigned char)"aZ_9 .x\n"[(r >> 2) & 7] : (unsigned char)(r >> 4);
	}
	for (size_t off = 0; off < 17; off++) {
		for (size_t len = 0; len < 70; len++) {
			ck_assert_uint_eq(xm_sdk_estimate_tokens((const char *)text + off, len),
				reference(text + off, len));
		}
	}
	ck_assert_uint_eq(xm_sdk_estimate_tokens((const char *)text, sizeof(text)),
		reference(text, sizeof(text)));
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-metrics");
	TCase *tc = tcase_create("estimate");
	tcase_add_test(tc, documented_examples);
	tcase_add_test(tc, agrees_with_the_definition);
	suite_add_tcase(s, tc);
	return s;
}
