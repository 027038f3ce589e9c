#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/ops/compile.h"
#include "xano-mcp/sdk/lower.h"
#include "xano-mcp/sdk/parse.h"
#include "xano-mcp/sdk/pattern.h"
#include "xano-mcp/sdk/resolve.h"
#include "xano-mcp/xs/format.h"
#include "xano-mcp/xs/parse.h"
#include "xano-mcp/xs/validate.h"

void xm_compile_result_init(struct xm_compile_result *result)
{
	memset(result, 0, sizeof(*result));
	xm_diags_init(&result->diags, 0);
	xm_sdk_fixes_init(&result->fixes, true);
}

void xm_compile_result_finish(struct xm_compile_result *result)
{
	if (!result) {
		return;
	}
	free(result->xanoscript);
	free(result->source);
	free((char *)result->name);
	free(result->source_map);
	xm_diags_finish(&result->diags);
	xm_sdk_fixes_finish(&result->fixes);
	memset(result, 0, sizeof(*result));
}

unsigned xm_compile_map_line(const struct xm_compile_result *result, unsigned out_line)
{
	if (out_line == 0 || out_line > result->map_len) {
		return 0;
	}
	return result->source_map[out_line - 1];
}

static void fill(struct xm_compile_result *r, const struct xm_xs_node *printed,
		unsigned sdk_line)
{
	unsigned first = printed->line, last = printed->end_line;
	if (last < first) {
		last = first;
	}
	for (unsigned l = first; l >= 1 && l <= last && l <= r->map_len; l++) {
		r->source_map[l - 1] = sdk_line;
	}
}

/* The entries of an array value that the lowering placed (a table's
 * index list): each printed entry maps to its own SDK line. */
static void entries(struct xm_compile_result *r, const struct xm_xs_node *lowered,
		const struct xm_xs_node *printed)
{
	if (!lowered || !printed || lowered->kind != XM_XS_ARRAY ||
			printed->kind != XM_XS_ARRAY) {
		return;
	}
	const struct xm_xs_node *a = lowered->items.first, *b = printed->items.first;
	for (; a && b; a = a->next, b = b->next) {
		if (a->line) {
			fill(r, b, a->line);
		}
	}
}

/*
 * Walks the lowered tree (SDK lines) and the tree parsed back from the
 * printed text (output lines) side by side; they have the same shape
 * because the formatter round-trips. Inner items overwrite their parents'
 * ranges, so each line gets the most specific SDK line.
 */
static void map_lines(struct xm_compile_result *r, const struct xm_xs_node *lowered,
		const struct xm_xs_node *printed, unsigned depth)
{
	if (!lowered || !printed || depth > 256) {
		return;
	}
	if (lowered->line) {
		fill(r, printed, lowered->line);
	}
	const struct xm_xs_node *a = lowered->items.first, *b = printed->items.first;
	for (; a && b; a = a->next, b = b->next) {
		switch (a->kind) {
		case XM_XS_CONSTRUCT:
		case XM_XS_DOC:
		case XM_XS_BLOCK:
		case XM_XS_DECL:
		case XM_XS_STMT:
		case XM_XS_ATTR:
		case XM_XS_COMMENT:
			map_lines(r, a, b, depth + 1);
			entries(r, a->value, b->value);
			break;
		default:
			break;
		}
	}
}

/* Reports problems in our own output at the SDK line they map to. */
static void internal(struct xm_compile_result *r, const struct xm_diags *found,
		const char *stage)
{
	r->internal_error = true;
	for (size_t i = 0; i < found->len; i++) {
		const struct xm_diag *d = &found->items[i];
		if (d->severity != XM_SEV_ERROR) {
			continue;
		}
		unsigned line = xm_compile_map_line(r, d->line);
		xm_diags_add(&r->diags, XM_SEV_ERROR, line ? line : 1, 1, 1, "internal-error",
			"please report this bug with the SDK code; the XanoScript was not used",
			"compiler bug: the %s rejected output line %u: %s [%s]", stage, d->line,
			d->message, d->code);
	}
}

bool xm_compile_sdk(const char *code, size_t len, const struct xm_compile_opts *opts,
		struct xm_compile_result *r)
{
	r->fixes.enabled = !(opts && opts->no_fix);
	struct xm_arena *arena = xm_arena_create();
	struct xm_buf text = XM_BUF_INIT, out = XM_BUF_INIT;
	struct xm_diags check;
	xm_diags_init(&check, 0);

	if (len > XM_SDK_MAX_SOURCE) {
		xm_diags_add(&r->diags, XM_SEV_ERROR, 1, 1, 1, "too-large",
			"compile one endpoint, function, task, table or API group at a time",
			"the code is %zu bytes; the limit is %d", len, XM_SDK_MAX_SOURCE);
		goto out;
	}
	xm_sdk_autofix_text(code, len, &r->fixes, &r->diags, &text);
	/* The repaired text becomes the result's source as it is (a buffer
	 * always ends with a NUL; the code may hold NUL bytes of its own,
	 * which the lexer reports, so the length is kept). */
	r->source_len = text.len;
	r->source = xm_buf_steal(&text);

	/*
	 * With repairs off, the would-be repairs are errors, yet the code
	 * they leave is as sound as when they are applied: each phase goes on
	 * unless errors of another kind came before it. Past a syntax error
	 * the tree lacks what could not be parsed, and past an error of the
	 * resolver the builder lacks the call it refused: the next phase would
	 * report what is missing, not what is wrong, so it does not run.
	 */
	struct xm_sdk_program *prog = xm_sdk_parse(r->source, r->source_len, arena, &r->diags);
	if (r->diags.errors > r->fixes.refused) {
		goto out;
	}
	struct xm_sdk_block *root = xm_sdk_resolve(prog, arena, &r->fixes, &r->diags);
	if (!root || r->diags.errors > r->fixes.refused) {
		goto out;
	}
	struct xm_xs_node *file = xm_sdk_lower(root, arena, &r->fixes, &r->diags);
	if (!file || xm_diags_has_errors(&r->diags)) {
		goto out;
	}
	const struct xm_xs_node *construct = file->items.first->items.first;
	r->kind = construct->name;
	/* The XanoScript is typically 1.2 to 1.5 times the size of the SDK
	 * code: one allocation rather than a series of doublings. */
	xm_buf_reserve(&out, 2 * len + 256);
	xm_xs_format(file, &out);

	/* Judge our own output the way Xano would. */
	struct xm_xs_node *printed = xm_xs_parse(arena, out.data, out.len, NULL, &check);
	size_t lines = 0;
	const char *end = out.data + out.len;
	for (const char *c = out.data; (c = memchr(c, '\n', (size_t)(end - c))); c++) {
		lines++;
	}
	r->map_len = lines;
	/* Every entry is written below: no need for calloc()'s zeroing. */
	r->source_map = xm_reallocarray(NULL, lines ? lines : 1, sizeof(*r->source_map));
	for (size_t i = 0; i < lines; i++) {
		r->source_map[i] = root->line;
	}
	if (xm_diags_has_errors(&check)) {
		internal(r, &check, "XanoScript parser");
		goto out;
	}
	map_lines(r, file->items.first, printed->items.first, 0);
	xm_xs_validate(printed, NULL, &check);
	if (xm_diags_has_errors(&check)) {
		internal(r, &check, "XanoScript validator");
		goto out;
	}
	r->pattern = xm_sdk_pattern(root);
	r->name = xm_strdup(construct->target && construct->target->text ?
		construct->target->text : "");
	xm_sdk_metrics_compute(&r->metrics, code, len, out.data, out.len);
	r->xanoscript_len = out.len;
	r->xanoscript = xm_buf_steal(&out);
	r->ok = true;
out:
	xm_diags_sort(&r->diags);
	xm_sdk_fixes_sort(&r->fixes);
	xm_diags_finish(&check);
	xm_buf_finish(&text);
	xm_buf_finish(&out);
	xm_arena_destroy(arena);
	return r->ok;
}

/* The code need not be UTF-8 and its bytes reach the XanoScript, the
 * messages that quote it and the repaired source: never let them make the
 * JSON fail. */
static void ktext(struct xm_json_gen *g, const char *key, const char *s)
{
	xm_json_gen_key(g, key);
	xm_json_gen_text(g, s, strlen(s));
}

void xm_compile_result_json(const struct xm_compile_result *r, bool with_xanoscript,
		struct xm_json_gen *g)
{
	xm_json_gen_begin_object(g);
	xm_json_gen_kbool(g, "ok", r->ok);
	xm_json_gen_kbool(g, "internal_error", r->internal_error);
	if (with_xanoscript) {
		xm_json_gen_key(g, "xanoscript");
		if (r->xanoscript) {
			xm_json_gen_text(g, r->xanoscript, r->xanoscript_len);
		} else {
			xm_json_gen_null(g);
		}
	}
	static const char *const keys[] = {"pattern", "kind", "name"};
	const char *vals[] = {r->pattern, r->kind, r->name};
	for (size_t i = 0; i < 3; i++) {
		xm_json_gen_key(g, keys[i]);
		if (vals[i] && r->ok) {
			xm_json_gen_text(g, vals[i], strlen(vals[i]));
		} else {
			xm_json_gen_null(g);
		}
	}
	xm_json_gen_key(g, "diagnostics");
	xm_json_gen_begin_array(g);
	for (size_t i = 0; i < r->diags.len; i++) {
		const struct xm_diag *d = &r->diags.items[i];
		xm_json_gen_begin_object(g);
		xm_json_gen_kstring(g, "severity", xm_severity_name(d->severity));
		xm_json_gen_kint(g, "line", d->line);
		xm_json_gen_kint(g, "column", d->col);
		xm_json_gen_kint(g, "endColumn", d->end_col);
		xm_json_gen_kstring(g, "code", d->code);
		ktext(g, "message", d->message);
		if (d->suggestion) {
			ktext(g, "suggestion", d->suggestion);
		}
		xm_json_gen_end_object(g);
	}
	xm_json_gen_end_array(g);
	xm_json_gen_key(g, "fixes");
	xm_json_gen_begin_array(g);
	for (size_t i = 0; i < r->fixes.len; i++) {
		xm_json_gen_begin_object(g);
		xm_json_gen_kint(g, "line", r->fixes.items[i].line);
		xm_json_gen_kint(g, "column", r->fixes.items[i].col);
		ktext(g, "message", r->fixes.items[i].message);
		xm_json_gen_end_object(g);
	}
	xm_json_gen_end_array(g);
	if (r->ok) {
		const struct xm_sdk_metrics *m = &r->metrics;
		xm_json_gen_key(g, "metrics");
		xm_json_gen_begin_object(g);
		xm_json_gen_kint(g, "sdk_bytes", (int64_t)m->sdk_bytes);
		xm_json_gen_kint(g, "xanoscript_bytes", (int64_t)m->xs_bytes);
		xm_json_gen_kint(g, "sdk_tokens_estimate", (int64_t)m->sdk_tokens);
		xm_json_gen_kint(g, "xanoscript_tokens_estimate", (int64_t)m->xs_tokens);
		xm_json_gen_kint(g, "tokens_saved_estimate", m->tokens_saved);
		char pct[32];
		snprintf(pct, sizeof(pct), "%.1f", m->percent_saved);
		xm_json_gen_key(g, "percent_saved_estimate");
		xm_json_gen_raw_number(g, pct, strlen(pct));
		xm_json_gen_kstring(g, "token_estimate",
			"words of [A-Za-z0-9_] and other visible characters, one token each");
		xm_json_gen_end_object(g);
		xm_json_gen_key(g, "source_map");
		xm_json_gen_begin_array(g);
		for (size_t i = 0; i < r->map_len; i++) {
			xm_json_gen_int(g, r->source_map[i]);
		}
		xm_json_gen_end_array(g);
	}
	/* Positions are in the repaired text: show it when it may differ. */
	if (r->source && (r->fixes.len || r->fixes.refused)) {
		xm_json_gen_key(g, "source");
		xm_json_gen_text(g, r->source, r->source_len);
	}
	xm_json_gen_end_object(g);
}
