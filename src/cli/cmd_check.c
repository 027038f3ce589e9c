#include <stdio.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/fileio.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/term.h"
#include "xano-mcp/ops/check.h"
#include "xano-mcp/xs/validate.h"

/* Checks one file; renders text to stdout or JSON members into g. */
static int check_one(const char *path, const struct xm_xs_check_opts *opts,
		struct xm_json_gen *g, bool colour)
{
	struct xm_buf text = XM_BUF_INIT;
	struct xm_diags diags;
	struct xm_error err = { 0 };
	xm_diags_init(&diags, 0);
	const char *name = xm_file_name(path);
	int status = XM_EXIT_OK;
	if (!xm_check_file(path, opts, &text, &diags, &err)) {
		xm_cli_error("%s", err.message);
		status = XM_EXIT_FAILURE;
		if (g) {
			xm_json_gen_begin_object(g);
			xm_json_gen_kstring(g, "file", name);
			xm_json_gen_kbool(g, "valid", false);
			xm_json_gen_kstring(g, "summary", err.message);
			xm_json_gen_key(g, "errors");
			xm_json_gen_begin_array(g);
			xm_json_gen_end_array(g);
			xm_json_gen_end_object(g);
		}
		goto out;
	}
	if (xm_diags_has_errors(&diags)) {
		status = XM_EXIT_FAILURE;
	}
	if (g) {
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "file", name);
		xm_check_json_members(g, &diags);
		xm_json_gen_end_object(g);
	} else if (diags.len || diags.dropped) {
		struct xm_buf out = XM_BUF_INIT;
		xm_diags_render_text(&diags, name, xm_buf_str(&text), text.len, colour, &out);
		fwrite(out.data, 1, out.len, stdout);
		xm_buf_finish(&out);
	}
out:
	xm_diags_finish(&diags);
	xm_buf_finish(&text);
	return status;
}

int xm_cmd_check(int argc, char **argv)
{
	const struct xm_command *self = xm_command_find("check");
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "ls11", no_argument, NULL, 'L' },
		{ 0 },
	};
	bool json = false;
	struct xm_xs_check_opts opts = { 0 };
	for (int c; (c = xm_cli_getopt(argc, argv, "", options, self)) != -1;) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'L':
			opts.validate |= XM_XS_VALIDATE_LS11;
			break;
		default:
			return XM_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		return xm_cli_usage_error(self,
			"'check' needs at least one FILE (or - for stdin)");
	}
	int status = XM_EXIT_OK;
	struct xm_buf out = XM_BUF_INIT;
	struct xm_json_gen *g = NULL;
	if (json) {
		g = xm_json_gen_create(&out);
		xm_json_gen_begin_object(g);
		xm_json_gen_key(g, "files");
		xm_json_gen_begin_array(g);
	}
	bool colour = xm_term_colour(stdout);
	for (int i = optind; i < argc; i++) {
		if (check_one(argv[i], &opts, g, colour) != XM_EXIT_OK) {
			status = XM_EXIT_FAILURE;
		}
	}
	if (g) {
		xm_json_gen_end_array(g);
		xm_json_gen_kbool(g, "valid", status == XM_EXIT_OK);
		xm_json_gen_end_object(g);
		if (!xm_json_gen_ok(g)) {
			xm_cli_error("could not encode the result as JSON");
			status = XM_EXIT_INTERNAL;
		} else {
			xm_buf_addc(&out, '\n');
			fwrite(out.data, 1, out.len, stdout);
		}
		xm_json_gen_destroy(g);
	}
	xm_buf_finish(&out);
	return status;
}
