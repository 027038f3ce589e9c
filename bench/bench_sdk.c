/*
 * bench-sdk: SDK compiler throughput and start-up.
 *
 * Usage: bench-sdk [XANO_MCP_BINARY] (run from the top of the source tree).
 *
 * 1. Throughput: every SDK file of examples/app and test/sdk/golden that
 *    compiles is read once; each of 11 runs compiles them all, over and over
 *    for about 0.3 s of thread CPU time, through the whole pipeline
 *    (repairs, parse, resolve, lower, format, re-parse, validate, source
 *    map, metrics), then through the SDK front end alone (up to the
 *    XanoScript tree). Reports MB/s of SDK source and files/s: median and
 *    spread (min..max) of the runs, then the fastest, 10th-percentile and
 *    median single pass. One thread. Ends with bench/machine.h's two lines.
 * 2. Whole process: runs `XANO_MCP compile FILE` on one small file 200 times
 *    (stdout to /dev/null) and reports the median and spread of the wall
 *    time of one run, start to exit.
 *
 * With XM_BENCH_ONCE set, each pipeline makes exactly one pass over the
 * files and nothing is timed or spawned: the mode for counting
 * instructions under callgrind (see bench/README.md).
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/xalloc.h"
#include "machine.h"
#include "sdk_files.h"
#include "xano-mcp/ops/compile.h"
#include "xano-mcp/sdk/autofix.h"
#include "xano-mcp/sdk/lower.h"
#include "xano-mcp/sdk/parse.h"
#include "xano-mcp/sdk/resolve.h"

extern char **environ;

struct file {
	char *text;
	size_t len;
};

static struct file files[512];
static size_t nfiles, total_bytes;

static double clock_of(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wall time, for whole processes. */
static double now(void)
{
	return clock_of(CLOCK_MONOTONIC);
}

/* CPU time of this thread: the machine is shared, and other jobs' time
 * slices must not count against the compiler. */
static double cpu(void)
{
	return clock_of(CLOCK_THREAD_CPUTIME_ID);
}

/* Visits one file of bench_sdk_files(). */
static void load_file(const char *path, void *data)
{
	(void)data;
	FILE *fp = fopen(path, "rb");
	if (!fp || nfiles == sizeof(files) / sizeof(files[0])) {
		if (fp) {
			fclose(fp);
		}
		return;
	}
	struct xm_buf b = XM_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		xm_buf_add(&b, chunk, n);
	}
	fclose(fp);
	struct xm_compile_result r;
	xm_compile_result_init(&r);
	bool ok = xm_compile_sdk(xm_buf_str(&b), b.len, NULL, &r);
	xm_compile_result_finish(&r);
	if (!ok) {
		xm_buf_finish(&b); /* only code that compiles counts */
		return;
	}
	files[nfiles].len = b.len;
	files[nfiles].text = xm_buf_steal(&b);
	total_bytes += files[nfiles].len;
	nfiles++;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, size_t n, const char *unit)
{
	qsort(v, n, sizeof(*v), cmp);
	printf("%-34s median %10.2f %s   (min %.2f .. max %.2f, %zu runs)\n", what, v[n / 2],
		unit, v[0], v[n - 1], n);
}

/* The whole pipeline, as `xano-mcp compile` runs it. */
static void full(const struct file *f)
{
	struct xm_compile_result r;
	xm_compile_result_init(&r);
	xm_compile_sdk(f->text, f->len, NULL, &r);
	xm_compile_result_finish(&r);
}

/* The SDK front end alone: repairs, parse, resolve, lower to a tree. */
static void front(const struct file *f)
{
	struct xm_arena *arena = xm_arena_create();
	struct xm_diags diags;
	struct xm_sdk_fixes fixes;
	struct xm_buf text = XM_BUF_INIT;
	xm_diags_init(&diags, 0);
	xm_sdk_fixes_init(&fixes, true);
	xm_sdk_autofix_text(f->text, f->len, &fixes, &diags, &text);
	struct xm_sdk_program *prog = xm_sdk_parse(text.data, text.len, arena, &diags);
	struct xm_sdk_block *root = xm_sdk_resolve(prog, arena, &fixes, &diags);
	if (root) {
		xm_sdk_lower(root, arena, &fixes, &diags);
	}
	xm_buf_finish(&text);
	xm_sdk_fixes_finish(&fixes);
	xm_diags_finish(&diags);
	xm_arena_destroy(arena);
}

static void throughput(const char *what, void (*fn)(const struct file *))
{
	enum { RUNS = 11 };
	if (getenv("XM_BENCH_ONCE")) {
		for (size_t i = 0; i < nfiles; i++) {
			fn(&files[i]);
		}
		printf("%s: one pass\n", what);
		return;
	}
	double mbs[RUNS], fps[RUNS];
	/* Every pass is timed too: a run's rate averages in the passes that
	 * other tenants slowed, the fastest passes and the 10th percentile
	 * show the code's own speed (see machine.h). */
	size_t npass = 0, cap = 0;
	double *pass = NULL;
	for (size_t run = 0; run < RUNS; run++) {
		size_t rounds = 0;
		double start = cpu(), t, before = start;
		do {
			for (size_t i = 0; i < nfiles; i++) {
				fn(&files[i]);
			}
			rounds++;
			double after = cpu();
			if (npass == cap) {
				cap = cap ? 2 * cap : 1024;
				pass = xm_reallocarray(pass, cap, sizeof(*pass));
			}
			pass[npass++] = after - before;
			before = after;
		} while ((t = before - start) < 0.3);
		mbs[run] = (double)(total_bytes * rounds) / t / 1e6;
		fps[run] = (double)(nfiles * rounds) / t;
	}
	char label[64];
	snprintf(label, sizeof(label), "%s", what);
	report(label, mbs, RUNS, "MB/s");
	snprintf(label, sizeof(label), "%s rate", what);
	report(label, fps, RUNS, "files/s");
	qsort(pass, npass, sizeof(*pass), cmp);
	printf("%-34s fastest %.2f MB/s, 10th percentile %.2f, median %.2f (%zu passes)\n",
		"  single passes", (double)total_bytes / pass[0] / 1e6,
		(double)total_bytes / pass[npass / 10] / 1e6,
		(double)total_bytes / pass[npass / 2] / 1e6, npass);
	free(pass);
}

static void process(const char *bin, const char *file)
{
	enum { RUNS = 200 };
	static double ms[RUNS];
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	char *argv[] = {(char *)bin, "compile", (char *)file, NULL};
	for (size_t i = 0; i < RUNS; i++) {
		double start = now();
		pid_t pid;
		if (posix_spawn(&pid, bin, &fa, NULL, argv, environ) != 0) {
			fprintf(stderr, "bench-sdk: cannot run %s\n", bin);
			exit(1);
		}
		int status;
		waitpid(pid, &status, 0);
		ms[i] = (now() - start) * 1e3;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench-sdk: %s compile %s failed\n", bin, file);
			exit(1);
		}
	}
	posix_spawn_file_actions_destroy(&fa);
	printf("process: %s compile %s\n", bin, file);
	report("whole process", ms, RUNS, "ms");
}

int main(int argc, char **argv)
{
	bench_sdk_files("examples/app", load_file, NULL);
	bench_sdk_files("test/sdk/golden", load_file, NULL);
	if (nfiles == 0) {
		fprintf(stderr, "bench-sdk: no SDK files found; run it from the source tree\n");
		return 1;
	}
	printf("SDK files: %zu, %zu bytes in total (thread CPU time)\n", nfiles, total_bytes);
	throughput("compile (whole pipeline)", full);
	throughput("front end (to the tree)", front);
	if (!getenv("XM_BENCH_ONCE")) {
		process(argc > 1 ? argv[1] : "build/xano-mcp", "examples/app/api/auth/me.js");
		bench_machine_report();
	}
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].text);
	}
	return 0;
}
