/*
 * xm-bench: times an MCP stdio server from the outside, the way a client
 * sees it. For each run it spawns the server and measures:
 *   - spawn to initialize response (includes exec and dynamic loading),
 *   - a tools/list round trip after the handshake,
 *   - exit after EOF (stdin closed to process reaped),
 * then, once: peak RSS (wait4) over a 100-call session (lists, reads and
 * calls of xano-mcp's validate_xanoscript and compile_sdk_code), and pipelined
 * pings per second (all requests written by one thread while another
 * reads the answers).
 *
 * Usage: xm-bench [-n RUNS] [-p PINGS] NAME COMMAND [ARGS...]
 * Prints one line per metric: median, p10 and p90 over the runs.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct server {
	pid_t pid;
	int to;   /* its stdin */
	int from; /* its stdout */
	char buf[1 << 16];
	size_t len, start;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "xm-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void spawn_server(struct server *s, char **argv)
{
	int in[2], out[2];
	if (pipe(in) || pipe(out)) {
		die("pipe");
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	if (posix_spawnp(&s->pid, argv[0], &fa, NULL, argv, environ) != 0) {
		die(argv[0]);
	}
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	s->to = in[1];
	s->from = out[0];
	s->len = s->start = 0;
}

static void send_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			die("write");
		}
		data += n;
		len -= (size_t)n;
	}
}

/* Reads one line (dropped); returns 0 at EOF. */
static int read_line(struct server *s)
{
	for (;;) {
		char *nl = memchr(s->buf + s->start, '\n', s->len - s->start);
		if (nl) {
			s->start = (size_t)(nl - s->buf) + 1;
			return 1;
		}
		if (s->start > 0) {
			memmove(s->buf, s->buf + s->start, s->len - s->start);
			s->len -= s->start;
			s->start = 0;
		}
		if (s->len == sizeof(s->buf)) {
			s->len = 0; /* a line longer than the buffer: skip ahead */
		}
		ssize_t n = read(s->from, s->buf + s->len, sizeof(s->buf) - s->len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return 0;
		}
		s->len += (size_t)n;
	}
}

static void request(struct server *s, const char *line)
{
	send_all(s->to, line, strlen(line));
	if (!read_line(s)) {
		fprintf(stderr, "xm-bench: the server closed its stdout\n");
		exit(1);
	}
}

static const char *initialize_line = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
	"\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
	"\"clientInfo\":{\"name\":\"xm-bench\",\"version\":\"1\"}}}\n"
	"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

/* Closes stdin, reaps the server; returns ms from EOF to exit. */
static double finish(struct server *s, struct rusage *ru)
{
	double t0 = now_ms();
	close(s->to);
	int status;
	struct rusage local;
	while (wait4(s->pid, &status, 0, ru ? ru : &local) < 0) {
		if (errno != EINTR) {
			die("wait4");
		}
	}
	double t = now_ms() - t0;
	close(s->from);
	return t;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *name, const char *metric, double *v, int n, const char *unit)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	printf("%-12s %-28s median %9.3f %s  p10 %9.3f  p90 %9.3f  (n=%d)\n", name, metric,
			v[n / 2], unit, v[n / 10], v[(n * 9) / 10], n);
}

struct pinger {
	int fd;
	long count;
};

static void *write_pings(void *arg)
{
	struct pinger *p = arg;
	char chunk[1 << 16];
	size_t len = 0;
	for (long i = 0; i < p->count; i++) {
		int n = snprintf(chunk + len, sizeof(chunk) - len,
				"{\"jsonrpc\":\"2.0\",\"id\":%ld,\"method\":\"ping\"}\n", i + 1);
		len += (size_t)n;
		if (sizeof(chunk) - len < 128 || i + 1 == p->count) {
			send_all(p->fd, chunk, len);
			len = 0;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int runs = 50;
	long pings = 200000;
	int c;
	while ((c = getopt(argc, argv, "+n:p:")) != -1) {
		switch (c) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'p':
			pings = atol(optarg);
			break;
		default:
			return 2;
		}
	}
	if (argc - optind < 2 || runs < 1) {
		fprintf(stderr, "usage: xm-bench [-n RUNS] [-p PINGS] NAME COMMAND [ARGS...]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	const char *name = argv[optind];
	char **cmd = argv + optind + 1;

	double *init = calloc((size_t)runs, sizeof(double));
	double *list = calloc((size_t)runs, sizeof(double));
	double *eof = calloc((size_t)runs, sizeof(double));
	for (int i = 0; i < runs; i++) {
		struct server s;
		double t0 = now_ms();
		spawn_server(&s, cmd);
		request(&s, initialize_line);
		init[i] = now_ms() - t0;
		t0 = now_ms();
		request(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n");
		list[i] = now_ms() - t0;
		eof[i] = finish(&s, NULL);
	}
	report(name, "spawn -> initialize answer", init, runs, "ms");
	report(name, "tools/list round trip", list, runs, "ms");
	report(name, "EOF -> exit", eof, runs, "ms");

	/* 100 calls of several kinds, then the peak RSS of the process */
	struct server s;
	spawn_server(&s, cmd);
	request(&s, initialize_line);
	static const char *const calls[] = {
		"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n",
		"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}\n",
		"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/list\"}\n",
		"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/list\"}\n",
		"{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"xano-mcp://docs/xanoscript-cheatsheet\"}}\n",
		/* xano-mcp's own tools; a peer answers them with an error */
		"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"validate_xanoscript\",\"arguments\":{\"code\":"
			"\"query \\\"posts\\\" verb=GET {\\n  input {\\n  }\\n  stack {\\n"
			"    db.query \\\"post\\\" {\\n      return = {type: \\\"list\\\"}\\n"
			"    } as $posts\\n  }\\n  response = $posts\\n}\"}}}\n",
		"{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"compile_sdk_code\",\"arguments\":{\"code\":"
			"\"return create('users/{id}', 'GET').input('id', 'int')"
			".dbGet('user', {id: '$input.id'}, 'user').response('$user').build();\"}}}\n",
	};
	size_t ncalls = sizeof(calls) / sizeof(calls[0]);
	for (int i = 0; i < 100; i++) {
		request(&s, calls[(size_t)i % ncalls]);
	}
	struct rusage ru;
	finish(&s, &ru);
	printf("%-12s %-28s %9.2f MiB\n", name, "peak RSS, 100-call session",
			ru.ru_maxrss / 1024.0);

	spawn_server(&s, cmd);
	request(&s, initialize_line);
	struct pinger p = { .fd = s.to, .count = pings };
	pthread_t writer;
	double t0 = now_ms();
	pthread_create(&writer, NULL, write_pings, &p);
	long got = 0;
	while (got < pings && read_line(&s)) {
		got++;
	}
	double t = now_ms() - t0;
	pthread_join(writer, NULL);
	finish(&s, NULL);
	printf("%-12s %-28s %9.0f req/s (%ld pings in %.1f ms)\n", name, "pipelined pings", got /
			(t / 1e3), got, t);
	free(init);
	free(list);
	free(eof);
	return got == pings ? 0 : 1;
}
