/*
 * sdk_files: the SDK programs the SDK benchmarks time, the same set for
 * bench-sdk and bench-ab so that their numbers compare: every .js file
 * under examples/app and test/sdk/golden (run from the top of the tree).
 *
 * Standalone on purpose (libc only): bench-ab links nothing of the
 * library, so that no function of the current build stands in for one of
 * the builds it compares.
 */
#ifndef XM_BENCH_SDK_FILES_H
#define XM_BENCH_SDK_FILES_H

/* Calls visit(path, data) for each .js file under dir, up to four folders
 * deep, in readdir() order; a folder that cannot be opened is skipped. */
void bench_sdk_files(const char *dir, void (*visit)(const char *path, void *data),
		void *data);

#endif
