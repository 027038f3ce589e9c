/*
 * cli: the command table and what every command shares.
 *
 * Each command lives in src/cli/cmd_<name>.c and exports one function
 * xm_cmd_<name>(). It receives argv with argv[0] set to the command name and
 * the global options already consumed; it parses its own options with
 * getopt_long (reset optind = 0 first... see xm_cli_getopt_reset()),
 * answers --help by printing its usage to stdout and returning 0, and returns
 * an enum xm_exit status. Commands print their product to stdout and
 * everything else through log.h or to stderr.
 *
 * To add a command: write cmd_<name>.c, declare it below, add one row to the
 * table in src/cli/commands.c, document it in man/xano-mcp.1.scd and the
 * three completions (test/cli checks that they all agree with the table).
 */
#ifndef XM_CLI_CLI_H
#define XM_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct xm_command {
	const char *name;
	/* One line for `xano-mcp help`. */
	const char *summary;
	/* The full text for `xano-mcp help NAME` and `NAME --help`. */
	const char *usage;
	int (*run)(int argc, char **argv);
};

extern const struct xm_command xm_commands[];
extern const size_t xm_ncommands;

/* NULL when no command has that name. */
const struct xm_command *xm_command_find(const char *name);

/* Prints the usage text of cmd to out. */
void xm_command_print_usage(const struct xm_command *cmd, FILE *out);

/* Resets getopt state so a command can parse its own argv. */
void xm_cli_getopt_reset(void);

int xm_cmd_help(int argc, char **argv);
int xm_cmd_serve(int argc, char **argv);
int xm_cmd_version(int argc, char **argv);

#endif
