#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/fileio.h"

static char *tmp;

static void setup(void)
{
	tmp = xm_test_tmpdir();
}

static void teardown(void)
{
	xm_test_rmtree(tmp);
	free(tmp);
	tmp = NULL;
}

static char *path_in_tmp(const char *name)
{
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/%s", tmp, name);
	return xm_buf_steal(&path);
}

START_TEST(write_then_read_round_trip)
{
	char *path = path_in_tmp("out.txt");
	struct xm_error err = XM_ERROR_INIT;
	static const char data[] = "line one\n\0binary\n";
	ck_assert_msg(xm_file_write_atomic(path, data, sizeof(data) - 1, XM_FILE_PUBLIC, &err),
		"%s", err.message);

	struct xm_buf in = XM_BUF_INIT;
	xm_buf_adds(&in, "kept:");
	ck_assert_msg(xm_file_read(path, 1024, &in, &err), "%s", err.message);
	ck_assert_uint_eq(in.len, 5 + sizeof(data) - 1);
	ck_assert_mem_eq(in.data, "kept:", 5);
	ck_assert_mem_eq(in.data + 5, data, sizeof(data) - 1);
	ck_assert_int_eq(in.data[in.len], '\0');
	xm_buf_finish(&in);
	free(path);
}
END_TEST

START_TEST(modes_are_exact)
{
	char *secret = path_in_tmp("token"), *public = path_in_tmp("app.xs");
	struct xm_error err = XM_ERROR_INIT;
	mode_t old = umask(0);
	ck_assert(xm_file_write_atomic(secret, "s3cret", 6, XM_FILE_PRIVATE, &err));
	umask(077);
	ck_assert(xm_file_write_atomic(public, "x", 1, XM_FILE_PUBLIC, &err));
	umask(old);
	struct stat st;
	ck_assert_int_eq(stat(secret, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(stat(public, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	free(secret);
	free(public);
}
END_TEST

START_TEST(replace_leaves_no_temporary_files)
{
	char *path = path_in_tmp("config");
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(xm_file_write_atomic(path, "old", 3, XM_FILE_PUBLIC, &err));
	ck_assert(xm_file_write_atomic(path, "new!", 4, XM_FILE_PUBLIC, &err));
	struct xm_buf in = XM_BUF_INIT;
	ck_assert(xm_file_read(path, 100, &in, &err));
	ck_assert_str_eq(xm_buf_str(&in), "new!");
	xm_buf_finish(&in);

	/* Only the target is left in the directory. */
	struct xm_run run = {0};
	xm_test_run(&run, (const char *const[]){"/bin/ls", "-A", tmp, NULL});
	ck_assert_str_eq(run.out, "config\n");
	xm_run_finish(&run);
	free(path);
}
END_TEST

START_TEST(write_failure_is_reported_and_cleaned_up)
{
	char *path = path_in_tmp("missing-dir/file");
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(!xm_file_write_atomic(path, "x", 1, XM_FILE_PUBLIC, &err));
	ck_assert_msg(strstr(err.message, "missing-dir/file: cannot create a temporary file: "
		"No such file or directory") != NULL, "%s", err.message);
	free(path);
}
END_TEST

START_TEST(size_cap_is_exact)
{
	char *path = path_in_tmp("ten");
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(xm_file_write_atomic(path, "0123456789", 10, XM_FILE_PUBLIC, &err));
	struct xm_buf in = XM_BUF_INIT;
	ck_assert_msg(xm_file_read(path, 10, &in, &err), "%s", err.message);
	ck_assert_uint_eq(in.len, 10);
	xm_buf_reset(&in);
	ck_assert(!xm_file_read(path, 9, &in, &err));
	ck_assert_msg(strstr(err.message, "ten: file is too large (10 bytes, the limit is 9)"),
		"%s", err.message);
	ck_assert_uint_eq(in.len, 0);
	xm_buf_finish(&in);
	free(path);
}
END_TEST

/* A pipe has no size up front: the cap must hold while reading. */
START_TEST(size_cap_holds_on_pipes)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], "abcdefgh", 8), 8);
	close(fds[1]);
	struct xm_buf in = XM_BUF_INIT;
	xm_buf_adds(&in, "keep");
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(!xm_file_read_fd(fds[0], "<stdin>", 5, &in, &err));
	ck_assert_str_eq(err.message, "<stdin>: input is larger than the limit of 5 bytes");
	/* What was there before is untouched. */
	ck_assert_str_eq(xm_buf_str(&in), "keep");
	close(fds[0]);
	xm_buf_finish(&in);
}
END_TEST

START_TEST(stdin_is_dash)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], "from stdin", 10), 10);
	close(fds[1]);
	int saved = dup(STDIN_FILENO);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	struct xm_buf in = XM_BUF_INIT;
	struct xm_error err = XM_ERROR_INIT;
	bool ok = xm_file_read("-", 100, &in, &err);
	dup2(saved, STDIN_FILENO);
	close(saved);
	ck_assert_msg(ok, "%s", err.message);
	ck_assert_str_eq(xm_buf_str(&in), "from stdin");
	xm_buf_finish(&in);
}
END_TEST

START_TEST(empty_file_reads_as_empty_string)
{
	char *path = path_in_tmp("empty");
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(xm_file_write_atomic(path, "", 0, XM_FILE_PUBLIC, &err));
	struct xm_buf in = XM_BUF_INIT;
	ck_assert(xm_file_read(path, 10, &in, &err));
	ck_assert_uint_eq(in.len, 0);
	ck_assert_str_eq(xm_buf_str(&in), "");
	xm_buf_finish(&in);
	free(path);
}
END_TEST

START_TEST(read_errors_name_the_file)
{
	struct xm_buf in = XM_BUF_INIT;
	struct xm_error err = XM_ERROR_INIT;
	char *missing = path_in_tmp("nope.js");
	ck_assert(!xm_file_read(missing, 10, &in, &err));
	ck_assert_int_eq(err.errnum, ENOENT);
	ck_assert_msg(strstr(err.message, "nope.js: No such file or directory"), "%s",
		err.message);
	ck_assert(!xm_file_read(tmp, 10, &in, &err));
	ck_assert_msg(strstr(err.message, ": is a directory"), "%s", err.message);

	/* A failing first read leaves an empty, terminated buffer. */
	int fd = open("/dev/null", O_WRONLY);
	ck_assert(!xm_file_read_fd(fd, "out-only", 10, &in, &err));
	close(fd);
	ck_assert_str_eq(err.message, "out-only: Bad file descriptor");
	ck_assert_uint_eq(in.len, 0);
	ck_assert_str_eq(xm_buf_str(&in), "");
	xm_buf_finish(&in);
	free(missing);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-fileio");
	TCase *tc = tcase_create("fileio");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_then_read_round_trip);
	tcase_add_test(tc, modes_are_exact);
	tcase_add_test(tc, replace_leaves_no_temporary_files);
	tcase_add_test(tc, write_failure_is_reported_and_cleaned_up);
	tcase_add_test(tc, size_cap_is_exact);
	tcase_add_test(tc, size_cap_holds_on_pipes);
	tcase_add_test(tc, stdin_is_dash);
	tcase_add_test(tc, empty_file_reads_as_empty_string);
	tcase_add_test(tc, read_errors_name_the_file);
	suite_add_tcase(s, tc);
	return s;
}
