/*
 * cli: the command table and what every command shares.
 *
 * `xano-mcp [global options] COMMAND [ARGS]`. main.c parses the global
 * options, finds COMMAND in xm_commands[] and calls its run function with
 * argv[0] set to the command name. `--help` or `-h` anywhere among the
 * command's arguments (before a "--") prints the command's usage to stdout
 * and never reaches run, so every command has --help for free.
 *
 * To add a command:
 *   1. write src/cli/cmd_<name>.c with `int xm_cmd_<name>(int argc, char **argv)`
 *      and declare it at the end of this header;
 *   2. add one row to the table in src/cli/commands.c (sorted by name);
 *   3. document it under COMMANDS in man/xano-mcp.1.scd and add it to the
 *      three files in completions/ (test/cli/test_docs.c fails, naming the
 *      file and the command, until all of them agree with the table);
 *   4. if it needs neither the network nor the keyring, add a row to `runs`
 *      in test/cli/test_lazy_libs.c, which proves it never loads libcurl or
 *      libsecret.
 *
 * A command parses its own options with xm_cli_getopt() (main() has reset
 * getopt before it calls run), returns an enum xm_exit status (core/exit.h),
 * prints its product to stdout and everything else through log.h, or
 * xm_cli_error() for command-line mistakes. It may print to stdout freely:
 * main() flushes stdout and turns a failed write into a failure status.
 *
 * Nothing here is thread-safe (getopt state is global); the command line is
 * parsed before any thread starts.
 */
#ifndef XM_CLI_CLI_H
#define XM_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct xm_command {
	const char *name;
	/* One line for `xano-mcp help`, no final period. */
	const char *summary;
	/* The full text for `xano-mcp help NAME` and `NAME --help`: a Usage:
	 * line, a blank line, what it does, and its options if it has any. */
	const char *usage;
	int (*run)(int argc, char **argv);
};

/* Sorted by name; test/cli/test_cli.c checks it. */
extern const struct xm_command xm_commands[];
extern const size_t xm_ncommands;

/* NULL when no command has that name. */
const struct xm_command *xm_command_find(const char *name);

/* Prints the usage text of cmd to out. */
void xm_command_print_usage(const struct xm_command *cmd, FILE *out);

/* Prints the program's usage: synopsis, commands, global options. */
void xm_cli_print_usage(FILE *out);

/* "xano-mcp: error: MESSAGE\n" on stderr ("error:" in colour on a terminal,
 * unless NO_COLOR is set). */
void xm_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * For a bad command line: prints the error line, then cmd's usage (the
 * program's usage when cmd is NULL) to stderr, and returns XM_EXIT_USAGE
 * for the caller to return.
 */
int xm_cli_usage_error(const struct xm_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reports an unknown command (naming the closest one) as a usage error;
 * returns XM_EXIT_USAGE. */
int xm_cli_unknown_command(const char *name);

/* Resets getopt state so a new argv can be parsed (main() does it before
 * each command's run). */
void xm_cli_getopt_reset(void);

/*
 * getopt_long() with the house error handling. shortopts is as for getopt
 * without a leading '+' or ':'. For a command (cmd not NULL) options and
 * operands may be mixed (`compile app.js -o out`); for the global options
 * (cmd NULL) parsing stops at the first operand, the command name.
 *
 * Returns the option like getopt_long(), -1 after the last one, or '?'
 * after reporting an unknown option (naming the closest valid one), an
 * ambiguous abbreviation, a missing or unexpected value, through
 * xm_cli_usage_error(): the caller then returns XM_EXIT_USAGE.
 */
int xm_cli_getopt(int argc, char **argv, const char *shortopts,
		const struct option *longopts, const struct xm_command *cmd);

/* The commands, one file each. */
int xm_cmd_check(int argc, char **argv);
int xm_cmd_compile(int argc, char **argv);
int xm_cmd_fmt(int argc, char **argv);
int xm_cmd_help(int argc, char **argv);
int xm_cmd_serve(int argc, char **argv);
int xm_cmd_version(int argc, char **argv);

#endif
