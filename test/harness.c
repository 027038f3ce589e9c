/* nftw() is an XSI function. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/xalloc.h"

char *xm_test_source_path(const char *rel)
{
	const char *root = getenv("XM_SOURCE_ROOT");
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/%s", root ? root : ".", rel);
	return xm_buf_steal(&path);
}

char *xm_test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	struct xm_buf buf = XM_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		xm_buf_add(&buf, chunk, n);
	}
	fclose(f);
	if (len) {
		*len = buf.len;
	}
	return xm_buf_steal(&buf);
}

void xm_test_replay_dir(const char *rel_dir, bool (*property)(const char *data, size_t len),
		const char *what)
{
	char *dir_path = xm_test_source_path(rel_dir);
	DIR *dir = opendir(dir_path);
	ck_assert_msg(dir != NULL, "cannot open %s", dir_path);
	size_t files = 0, failures = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		if (e->d_name[0] == '.') {
			continue;
		}
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "%s/%s", dir_path, e->d_name);
		size_t len;
		char *data = xm_test_read_file(xm_buf_str(&path), &len);
		if (!property(data, len)) {
			fprintf(stderr, "%s: %s failed\n", e->d_name, what);
			failures++;
		}
		files++;
		free(data);
		xm_buf_finish(&path);
	}
	closedir(dir);
	free(dir_path);
	ck_assert_uint_gt(files, 0);
	ck_assert_uint_eq(failures, 0);
}

void xm_capture_init(struct xm_capture *cap)
{
	cap->data = NULL;
	cap->len = 0;
	cap->f = open_memstream(&cap->data, &cap->len);
	ck_assert_ptr_nonnull(cap->f);
}

const char *xm_capture_text(struct xm_capture *cap)
{
	fflush(cap->f);
	return cap->data ? cap->data : "";
}

void xm_capture_finish(struct xm_capture *cap)
{
	if (cap->f) {
		fclose(cap->f);
	}
	free(cap->data);
	cap->f = NULL;
	cap->data = NULL;
}

int main(void)
{
	SRunner *runner = srunner_create(xm_test_suite());
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

const char *xm_test_bin(void)
{
	const char *bin = getenv("XM_BIN");
	ck_assert_msg(bin && *bin, "XM_BIN is not set (run the tests through meson test)");
	return bin;
}

/* Drains both pipes together so neither child stream can fill and block. */
static void drain(int out_fd, int err_fd, struct xm_buf *out, struct xm_buf *err)
{
	struct pollfd fds[2] = {{.fd = out_fd, .events = POLLIN}, {.fd = err_fd, .events = POLLIN}};
	struct xm_buf *bufs[2] = {out, err};
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(fds, 2, -1) < 0) {
			ck_assert_msg(errno == EINTR, "poll: %s", strerror(errno));
			continue;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
				continue;
			}
			char chunk[4096];
			ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
			if (n > 0) {
				xm_buf_add(bufs[i], chunk, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
}

static void child(struct xm_run *run, const char *const *argv, int stdin_fd, int out_fd,
		int err_fd)
{
	for (size_t i = 0; run->env && run->env[i]; i++) {
		const char *eq = strchr(run->env[i], '=');
		if (eq) {
			char *name = xm_strndup(run->env[i], (size_t)(eq - run->env[i]));
			setenv(name, eq + 1, 1);
			free(name);
		} else {
			unsetenv(run->env[i]);
		}
	}
	if (run->cwd && chdir(run->cwd) != 0) {
		dprintf(err_fd, "cannot enter %s: %s\n", run->cwd, strerror(errno));
		_exit(127);
	}
	if (dup2(stdin_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
			dup2(err_fd, STDERR_FILENO) < 0) {
		_exit(127);
	}
	execv(argv[0], (char *const *)argv);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int xm_test_run(struct xm_run *run, const char *const *argv)
{
	int out_pipe[2], err_pipe[2], stdin_fd;
	if (run->stdin_text) {
		char path[] = "/tmp/xm-test-stdin-XXXXXX";
		stdin_fd = mkstemp(path);
		ck_assert_msg(stdin_fd >= 0, "mkstemp: %s", strerror(errno));
		unlink(path);
		size_t len = strlen(run->stdin_text);
		ck_assert(write(stdin_fd, run->stdin_text, len) == (ssize_t)len);
		lseek(stdin_fd, 0, SEEK_SET);
	} else {
		const char *path = run->stdin_path ? run->stdin_path : "/dev/null";
		stdin_fd = open(path, O_RDWR | O_NOCTTY);
		ck_assert_msg(stdin_fd >= 0, "%s: %s", path, strerror(errno));
	}
	ck_assert(pipe(out_pipe) == 0 && pipe(err_pipe) == 0);
	if (run->stdout_path) {
		/* The read end then sees EOF at once; the child writes to the file. */
		close(out_pipe[1]);
		out_pipe[1] = open(run->stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		ck_assert_msg(out_pipe[1] >= 0, "%s: %s", run->stdout_path, strerror(errno));
	}
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_msg(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		close(out_pipe[0]);
		close(err_pipe[0]);
		child(run, argv, stdin_fd, out_pipe[1], err_pipe[1]);
	}
	close(stdin_fd);
	close(out_pipe[1]);
	close(err_pipe[1]);
	struct xm_buf out = XM_BUF_INIT, err = XM_BUF_INIT;
	drain(out_pipe[0], err_pipe[0], &out, &err);
	int wstatus;
	while (waitpid(pid, &wstatus, 0) < 0) {
		ck_assert_msg(errno == EINTR, "waitpid: %s", strerror(errno));
	}
	run->out = xm_buf_steal(&out);
	run->err = xm_buf_steal(&err);
	run->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	return run->status;
}

void xm_run_finish(struct xm_run *run)
{
	free(run->out);
	free(run->err);
	run->out = NULL;
	run->err = NULL;
}

char *xm_test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/xm-test-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_msg(mkdtemp(path.data) != NULL, "mkdtemp: %s", strerror(errno));
	return xm_buf_steal(&path);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void xm_test_rmtree(const char *dir)
{
	if (dir) {
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	}
}
