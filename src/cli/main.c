/*
 * xano-mcp: global options, then one command from the table in commands.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/exit.h"

#define LOG_MODULE "cli"
#include "xano-mcp/core/log.h"

enum {
	OPT_LOG_LEVEL = 0x100,
	OPT_LOG_FORMAT,
};

/* Described in cli.c (global_options_help) and xano-mcp(1): keep in step. */
static const struct option global_options[] = {
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"verbose", no_argument, NULL, 'v'},
	{"log-level", required_argument, NULL, OPT_LOG_LEVEL},
	{"log-format", required_argument, NULL, OPT_LOG_FORMAT},
	{0},
};

/* --help or -h among a command's options, before any "--". */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			return true;
		}
	}
	return false;
}

static int run(const struct xm_command *cmd, int argc, char **argv)
{
	if (wants_help(argc, argv)) {
		xm_command_print_usage(cmd, stdout);
		return XM_EXIT_OK;
	}
	LOG_DBG("xano-mcp %s: running '%s'", XM_VERSION, cmd->name);
	xm_cli_getopt_reset();
	return cmd->run(argc, argv);
}

/* With no command: MCP clients start us with a pipe on stdin and expect the
 * server; a person at a terminal gets the usage. */
static int run_default(void)
{
	if (isatty(STDIN_FILENO)) {
		return xm_cli_usage_error(NULL, "no command given");
	}
	const struct xm_command *serve = xm_command_find("serve");
	if (!serve) {
		return xm_cli_usage_error(NULL, "no command given (and this build has no 'serve' "
			"command to run when standard input is not a terminal)");
	}
	char *argv[] = {(char *)serve->name, NULL};
	return run(serve, 1, argv);
}

int main(int argc, char **argv)
{
	enum xm_log_level level = XM_LOG_WARN;
	enum xm_log_format format = XM_LOG_FORMAT_TEXT;
	int verbose = 0;
	xm_log_init(level, format, NULL);

	xm_cli_getopt_reset();
	for (int c; (c = xm_cli_getopt(argc, argv, "hVv", global_options, NULL)) != -1;) {
		switch (c) {
		case 'h':
			xm_cli_print_usage(stdout);
			return XM_EXIT_OK;
		case 'V':
			return run(xm_command_find("version"), 1, (char *[]){"version", NULL});
		case 'v':
			verbose++;
			break;
		case OPT_LOG_LEVEL:
			if (!xm_log_level_parse(optarg, &level)) {
				return xm_cli_usage_error(NULL, "unknown log level '%s' (expected "
					"silent, error, warn, info or debug)", optarg);
			}
			break;
		case OPT_LOG_FORMAT:
			if (!xm_log_format_parse(optarg, &format)) {
				return xm_cli_usage_error(NULL, "unknown log format '%s' (expected "
					"text or json)", optarg);
			}
			break;
		default:
			return XM_EXIT_USAGE;
		}
	}
	level = level + verbose > XM_LOG_DEBUG ? XM_LOG_DEBUG : level + verbose;
	xm_log_init(level, format, NULL);

	int status;
	if (optind == argc) {
		status = run_default();
	} else {
		const struct xm_command *cmd = xm_command_find(argv[optind]);
		if (!cmd) {
			return xm_cli_unknown_command(argv[optind]);
		}
		status = run(cmd, argc - optind, argv + optind);
	}

	/* A product lost on a full disk or a closed pipe is a failure. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		xm_cli_error("cannot write to standard output: %s", strerror(errno));
		if (status == XM_EXIT_OK) {
			status = XM_EXIT_FAILURE;
		}
	}
	return status;
}
