/*
 * Commands that need neither the network nor the keyring must never map
 * libcurl or libsecret (see core/loader.h for why). Each run below happens
 * under LD_DEBUG=files, which makes the dynamic linker log every object it
 * opens, and the log must not name either library.
 *
 * To cover a new command, add a row to `runs`. Rows whose command is not in
 * the table (yet) are skipped, so a row may land before its command.
 */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/buf.h"

static const struct {
	/* Arguments after the program name; relative paths are from the
	 * source root. */
	const char *args[8];
	/* Fed on stdin (NULL: /dev/null), e.g. an MCP handshake for serve. */
	const char *stdin_text;
} runs[] = {
	{.args = {"help"}},
	{.args = {"--help"}},
	{.args = {"help", "version"}},
	{.args = {"version"}},
	{.args = {"--version"}},
	/* The offline language commands, on files and on stdin. */
	{.args = {"compile", "examples/app/api/posts/update.js"}},
	{.args = {"compile", "--json", "-"},
		.stdin_text = "return create('hello', 'GET').response('hi').build()\n"},
	{.args = {"check", "--json", "-"},
		.stdin_text = "query \"hello\" verb=GET {\n  input {\n    strng name\n  }\n"
			"  stack {\n  }\n  response = \"hi\"\n}\n"},
	{.args = {"fmt", "-"},
		.stdin_text = "query \"hello\" verb=GET {\n  stack {\n  }\n  response = \"hi\"\n}\n"},
	/* The MCP handshake and the tool list, then EOF ends the session. */
	{
		.args = {"serve"},
		.stdin_text =
			"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			"{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
			"\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}\n"
			"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
			"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n",
	},
	/* The offline tools through the server. */
	{
		.args = {"serve"},
		.stdin_text =
			"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			"{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
			"\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}\n"
			"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
			"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"compile_sdk_code\",\"arguments\":{\"code\":"
			"\"return create('hello', 'GET').response('hi').build()\"}}}\n"
			"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
			"{\"name\":\"validate_xanoscript\",\"arguments\":{\"code\":"
			"\"query \\\"x\\\" verb=GET {\\n}\\n\"}}}\n",
	},
	/* Listing the Xano resource templates and reading a built-in resource
	 * (or an unknown URI) go nowhere near the network. */
	{
		.args = {"serve"},
		.stdin_text =
			"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			"{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
			"\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}\n"
			"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
			"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/templates/list\"}\n"
			"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"xano-mcp://docs/xanoscript-cheatsheet\"}}\n"
			"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":"
			"{\"uri\":\"file:///etc/passwd\"}}\n",
	},
};

static const char *const lazy_libraries[] = {"libcurl", "libsecret"};

/* Runs argv under LD_DEBUG (with extra_env, "NAME=value" or NULL); returns
 * the linker's log, all processes. */
static char *linker_log_env(const char *const *argv, const char *stdin_text,
		const char *const *extra_env, int *status)
{
	char *tmp = xm_test_tmpdir();
	struct xm_buf output = XM_BUF_INIT, log = XM_BUF_INIT;
	xm_buf_addf(&output, "LD_DEBUG_OUTPUT=%s/ld", tmp);
	char *root = getenv("XM_SOURCE_ROOT");
	const char *env[8] = {"LD_DEBUG=files", output.data};
	for (size_t i = 0; extra_env && extra_env[i] && i < 5; i++) {
		env[i + 2] = extra_env[i];
	}
	struct xm_run run = {
		.env = env,
		.stdin_text = stdin_text,
		.cwd = root,
	};
	*status = xm_test_run(&run, argv);
	xm_run_finish(&run);

	/* glibc writes one file per process: ld.PID. */
	DIR *dir = opendir(tmp);
	ck_assert_ptr_nonnull(dir);
	for (struct dirent *e; (e = readdir(dir));) {
		if (strncmp(e->d_name, "ld.", 3) == 0) {
			struct xm_buf path = XM_BUF_INIT;
			xm_buf_addf(&path, "%s/%s", tmp, e->d_name);
			char *text = xm_test_read_file(path.data, NULL);
			xm_buf_adds(&log, text);
			free(text);
			xm_buf_finish(&path);
		}
	}
	closedir(dir);
	xm_test_rmtree(tmp);
	free(tmp);
	xm_buf_finish(&output);
	return xm_buf_steal(&log);
}

static char *linker_log(const char *const *argv, const char *stdin_text, int *status)
{
	return linker_log_env(argv, stdin_text, NULL, status);
}

/* The first line of log opening a file whose name has lib in it. */
static char *opened(const char *log, const char *lib)
{
	for (const char *hit = strstr(log, "file="); hit; hit = strstr(hit + 1, "file=")) {
		size_t len = strcspn(hit, "\n");
		char *line = strndup(hit, len);
		if (strstr(line, lib)) {
			return line;
		}
		free(line);
	}
	return NULL;
}

/* The method must be able to fail: the probe does load libcurl. */
START_TEST(the_method_sees_a_loaded_library)
{
	const char *probe = getenv("XM_LOADER_PROBE");
	ck_assert_ptr_nonnull(probe);
	int status;
	char *log = linker_log((const char *const[]){probe, "curl", NULL}, NULL, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_msg(strstr(log, "file=") != NULL, "LD_DEBUG wrote nothing");
	char *line = opened(log, "libcurl");
	ck_assert_msg(line != NULL, "loading libcurl left no trace in:\n%s", log);
	free(line);
	free(log);
}
END_TEST

START_TEST(command_maps_no_lazy_library)
{
	const char *const *args = runs[_i].args;
	if (args[0][0] != '-' && !xm_command_find(args[0])) {
		return;
	}
	const char *argv[10] = {xm_test_bin()};
	for (size_t i = 0; args[i]; i++) {
		argv[i + 1] = args[i];
	}
	int status;
	char *log = linker_log(argv, runs[_i].stdin_text, &status);
	ck_assert_msg(status < 126, "xano-mcp %s did not run (status %d)", args[0], status);
	ck_assert_msg(strstr(log, "file=") != NULL, "LD_DEBUG wrote nothing");
	for (size_t l = 0; l < sizeof(lazy_libraries) / sizeof(lazy_libraries[0]); l++) {
		char *line = opened(log, lazy_libraries[l]);
		ck_assert_msg(line == NULL, "`xano-mcp %s%s%s` mapped %s: %s", args[0],
			args[1] ? " " : "", args[1] ? args[1] : "", lazy_libraries[l], line);
	}
	free(log);
}
END_TEST

/*
 * And the other way round: reading a xano:// resource does open libcurl
 * (and only libcurl). The instance is a closed local port, so nothing
 * leaves the machine; the read fails after the library was opened.
 */
START_TEST(a_template_read_maps_libcurl)
{
	char *home = xm_test_tmpdir();
	struct xm_buf dir = XM_BUF_INIT, xdg = XM_BUF_INIT;
	xm_buf_addf(&dir, "%s/xano-mcp", home);
	ck_assert(mkdir(dir.data, 0700) == 0);
	xm_buf_adds(&dir, "/config");
	FILE *f = fopen(dir.data, "w");
	ck_assert_ptr_nonnull(f);
	fputs("[profile default]\ninstance = http://127.0.0.1:9\n", f);
	fclose(f);
	xm_buf_addf(&xdg, "XDG_CONFIG_HOME=%s", home);
	const char *env[] = {xdg.data, "XANO_MCP_TOKEN=lazy-test-token", NULL};
	const char *stdin_text =
		"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
		"{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
		"\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}\n"
		"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
		"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":"
		"{\"uri\":\"xano://workspace/1/table/2\"}}\n";
	int status;
	char *log = linker_log_env((const char *const[]){xm_test_bin(), "serve", NULL},
		stdin_text, env, &status);
	ck_assert_int_eq(status, 0);
	char *line = opened(log, "libcurl");
	ck_assert_msg(line != NULL, "a xano:// read did not map libcurl");
	free(line);
	line = opened(log, "libsecret");
	ck_assert_msg(line == NULL, "a xano:// read mapped libsecret: %s", line);
	free(log);
	xm_test_rmtree(home);
	free(home);
	xm_buf_finish(&dir);
	xm_buf_finish(&xdg);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("cli-lazy-libs");
	TCase *tc = tcase_create("lazy");
	tcase_add_test(tc, the_method_sees_a_loaded_library);
	tcase_add_test(tc, a_template_read_maps_libcurl);
	tcase_add_loop_test(tc, command_maps_no_lazy_library, 0,
		(int)(sizeof(runs) / sizeof(runs[0])));
	suite_add_tcase(s, tc);
	return s;
}
