/*
 * fake_xano: starts test/xano/fake-xano.mjs, the fake Xano Metadata API
 * server, for a C test, and speaks its control channel.
 *
 *     struct xm_fake_xano fake;
 *     ck_assert(xm_fake_xano_start(&fake, NULL));
 *     ... HTTP to fake.origin with "Authorization: Bearer " XM_FAKE_XANO_TOKEN ...
 *     char *answer;
 *     xm_fake_xano_command(&fake, "{\"requests\":true}", &answer);
 *     free(answer);
 *     xm_fake_xano_stop(&fake);
 *
 * The server runs as a child process with node (the XM_NODE environment
 * variable, or "node" from PATH) and the script under $XM_SOURCE_ROOT. It
 * exits on its own when its stdin closes, so a test that dies in the middle
 * (check runs each test in a forked child) never leaves it running. Its
 * stderr is the test's.
 *
 * Errors: start and command print what went wrong on stderr and return
 * false; a test asserts on the result. Not thread-safe: one thread per
 * struct xm_fake_xano. Starting ignores SIGPIPE in the calling process (a
 * dead server makes writes fail instead of killing the test); it may be
 * called while other threads run.
 */
#ifndef XM_TEST_FAKE_XANO_H
#define XM_TEST_FAKE_XANO_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* The token the server accepts when started without --token. */
#define XM_FAKE_XANO_TOKEN "fake-token-0123456789"

struct xm_fake_xano {
	pid_t pid;          /* the node process; 0 when not running */
	int to_fd;          /* its stdin: control commands */
	FILE *from;         /* its stdout: the origin line, then answers */
	char origin[64];    /* "http://127.0.0.1:PORT" */
};

/*
 * Spawns the server with extra_args (NULL-terminated, may be NULL) after the
 * script path, e.g. {"--rate-limit", "3/60", NULL}, and waits for its origin
 * line. False, with a message on stderr naming node and XM_NODE, when node
 * is missing or the server does not come up; f is then stopped.
 */
bool xm_fake_xano_start(struct xm_fake_xano *f, const char *const *extra_args);

/*
 * Sends one control command (a JSON object on one line, without the newline)
 * and reads the one-line answer. With answer non-NULL, *answer gets the line
 * (malloc'd, no newline; the caller frees it), or NULL on failure. True when
 * an answer came back and it starts with {"ok":true.
 */
bool xm_fake_xano_command(struct xm_fake_xano *f, const char *json_line, char **answer);

/* Closes the server's stdin and waits for it to exit (SIGKILL after 5 s).
 * Accepts NULL and a struct that never started. */
void xm_fake_xano_stop(struct xm_fake_xano *f);

#endif
