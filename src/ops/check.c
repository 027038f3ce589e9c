#include <string.h>

#include "xano-mcp/core/fileio.h"
#include "xano-mcp/ops/check.h"
#include "xano-mcp/xs/parse.h"

bool xm_check_file(const char *path, const struct xm_xs_check_opts *opts,
		struct xm_buf *text, struct xm_diags *diags, struct xm_error *err)
{
	size_t max = opts && opts->max_bytes ? opts->max_bytes : XM_XS_MAX_BYTES;
	size_t start = text->len;
	if (!xm_file_read(path, max, text, err)) {
		return false;
	}
	xm_xs_check(xm_buf_str(text) + start, text->len - start, opts, diags);
	return true;
}

void xm_check_summary(const struct xm_diags *diags, struct xm_buf *out)
{
	size_t warnings = 0;
	for (size_t i = 0; i < diags->len; i++) {
		warnings += diags->items[i].severity == XM_SEV_WARNING;
	}
	xm_buf_addf(out, "%zu error%s, %zu warning%s", diags->errors,
		diags->errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	if (diags->dropped) {
		xm_buf_addf(out, "; %zu more not shown", diags->dropped);
	}
}

void xm_check_json_members(struct xm_json_gen *g, const struct xm_diags *diags)
{
	struct xm_buf summary = XM_BUF_INIT;
	xm_check_summary(diags, &summary);
	xm_json_gen_kbool(g, "valid", !xm_diags_has_errors(diags));
	xm_json_gen_kstring(g, "summary", xm_buf_str(&summary));
	xm_buf_finish(&summary);
	xm_json_gen_key(g, "errors");
	xm_json_gen_begin_array(g);
	for (size_t i = 0; i < diags->len; i++) {
		const struct xm_diag *d = &diags->items[i];
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "severity", xm_severity_name(d->severity));
		xm_json_gen_kint(g, "line", d->line);
		xm_json_gen_kint(g, "column", d->col);
		xm_json_gen_kint(g, "endColumn", d->end_col);
		xm_json_gen_kstring(g, "code", d->code);
		/* Messages quote source text, which may not be valid UTF-8. */
		xm_json_gen_key(g, "message");
		xm_json_gen_text(g, d->message, strlen(d->message));
		xm_json_gen_key(g, "suggestion");
		if (d->suggestion) {
			xm_json_gen_text(g, d->suggestion, strlen(d->suggestion));
		} else {
			xm_json_gen_null(g);
		}
		xm_json_gen_end_object(g);
	}
	xm_json_gen_end_array(g);
}
