#include <string.h>

#include "xano-mcp/cli/cli.h"

/*
 * Every command, sorted by name: `help` lists them in this order. One row
 * per command; see cli.h for the other places a new command goes.
 */
const struct xm_command xm_commands[] = {
	{
		.name = "check",
		.summary = "Check XanoScript files for errors, offline",
		.usage = "Usage: xano-mcp check [--json] [--ls11] FILE...\n"
			"\n"
			"Parse and validate each XanoScript FILE (- reads standard input) and\n"
			"print every error and warning as FILE:LINE:COL: with the source line,\n"
			"a caret and a suggestion. Exits 1 when any file has an error.\n"
			"\n"
			"Options:\n"
			"  --json   print one JSON object instead: {\"files\": [{\"file\", \"valid\",\n"
			"           \"summary\", \"errors\": [...]}], \"valid\"}\n"
			"  --ls11   also warn about what only Xano 11.x parsers reject\n",
		.run = xm_cmd_check,
	},
	{
		.name = "compile",
		.summary = "Compile SDK builder code to XanoScript",
		.usage = "Usage: xano-mcp compile [--json] [--no-fix] FILE|-\n"
			"\n"
			"Compile SDK code (a JavaScript-like builder, see xano-mcp-sdk(7)) to\n"
			"XanoScript. The XanoScript goes to stdout; repairs ('fixed:') and\n"
			"diagnostics go to stderr in compiler style. Exit status 0 on success,\n"
			"1 when the code has errors, 70 when the compiler produced invalid\n"
			"XanoScript (a bug: please report it).\n"
			"\n"
			"Options:\n"
			"  --json     print one JSON object to stdout: xanoscript, diagnostics,\n"
			"             fixes, pattern, metrics and the source map\n"
			"  --no-fix   apply no automatic repairs; report each as an error\n",
		.run = xm_cmd_compile,
	},
	{
		.name = "fmt",
		.summary = "Format XanoScript files canonically",
		.usage = "Usage: xano-mcp fmt [--check | -w] FILE...\n"
			"\n"
			"Print each XanoScript FILE (- reads standard input) in canonical form:\n"
			"two-space indentation, one item per line, the subset every Xano parser\n"
			"accepts. A file with syntax errors is reported and left alone (exit 1).\n"
			"\n"
			"Options:\n"
			"  --check      print nothing but the names of files that are not formatted;\n"
			"               exit 1 if there is any\n"
			"  -w, --write  rewrite the files in place (atomically) instead of printing\n",
		.run = xm_cmd_fmt,
	},
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
