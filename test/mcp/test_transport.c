#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "xano-mcp/mcp/transport.h"

/* A transport reading what `input` holds, written all at once then closed. */
static struct xm_transport *feed(const char *input, size_t len, size_t max_line, int *out)
{
	int in[2], o[2];
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(o), 0);
	/* Write from a child so inputs larger than the pipe buffer work. */
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(in[0]);
		size_t off = 0;
		while (off < len) {
			/* odd chunk sizes: lines arrive split across reads */
			size_t n = len - off < 7777 ? len - off : 7777;
			ssize_t w = write(in[1], input + off, n);
			if (w <= 0) {
				_exit(1);
			}
			off += (size_t)w;
		}
		_exit(0);
	}
	close(in[1]);
	*out = o[0];
	return xm_transport_create(in[0], o[1], max_line);
}

/* The next read returns status (anything but a line). */
static void expect_status(struct xm_transport *t, enum xm_transport_status status)
{
	const char *line;
	size_t len;
	ck_assert_int_eq(xm_transport_read(t, &line, &len), status);
}

static void expect_line(struct xm_transport *t, const char *want)
{
	const char *line;
	size_t len;
	ck_assert_int_eq(xm_transport_read(t, &line, &len), XM_TRANSPORT_LINE);
	ck_assert_str_eq(line, want);
	ck_assert_uint_eq(len, strlen(want));
}

START_TEST(splits_lines_and_skips_blanks)
{
	const char input[] = "a\r\n\n  \r\nb\n\tc\nlast";
	int out;
	struct xm_transport *t = feed(input, sizeof(input) - 1, 100, &out);
	expect_line(t, "a");
	expect_line(t, "b");
	expect_line(t, "\tc");
	expect_line(t, "last");
	expect_status(t, XM_TRANSPORT_EOF);
	expect_status(t, XM_TRANSPORT_EOF);
	xm_transport_destroy(t);
	close(out);
}
END_TEST

START_TEST(long_lines_are_skipped_whole)
{
	/* 3 MiB line with the cap at 1 MiB, between two short ones */
	size_t big = 3u << 20;
	char *input = malloc(big + 32);
	strcpy(input, "first\n");
	size_t n = strlen(input);
	memset(input + n, 'x', big);
	n += big;
	strcpy(input + n, "\nsecond\n");
	n += strlen("\nsecond\n");
	int out;
	struct xm_transport *t = feed(input, n, 1u << 20, &out);
	expect_line(t, "first");
	expect_status(t, XM_TRANSPORT_TOO_LONG);
	expect_line(t, "second");
	expect_status(t, XM_TRANSPORT_EOF);
	xm_transport_destroy(t);
	close(out);
	free(input);
}
END_TEST

START_TEST(line_at_the_cap_is_kept)
{
	char input[32];
	memset(input, 'y', 10);
	strcpy(input + 10, "\r\n");
	memset(input + 12, 'z', 11);
	strcpy(input + 23, "\n");
	int out;
	struct xm_transport *t = feed(input, strlen(input), 10, &out);
	expect_line(t, "yyyyyyyyyy");
	expect_status(t, XM_TRANSPORT_TOO_LONG);
	expect_status(t, XM_TRANSPORT_EOF);
	xm_transport_destroy(t);
	close(out);
}
END_TEST

START_TEST(unterminated_long_line_at_eof)
{
	char input[64];
	memset(input, 'q', 50);
	int out;
	struct xm_transport *t = feed(input, 50, 10, &out);
	expect_status(t, XM_TRANSPORT_TOO_LONG);
	expect_status(t, XM_TRANSPORT_EOF);
	xm_transport_destroy(t);
	close(out);
}
END_TEST

static char *drain(int fd)
{
	char *buf = malloc(1 << 16);
	size_t n = 0;
	ssize_t r;
	while ((r = read(fd, buf + n, (1 << 16) - 1 - n)) > 0) {
		n += (size_t)r;
	}
	buf[n] = '\0';
	return buf;
}

START_TEST(sends_whole_lines_and_cork_batches)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	struct xm_transport *t = xm_transport_create(-1, p[1], 100);
	ck_assert(xm_transport_send(t, "{\"a\":1}", 7));
	xm_transport_cork(t);
	ck_assert(xm_transport_send(t, "{\"b\":2}", 7));
	ck_assert(xm_transport_send(t, "{\"c\":3}", 7));
	/* corked: nothing written yet */
	ck_assert_int_eq(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	char tmp[64];
	ssize_t r = read(p[0], tmp, sizeof(tmp));
	ck_assert_int_eq(r, 8);
	ck_assert(xm_transport_flush(t));
	xm_transport_destroy(t);
	close(p[1]);
	ck_assert_int_eq(fcntl(p[0], F_SETFL, 0), 0);
	char *rest = drain(p[0]);
	ck_assert_str_eq(rest, "{\"b\":2}\n{\"c\":3}\n");
	free(rest);
	close(p[0]);
}
END_TEST

START_TEST(a_vanished_reader_fails_sends)
{
	signal(SIGPIPE, SIG_IGN);
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	close(p[0]);
	struct xm_transport *t = xm_transport_create(-1, p[1], 100);
	ck_assert(xm_transport_alive(t));
	ck_assert(!xm_transport_send(t, "{}", 2));
	ck_assert(!xm_transport_alive(t));
	ck_assert(!xm_transport_send(t, "{}", 2));
	xm_transport_destroy(t);
	close(p[1]);
}
END_TEST

START_TEST(a_gone_client_ends_the_read)
{
	signal(SIGPIPE, SIG_IGN);
	int in[2], out[2];
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	close(out[0]);
	/* stdin stays open and silent: without the check, read would block */
	struct xm_transport *t = xm_transport_create(in[0], out[1], 100);
	xm_transport_cork(t);
	xm_transport_send(t, "{}", 2);
	expect_status(t, XM_TRANSPORT_EOF);
	xm_transport_destroy(t);
	close(in[0]);
	close(in[1]);
	close(out[1]);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("transport");
	TCase *tc = tcase_create("transport");
	tcase_add_test(tc, splits_lines_and_skips_blanks);
	tcase_add_test(tc, long_lines_are_skipped_whole);
	tcase_add_test(tc, line_at_the_cap_is_kept);
	tcase_add_test(tc, unterminated_long_line_at_eof);
	tcase_add_test(tc, sends_whole_lines_and_cork_batches);
	tcase_add_test(tc, a_vanished_reader_fails_sends);
	tcase_add_test(tc, a_gone_client_ends_the_read);
	suite_add_tcase(s, tc);
	return s;
}
