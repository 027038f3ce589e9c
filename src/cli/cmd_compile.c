#include <stdio.h>
#include <string.h>

#include "xano-mcp/cli/cli.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/error.h"
#include "xano-mcp/core/exit.h"
#include "xano-mcp/core/fileio.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/term.h"
#include "xano-mcp/ops/compile.h"
#include "xano-mcp/sdk/parse.h"

/* Repairs as compiler notes, in the same style as the diagnostics. */
static void print_fixes(const struct xm_compile_result *r, const char *name, FILE *out)
{
	for (size_t i = 0; i < r->fixes.len; i++) {
		const struct xm_sdk_fix *f = &r->fixes.items[i];
		fprintf(out, "%s:%u:%u: fixed: %s\n", name, f->line, f->col, f->message);
	}
}

int xm_cmd_compile(int argc, char **argv)
{
	const struct xm_command *self = xm_command_find("compile");
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"no-fix", no_argument, NULL, 'n'},
		{0},
	};
	bool json = false;
	struct xm_compile_opts opts = {0};
	int c;
	while ((c = xm_cli_getopt(argc, argv, "", options, self)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'n':
			opts.no_fix = true;
			break;
		default:
			return XM_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		return xm_cli_usage_error(self, "'compile' takes one FILE (or - for stdin)");
	}
	const char *path = argv[optind];
	const char *name = xm_file_name(path);
	struct xm_buf code = XM_BUF_INIT;
	struct xm_error err = XM_ERROR_INIT;
	if (!xm_file_read(path, XM_SDK_MAX_SOURCE, &code, &err)) {
		xm_cli_error("%s", err.message);
		xm_buf_finish(&code);
		return XM_EXIT_FAILURE;
	}
	struct xm_compile_result r;
	xm_compile_result_init(&r);
	xm_compile_sdk(code.data ? code.data : "", code.len, &opts, &r);
	int status = r.ok ? XM_EXIT_OK : r.internal_error ? XM_EXIT_INTERNAL : XM_EXIT_FAILURE;
	if (json) {
		struct xm_buf out = XM_BUF_INIT;
		struct xm_json_gen *g = xm_json_gen_create(&out);
		xm_compile_result_json(&r, true, g);
		if (xm_json_gen_ok(g)) {
			xm_buf_addc(&out, '\n');
			fwrite(out.data, 1, out.len, stdout);
		} else {
			xm_cli_error("could not encode the result as JSON");
			status = XM_EXIT_INTERNAL;
		}
		xm_json_gen_destroy(g);
		xm_buf_finish(&out);
	} else {
		print_fixes(&r, name, stderr);
		struct xm_buf text = XM_BUF_INIT;
		xm_diags_render_text(&r.diags, name, r.source, r.source_len,
			xm_term_colour(stderr), &text);
		fwrite(text.data ? text.data : "", 1, text.len, stderr);
		xm_buf_finish(&text);
		if (r.ok) {
			fwrite(r.xanoscript, 1, r.xanoscript_len, stdout);
		}
	}
	xm_compile_result_finish(&r);
	xm_buf_finish(&code);
	return status;
}
