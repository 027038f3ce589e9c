#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LOG_MODULE "serve"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/mcp/server.h"

/*
 * The client ends a session by closing our stdin, then escalates to
 * SIGTERM: leave at once, with success. Nothing here needs cleaning up
 * that the kernel does not (no files are half written in server mode).
 */
static void on_term(int sig)
{
	(void)sig;
	_exit(XM_EXIT_OK);
}

int xm_cmd_serve(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	xm_cli_getopt_reset();
	int c;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'h':
			xm_command_print_usage(xm_command_find("serve"), stdout);
			return XM_EXIT_OK;
		default:
			xm_command_print_usage(xm_command_find("serve"), stderr);
			return XM_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "xano-mcp serve: unexpected argument '%s'\n", argv[optind]);
		return XM_EXIT_USAGE;
	}

	/* A vanished client must show up as a failed write, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);

	struct xm_server_options opts = {
		.registry = &xm_registry,
		.in_fd = STDIN_FILENO,
		.out_fd = STDOUT_FILENO,
	};
	struct xm_server *server = xm_server_create(&opts);
	int rc = xm_server_run(server);
	xm_server_destroy(server);
	return rc == 0 ? XM_EXIT_OK : XM_EXIT_FAILURE;
}
