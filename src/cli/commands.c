#include <string.h>

#include "xano-mcp/cli/cli.h"

/*
 * Every command, sorted by name: `help` lists them in this order. One row
 * per command; see cli.h for the other places a new command goes.
 */
const struct xm_command xm_commands[] = {
	{
		.name = "help",
		.summary = "Show help for xano-mcp or one of its commands",
		.usage = "Usage: xano-mcp help [COMMAND]\n"
			"\n"
			"Without COMMAND, list the commands and global options; with it, show\n"
			"the usage of COMMAND (the same as 'xano-mcp COMMAND --help').\n",
		.run = xm_cmd_help,
	},
	{
		.name = "version",
		.summary = "Print the version",
		.usage = "Usage: xano-mcp version\n"
			"\n"
			"Print the program name and version to stdout (the same as\n"
			"'xano-mcp --version').\n",
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
