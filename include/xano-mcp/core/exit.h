/*
 * exit: the process exit statuses, one place for all of them.
 *
 * Documented in xano-mcp(1), EXIT STATUS. Scripts rely on them: never
 * renumber, only add.
 */
#ifndef XM_CORE_EXIT_H
#define XM_CORE_EXIT_H

enum xm_exit {
	XM_EXIT_OK = 0,       /* success; for check: no errors */
	XM_EXIT_FAILURE = 1,  /* the work failed: invalid input, errors found */
	XM_EXIT_USAGE = 2,    /* bad command line */
	XM_EXIT_AUTH = 3,     /* no credentials, or Xano refused them */
	XM_EXIT_NETWORK = 4,  /* Xano unreachable, timed out, or answered 5xx */
	XM_EXIT_INTERNAL = 70, /* a bug in xano-mcp (EX_SOFTWARE) */
};

#endif
