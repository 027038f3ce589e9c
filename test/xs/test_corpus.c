/*
 * The parser and formatter against the XanoScript conformance corpus
 * ($XM_CORPUS): every valid file parses without a diagnostic and formats
 * to a fixed point with the same tree; every invalid file whose mistake is
 * syntactic gets an error, and the first error's line is compared with
 * invalid/MANIFEST.tsv. (The catalogue mistakes - unknown type, filter,
 * statement, verb, duplicate attribute - are the validator's tests.)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/format.h"
#include "xano-mcp/xs/parse.h"

static char *corpus_path(const char *rel)
{
	const char *root = getenv("XM_CORPUS");
	struct xm_buf b = XM_BUF_INIT;
	xm_buf_addf(&b, "%s/%s", root ? root : "../shared/xanoscript-corpus", rel);
	return xm_buf_steal(&b);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .xs files of a corpus folder, sorted; *n gets the count. */
static char **list_xs(const char *folder, size_t *n)
{
	char *dir_path = corpus_path(folder);
	DIR *dir = opendir(dir_path);
	ck_assert_msg(dir != NULL, "cannot open %s (set XM_CORPUS)", dir_path);
	char **names = NULL;
	size_t len = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 3, ".xs") != 0) {
			continue;
		}
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			names = realloc(names, cap * sizeof(*names));
		}
		struct xm_buf p = XM_BUF_INIT;
		xm_buf_addf(&p, "%s/%s", dir_path, e->d_name);
		names[len++] = xm_buf_steal(&p);
	}
	closedir(dir);
	free(dir_path);
	qsort(names, len, sizeof(*names), by_name);
	*n = len;
	return names;
}

static void free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
}

static void first_diag(const char *path, const char *src, size_t len,
		const struct xm_diags *d)
{
	struct xm_buf out = XM_BUF_INIT;
	xm_diags_render_text(d, path, src, len, false, &out);
	fprintf(stderr, "%s", xm_buf_str(&out));
	xm_buf_finish(&out);
}

START_TEST(valid_files_parse_and_round_trip)
{
	size_t n;
	char **files = list_xs("valid", &n);
	ck_assert_uint_ge(n, 291);
	size_t failures = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *src = xm_test_read_file(files[i], &len);
		struct xm_arena *arena = xm_arena_create();
		struct xm_diags d;
		xm_diags_init(&d, 0);
		struct xm_xs_node *t1 = xm_xs_parse(arena, src, len, NULL, &d);
		struct xm_buf f1 = XM_BUF_INIT, f2 = XM_BUF_INIT;
		xm_xs_format(t1, &f1);
		struct xm_diags d2;
		xm_diags_init(&d2, 0);
		struct xm_xs_node *t2 = xm_xs_parse(arena, xm_buf_str(&f1), f1.len, NULL, &d2);
		xm_xs_format(t2, &f2);
		bool ok = d.len == 0 && d2.len == 0 && xm_xs_ast_equal(t1, t2) &&
			strcmp(xm_buf_str(&f1), xm_buf_str(&f2)) == 0;
		if (!ok) {
			failures++;
			fprintf(stderr, "%s: diags %zu, after formatting %zu, same tree %d\n",
				files[i], d.len, d2.len, xm_xs_ast_equal(t1, t2));
			first_diag(files[i], src, len, &d);
		}
		xm_buf_finish(&f1);
		xm_buf_finish(&f2);
		xm_diags_finish(&d);
		xm_diags_finish(&d2);
		xm_arena_destroy(arena);
		free(src);
	}
	free_list(files, n);
	ck_assert_uint_eq(failures, 0);
}
END_TEST

struct mistake {
	const char *name;
	size_t total, rejected, on_line;
};

/* The mistakes a parser sees; the rest need the catalogue. */
static struct mistake syntactic[] = {
	{"object_equals", 0, 0, 0}, {"response_colon", 0, 0, 0}, {"attr_colon", 0, 0, 0},
	{"comma_between_attrs", 0, 0, 0}, {"trailing_comment", 0, 0, 0},
	{"missing_close", 0, 0, 0},
};

static struct mistake *find_mistake(const char *name)
{
	for (size_t i = 0; i < sizeof(syntactic) / sizeof(syntactic[0]); i++) {
		if (strcmp(syntactic[i].name, name) == 0) {
			return &syntactic[i];
		}
	}
	return NULL;
}

static void check_invalid(const char *file, struct mistake *m, unsigned line)
{
	char *rel = corpus_path("invalid/");
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s%s", rel, file);
	size_t len;
	char *src = xm_test_read_file(xm_buf_str(&path), &len);
	struct xm_arena *arena = xm_arena_create();
	struct xm_diags d;
	xm_diags_init(&d, 0);
	xm_xs_parse(arena, src, len, NULL, &d);
	m->total++;
	if (d.errors) {
		m->rejected++;
		if (d.items[0].line == line) {
			m->on_line++;
		} else {
			fprintf(stderr, "%s: %s expected at line %u, first error:\n", file, m->name,
				line);
			first_diag(file, src, len, &d);
		}
	} else {
		fprintf(stderr, "%s: %s not detected\n", file, m->name);
	}
	xm_diags_finish(&d);
	xm_arena_destroy(arena);
	free(src);
	xm_buf_finish(&path);
	free(rel);
}

START_TEST(syntactic_mistakes_are_rejected_on_their_line)
{
	char *manifest_path = corpus_path("invalid/MANIFEST.tsv");
	char *manifest = xm_test_read_file(manifest_path, NULL);
	char *save = NULL;
	for (char *row = strtok_r(manifest, "\n", &save); row; row = strtok_r(NULL, "\n", &save)) {
		char file[512], kind[64];
		unsigned line;
		if (sscanf(row, "%511[^\t]\t%63[^\t]\t%u", file, kind, &line) != 3) {
			continue; /* the header */
		}
		struct mistake *m = find_mistake(kind);
		if (m) {
			check_invalid(file, m, line);
		}
	}
	size_t total = 0, rejected = 0, on_line = 0;
	for (size_t i = 0; i < sizeof(syntactic) / sizeof(syntactic[0]); i++) {
		struct mistake *m = &syntactic[i];
		fprintf(stderr, "%-20s %3zu files, %3zu rejected, %3zu first error on the "
			"manifest line\n", m->name, m->total, m->rejected, m->on_line);
		ck_assert_uint_gt(m->total, 0);
		total += m->total;
		rejected += m->rejected;
		on_line += m->on_line;
	}
	fprintf(stderr, "%-20s %3zu files, %3zu rejected, %3zu on the line\n", "all syntactic",
		total, rejected, on_line);
	ck_assert_uint_eq(rejected, total);
	ck_assert_uint_ge(on_line * 10, total * 9);
	free(manifest);
	free(manifest_path);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("xs-corpus");
	TCase *tc = tcase_create("corpus");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, valid_files_parse_and_round_trip);
	tcase_add_test(tc, syntactic_mistakes_are_rejected_on_their_line);
	suite_add_tcase(s, tc);
	return s;
}
