#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/log.h"

int main(int argc, char **argv)
{
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, NULL);
	if (argc < 2) {
		/* What MCP clients launch: no arguments, stdin a pipe. */
		if (!isatty(STDIN_FILENO)) {
			return xm_cmd_serve(1, argv);
		}
		return xm_cmd_help(1, argv);
	}
	const struct xm_command *cmd = xm_command_find(argv[1]);
	if (!cmd) {
		fprintf(stderr, "xano-mcp: unknown command '%s'\n", argv[1]);
		return XM_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
