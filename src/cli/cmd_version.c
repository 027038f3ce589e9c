#include <stdio.h>

#include "config.h"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"

int xm_cmd_version(int argc, char **argv)
{
	const struct xm_command *self = xm_command_find("version");
	static const struct option options[] = {{0}};
	if (xm_cli_getopt(argc, argv, "", options, self) != -1) {
		return XM_EXIT_USAGE;
	}
	if (optind < argc) {
		return xm_cli_usage_error(self, "'version' takes no arguments");
	}
	printf("xano-mcp %s\n", XM_VERSION);
	return XM_EXIT_OK;
}
