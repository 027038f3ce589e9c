/*
 * bench-xs: XanoScript front-end throughput over the valid corpus, in
 * memory. Usage: bench-xs [CORPUS_DIR [RUNS]] (default $XM_CORPUS, 11 runs).
 *
 * Every file is read once; each run then parses every file (a fresh arena
 * per file, as the check command does) enough times to last about 0.2 s,
 * and the same for parse+format. Reports the median and the spread (min..max)
 * of MB/s and files/s over the runs. One thread, timed in thread CPU time:
 * the numbers are per core, whatever else the machine is doing.
 *
 * With XM_BENCH_ONCE set, each measurement is exactly one untimed pass: the
 * mode for counting instructions under callgrind (see bench/README.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/format.h"
#include "xano-mcp/xs/parse.h"

struct file {
	char *text;
	size_t len;
};

struct corpus {
	struct file *files;
	size_t n;
	size_t bytes;
};

static bool read_file(const char *path, struct file *f)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		return false;
	}
	struct xm_buf b = XM_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		xm_buf_add(&b, chunk, n);
	}
	fclose(fp);
	f->len = b.len;
	f->text = xm_buf_steal(&b);
	return true;
}

static bool load(const char *dir_path, struct corpus *c)
{
	DIR *dir = opendir(dir_path);
	if (!dir) {
		fprintf(stderr, "bench-xs: cannot open %s\n", dir_path);
		return false;
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 3, ".xs") != 0) {
			continue;
		}
		if (c->n == cap) {
			cap = cap ? cap * 2 : 256;
			c->files = realloc(c->files, cap * sizeof(*c->files));
		}
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "%s/%s", dir_path, e->d_name);
		if (read_file(xm_buf_str(&path), &c->files[c->n])) {
			c->bytes += c->files[c->n].len;
			c->n++;
		}
		xm_buf_finish(&path);
	}
	closedir(dir);
	return c->n > 0;
}

/* CPU time of this thread: on a shared machine, wall time would measure the
 * neighbours. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One pass over the corpus; returns the number of diagnostics (so the work
 * cannot be optimised away and a broken corpus shows). */
static size_t pass(const struct corpus *c, bool format, struct xm_buf *out)
{
	size_t diags = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct xm_arena *arena = xm_arena_create();
		struct xm_diags d;
		xm_diags_init(&d, 0);
		struct xm_xs_node *root = xm_xs_parse(arena, c->files[i].text, c->files[i].len,
			NULL, &d);
		if (format) {
			xm_buf_reset(out);
			xm_xs_format(root, out);
		}
		diags += d.len;
		xm_diags_finish(&d);
		xm_arena_destroy(arena);
	}
	return diags;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void measure(const char *what, const struct corpus *c, bool format, int runs)
{
	struct xm_buf out = XM_BUF_INIT;
	/* Calibrate: how many passes make a run of about 0.2 s. */
	double t0 = now();
	size_t diags = pass(c, format, &out);
	if (getenv("XM_BENCH_ONCE")) {
		printf("%-13s one pass [%zu diagnostics]\n", what, diags);
		xm_buf_finish(&out);
		return;
	}
	double once = now() - t0;
	int reps = once > 0 ? (int)(0.2 / once) + 1 : 1000;
	double *mbs = calloc((size_t)runs, sizeof(double));
	for (int r = 0; r < runs; r++) {
		t0 = now();
		for (int k = 0; k < reps; k++) {
			pass(c, format, &out);
		}
		double dt = now() - t0;
		mbs[r] = (double)c->bytes * reps / dt / 1e6;
	}
	qsort(mbs, (size_t)runs, sizeof(double), by_value);
	double files_per_mb = (double)c->n / ((double)c->bytes / 1e6);
	printf("%-13s median %7.1f MB/s (%.1f..%.1f)  %8.0f files/s (%.0f..%.0f)  "
		"[%d runs x %d passes, %zu diagnostics]\n", what, mbs[runs / 2], mbs[0],
		mbs[runs - 1], mbs[runs / 2] * files_per_mb, mbs[0] * files_per_mb,
		mbs[runs - 1] * files_per_mb, runs, reps, diags);
	free(mbs);
	xm_buf_finish(&out);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("XM_CORPUS");
	struct xm_buf valid = XM_BUF_INIT;
	xm_buf_addf(&valid, "%s/valid", dir ? dir : "../shared/xanoscript-corpus");
	int runs = argc > 2 ? atoi(argv[2]) : 11;
	if (runs < 1) {
		runs = 1;
	}
	struct corpus c = {0};
	if (!load(xm_buf_str(&valid), &c)) {
		xm_buf_finish(&valid);
		return 1;
	}
	printf("corpus: %zu files, %.2f MB (%s)\n", c.n, (double)c.bytes / 1e6,
		xm_buf_str(&valid));
	measure("parse", &c, false, runs);
	measure("parse+format", &c, true, runs);
	for (size_t i = 0; i < c.n; i++) {
		free(c.files[i].text);
	}
	free(c.files);
	xm_buf_finish(&valid);
	return 0;
}
