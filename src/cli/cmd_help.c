#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"

int xm_cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		const struct xm_command *cmd = xm_command_find(argv[1]);
		if (!cmd) {
			fprintf(stderr, "xano-mcp: no such command: %s\n", argv[1]);
			return XM_EXIT_USAGE;
		}
		xm_command_print_usage(cmd, stdout);
		return XM_EXIT_OK;
	}
	fputs("Usage: xano-mcp [OPTIONS] COMMAND [ARGS]\n\nCommands:\n", stdout);
	for (size_t i = 0; i < xm_ncommands; i++) {
		printf("  %-10s %s\n", xm_commands[i].name, xm_commands[i].summary);
	}
	return XM_EXIT_OK;
}
