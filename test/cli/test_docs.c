/*
 * The man page, README.md, the three shell completions and `xano-mcp help` must list
 * exactly the commands of the table in src/cli/commands.c, and mention
 * every global option. A failure says which file lacks what.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/buf.h"

/* A list of names: a NUL-separated string of words. */
struct names {
	struct xm_buf words;
};

static void add_name(struct names *list, const char *word, size_t len)
{
	xm_buf_add(&list->words, word, len);
	xm_buf_addc(&list->words, '\0');
}

static bool has_name(const struct names *list, const char *name)
{
	for (size_t at = 0; at < list->words.len; at += strlen(list->words.data + at) + 1) {
		if (strcmp(list->words.data + at, name) == 0) {
			return true;
		}
	}
	return false;
}

/* Compares list with the table; describes differences in problems. */
static void compare(const struct names *list, const char *where, const char *how,
		struct xm_buf *problems)
{
	for (size_t i = 0; i < xm_ncommands; i++) {
		if (!has_name(list, xm_commands[i].name)) {
			xm_buf_addf(problems, "%s lacks the command '%s' (%s)\n", where,
				xm_commands[i].name, how);
		}
	}
	for (size_t at = 0; at < list->words.len; at += strlen(list->words.data + at) + 1) {
		if (!xm_command_find(list->words.data + at)) {
			xm_buf_addf(problems, "%s lists '%s', which is not in src/cli/commands.c\n",
				where, list->words.data + at);
		}
	}
}

static void check(const struct names *list, const char *where, const char *how)
{
	struct xm_buf problems = XM_BUF_INIT;
	compare(list, where, how, &problems);
	ck_assert_msg(problems.len == 0, "\n%s", xm_buf_str(&problems));
	xm_buf_finish(&problems);
}

static char *source_file(const char *rel)
{
	char *path = xm_test_source_path(rel);
	char *text = xm_test_read_file(path, NULL);
	free(path);
	return text;
}

/* The next line at *cursor (len bytes, no newline), or NULL at the end. */
static const char *next_line(const char **cursor, size_t *len)
{
	const char *line = *cursor;
	if (!*line) {
		return NULL;
	}
	*len = strcspn(line, "\n");
	*cursor = line[*len] ? line + *len + 1 : line + *len;
	return line;
}

/*
 * Where each document lists the commands: the list starts at a line that
 * begins with `start` (after indentation), ends at a line that begins with
 * `end`, and each entry is a line beginning with `entry` (indented or at
 * the first column, as `indented` says), the name running up to one of
 * `stops`.
 */
static const struct listing {
	const char *file;
	const char *start;
	const char *end;
	const char *entry;
	bool indented;
	const char *stops;
	const char *how; /* what to write there for a new command */
} listings[] = {
	{"man/xano-mcp.1.scd", "# COMMANDS", "#", "*", false, "*",
		"add '*name* [_ARGS_]' and its description under # COMMANDS"},
	{"README.md", "## Commands", "#", "| `", false, " `",
		"add a row '| `name ARGS` | what it does |' to the table under ## Commands"},
	{"completions/zsh/_xano-mcp", "local -a commands=(", ")", "'", true, ":'",
		"add 'name:Summary' to commands=( )"},
	{"completions/fish/xano-mcp.fish", "function __fish_xano_mcp_commands", "end",
		"printf '%s\\t%s\\n' ", true, " ", "add a printf line to __fish_xano_mcp_commands"},
};

START_TEST(documents_list_every_command)
{
	const struct listing *l = &listings[_i];
	char *text = source_file(l->file);
	struct names list = {XM_BUF_INIT};
	bool inside = false, found = false;
	const char *cursor = text, *line;
	size_t len;
	while ((line = next_line(&cursor, &len))) {
		size_t indent = strspn(line, "\t ");
		const char *body = line + indent;
		if (!inside && strncmp(body, l->start, strlen(l->start)) == 0) {
			inside = found = true;
		} else if (inside && strncmp(body, l->end, strlen(l->end)) == 0) {
			inside = false;
		} else if (inside && (indent > 0) == l->indented &&
				strncmp(body, l->entry, strlen(l->entry)) == 0) {
			const char *name = body + strlen(l->entry);
			add_name(&list, name, strcspn(name, l->stops));
		}
	}
	ck_assert_msg(found, "%s: no line starts with '%s'", l->file, l->start);
	check(&list, l->file, l->how);
	xm_buf_finish(&list.words);
	free(text);
}
END_TEST

START_TEST(help_output_lists_every_command)
{
	struct xm_run run = {0};
	ck_assert_int_eq(xm_test_run(&run, (const char *const[]){xm_test_bin(), "help", NULL}), 0);
	struct names list = {XM_BUF_INIT};
	const char *rows = strstr(run.out, "\nCommands:\n");
	ck_assert_msg(rows, "no Commands: in\n%s", run.out);
	rows += strlen("\nCommands:\n");
	const char *cursor = rows, *line;
	size_t len;
	while ((line = next_line(&cursor, &len))) {
		if (len == 0) {
			break;
		}
		size_t start = strspn(line, " ");
		add_name(&list, line + start, strcspn(line + start, " \n"));
	}
	check(&list, "`xano-mcp help`", "src/cli/cmd_help.c prints the table");
	xm_buf_finish(&list.words);
	xm_run_finish(&run);
}
END_TEST

/* Words printed one per line by a shell snippet run on the completion. */
static void run_bash(const char *script, struct names *list)
{
	char *completion = xm_test_source_path("completions/bash/xano-mcp");
	struct xm_buf cmd = XM_BUF_INIT;
	xm_buf_addf(&cmd, "source '%s' || exit 9\n%s\nprintf '%%s\\n' \"${COMPREPLY[@]}\"",
		completion, script);
	struct xm_run run = {0};
	xm_test_run(&run, (const char *const[]){"/bin/bash", "--norc", "--noprofile", "-c",
		cmd.data, NULL});
	ck_assert_msg(run.status == 0, "bash failed (%d): %s", run.status, run.err);
	ck_assert_msg(run.err[0] == '\0', "bash said: %s", run.err);
	const char *cursor = run.out, *line;
	size_t len;
	while ((line = next_line(&cursor, &len))) {
		if (len > 0) {
			add_name(list, line, len);
		}
	}
	xm_run_finish(&run);
	xm_buf_finish(&cmd);
	free(completion);
}

START_TEST(bash_completes_every_command)
{
	struct names list = {XM_BUF_INIT};
	run_bash("complete -p xano-mcp | grep -qx 'complete -F _xano_mcp xano-mcp' || exit 8\n"
		"COMP_WORDS=(xano-mcp ''); COMP_CWORD=1; _xano_mcp", &list);
	check(&list, "completions/bash/xano-mcp", "add it to commands=( ) and a case for it");
	xm_buf_finish(&list.words);

	/* After global options and their values too. */
	struct names after = {XM_BUF_INIT};
	run_bash("COMP_WORDS=(xano-mcp -v --log-level debug ''); COMP_CWORD=4; _xano_mcp",
		&after);
	check(&after, "completions/bash/xano-mcp (after global options)", "see commands=( )");
	xm_buf_finish(&after.words);

	/* And as the operand of help. */
	struct names operand = {XM_BUF_INIT};
	run_bash("COMP_WORDS=(xano-mcp help ''); COMP_CWORD=2; _xano_mcp", &operand);
	check(&operand, "completions/bash/xano-mcp (xano-mcp help COMMAND)", "see commands=( )");
	xm_buf_finish(&operand.words);
}
END_TEST

START_TEST(bash_completes_a_prefix_and_option_values)
{
	struct names list = {XM_BUF_INIT};
	run_bash("COMP_WORDS=(xano-mcp vers); COMP_CWORD=1; _xano_mcp", &list);
	ck_assert_str_eq(xm_buf_str(&list.words), "version");
	xm_buf_reset(&list.words);
	run_bash("COMP_WORDS=(xano-mcp --log-level d); COMP_CWORD=2; _xano_mcp", &list);
	ck_assert_str_eq(xm_buf_str(&list.words), "debug");
	xm_buf_reset(&list.words);
	run_bash("COMP_WORDS=(xano-mcp --log-f); COMP_CWORD=1; _xano_mcp", &list);
	ck_assert_str_eq(xm_buf_str(&list.words), "--log-format");
	xm_buf_finish(&list.words);
}
END_TEST


/* Every long option that `xano-mcp --help` shows is in the man page and the
 * three completions. */
START_TEST(global_options_are_documented)
{
	struct xm_run run = {0};
	ck_assert_int_eq(xm_test_run(&run, (const char *const[]){xm_test_bin(), "--help", NULL}),
		0);
	static const char *const files[] = {
		"man/xano-mcp.1.scd",
		"completions/bash/xano-mcp",
		"completions/zsh/_xano-mcp",
		"completions/fish/xano-mcp.fish",
	};
	char *texts[4];
	for (size_t f = 0; f < 4; f++) {
		texts[f] = source_file(files[f]);
	}
	struct xm_buf problems = XM_BUF_INIT;
	size_t seen = 0;
	const char *options = strstr(run.out, "\nOptions:\n");
	ck_assert_ptr_nonnull(options);
	const char *cursor = options + 1, *line;
	size_t len;
	while ((line = next_line(&cursor, &len)) && len > 0) {
		const char *opt = strstr(line, "--");
		if (!opt || opt > line + len) {
			continue;
		}
		char name[64];
		size_t n = strcspn(opt + 2, " ,\n");
		snprintf(name, sizeof(name), "%.*s", (int)n, opt + 2);
		seen++;
		char spelled[80], fish[80];
		snprintf(spelled, sizeof(spelled), "--%s", name);
		/* fish spells long options "-l name". */
		snprintf(fish, sizeof(fish), "-l %s", name);
		for (size_t f = 0; f < 4; f++) {
			if (!strstr(texts[f], f == 3 ? fish : spelled)) {
				xm_buf_addf(&problems, "%s lacks the global option --%s\n", files[f],
					name);
			}
		}
	}
	ck_assert_uint_ge(seen, 5);
	ck_assert_msg(problems.len == 0, "\n%s", xm_buf_str(&problems));
	xm_buf_finish(&problems);
	for (size_t f = 0; f < 4; f++) {
		free(texts[f]);
	}
	xm_run_finish(&run);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("cli-docs");
	TCase *tc = tcase_create("docs");
	tcase_add_loop_test(tc, documents_list_every_command, 0,
		(int)(sizeof(listings) / sizeof(listings[0])));
	tcase_add_test(tc, help_output_lists_every_command);
	tcase_add_test(tc, bash_completes_every_command);
	tcase_add_test(tc, bash_completes_a_prefix_and_option_values);
	tcase_add_test(tc, global_options_are_documented);
	suite_add_tcase(s, tc);
	return s;
}
