#include <stdio.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"

int xm_cmd_help(int argc, char **argv)
{
	const struct xm_command *self = xm_command_find("help");
	static const struct option options[] = {{0}};
	if (xm_cli_getopt(argc, argv, "", options, self) != -1) {
		return XM_EXIT_USAGE;
	}
	if (argc - optind > 1) {
		return xm_cli_usage_error(self, "'help' takes at most one COMMAND");
	}
	if (optind == argc) {
		xm_cli_print_usage(stdout);
		return XM_EXIT_OK;
	}
	const struct xm_command *cmd = xm_command_find(argv[optind]);
	if (!cmd) {
		return xm_cli_unknown_command(argv[optind]);
	}
	xm_command_print_usage(cmd, stdout);
	return XM_EXIT_OK;
}
