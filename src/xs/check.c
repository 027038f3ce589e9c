#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/xs/check.h"
#include "xano-mcp/xs/parse.h"
#include "xano-mcp/xs/validate.h"

/* Moves the items of from into to (from is left empty). */
static void move_diags(struct xm_diags *to, struct xm_diags *from, bool drop_missing)
{
	for (size_t i = 0; i < from->len; i++) {
		struct xm_diag *d = &from->items[i];
		if (drop_missing && strncmp(d->code, "missing-", 8) == 0) {
			continue;
		}
		xm_diags_add(to, d->severity, d->line, d->col, d->end_col, d->code,
			d->suggestion, "%s", d->message);
	}
	/* Diagnostics beyond the cap still count. */
	to->dropped += from->dropped;
	size_t uncounted = from->errors;
	for (size_t i = 0; i < from->len; i++) {
		uncounted -= from->items[i].severity == XM_SEV_ERROR;
	}
	to->errors += uncounted;
}

bool xm_xs_check(const char *text, size_t len, const struct xm_xs_check_opts *opts,
		struct xm_diags *diags)
{
	struct xm_arena *arena = xm_arena_create();
	struct xm_xs_parse_opts popts = {
		.max_bytes = opts ? opts->max_bytes : 0,
	};
	size_t before = diags->errors;
	struct xm_xs_node *file = xm_xs_parse(arena, text, len, &popts, diags);
	bool syntax_errors = diags->errors > before;

	struct xm_diags vd;
	xm_diags_init(&vd, diags->max);
	struct xm_xs_validate_opts vopts = { .flags = opts ? opts->validate : 0 };
	xm_xs_validate(file, &vopts, &vd);
	move_diags(diags, &vd, syntax_errors);
	xm_diags_finish(&vd);
	xm_arena_destroy(arena);

	xm_diags_sort(diags);
	return diags->errors == before;
}
