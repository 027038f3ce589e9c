/*
 * Conformance over the shared corpus ($XM_CORPUS): every valid file passes
 * parse + validate with no error; every invalid file is rejected, and for
 * at least 90% of the rows other than `missing_close` the first error is on
 * the line MANIFEST.tsv names. The exact rates are printed as TAP comments.
 * XM_CONFORMANCE_VERBOSE=1 lists every miss on stderr.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/check.h"

static bool verbose(void)
{
	const char *v = getenv("XM_CONFORMANCE_VERBOSE");
	return v && *v && strcmp(v, "0") != 0;
}

static char *corpus_path(const char *rel)
{
	const char *root = getenv("XM_CORPUS");
	ck_assert_msg(root && *root, "XM_CORPUS is not set");
	struct xm_buf b = XM_BUF_INIT;
	xm_buf_addf(&b, "%s/%s", root, rel);
	return xm_buf_steal(&b);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(valid_files_pass)
{
	char *dir = corpus_path("valid");
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 3 && strcmp(e->d_name + len - 3, ".xs") == 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				names = realloc(names, cap * sizeof(*names));
			}
			names[n++] = strdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	ck_assert_uint_gt(n, 200);
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "%s/%s", dir, names[i]);
		size_t len;
		char *text = xm_test_read_file(xm_buf_str(&path), &len);
		struct xm_diags diags;
		xm_diags_init(&diags, 0);
		if (!xm_xs_check(text, len, NULL, &diags)) {
			failed++;
			struct xm_buf out = XM_BUF_INIT;
			xm_diags_render_text(&diags, names[i], text, len, false, &out);
			fprintf(stderr, "%s", xm_buf_str(&out));
			xm_buf_finish(&out);
		}
		xm_diags_finish(&diags);
		free(text);
		xm_buf_finish(&path);
		free(names[i]);
	}
	free(names);
	free(dir);
	printf("# valid corpus: %zu files, %zu rejected\n", n, failed);
	ck_assert_uint_eq(failed, 0);
}
END_TEST

START_TEST(invalid_files_rejected_on_their_line)
{
	char *manifest = corpus_path("invalid/MANIFEST.tsv");
	size_t mlen;
	char *m = xm_test_read_file(manifest, &mlen);
	ck_assert_ptr_nonnull(m);
	size_t rows = 0, accepted = 0, scored = 0, on_line = 0;
	char *save = NULL;
	for (char *line = strtok_r(m, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char file[512], mistake[64];
		unsigned want;
		if (sscanf(line, "%511[^\t]\t%63[^\t]\t%u", file, mistake, &want) != 3) {
			continue; /* the header */
		}
		rows++;
		struct xm_buf path = XM_BUF_INIT;
		xm_buf_addf(&path, "invalid/%s", file);
		char *full = corpus_path(xm_buf_str(&path));
		size_t len;
		char *text = xm_test_read_file(full, &len);
		struct xm_diags diags;
		xm_diags_init(&diags, 0);
		bool ok = xm_xs_check(text, len, NULL, &diags);
		const struct xm_diag *first = NULL;
		for (size_t i = 0; i < diags.len && !first; i++) {
			if (diags.items[i].severity == XM_SEV_ERROR) {
				first = &diags.items[i];
			}
		}
		if (ok) {
			accepted++;
			fprintf(stderr, "accepted: %s (%s, line %u)\n", file, mistake, want);
		}
		if (strcmp(mistake, "missing_close") != 0) {
			scored++;
			if (first && first->line == want) {
				on_line++;
			} else if (verbose()) {
				fprintf(stderr, "miss: %s %s want line %u, first error %u:%u %s: "
					"%s\n",
					file, mistake, want, first ? first->line : 0,
					first ? first->col : 0, first ? first->code : "-",
					first ? first->message : "-");
			}
		}
		xm_diags_finish(&diags);
		free(text);
		free(full);
		xm_buf_finish(&path);
	}
	free(m);
	free(manifest);
	printf("# invalid corpus: %zu files, %zu accepted; first error on the manifest line "
		"for %zu of %zu non-missing_close rows (%.1f%%)\n", rows, accepted, on_line,
		scored, scored ? 100.0 * (double)on_line / (double)scored : 0.0);
	ck_assert_uint_gt(rows, 400);
	ck_assert_uint_eq(accepted, 0);
	ck_assert_msg(on_line * 10 >= scored * 9, "first error on the line for %zu of %zu",
		on_line, scored);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-conformance");
	TCase *tc = tcase_create("corpus");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, valid_files_pass);
	tcase_add_test(tc, invalid_files_rejected_on_their_line);
	suite_add_tcase(s, tc);
	return s;
}
