#include <string.h>

#include "xano-mcp/cli/cli.h"

/* Sorted by name: `help` prints them in this order. */
const struct xm_command xm_commands[] = {
	{
		.name = "help",
		.summary = "Show help for xano-mcp or one of its commands",
		.usage = "Usage: xano-mcp help [COMMAND]\n"
			"\n"
			"Without COMMAND, list the commands; with it, show its usage.\n",
		.run = xm_cmd_help,
	},
	{
		.name = "serve",
		.summary = "Run the MCP server on stdin/stdout (what MCP clients launch)",
		.usage = "Usage: xano-mcp serve\n"
			"\n"
			"Speak the Model Context Protocol (JSON-RPC, one message per line)\n"
			"on stdin and stdout until the client closes stdin. Logs go to\n"
			"stderr. Running xano-mcp with no command and stdin not a terminal\n"
			"does the same. See xano-mcp(1), SERVER MODE, and xano-mcp-tools(7).\n",
		.run = xm_cmd_serve,
	},
	{
		.name = "version",
		.summary = "Print the version",
		.usage = "Usage: xano-mcp version\n"
			"\n"
			"Print the program name and version to stdout.\n",
		.run = xm_cmd_version,
	},
};

const size_t xm_ncommands = sizeof(xm_commands) / sizeof(xm_commands[0]);

const struct xm_command *xm_command_find(const char *name)
{
	for (size_t i = 0; i < xm_ncommands; i++) {
		if (strcmp(xm_commands[i].name, name) == 0) {
			return &xm_commands[i];
		}
	}
	return NULL;
}

void xm_command_print_usage(const struct xm_command *cmd, FILE *out)
{
	fputs(cmd->usage, out);
}
