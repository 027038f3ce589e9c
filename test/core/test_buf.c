#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/buf.h"

START_TEST(empty_buffer_is_empty_string)
{
	struct xm_buf buf = XM_BUF_INIT;
	ck_assert_str_eq(xm_buf_str(&buf), "");
	char *s = xm_buf_steal(&buf);
	ck_assert_str_eq(s, "");
	free(s);
	xm_buf_finish(&buf);
	xm_buf_finish(NULL);
}
END_TEST

START_TEST(appends_grow_and_terminate)
{
	struct xm_buf buf = XM_BUF_INIT;
	for (int i = 0; i < 1000; i++) {
		xm_buf_addf(&buf, "%d,", i);
	}
	ck_assert_uint_eq(buf.len, strlen(buf.data));
	ck_assert(strncmp(buf.data, "0,1,2,", 6) == 0);
	xm_buf_reset(&buf);
	xm_buf_adds(&buf, "ab");
	xm_buf_addc(&buf, 'c');
	xm_buf_addn(&buf, ' ', 2);
	ck_assert_str_eq(buf.data, "abc  ");
	xm_buf_truncate(&buf, 1);
	ck_assert_str_eq(buf.data, "a");
	xm_buf_finish(&buf);
}
END_TEST

START_TEST(long_formatted_strings)
{
	struct xm_buf buf = XM_BUF_INIT;
	char big[5000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	xm_buf_addf(&buf, "<%s>", big);
	ck_assert_uint_eq(buf.len, sizeof(big) + 1);
	ck_assert_int_eq(buf.data[buf.len - 1], '>');
	xm_buf_wipe(&buf);
	ck_assert_ptr_null(buf.data);
}
END_TEST

START_TEST(embedded_nul_kept)
{
	struct xm_buf buf = XM_BUF_INIT;
	xm_buf_add(&buf, "a\0b", 3);
	ck_assert_uint_eq(buf.len, 3);
	ck_assert_int_eq(buf.data[2], 'b');
	xm_buf_finish(&buf);
}
END_TEST

START_TEST(arena_aligned_zeroed_and_big)
{
	struct xm_arena *arena = xm_arena_create();
	for (int i = 0; i < 10000; i++) {
		unsigned char *p = xm_arena_alloc(arena, (size_t)(i % 37) + 1);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		ck_assert_int_eq(p[0], 0);
		p[0] = 1;
	}
	char *big = xm_arena_alloc(arena, 1 << 20);
	big[(1 << 20) - 1] = 'z';
	ck_assert_str_eq(xm_arena_strndup(arena, "hello world", 5), "hello");
	ck_assert_uint_ge(xm_arena_used(arena), 1 << 20);
	xm_arena_destroy(arena);
	xm_arena_destroy(NULL);
}
END_TEST

START_TEST(arena_strings_packed_between_aligned_blocks)
{
	/* Strings take unpadded, unzeroed memory; the zeroed, aligned
	 * allocations around them must not notice. */
	struct xm_arena *arena = xm_arena_create();
	char *prev = NULL;
	for (int i = 0; i < 20000; i++) {
		char text[40];
		size_t n = (size_t)(i % 23);
		memset(text, 'a' + i % 26, n);
		char *s = xm_arena_strndup(arena, text, n);
		ck_assert_uint_eq(strlen(s), n);
		ck_assert_int_eq(memcmp(s, text, n), 0);
		if (i % 3 == 0) {
			unsigned char *p = xm_arena_alloc(arena, (size_t)(i % 41) + 1);
			ck_assert_uint_eq((uintptr_t)p % 16, 0);
			for (int k = 0; k < i % 41 + 1; k++) {
				ck_assert_int_eq(p[k], 0);
			}
			memset(p, 0xff, (size_t)(i % 41) + 1);
		}
		if (prev) {
			ck_assert_uint_eq(strlen(prev), (size_t)((i - 1) % 23));
		}
		prev = s;
	}
	xm_arena_destroy(arena);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-buf");
	TCase *tc = tcase_create("buf");
	tcase_add_test(tc, empty_buffer_is_empty_string);
	tcase_add_test(tc, appends_grow_and_terminate);
	tcase_add_test(tc, long_formatted_strings);
	tcase_add_test(tc, embedded_nul_kept);
	tcase_add_test(tc, arena_aligned_zeroed_and_big);
	tcase_add_test(tc, arena_strings_packed_between_aligned_blocks);
	suite_add_tcase(s, tc);
	return s;
}
