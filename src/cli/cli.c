#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/core/term.h"

/* Kept beside main.c's option table: change both together. */
static const char global_options_help[] =
	"Options:\n"
	"  -h, --help               Show this help and exit\n"
	"  -V, --version            Print the version and exit\n"
	"  -v, --verbose            Log more: -v for info, -vv for debug\n"
	"      --log-level LEVEL    Log threshold: silent, error, warn, info or debug\n"
	"                           (default warn; each -v raises it one step)\n"
	"      --log-format FORMAT  Log lines as text or json (default text)\n";

void xm_cli_print_usage(FILE *out)
{
	fputs("Usage: xano-mcp [OPTIONS] COMMAND [ARGS]\n"
		"\n"
		"Build and ship Xano backends from an AI assistant or a terminal.\n"
		"\n"
		"Commands:\n", out);
	int width = 0;
	for (size_t i = 0; i < xm_ncommands; i++) {
		int len = (int)strlen(xm_commands[i].name);
		width = len > width ? len : width;
	}
	for (size_t i = 0; i < xm_ncommands; i++) {
		fprintf(out, "  %-*s  %s\n", width, xm_commands[i].name, xm_commands[i].summary);
	}
	fputs("\n", out);
	fputs(global_options_help, out);
	fputs("\n", out);
	if (xm_command_find("serve")) {
		fputs("Without COMMAND, when standard input is not a terminal (an MCP client\n"
			"started it), xano-mcp runs 'serve'.\n", out);
	}
	fputs("Run 'xano-mcp COMMAND --help' for the usage of a command; see xano-mcp(1).\n",
		out);
}

__attribute__((format(printf, 1, 0)))
static void verror(const char *fmt, va_list ap)
{
	struct xm_buf line = XM_BUF_INIT;
	bool colour = xm_term_colour(stderr);
	xm_buf_addf(&line, "xano-mcp: %serror:%s ", colour ? "\x1b[1;31m" : "",
		colour ? "\x1b[0m" : "");
	xm_buf_vaddf(&line, fmt, ap);
	xm_buf_addc(&line, '\n');
	fputs(xm_buf_str(&line), stderr);
	xm_buf_finish(&line);
}

void xm_cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
}

int xm_cli_usage_error(const struct xm_command *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd) {
		xm_command_print_usage(cmd, stderr);
	} else {
		xm_cli_print_usage(stderr);
	}
	return XM_EXIT_USAGE;
}

int xm_cli_unknown_command(const char *name)
{
	const char *near = xm_suggest_field(name, xm_commands, xm_ncommands,
		sizeof(xm_commands[0]), offsetof(struct xm_command, name));
	if (near) {
		return xm_cli_usage_error(NULL, "unknown command '%s' (did you mean '%s'?)", name,
			near);
	}
	return xm_cli_usage_error(NULL, "unknown command '%s'", name);
}

void xm_cli_getopt_reset(void)
{
	/* glibc re-initialises its scanner when optind is 0. */
	optind = 0;
	opterr = 0;
}

static size_t count_options(const struct option *longopts)
{
	size_t n = 0;
	while (longopts && longopts[n].name) {
		n++;
	}
	return n;
}

/* The long option spelled out in arg ("--name" or "--name=value"). */
static const struct option *long_option(const struct option *longopts, const char *name,
		size_t len)
{
	for (size_t i = 0; longopts && longopts[i].name; i++) {
		if (strlen(longopts[i].name) == len && strncmp(longopts[i].name, name, len) == 0) {
			return &longopts[i];
		}
	}
	return NULL;
}

static void report_bad_long(const char *arg, const struct option *longopts,
		const struct xm_command *cmd)
{
	const char *name = arg + 2;
	size_t len = strcspn(name, "=");
	char word[128];
	snprintf(word, sizeof(word), "%.*s", (int)len, name);

	const struct option *exact = long_option(longopts, name, len);
	if (exact && name[len] == '=') {
		xm_cli_usage_error(cmd, "option '--%s' takes no value", exact->name);
		return;
	}
	/* getopt accepts unique abbreviations: explain the non-unique ones. */
	struct xm_buf matches = XM_BUF_INIT;
	size_t nmatches = 0;
	for (size_t i = 0; longopts && longopts[i].name; i++) {
		if (strncmp(longopts[i].name, name, len) == 0) {
			xm_buf_addf(&matches, "%s--%s", nmatches ? ", " : "", longopts[i].name);
			nmatches++;
		}
	}
	if (nmatches > 1) {
		xm_cli_usage_error(cmd, "option '--%s' is ambiguous (%s)", word,
			xm_buf_str(&matches));
	} else {
		const char *near = xm_suggest_field(word, longopts, count_options(longopts),
			sizeof(longopts[0]), offsetof(struct option, name));
		if (near) {
			xm_cli_usage_error(cmd, "unknown option '--%s' (did you mean '--%s'?)", word,
				near);
		} else {
			xm_cli_usage_error(cmd, "unknown option '--%s'", word);
		}
	}
	xm_buf_finish(&matches);
}

int xm_cli_getopt(int argc, char **argv, const char *shortopts,
		const struct option *longopts, const struct xm_command *cmd)
{
	char spec[128];
	snprintf(spec, sizeof(spec), "%s%s", cmd ? ":" : "+:", shortopts);
	opterr = 0;
	int c = getopt_long(argc, argv, spec, longopts, NULL);
	if (c != '?' && c != ':') {
		return c;
	}
	/* glibc has moved optind past the offending word, except inside a
	 * cluster of short options (-vx), where optopt names the letter. */
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	bool is_long = strncmp(arg, "--", 2) == 0 && arg[2] != '\0';
	if (c == ':') {
		if (is_long) {
			xm_cli_usage_error(cmd, "option '%.*s' needs a value",
				(int)strcspn(arg, "="), arg);
		} else {
			xm_cli_usage_error(cmd, "option '-%c' needs a value", optopt);
		}
	} else if (is_long) {
		report_bad_long(arg, longopts, cmd);
	} else if (optopt > ' ' && optopt < 0x7f) {
		xm_cli_usage_error(cmd, "unknown option '-%c'", optopt);
	} else {
		xm_cli_usage_error(cmd, "unknown option '%s'", arg);
	}
	return '?';
}
