/* bench/machine: see machine.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "machine.h"

enum {
	RUNS = 11,
	LINE = 64,                      /* one node per cache line */
	NODES = 256 * 1024 / LINE,      /* 256 KB */
	STEPS = 100000,                 /* between clock reads */
};

struct node {
	struct node *next;
	char pad[LINE - sizeof(struct node *)];
};

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *v)
{
	qsort(v, RUNS, sizeof(*v), cmp);
	double med = v[RUNS / 2];
	printf("%-34s median %10.1f M/s  (min %+.0f%% .. max %+.0f%%, %d runs)\n", what, med / 1e6,
		100.0 * (v[0] / med - 1.0), 100.0 * (v[RUNS - 1] / med - 1.0), RUNS);
}

/* Multiply and shift, all in registers. */
static void alu(double *rate)
{
	volatile uint64_t sink;
	uint64_t x = 1;
	for (int run = 0; run < RUNS; run++) {
		double start = cpu(), t;
		uint64_t n = 0;
		do {
			for (int i = 0; i < STEPS; i++) {
				x = x * 6364136223846793005u + 1442695040888963407u;
				x ^= x >> 17;
			}
			n += STEPS;
		} while ((t = cpu() - start) < 0.1);
		rate[run] = (double)n / t;
	}
	sink = x;
	(void)sink;
}

/* One cycle through every node in a random order (Sattolo's shuffle), so
 * that each load waits for the one before and no prefetcher guesses it. */
static void chase(double *rate)
{
	struct node *nodes = malloc(NODES * sizeof(*nodes));
	size_t order[NODES];
	if (!nodes) {
		return;
	}
	for (size_t i = 0; i < NODES; i++) {
		order[i] = i;
	}
	uint64_t seed = 88172645463325252u;
	for (size_t i = NODES - 1; i > 0; i--) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		size_t j = (size_t)(seed % i), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < NODES; i++) {
		nodes[order[i]].next = &nodes[order[(i + 1) % NODES]];
	}
	struct node *volatile sink;
	struct node *p = nodes;
	for (int run = 0; run < RUNS; run++) {
		double start = cpu(), t;
		uint64_t n = 0;
		do {
			for (int i = 0; i < STEPS; i++) {
				p = p->next;
			}
			n += STEPS;
		} while ((t = cpu() - start) < 0.1);
		rate[run] = (double)n / t;
	}
	sink = p;
	(void)sink;
	free(nodes);
}

void bench_machine_report(void)
{
	double rate[RUNS];
	alu(rate);
	report("machine: register-only loop", rate);
	chase(rate);
	report("machine: loads from L2 (256 KB)", rate);
}
