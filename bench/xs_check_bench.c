/*
 * xs-check-bench: `check` throughput (parse + validate, what xm_xs_check()
 * does) over the valid corpus, in memory, on one core.
 *
 * Usage: xs-check-bench [CORPUS_DIR [RUNS]] (default $XM_CORPUS/valid, 11 runs)
 *
 * Every file is read once. Each run checks every file enough times to last
 * about 0.2 s of this thread's CPU time (other jobs on a shared machine do
 * not count); the report gives the median and the spread (min..max) of MB/s
 * and files/s over the runs, and the time of one pass over the corpus.
 *
 * With XM_ORACLE set to the path of a node script taking
 * `--bench N FILE...` and printing one JSON line (see bench/README.md), the
 * official JavaScript parser is measured on the same files in the same run
 * (warm: after one untimed pass) and the ratio printed. Nothing of the
 * oracle is part of this project.
 *
 * With XM_BENCH_ONCE set, the corpus is checked exactly once, untimed: the
 * mode for counting instructions under callgrind (see bench/README.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/error.h"
#include "xano-mcp/core/fileio.h"
#include "xano-mcp/xs/check.h"
#include "xano-mcp/xs/parse.h"

struct corpus {
	struct xm_buf *texts;
	char **paths;
	size_t n;
	size_t bytes;
};

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool load(const char *dir_path, struct corpus *c)
{
	DIR *dir = opendir(dir_path);
	if (!dir) {
		fprintf(stderr, "xs-check-bench: cannot open %s\n", dir_path);
		return false;
	}
	size_t cap = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 3, ".xs") != 0) {
			continue;
		}
		if (c->n == cap) {
			cap = cap ? cap * 2 : 256;
			c->paths = realloc(c->paths, cap * sizeof(*c->paths));
		}
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "%s/%s", dir_path, e->d_name);
		c->paths[c->n++] = xm_buf_steal(&path);
	}
	closedir(dir);
	qsort(c->paths, c->n, sizeof(*c->paths), cmp_path);
	c->texts = calloc(c->n, sizeof(*c->texts));
	for (size_t i = 0; i < c->n; i++) {
		struct xm_error err = { 0 };
		if (!xm_file_read(c->paths[i], XM_XS_MAX_BYTES, &c->texts[i], &err)) {
			fprintf(stderr, "xs-check-bench: %s\n", err.message);
			return false;
		}
		c->bytes += c->texts[i].len;
	}
	return c->n > 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One pass: check every file. Returns the errors found (0 for the valid corpus). */
static size_t pass(const struct corpus *c)
{
	size_t errors = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct xm_diags d;
		xm_diags_init(&d, 0);
		xm_xs_check(c->texts[i].data, c->texts[i].len, NULL, &d);
		errors += d.errors;
		xm_diags_finish(&d);
	}
	return errors;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Runs the oracle on the same files; prints its line; returns its median pass time. */
static double oracle(const char *script, const struct corpus *c, int runs)
{
	struct xm_buf cmd = XM_BUF_INIT;
	xm_buf_addf(&cmd, "node '%s' --strip --bench %d", script, runs);
	for (size_t i = 0; i < c->n; i++) {
		xm_buf_addf(&cmd, " '%s'", c->paths[i]);
	}
	FILE *p = popen(xm_buf_str(&cmd), "r");
	xm_buf_finish(&cmd);
	if (!p) {
		return 0;
	}
	char line[1024] = "";
	double median = 0;
	if (fgets(line, sizeof(line), p)) {
		const char *m = strstr(line, "\"median_s\":");
		median = m ? atof(m + strlen("\"median_s\":")) : 0;
		printf("official parser (node, warm): %s", line);
	}
	pclose(p);
	return median;
}

int main(int argc, char **argv)
{
	struct xm_buf dir = XM_BUF_INIT;
	if (argc > 1) {
		xm_buf_adds(&dir, argv[1]);
	} else if (getenv("XM_CORPUS")) {
		xm_buf_addf(&dir, "%s/valid", getenv("XM_CORPUS"));
	} else {
		fprintf(stderr, "usage: xs-check-bench [CORPUS_DIR [RUNS]] (or set XM_CORPUS)\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 11;
	if (runs < 1 || runs > 1000) {
		runs = 11;
	}
	struct corpus c = { 0 };
	if (!load(xm_buf_str(&dir), &c)) {
		return 1;
	}
	/* Warm the caches and size a run to about 0.2 s. */
	double t0 = now();
	size_t errors = pass(&c);
	double one = now() - t0;
	if (errors) {
		fprintf(stderr, "xs-check-bench: the corpus has %zu errors; results are not "
			"comparable\n", errors);
	}
	double *mbs = NULL, *fps = NULL, *secs = NULL;
	if (getenv("XM_BENCH_ONCE")) {
		printf("corpus: %zu files, %zu bytes; one untimed pass\n", c.n, c.bytes);
	} else {
		int reps = one > 0 ? (int)(0.2 / one) + 1 : 1000;
		mbs = calloc((size_t)runs, sizeof(double));
		fps = calloc((size_t)runs, sizeof(double));
		secs = calloc((size_t)runs, sizeof(double));
		for (int r = 0; r < runs; r++) {
			t0 = now();
			for (int k = 0; k < reps; k++) {
				pass(&c);
			}
			double t = (now() - t0) / reps;
			secs[r] = t;
			mbs[r] = (double)c.bytes / 1e6 / t;
			fps[r] = (double)c.n / t;
		}
		qsort(mbs, (size_t)runs, sizeof(double), cmp_double);
		qsort(fps, (size_t)runs, sizeof(double), cmp_double);
		qsort(secs, (size_t)runs, sizeof(double), cmp_double);
		printf("corpus: %zu files, %zu bytes; %d runs x %d passes\n", c.n, c.bytes, runs,
			reps);
		printf("check (parse + validate): median %.1f MB/s (%.1f..%.1f), %.0f files/s "
			"(%.0f..%.0f), %.3f ms per corpus pass\n", mbs[runs / 2], mbs[0],
			mbs[runs - 1], fps[runs / 2], fps[0], fps[runs - 1], secs[runs / 2] * 1e3);
		const char *script = getenv("XM_ORACLE");
		if (script && *script) {
			double o = oracle(script, &c, runs);
			if (o > 0) {
				printf("official parser: %.1f MB/s; check is %.0fx faster\n",
					(double)c.bytes / 1e6 / o, o / secs[runs / 2]);
			}
		}
	}
	for (size_t i = 0; i < c.n; i++) {
		xm_buf_finish(&c.texts[i]);
		free(c.paths[i]);
	}
	free(c.texts);
	free(c.paths);
	free(mbs);
	free(fps);
	free(secs);
	xm_buf_finish(&dir);
	return 0;
}
