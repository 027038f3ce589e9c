#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/scan.h"

/* The definition, a byte at a time. */
static size_t reference(const char *s, size_t from, size_t len, const char *set)
{
	for (size_t k = from; k < len; k++) {
		if (memchr(set, s[k], 4)) {
			return k;
		}
	}
	return len;
}

/* Every length and start up to 70 bytes, with the byte sought at every
 * place, so that the 16-byte steps, their tails and a hit in each lane are
 * all met; the text sits at every alignment, and a byte just past its end
 * that would match must not be found. */
START_TEST(any4_matches_definition)
{
	static const char set[4] = {'\\', '\n', '\'', (char)0xe2};
	char buf[96];
	for (size_t align = 0; align < 8; align++) {
		char *s = buf + align;
		for (size_t len = 0; len <= 70; len++) {
			for (size_t hit = 0; hit <= len; hit++) {
				memset(buf, 'a', sizeof(buf));
				for (size_t i = 0; i < len; i++) {
					s[i] = (char)(0x80 + (i * 7) % 0x60); /* high bytes, none sought */
				}
				if (hit < len) {
					s[hit] = set[hit % 4];
				}
				s[len + 1] = '\\'; /* past the end: found by an overread */
				for (size_t from = 0; from <= len; from += 3) {
					size_t got = xm_scan_any4(s, from, len, set[0], set[1], set[2], set[3]);
					ck_assert_uint_eq(got, reference(s, from, len, set));
				}
			}
		}
	}
}
END_TEST

static bool is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_';
}

/* Every byte value as the one that ends a run of name bytes, at every
 * place of texts up to 40 bytes, from every start; a name byte just past
 * the end must not extend the run. */
START_TEST(word_end_matches_definition)
{
	static const char word[] = "azAZ09_mQ";
	char buf[64];
	for (unsigned stop = 0; stop < 256; stop++) {
		for (size_t len = 0; len <= 40; len++) {
			for (size_t at = 0; at <= len; at += 5) {
				for (size_t i = 0; i < sizeof(buf); i++) {
					buf[i] = word[i % (sizeof(word) - 1)];
				}
				if (at < len) {
					buf[at] = (char)stop;
				}
				for (size_t from = 0; from <= len; from += 7) {
					size_t want = from;
					while (want < len && is_word((unsigned char)buf[want])) {
						want++;
					}
					ck_assert_uint_eq(xm_scan_word_end(buf, from, len), want);
				}
			}
		}
	}
}
END_TEST

/* Two sought bytes: the first wins. */
START_TEST(any4_first_of_several)
{
	const char *s = "0123456789abcdef0123456789\"abc'def";
	ck_assert_uint_eq(xm_scan_any4(s, 0, strlen(s), '\'', '"', '\n', '\\'), 26);
	ck_assert_uint_eq(xm_scan_any4(s, 27, strlen(s), '\'', '"', '\n', '\\'), 30);
	ck_assert_uint_eq(xm_scan_any4(s, 31, strlen(s), '\'', '"', '\n', '\\'), strlen(s));
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-scan");
	TCase *tc = tcase_create("any4");
	tcase_add_test(tc, any4_matches_definition);
	tcase_add_test(tc, any4_first_of_several);
	tcase_add_test(tc, word_end_matches_definition);
	suite_add_tcase(s, tc);
	return s;
}
