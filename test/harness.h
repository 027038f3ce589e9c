/*
 * harness: what every check test binary shares.
 *
 * A test file defines xm_test_suite() returning its Suite; harness.c owns
 * main(), runs it with CK_ENV and turns the count of failures into the exit
 * status. Helpers here read fixtures relative to the source tree and
 * capture what code writes to a FILE *.
 */
#ifndef XM_TEST_HARNESS_H
#define XM_TEST_HARNESS_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

Suite *xm_test_suite(void);

/* $XM_SOURCE_ROOT/rel, malloc'd. */
char *xm_test_source_path(const char *rel);
/* Whole file as a malloc'd NUL-terminated string; NULL and a check failure
 * when it cannot be read. len may be NULL. */
char *xm_test_read_file(const char *path, size_t *len);

/*
 * Feeds every file of $XM_SOURCE_ROOT/rel_dir (dot files skipped) to
 * property, which returns false when an input breaks it; each such file is
 * named on stderr with what, and the test fails when any did or when the
 * directory is empty. For replaying a fuzzer's minimised corpus.
 */
void xm_test_replay_dir(const char *rel_dir, bool (*property)(const char *data, size_t len),
		const char *what);

/* A FILE * whose contents can be read back as a string. */
struct xm_capture {
	FILE *f;
	char *data;
	size_t len;
};
void xm_capture_init(struct xm_capture *cap);
/* Flushes and returns the text written so far (borrowed until finish). */
const char *xm_capture_text(struct xm_capture *cap);
void xm_capture_finish(struct xm_capture *cap);

/*
 * Runs a program to completion and captures what it writes. Fill the
 * inputs, call xm_test_run(), read the outputs, then xm_run_finish().
 */
struct xm_run {
	/* Inputs. */
	const char *const *env; /* "NAME=value" to set, "NAME" to unset; NULL-ended, may be NULL */
	const char *stdin_text; /* fed on stdin; when NULL stdin is stdin_path or /dev/null */
	const char *stdin_path; /* opened read/write as stdin (a pty, say) */
	const char *stdout_path; /* stdout goes to this file instead of out */
	const char *cwd;        /* working directory; NULL: the test's */
	/* Outputs. */
	char *out;  /* stdout, NUL-terminated */
	char *err;  /* stderr, NUL-terminated */
	int status; /* exit status, or 128 + signal number */
};
/* argv[0] is the program's path; argv is NULL-terminated. Returns status. */
int xm_test_run(struct xm_run *run, const char *const *argv);
void xm_run_finish(struct xm_run *run);

/* $XM_BIN, the built xano-mcp. */
const char *xm_test_bin(void);

/* A fresh private directory under $TMPDIR (malloc'd); removed, with its
 * files, by xm_test_rmtree(). */
char *xm_test_tmpdir(void);
void xm_test_rmtree(const char *dir);

#endif
