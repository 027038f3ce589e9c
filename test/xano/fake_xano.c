#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fake_xano.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/xalloc.h"

/* node takes well under a second to start; a loaded CI machine, longer. */
#define START_TIMEOUT_MS 20000

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static bool cloexec(int fd)
{
	return fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

/* The command line, malloc'd: node, the script, extra_args. Built before
 * fork() so that the child, which may be the copy of a threaded process,
 * calls nothing but async-signal-safe functions. */
static char **command_line(const char *node, const char *const *extra_args)
{
	const char *root = getenv("XM_SOURCE_ROOT");
	struct xm_buf script = XM_BUF_INIT;
	xm_buf_addf(&script, "%s/test/xano/fake-xano.mjs", root ? root : ".");
	size_t n = 0;
	while (extra_args && extra_args[n]) {
		n++;
	}
	char **argv = xm_calloc(n + 3, sizeof(*argv));
	argv[0] = xm_strdup(node);
	argv[1] = xm_buf_steal(&script);
	for (size_t i = 0; i < n; i++) {
		argv[i + 2] = xm_strdup(extra_args[i]);
	}
	return argv;
}

static void free_command_line(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++) {
		free(argv[i]);
	}
	free(argv);
}

/* Why the server gave no origin line, for the test's log. */
static void explain_failure(struct xm_fake_xano *f, const char *node, int ready)
{
	int status = 0;
	if (ready == 0) {
		fprintf(stderr, "fake_xano: no origin line from the fake Xano server within "
			"%d s\n", START_TIMEOUT_MS / 1000);
	} else if (waitpid(f->pid, &status, 0) == f->pid && WIFEXITED(status) &&
			WEXITSTATUS(status) == 127) {
		fprintf(stderr, "fake_xano: cannot run %s: install nodejs (18 or newer), or set "
			"XM_NODE to node's path\n", node);
	} else {
		fprintf(stderr, "fake_xano: the fake Xano server exited before it started "
			"(its messages are above; node 18 or newer is needed)\n");
	}
	if (ready != 0) {
		f->pid = 0; /* reaped */
	}
}

bool xm_fake_xano_start(struct xm_fake_xano *f, const char *const *extra_args)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 };
	bool ok = false;
	char *line = NULL;
	size_t cap = 0;
	const char *node = getenv("XM_NODE");
	if (!node || !*node) {
		node = "node";
	}
	char **argv = command_line(node, extra_args);

	memset(f, 0, sizeof(*f));
	f->to_fd = -1;
	/* A write to a server that died must fail, not kill the test. */
	signal(SIGPIPE, SIG_IGN);
	if (pipe(in) != 0 || pipe(out) != 0 || !cloexec(in[1]) || !cloexec(out[0])) {
		fprintf(stderr, "fake_xano: pipe: %s\n", strerror(errno));
		goto out;
	}
	fflush(NULL);
	f->pid = fork();
	if (f->pid < 0) {
		fprintf(stderr, "fake_xano: fork: %s\n", strerror(errno));
		f->pid = 0;
		goto out;
	}
	if (f->pid == 0) {
		if (dup2(in[0], STDIN_FILENO) >= 0 && dup2(out[1], STDOUT_FILENO) >= 0) {
			execvp(argv[0], argv);
		}
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	in[0] = out[1] = -1;
	f->to_fd = in[1];
	in[1] = -1;
	f->from = fdopen(out[0], "r");
	if (!f->from) {
		fprintf(stderr, "fake_xano: fdopen: %s\n", strerror(errno));
		goto out;
	}
	out[0] = -1;

	/* Nothing is buffered yet, so poll() on the descriptor tells the truth. */
	struct pollfd pfd = { .fd = fileno(f->from), .events = POLLIN };
	int ready = poll(&pfd, 1, START_TIMEOUT_MS);
	ssize_t len = ready > 0 ? getline(&line, &cap, f->from) : -1;
	if (len <= 0) {
		explain_failure(f, node, ready);
		goto out;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, "http://127.0.0.1:", 17) != 0 || strlen(line) >= sizeof(f->origin)) {
		fprintf(stderr, "fake_xano: unexpected first line from the server: %.80s\n", line);
		goto out;
	}
	strcpy(f->origin, line);
	ok = true;
out:
	free(line);
	free_command_line(argv);
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0) {
			close(in[i]);
		}
		if (out[i] >= 0) {
			close(out[i]);
		}
	}
	if (!ok) {
		xm_fake_xano_stop(f);
	}
	return ok;
}

bool xm_fake_xano_command(struct xm_fake_xano *f, const char *json_line, char **answer)
{
	bool ok = false;
	char *line = NULL;
	size_t cap = 0;
	struct xm_buf msg = XM_BUF_INIT;

	if (answer) {
		*answer = NULL;
	}
	if (!f->from || f->to_fd < 0) {
		fprintf(stderr, "fake_xano: the server is not running\n");
		goto out;
	}
	xm_buf_addf(&msg, "%s\n", json_line);
	for (size_t done = 0; done < msg.len;) {
		ssize_t n = write(f->to_fd, msg.data + done, msg.len - done);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			fprintf(stderr, "fake_xano: writing a command: %s\n", strerror(errno));
			goto out;
		}
		done += (size_t)n;
	}
	ssize_t len = getline(&line, &cap, f->from);
	if (len <= 0) {
		fprintf(stderr, "fake_xano: no answer to %.80s (the server exited?)\n", json_line);
		goto out;
	}
	line[strcspn(line, "\r\n")] = '\0';
	ok = strncmp(line, "{\"ok\":true", 10) == 0;
	if (!ok) {
		fprintf(stderr, "fake_xano: %.80s -> %.300s\n", json_line, line);
	}
	if (answer) {
		*answer = line;
		line = NULL;
	}
out:
	free(line);
	xm_buf_finish(&msg);
	return ok;
}

void xm_fake_xano_stop(struct xm_fake_xano *f)
{
	if (!f) {
		return;
	}
	/* A zeroed struct has to_fd 0: never close the test's stdin. */
	if (f->to_fd > STDERR_FILENO) {
		close(f->to_fd);
		f->to_fd = -1;
	}
	if (f->from) {
		fclose(f->from);
		f->from = NULL;
	}
	if (f->pid > 0) {
		int status;
		pid_t got = 0;
		for (int waited = 0; waited < 5000 && got == 0; waited += 10) {
			got = waitpid(f->pid, &status, WNOHANG);
			if (got == 0) {
				sleep_ms(10);
			}
		}
		if (got == 0) {
			kill(f->pid, SIGKILL);
			waitpid(f->pid, &status, 0);
		}
		f->pid = 0;
	}
}
