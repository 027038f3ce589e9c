/*
 * bench-ab: the SDK compiler of two (or more) builds, timed turn about in
 * one process.
 *
 * Usage: bench-ab [-n PASSES] LIB.so LIB.so... (from the top of the source
 * tree; see bench/README.md for making a LIB.so from a build).
 *
 * The development machine is shared: another job's burst slows whatever
 * runs at that moment, so two builds timed one after the other differ by
 * as much as the load moved in between. Here each build is a shared object
 * opened with dlopen(); the passes over the SDK files (every file of
 * examples/app and test/sdk/golden that the first build compiles, through
 * xm_compile_sdk(), as bench-sdk's whole pipeline) alternate between the
 * builds, so every burst falls on all of them alike. Thread CPU time per
 * pass; prints the minimum, the 10th percentile and the median per build.
 *
 * The builds must share struct xm_compile_result and the signatures of
 * xm_compile_sdk() and its init/finish pair with this program (the result
 * is allocated here). The program links none of the library itself, so
 * nothing of the current build stands in for a function of a LIB.so.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "sdk_files.h"
#include "xano-mcp/ops/compile.h"

enum {
	MAX_LIBS = 8,
	MAX_FILES = 512,
	DEFAULT_PASSES = 300,
	WARMUP = 20,
};

struct lib {
	const char *path;
	bool (*compile)(const char *code, size_t len, const struct xm_compile_opts *opts,
		struct xm_compile_result *r);
	void (*init)(struct xm_compile_result *r);
	void (*finish)(struct xm_compile_result *r);
	double *times;
};

struct file {
	char *text;
	size_t len;
};

static struct file files[MAX_FILES];
static size_t nfiles;

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Visits one file of bench_sdk_files(). */
static void load_file(const char *path, void *data)
{
	(void)data;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		return;
	}
	size_t cap = 4096, len = 0, n;
	char *text = malloc(cap);
	while (text && (n = fread(text + len, 1, cap - len, fp)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			char *grown = realloc(text, cap);
			if (!grown) {
				free(text);
			}
			text = grown;
		}
	}
	fclose(fp);
	if (!text || nfiles == MAX_FILES) {
		free(text);
		return;
	}
	files[nfiles].text = text;
	files[nfiles].len = len;
	nfiles++;
}

/* dlsym() returns an object pointer; POSIX guarantees it converts to a
 * function pointer, ISO C does not, hence the copy. */
static void sym(void *h, const char *name, void *fn, size_t size)
{
	void *p = dlsym(h, name);
	if (!p) {
		fprintf(stderr, "bench-ab: %s\n", dlerror());
		exit(1);
	}
	memcpy(fn, &p, size);
}

static void open_lib(struct lib *l, const char *path)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "bench-ab: %s\n", dlerror());
		exit(1);
	}
	l->path = path;
	sym(h, "xm_compile_sdk", &l->compile, sizeof(l->compile));
	sym(h, "xm_compile_result_init", &l->init, sizeof(l->init));
	sym(h, "xm_compile_result_finish", &l->finish, sizeof(l->finish));
}

static bool compile_one(const struct lib *l, const struct file *f)
{
	struct xm_compile_result r;
	l->init(&r);
	bool ok = l->compile(f->text, f->len, NULL, &r);
	l->finish(&r);
	return ok;
}

static double pass(const struct lib *l)
{
	double start = cpu();
	for (size_t i = 0; i < nfiles; i++) {
		compile_one(l, &files[i]);
	}
	return cpu() - start;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	size_t passes = DEFAULT_PASSES;
	int first = 1;
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		passes = strtoul(argv[2], NULL, 10);
		first = 3;
	}
	size_t nlibs = (size_t)(argc - first);
	if (nlibs < 1 || nlibs > MAX_LIBS || passes < 10) {
		fprintf(stderr, "usage: bench-ab [-n PASSES] LIB.so LIB.so...\n");
		return 2;
	}
	struct lib libs[MAX_LIBS];
	for (size_t i = 0; i < nlibs; i++) {
		open_lib(&libs[i], argv[first + (int)i]);
		libs[i].times = calloc(passes, sizeof(double));
	}
	bench_sdk_files("examples/app", load_file, NULL);
	bench_sdk_files("test/sdk/golden", load_file, NULL);
	/* Only code that compiles counts, as in bench-sdk. */
	size_t kept = 0, bytes = 0;
	for (size_t i = 0; i < nfiles; i++) {
		if (compile_one(&libs[0], &files[i])) {
			files[kept++] = files[i];
			bytes += files[i].len;
		} else {
			free(files[i].text);
		}
	}
	nfiles = kept;
	if (nfiles == 0) {
		fprintf(stderr, "bench-ab: no SDK files found; run it from the source tree\n");
		return 1;
	}
	for (size_t w = 0; w < WARMUP; w++) {
		for (size_t i = 0; i < nlibs; i++) {
			pass(&libs[i]);
		}
	}
	for (size_t p = 0; p < passes; p++) {
		for (size_t i = 0; i < nlibs; i++) {
			libs[i].times[p] = pass(&libs[i]);
		}
	}
	printf("SDK files: %zu, %zu bytes; %zu passes per build, taken turn about\n", nfiles,
		bytes, passes);
	for (size_t i = 0; i < nlibs; i++) {
		double *t = libs[i].times;
		qsort(t, passes, sizeof(*t), cmp);
		printf("%s\n  min %.1f us (%.2f MB/s)  p10 %.1f us (%.2f MB/s)  "
			"median %.1f us (%.2f MB/s)\n", libs[i].path,
			t[0] * 1e6, (double)bytes / t[0] / 1e6,
			t[passes / 10] * 1e6, (double)bytes / t[passes / 10] / 1e6,
			t[passes / 2] * 1e6, (double)bytes / t[passes / 2] / 1e6);
		free(t);
	}
	bench_machine_report();
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].text);
	}
	return 0;
}
