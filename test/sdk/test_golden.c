/*
 * Golden tests of the SDK compiler: for every test/sdk/golden/NAME.js,
 *   NAME.xs     the expected XanoScript (the compile must succeed),
 *   NAME.err    the expected diagnostics, one per line
 *               "LINE:COL: CODE: MESSAGE [| SUGGESTION]" (the compile must fail),
 *   NAME.fixes  the expected repairs, one per line "LINE:COL: MESSAGE",
 *   NAME.map    the expected source map, SDK lines separated by spaces.
 * Names starting with "nofix-" compile with the repairs turned off.
 * A mismatch prints a line diff. XM_GOLDEN_UPDATE=1 rewrites the expected
 * files from the actual results (review them with git diff).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/ops/compile.h"
#include "xano-mcp/sdk/resolve.h"

static char *read_opt(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return NULL;
	}
	struct xm_buf b = XM_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		xm_buf_add(&b, chunk, n);
	}
	fclose(f);
	return xm_buf_steal(&b);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Appends a line diff of want and got to out. */
static void diff(const char *want, const char *got, struct xm_buf *out)
{
	const char *w = want, *g = got;
	unsigned line = 1, shown = 0;
	while ((*w || *g) && shown < 8) {
		const char *we = strchr(w, '\n'), *ge = strchr(g, '\n');
		size_t wl = we ? (size_t)(we - w) : strlen(w);
		size_t gl = ge ? (size_t)(ge - g) : strlen(g);
		if (wl != gl || memcmp(w, g, wl) != 0) {
			xm_buf_addf(out, "  line %u:\n    want: %.*s\n    got:  %.*s\n", line,
				(int)wl, w, (int)gl, g);
			shown++;
		}
		w = we ? we + 1 : w + wl;
		g = ge ? ge + 1 : g + gl;
		line++;
	}
}

static void check_one(const char *dir, const char *name, struct xm_buf *problems)
{
	char path[1024];
	bool update = getenv("XM_GOLDEN_UPDATE") != NULL;
	snprintf(path, sizeof(path), "%s/%s.js", dir, name);
	char *code = read_opt(path);
	ck_assert_ptr_nonnull(code);
	struct xm_compile_opts opts = {.no_fix = strncmp(name, "nofix-", 6) == 0};
	struct xm_compile_result r;
	xm_compile_result_init(&r);
	xm_compile_sdk(code, strlen(code), &opts, &r);

	struct xm_buf errs = XM_BUF_INIT, fixes = XM_BUF_INIT, map = XM_BUF_INIT;
	for (size_t i = 0; i < r.diags.len; i++) {
		const struct xm_diag *d = &r.diags.items[i];
		xm_buf_addf(&errs, "%u:%u: %s: %s", d->line, d->col, d->code, d->message);
		if (d->suggestion) {
			xm_buf_addf(&errs, " | %s", d->suggestion);
		}
		xm_buf_addc(&errs, '\n');
	}
	for (size_t i = 0; i < r.fixes.len; i++) {
		xm_buf_addf(&fixes, "%u:%u: %s\n", r.fixes.items[i].line, r.fixes.items[i].col,
			r.fixes.items[i].message);
	}
	for (size_t i = 0; i < r.map_len; i++) {
		xm_buf_addf(&map, "%s%u", i ? " " : "", r.source_map[i]);
	}
	if (map.len) {
		xm_buf_addc(&map, '\n');
	}
	static const char *const exts[] = {"xs", "err", "fixes", "map"};
	const char *got[] = {
		r.ok ? r.xanoscript : NULL, r.ok ? NULL : xm_buf_str(&errs),
		xm_buf_str(&fixes), xm_buf_str(&map),
	};
	for (size_t k = 0; k < 4; k++) {
		snprintf(path, sizeof(path), "%s/%s.%s", dir, name, exts[k]);
		char *want = read_opt(path);
		if (update && (want || (k < 2 && got[k]) || (k == 2 && fixes.len) ||
				(k == 3 && map.len))) {
			if (got[k]) {
				write_file(path, got[k]);
			} else {
				remove(path);
			}
		} else if (want && !got[k]) {
			xm_buf_addf(problems, "%s.%s: expected, but the compile %s:\n%s", name,
				exts[k], r.ok ? "succeeded" : "failed", r.ok ? "" : errs.data);
		} else if (want && strcmp(want, got[k]) != 0) {
			xm_buf_addf(problems, "%s.%s differs:\n", name, exts[k]);
			diff(want, got[k], problems);
		} else if (!want && k < 2 && got[k]) {
			xm_buf_addf(problems, "%s: no %s.%s file for this result:\n%s", name, name,
				exts[k], got[k]);
		}
		free(want);
	}
	xm_buf_finish(&errs);
	xm_buf_finish(&fixes);
	xm_buf_finish(&map);
	xm_compile_result_finish(&r);
	free(code);
}

START_TEST(golden)
{
	char *dir = xm_test_source_path("test/sdk/golden");
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct xm_buf problems = XM_BUF_INIT;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".js") == 0) {
			char name[256];
			snprintf(name, sizeof(name), "%.*s", (int)(len - 3), e->d_name);
			check_one(dir, name, &problems);
			n++;
		}
	}
	closedir(d);
	ck_assert_uint_gt(n, 0);
	ck_assert_msg(problems.len == 0, "\n%s", xm_buf_str(&problems));
	xm_buf_finish(&problems);
	free(dir);
}
END_TEST

/* Code too large for a golden file, generated: `prefix` + n times `link`
 * + `suffix`, compiled; returns the result for the caller to check. */
static bool compile_generated(const char *prefix, const char *link, size_t n,
		const char *suffix, struct xm_compile_result *r)
{
	struct xm_buf code = XM_BUF_INIT;
	xm_buf_adds(&code, prefix);
	for (size_t i = 0; i < n; i++) {
		xm_buf_adds(&code, link);
	}
	xm_buf_adds(&code, suffix);
	xm_compile_result_init(r);
	bool ok = xm_compile_sdk(code.data, code.len, NULL, r);
	xm_buf_finish(&code);
	return ok;
}

START_TEST(long_chain)
{
	/* One call per link, near the size limit: evaluated without
	 * recursing once per link. */
	struct xm_compile_result r;
	ck_assert(compile_generated("return createFunction('f')", ".log(1)", 100000,
		".build()", &r));
	xm_compile_result_finish(&r);
}
END_TEST

/* Each begin/end loop compiles to the XanoScript of its arrow form. */
START_TEST(begin_end_as_arrow)
{
	static const char *const pairs[][2] = {
		{".forEach('$input.items', 'item').log('$item').endForEach()",
			".forEach('$input.items', 'item', b => b.log('$item'))"},
		{".forEach('$input.items').log('$item').break().endForEach()",
			".forEach('$input.items', b => b.log('$item').break())"},
		{".for(3, 'k').for('$k').log('$i').endFor().endFor()",
			".for(3, 'k', b => b.for('$k', c => c.log('$i')))"},
		{".while('$input.n < 3').forEach('$input.items', b => b.continue())"
			".endWhile()",
			".while('$input.n < 3', b => b.forEach('$input.items', "
			"c => c.continue()))"},
		{".conditional('$input.n > 1').then(b => b.while('true').break()"
			".endWhile()).else(b => b.for(2).endFor()).endConditional()",
			".conditional('$input.n > 1', b => b.while('true', c => c.break()))"
			".else(b => b.for(2, c => c))"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct xm_compile_result r[2];
		for (size_t k = 0; k < 2; k++) {
			struct xm_buf code = XM_BUF_INIT;
			xm_buf_addf(&code, "return createFunction('f').input('items', 'json')"
				".input('n', 'int')\n%s\n.response(null).build()", pairs[i][k]);
			xm_compile_result_init(&r[k]);
			ck_assert_msg(xm_compile_sdk(code.data, code.len, NULL, &r[k]),
				"%s: %s", pairs[i][k],
				r[k].diags.len ? r[k].diags.items[0].message : "");
			xm_buf_finish(&code);
		}
		ck_assert_str_eq(r[0].xanoscript, r[1].xanoscript);
		xm_compile_result_finish(&r[0]);
		xm_compile_result_finish(&r[1]);
	}
}
END_TEST

START_TEST(loop_depth)
{
	/* Nesting beyond the limit is one error, however deep it goes, and
	 * the ends still match (no cascade of unopened loops). */
	struct xm_buf code = XM_BUF_INIT;
	xm_buf_adds(&code, "return createFunction('f')\n");
	for (int i = 0; i < 5000; i++) {
		xm_buf_adds(&code, ".for(2)");
	}
	for (int i = 0; i < 5000; i++) {
		xm_buf_adds(&code, ".endFor()");
	}
	xm_buf_adds(&code, ".build()");
	struct xm_compile_result r;
	xm_compile_result_init(&r);
	ck_assert(!xm_compile_sdk(code.data, code.len, NULL, &r));
	ck_assert_uint_eq(r.diags.len, 1);
	ck_assert_str_eq(r.diags.items[0].code, "too-deep");
	xm_compile_result_finish(&r);

	/* At the limit it compiles. */
	xm_buf_truncate(&code, 0);
	xm_buf_adds(&code, "return createFunction('f')\n");
	for (int i = 0; i < XM_SDK_MAX_BLOCK_DEPTH; i++) {
		xm_buf_adds(&code, ".for(2)");
	}
	xm_buf_adds(&code, ".log(1)");
	for (int i = 0; i < XM_SDK_MAX_BLOCK_DEPTH; i++) {
		xm_buf_adds(&code, ".endFor()");
	}
	xm_buf_adds(&code, ".build()");
	xm_compile_result_init(&r);
	ck_assert_msg(xm_compile_sdk(code.data, code.len, NULL, &r), "%s",
		r.diags.len ? r.diags.items[0].message : "");
	xm_compile_result_finish(&r);
	xm_buf_finish(&code);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("sdk-golden");
	TCase *tc = tcase_create("golden");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, golden);
	tcase_add_test(tc, long_chain);
	tcase_add_test(tc, begin_end_as_arrow);
	tcase_add_test(tc, loop_depth);
	suite_add_tcase(s, tc);
	return s;
}
