#include <getopt.h>
#include <stdio.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/mcp/server.h"
#include "xano-mcp/tools/tools.h"

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

	int rc = xm_server_serve_stdio(&xm_registry);
	return rc == 0 ? XM_EXIT_OK : XM_EXIT_FAILURE;
}
