/* Portable pty functions (posix_openpt, ptsname) are XSI. */
#define _XOPEN_SOURCE 700

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/buf.h"

/* Runs xano-mcp with args (NULL-terminated, after the program name). */
static int xano(struct xm_run *run, const char *const *args)
{
	const char *argv[32] = {xm_test_bin()};
	for (size_t i = 0; args[i]; i++) {
		ck_assert(i + 2 < sizeof(argv) / sizeof(argv[0]));
		argv[i + 1] = args[i];
	}
	if (!run->env) {
		/* Plain output whatever the test's environment says. */
		static const char *const plain[] = {"NO_COLOR=1", NULL};
		run->env = plain;
	}
	return xm_test_run(run, argv);
}

#define XANO(run, ...) xano(run, (const char *const[]){__VA_ARGS__, NULL})

static const char *first_line(const char *text, char *line, size_t size)
{
	size_t len = strcspn(text, "\n");
	snprintf(line, size, "%.*s", (int)len, text);
	return line;
}

/* Command-line mistakes: exit 2, nothing on stdout, one error line, usage. */
static void expect_usage_error(struct xm_run *run, const char *error_line, const char *usage)
{
	char line[512];
	ck_assert_msg(run->status == 2, "status %d, stderr: %s", run->status, run->err);
	ck_assert_str_eq(run->out, "");
	ck_assert_str_eq(first_line(run->err, line, sizeof(line)), error_line);
	ck_assert_msg(strstr(run->err, usage) != NULL, "no usage on stderr:\n%s", run->err);
}

START_TEST(table_is_sorted_and_complete)
{
	ck_assert_uint_gt(xm_ncommands, 0);
	for (size_t i = 0; i < xm_ncommands; i++) {
		const struct xm_command *cmd = &xm_commands[i];
		ck_assert_msg(cmd->summary && *cmd->summary && cmd->run, "%s", cmd->name);
		struct xm_buf prefix = XM_BUF_INIT;
		xm_buf_addf(&prefix, "Usage: xano-mcp %s", cmd->name);
		ck_assert_msg(strncmp(cmd->usage, prefix.data, prefix.len) == 0,
			"usage of %s must start with '%s'", cmd->name, prefix.data);
		xm_buf_finish(&prefix);
		if (i > 0) {
			ck_assert_msg(strcmp(xm_commands[i - 1].name, cmd->name) < 0,
				"src/cli/commands.c: '%s' must come before '%s'", cmd->name,
				xm_commands[i - 1].name);
		}
		ck_assert_ptr_eq(xm_command_find(cmd->name), cmd);
	}
	ck_assert_ptr_null(xm_command_find("nope"));
}
END_TEST

START_TEST(help_lists_every_command)
{
	struct xm_run run = {0};
	ck_assert_int_eq(XANO(&run, "help"), 0);
	ck_assert_str_eq(run.err, "");
	ck_assert(strncmp(run.out, "Usage: xano-mcp [OPTIONS] COMMAND [ARGS]\n", 41) == 0);
	for (size_t i = 0; i < xm_ncommands; i++) {
		struct xm_buf row = XM_BUF_INIT;
		xm_buf_addf(&row, "  %s ", xm_commands[i].name);
		ck_assert_msg(strstr(run.out, row.data), "help does not list %s", xm_commands[i].name);
		ck_assert(strstr(run.out, xm_commands[i].summary));
		xm_buf_finish(&row);
	}
	/* --help and -h print the same text. */
	struct xm_run again = {0};
	ck_assert_int_eq(XANO(&again, "--help"), 0);
	ck_assert_str_eq(again.out, run.out);
	xm_run_finish(&again);
	ck_assert_int_eq(XANO(&again, "-v", "-h"), 0);
	ck_assert_str_eq(again.out, run.out);
	xm_run_finish(&again);
	xm_run_finish(&run);
}
END_TEST

/* help NAME, NAME --help, NAME -h and NAME ARG --help agree, for every command. */
START_TEST(every_command_has_help)
{
	const char *name = xm_commands[_i].name;
	const char *usage = xm_commands[_i].usage;
	const char *const forms[][4] = {
		{"help", name, NULL},
		{name, "--help", NULL},
		{name, "-h", NULL},
		{name, "some-operand", "--help", NULL},
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct xm_run run = {0};
		xano(&run, forms[i]);
		ck_assert_msg(run.status == 0, "%s %s: status %d", forms[i][0], forms[i][1],
			run.status);
		ck_assert_str_eq(run.out, usage);
		ck_assert_str_eq(run.err, "");
		xm_run_finish(&run);
	}
}
END_TEST

START_TEST(version_three_ways)
{
	struct xm_buf want = XM_BUF_INIT;
	xm_buf_addf(&want, "xano-mcp %s\n", XM_VERSION);
	const char *const forms[][2] = {{"version"}, {"--version"}, {"-V"}};
	for (size_t i = 0; i < 3; i++) {
		struct xm_run run = {0};
		ck_assert_int_eq(xano(&run, (const char *const[]){forms[i][0], NULL}), 0);
		ck_assert_str_eq(run.out, want.data);
		ck_assert_str_eq(run.err, "");
		xm_run_finish(&run);
	}
	xm_buf_finish(&want);
}
END_TEST

static const char program_usage[] = "\nUsage: xano-mcp [OPTIONS] COMMAND [ARGS]\n";

static const struct {
	const char *args[4];
	const char *error;
	const char *usage;
} mistakes[] = {
	{{"verison"}, "xano-mcp: error: unknown command 'verison' (did you mean 'version'?)",
		program_usage},
	{{"frobnicate"}, "xano-mcp: error: unknown command 'frobnicate'", program_usage},
	{{"help", "hlep"}, "xano-mcp: error: unknown command 'hlep' (did you mean 'help'?)",
		program_usage},
	{{"--lg-level", "x", "help"},
		"xano-mcp: error: unknown option '--lg-level' (did you mean '--log-level'?)",
		program_usage},
	{{"--log", "x"}, "xano-mcp: error: option '--log' is ambiguous (--log-level, --log-format)",
		program_usage},
	{{"--verbose=2"}, "xano-mcp: error: option '--verbose' takes no value", program_usage},
	{{"--log-level"}, "xano-mcp: error: option '--log-level' needs a value", program_usage},
	{{"-x"}, "xano-mcp: error: unknown option '-x'", program_usage},
	{{"-vx"}, "xano-mcp: error: unknown option '-x'", program_usage},
	{{"--log-level", "loud", "help"}, "xano-mcp: error: unknown log level 'loud' (expected "
		"silent, error, warn, info or debug)", program_usage},
	{{"--log-format=xml", "help"}, "xano-mcp: error: unknown log format 'xml' (expected "
		"text or json)", program_usage},
	{{"version", "extra"}, "xano-mcp: error: 'version' takes no arguments",
		"\nUsage: xano-mcp version\n"},
	{{"version", "--bogus"}, "xano-mcp: error: unknown option '--bogus'",
		"\nUsage: xano-mcp version\n"},
	{{"help", "a", "b"}, "xano-mcp: error: 'help' takes at most one COMMAND",
		"\nUsage: xano-mcp help [COMMAND]\n"},
};

START_TEST(mistakes_are_usage_errors)
{
	struct xm_run run = {0};
	xano(&run, mistakes[_i].args);
	expect_usage_error(&run, mistakes[_i].error, mistakes[_i].usage);
	xm_run_finish(&run);
}
END_TEST

START_TEST(global_options_are_accepted)
{
	struct xm_run run = {0};
	ck_assert_int_eq(XANO(&run, "-vv", "--log-level=error", "--log-format", "json", "--",
		"version"), 0);
	ck_assert(strncmp(run.out, "xano-mcp ", 9) == 0);
	ck_assert_str_eq(run.err, "");
	xm_run_finish(&run);
	/* Unique abbreviations work, like in every getopt_long program. */
	ck_assert_int_eq(XANO(&run, "--verb", "--log-f=text", "version"), 0);
	xm_run_finish(&run);
}
END_TEST

START_TEST(verbosity_and_log_format)
{
	struct xm_run run = {0};
	ck_assert_int_eq(XANO(&run, "-v", "version"), 0);
	ck_assert_str_eq(run.err, "");
	xm_run_finish(&run);

	ck_assert_int_eq(XANO(&run, "-vv", "version"), 0);
	ck_assert_msg(strstr(run.err, " debug [cli] xano-mcp " XM_VERSION ": running 'version'\n"),
		"%s", run.err);
	xm_run_finish(&run);

	/* -v counts from --log-level: silent, then error, then warn. */
	ck_assert_int_eq(XANO(&run, "--log-level", "silent", "-vv", "version"), 0);
	ck_assert_str_eq(run.err, "");
	xm_run_finish(&run);

	ck_assert_int_eq(XANO(&run, "--log-format=json", "--log-level=debug", "version"), 0);
	ck_assert_msg(strncmp(run.err, "{\"time\":\"", 9) == 0, "%s", run.err);
	ck_assert_msg(strstr(run.err, "\"level\":\"debug\",\"module\":\"cli\",\"message\":"
		"\"xano-mcp "), "%s", run.err);
	xm_run_finish(&run);
}
END_TEST

/* An MCP client starts `xano-mcp` with a pipe on stdin: that means serve. */
START_TEST(no_command_on_a_pipe_runs_serve)
{
	struct xm_run bare = {.stdin_text = ""};
	XANO(&bare, "-v");
	if (!xm_command_find("serve")) {
		expect_usage_error(&bare, "xano-mcp: error: no command given (and this build has "
			"no 'serve' command to run when standard input is not a terminal)",
			program_usage);
	} else {
		struct xm_run serve = {.stdin_text = ""};
		XANO(&serve, "-v", "serve");
		ck_assert_int_eq(bare.status, serve.status);
		ck_assert_str_eq(bare.out, serve.out);
		xm_run_finish(&serve);
	}
	xm_run_finish(&bare);
}
END_TEST

START_TEST(no_command_on_a_terminal_is_a_usage_error)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_msg(master >= 0, "posix_openpt failed");
	ck_assert(grantpt(master) == 0 && unlockpt(master) == 0);
	struct xm_run run = {.stdin_path = ptsname(master)};
	xano(&run, (const char *const[]){NULL});
	expect_usage_error(&run, "xano-mcp: error: no command given", program_usage);
	xm_run_finish(&run);
	close(master);
}
END_TEST

START_TEST(lost_output_is_a_failure)
{
	struct xm_run run = {.stdout_path = "/dev/full"};
	ck_assert_int_eq(XANO(&run, "help"), 1);
	ck_assert_str_eq(run.err, "xano-mcp: error: cannot write to standard output: "
		"No space left on device\n");
	xm_run_finish(&run);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("cli-cli");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, table_is_sorted_and_complete);
	tcase_add_test(tc, help_lists_every_command);
	tcase_add_loop_test(tc, every_command_has_help, 0, (int)xm_ncommands);
	tcase_add_test(tc, version_three_ways);
	tcase_add_loop_test(tc, mistakes_are_usage_errors, 0,
		(int)(sizeof(mistakes) / sizeof(mistakes[0])));
	tcase_add_test(tc, global_options_are_accepted);
	tcase_add_test(tc, verbosity_and_log_format);
	tcase_add_test(tc, no_command_on_a_pipe_runs_serve);
	tcase_add_test(tc, no_command_on_a_terminal_is_a_usage_error);
	tcase_add_test(tc, lost_output_is_a_failure);
	suite_add_tcase(s, tc);
	return s;
}
