#include <stdio.h>

#include "config.h"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"

int xm_cmd_version(int argc, char **argv)
{
	printf("xano-mcp %s\n", XM_VERSION);
	return XM_EXIT_OK;
}
