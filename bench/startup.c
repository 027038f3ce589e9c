/*
 * bench-startup: how long a program takes to start, run and exit, and its
 * peak memory. It backs the design of core/loader: a command that opens
 * neither libcurl nor libsecret should cost about as much as /bin/true.
 *
 *     bench-startup [-n RUNS] PROGRAM [ARGS...]
 *
 * Prints mean and fastest wall time in milliseconds and the largest peak
 * resident set of any run, in KiB. The program's output goes to /dev/null.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Runs argv once; returns its wall time in ms, or a negative number. */
static double run_once(char **argv)
{
	double start = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) == 127) {
		return -1;
	}
	return now_ms() - start;
}

int main(int argc, char **argv)
{
	int runs = 200, first = 1;
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		runs = atoi(argv[2]);
		first = 3;
	}
	if (first >= argc || runs <= 0) {
		fputs("usage: bench-startup [-n RUNS] PROGRAM [ARGS...]\n", stderr);
		return 2;
	}
	double total = 0, best = 1e9;
	for (int i = 0; i < runs; i++) {
		double ms = run_once(argv + first);
		if (ms < 0) {
			fprintf(stderr, "bench-startup: cannot run %s\n", argv[first]);
			return 1;
		}
		total += ms;
		best = ms < best ? ms : best;
	}
	struct rusage usage;
	getrusage(RUSAGE_CHILDREN, &usage);
	printf("%s:", argv[first]);
	for (int i = first + 1; i < argc; i++) {
		printf(" %s", argv[i]);
	}
	printf("\n  %d runs: mean %.2f ms, fastest %.2f ms, peak RSS %ld KiB\n", runs,
		total / runs, best, usage.ru_maxrss);
	return 0;
}
