/*
 * The registry xano-mcp serves (src/tools/tools.c): every entry well
 * formed, and man/xano-mcp-tools.7.scd describing exactly what it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/mcp/schema.h"
#include "xano-mcp/tools/tools.h"
#include "xano-mcp/xs/check.h"

static struct xm_json *parse(const char *text)
{
	struct xm_json_error err;
	struct xm_json *v = xm_json_parse(text, strlen(text), NULL, &err);
	ck_assert_msg(v != NULL, "%s: %s", text, err.message);
	return v;
}

START_TEST(tools_are_well_formed)
{
	for (size_t i = 0; i < xm_registry.ntools; i++) {
		const struct xm_tool *t = xm_registry.tools[i];
		size_t n = strlen(t->name);
		ck_assert(n >= 1 && n <= 128 && strspn(t->name, "abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == n);
		for (size_t k = 0; k < i; k++) {
			ck_assert_str_ne(xm_registry.tools[k]->name, t->name);
		}
		ck_assert_msg(t->description && strlen(t->description) > 20, "%s", t->name);
		ck_assert(t->call != NULL);
		struct xm_json *in = parse(t->input_schema);
		ck_assert_str_eq(xm_json_string(xm_json_get(in, "type")), "object");
		struct xm_buf problems = XM_BUF_INIT;
		ck_assert_msg(xm_schema_check(in, &problems), "%s: %s", t->name, problems.data);
		ck_assert_msg(t->example_args != NULL, "%s has no example_args", t->name);
		struct xm_json *ex = parse(t->example_args);
		ck_assert_msg(xm_schema_validate(in, ex, "example_args", &problems), "%s: %s",
				t->name, problems.data);
		if (t->output_schema) {
			struct xm_json *out = parse(t->output_schema);
			ck_assert_str_eq(xm_json_string(xm_json_get(out, "type")), "object");
			xm_json_free(out);
		}
		xm_buf_finish(&problems);
		xm_json_free(ex);
		xm_json_free(in);
	}
}
END_TEST

START_TEST(resources_and_prompts_are_well_formed)
{
	ck_assert_uint_ge(xm_registry.nresources, 1);
	for (size_t i = 0; i < xm_registry.nresources; i++) {
		const struct xm_resource *r = xm_registry.resources[i];
		ck_assert_ptr_nonnull(r);
		ck_assert(strncmp(r->uri, "xano-mcp://", 11) == 0);
		ck_assert_uint_eq(strlen(r->text), r->len);
		ck_assert(xm_json_utf8_valid(r->text, r->len));
	}
	ck_assert_ptr_null(xm_doc_resources[xm_registry.nresources]);
	for (size_t i = 0; i < xm_registry.nprompts; i++) {
		const struct xm_prompt *p = xm_registry.prompts[i];
		ck_assert_ptr_nonnull(p);
		/* every {{slot}} names an argument */
		for (const char *s = strstr(p->text, "{{"); s; s = strstr(s + 2, "{{")) {
			const char *e = strstr(s, "}}");
			ck_assert_ptr_nonnull(e);
			bool known = false;
			for (size_t k = 0; k < p->nargs; k++) {
				known |= strlen(p->args[k].name) == (size_t)(e - s - 2) &&
					strncmp(p->args[k].name, s + 2, (size_t)(e - s - 2)) == 0;
			}
			ck_assert_msg(known, "%s: unknown slot %.20s", p->name, s);
		}
	}
	ck_assert_ptr_null(xm_prompts[xm_registry.nprompts]);
	ck_assert_ptr_nonnull(xm_registry.instructions);
	for (size_t i = 0; i < xm_registry.ntools; i++) {
		ck_assert_msg(strstr(xm_registry.instructions, xm_registry.tools[i]->name),
				"the instructions do not mention %s", xm_registry.tools[i]->name);
	}
}
END_TEST


/* The body of section name (up to the next "# "), malloc'd. */
static char *section(const char *text, const char *name)
{
	char head[64];
	snprintf(head, sizeof(head), "\n# %s\n", name);
	const char *s = strstr(text, head);
	ck_assert_msg(s != NULL, "no section %s", name);
	s += strlen(head);
	const char *e = strstr(s, "\n# ");
	return strndup(s, e ? (size_t)(e - s) : strlen(s));
}

/* The entry of term in a section: from "*term*" to the next term. */
static char *entry(const char *sec, const char *term)
{
	char head[300];
	snprintf(head, sizeof(head), "\n*%s*\n", term);
	char *with_nl = malloc(strlen(sec) + 2);
	with_nl[0] = '\n';
	strcpy(with_nl + 1, sec);
	const char *s = strstr(with_nl, head);
	char *out = NULL;
	if (s) {
		s += strlen(head);
		const char *e = strstr(s, "\n*");
		out = strndup(s, e ? (size_t)(e - s) : strlen(s));
	}
	free(with_nl);
	return out;
}

/* The "*term*" lines of a section (man page definition terms). */
static size_t terms(const char *sec, char out[][128], size_t max)
{
	size_t n = 0;
	const char *p = sec;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 2 && p[0] == '*' && p[len - 1] == '*' && len - 2 < 128 && n < max) {
			memcpy(out[n], p + 1, len - 2);
			out[n][len - 2] = '\0';
			n++;
		}
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

static void expect_mentions(const char *where, const char *block, const char *arg)
{
	char want[160];
	snprintf(want, sizeof(want), "_%s_", arg);
	ck_assert_msg(block && strstr(block, want), "%s: argument %s not described", where, arg);
}

START_TEST(man_page_matches_the_registry)
{
	char *path = xm_test_source_path("man/xano-mcp-tools.7.scd");
	char *text = xm_test_read_file(path, NULL);
	char found[64][128];

	char *tools = section(text, "TOOLS");
	size_t n = terms(tools, found, 64);
	ck_assert_uint_eq(n, xm_registry.ntools);
	for (size_t i = 0; i < xm_registry.ntools; i++) {
		const struct xm_tool *t = xm_registry.tools[i];
		char *block = entry(tools, t->name);
		ck_assert_msg(block != NULL, "tool %s is not in xano-mcp-tools(7)", t->name);
		struct xm_json *in = parse(t->input_schema);
		const struct xm_json *props = xm_json_get(in, "properties");
		for (size_t k = 0; k < xm_json_len(props); k++) {
			expect_mentions(t->name, block, xm_json_key_at(props, k));
		}
		xm_json_free(in);
		free(block);
	}
	free(tools);

	char *res = section(text, "RESOURCES");
	n = terms(res, found, 64);
	for (size_t i = 0; i < xm_registry.nresources; i++) {
		char *block = entry(res, xm_registry.resources[i]->uri);
		ck_assert_msg(block != NULL, "resource %s not documented",
				xm_registry.resources[i]->uri);
		free(block);
	}
	for (size_t i = 0; i < n; i++) {
		/* the SDK reference is served only when its page is in the build */
		ck_assert_msg(xm_registry_resource(&xm_registry, found[i]) ||
				strcmp(found[i], "xano-mcp://docs/sdk-reference") == 0,
				"documented resource %s does not exist", found[i]);
	}
	free(res);

	char *templates = section(text, "RESOURCE TEMPLATES");
	n = terms(templates, found, 64);
	ck_assert_uint_eq(n, xm_registry.ntemplates);
	for (size_t i = 0; i < xm_registry.ntemplates; i++) {
		const struct xm_resource_template *tp = xm_registry.templates[i];
		char *block = entry(templates, tp->uri_template);
		ck_assert_msg(block != NULL, "template %s not documented", tp->uri_template);
		/* every {variable} is described */
		for (const char *v = strchr(tp->uri_template, '{'); v; v = strchr(v + 1, '{')) {
			char var[64];
			size_t len = strcspn(v + 1, "}");
			ck_assert_uint_lt(len, sizeof(var));
			memcpy(var, v + 1, len);
			var[len] = '\0';
			expect_mentions(tp->uri_template, block, var);
		}
		free(block);
	}
	free(templates);

	char *prompts = section(text, "PROMPTS");
	n = terms(prompts, found, 64);
	ck_assert_uint_eq(n, xm_registry.nprompts);
	for (size_t i = 0; i < xm_registry.nprompts; i++) {
		const struct xm_prompt *p = xm_registry.prompts[i];
		char *block = entry(prompts, p->name);
		ck_assert_msg(block != NULL, "prompt %s not documented", p->name);
		for (size_t k = 0; k < p->nargs; k++) {
			expect_mentions(p->name, block, p->args[k].name);
		}
		free(block);
	}
	free(prompts);
	free(text);
	free(path);
}
END_TEST

/* The cheat sheet teaches by example: each ```xs block must pass our own
 * parser and validator without an error. */
START_TEST(cheat_sheet_examples_are_valid)
{
	const struct xm_resource *sheet = xm_registry_resource(&xm_registry,
			"xano-mcp://docs/xanoscript-cheatsheet");
	ck_assert_ptr_nonnull(sheet);
	size_t blocks = 0;
	for (const char *p = strstr(sheet->text, "```xs\n"); p; p = strstr(p, "```xs\n")) {
		p += 6;
		const char *end = strstr(p, "```");
		ck_assert_ptr_nonnull(end);
		struct xm_diags diags;
		xm_diags_init(&diags, 0);
		bool ok = xm_xs_check(p, (size_t)(end - p), NULL, &diags);
		struct xm_buf text = XM_BUF_INIT;
		xm_diags_render_text(&diags, "cheatsheet", p, (size_t)(end - p), false, &text);
		ck_assert_msg(ok, "example %zu:\n%s", blocks + 1, xm_buf_str(&text));
		xm_buf_finish(&text);
		xm_diags_finish(&diags);
		blocks++;
		p = end + 3;
	}
	ck_assert_uint_ge(blocks, 6);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("registry");
	tcase_add_test(tc, tools_are_well_formed);
	tcase_add_test(tc, resources_and_prompts_are_well_formed);
	tcase_add_test(tc, man_page_matches_the_registry);
	tcase_add_test(tc, cheat_sheet_examples_are_valid);
	suite_add_tcase(s, tc);
	return s;
}
