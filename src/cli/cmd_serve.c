#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/mcp/server.h"
#include "xano-mcp/tools/tools.h"

/* The protocol lives in src/mcp/ (see server.h); what it serves is the
 * registry of src/tools/tools.c. */
int xm_cmd_serve(int argc, char **argv)
{
	const struct xm_command *self = xm_command_find("serve");
	static const struct option options[] = {{0}};
	if (xm_cli_getopt(argc, argv, "", options, self) != -1) {
		return XM_EXIT_USAGE;
	}
	if (optind < argc) {
		return xm_cli_usage_error(self, "'serve' takes no arguments");
	}
	return xm_server_serve_stdio(&xm_registry) == 0 ? XM_EXIT_OK : XM_EXIT_FAILURE;
}
