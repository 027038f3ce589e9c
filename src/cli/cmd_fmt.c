#include <stdio.h>
#include <string.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/fileio.h"
#include "xano-mcp/core/term.h"
#include "xano-mcp/xs/format.h"
#include "xano-mcp/xs/parse.h"

enum mode {
	MODE_PRINT,
	MODE_CHECK,
	MODE_WRITE,
};

/*
 * Formats one file. A file with syntax errors is never rewritten: its
 * diagnostics go to stderr and the status is a failure.
 */
static int fmt_one(const char *path, enum mode mode, bool *changed)
{
	bool stdin_path = strcmp(path, "-") == 0;
	const char *name = xm_file_name(path);
	struct xm_buf text = XM_BUF_INIT, out = XM_BUF_INIT;
	struct xm_error err = { 0 };
	struct xm_diags diags;
	struct xm_arena *arena = NULL;
	int status = XM_EXIT_FAILURE;
	xm_diags_init(&diags, 0);
	if (!xm_file_read(path, XM_XS_MAX_BYTES, &text, &err)) {
		xm_cli_error("%s", err.message);
		goto out;
	}
	arena = xm_arena_create();
	struct xm_xs_node *file = xm_xs_parse(arena, text.data ? text.data : "", text.len,
		NULL, &diags);
	if (xm_diags_has_errors(&diags)) {
		struct xm_buf msg = XM_BUF_INIT;
		xm_diags_render_text(&diags, name, xm_buf_str(&text), text.len,
			xm_term_colour(stderr), &msg);
		fputs(xm_buf_str(&msg), stderr);
		xm_buf_finish(&msg);
		xm_cli_error("%s: not formatted: it has syntax errors", name);
		goto out;
	}
	xm_xs_format(file, &out);
	*changed = out.len != text.len || (out.len && memcmp(out.data, text.data, out.len) != 0);
	switch (mode) {
	case MODE_PRINT:
		fwrite(out.data, 1, out.len, stdout);
		break;
	case MODE_CHECK:
		if (*changed) {
			printf("%s\n", name);
		}
		break;
	case MODE_WRITE:
		if (stdin_path) {
			fwrite(out.data, 1, out.len, stdout);
		} else if (*changed && !xm_file_write_atomic(path, out.data, out.len,
				XM_FILE_PUBLIC, &err)) {
			xm_cli_error("%s", err.message);
			goto out;
		}
		break;
	}
	status = XM_EXIT_OK;
out:
	xm_arena_destroy(arena);
	xm_diags_finish(&diags);
	xm_buf_finish(&out);
	xm_buf_finish(&text);
	return status;
}

int xm_cmd_fmt(int argc, char **argv)
{
	const struct xm_command *self = xm_command_find("fmt");
	static const struct option options[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "write", no_argument, NULL, 'w' },
		{ 0 },
	};
	static const char exclusive[] = "--check and --write exclude each other";
	enum mode mode = MODE_PRINT;
	for (int c; (c = xm_cli_getopt(argc, argv, "w", options, self)) != -1;) {
		switch (c) {
		case 'c':
			if (mode == MODE_WRITE) {
				return xm_cli_usage_error(self, "%s", exclusive);
			}
			mode = MODE_CHECK;
			break;
		case 'w':
			if (mode == MODE_CHECK) {
				return xm_cli_usage_error(self, "%s", exclusive);
			}
			mode = MODE_WRITE;
			break;
		default:
			return XM_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		return xm_cli_usage_error(self, "'fmt' needs at least one FILE (or - for stdin)");
	}
	int status = XM_EXIT_OK;
	bool any_changed = false;
	for (int i = optind; i < argc; i++) {
		bool changed = false;
		if (fmt_one(argv[i], mode, &changed) != XM_EXIT_OK) {
			status = XM_EXIT_FAILURE;
		}
		any_changed = any_changed || changed;
	}
	if (mode == MODE_CHECK && any_changed) {
		status = XM_EXIT_FAILURE;
	}
	return status;
}
