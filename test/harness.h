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
#include <stddef.h>
#include <stdio.h>

Suite *xm_test_suite(void);

/* $XM_SOURCE_ROOT/rel, malloc'd. */
char *xm_test_source_path(const char *rel);
/* Whole file as a malloc'd NUL-terminated string; NULL and a check failure
 * when it cannot be read. len may be NULL. */
char *xm_test_read_file(const char *path, size_t *len);

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

#endif
