#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/config.h"
#include "xano-mcp/core/fileio.h"

static bool parse(struct xm_config *cfg, const char *text, size_t len, struct xm_error *err)
{
	xm_config_init(cfg);
	return xm_config_parse(cfg, "config", text, len, err);
}

START_TEST(full_example)
{
	static const char text[] =
		"# xano-mcp configuration\n"
		"profile = prod\n"
		"\n"
		"[profile prod]\n"
		"instance = https://x8ki-letl-twmt.n7.xano.io/api:meta/\n"
		"  workspace\t=  12  \n"
		"branch = v2 # not a comment: values may hold '#'\r\n"
		"; another comment\n"
		"[ profile  staging ]\n"
		"instance = http://127.0.0.1:8080\n"
		"account = https://eu.xano.com\n"
		"datasource = test";
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;
	ck_assert_msg(parse(&cfg, text, sizeof(text) - 1, &err), "%s", err.message);
	ck_assert_uint_eq(cfg.nprofiles, 2);
	ck_assert_str_eq(cfg.default_profile, "prod");

	const struct xm_profile *p = xm_config_profile(&cfg, NULL, &err);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "prod");
	ck_assert_uint_eq(p->line, 4);
	ck_assert_str_eq(p->instance, "https://x8ki-letl-twmt.n7.xano.io");
	ck_assert_str_eq(p->account, XM_CONFIG_DEFAULT_ACCOUNT);
	ck_assert_int_eq(p->workspace, 12);
	ck_assert_str_eq(p->branch, "v2 # not a comment: values may hold '#'");
	ck_assert_ptr_null(p->datasource);

	p = xm_config_profile(&cfg, "staging", &err);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->instance, "http://127.0.0.1:8080");
	ck_assert_str_eq(p->account, "https://eu.xano.com");
	ck_assert_int_eq(p->workspace, 0);
	ck_assert_ptr_null(p->branch);
	ck_assert_str_eq(p->datasource, "test");
	xm_config_finish(&cfg);
	xm_config_finish(&cfg);
	xm_config_finish(NULL);
}
END_TEST

static const struct {
	const char *text;
	const char *message;
} bad[] = {
	{"instance = https://x.io\n", "config:1: 'instance' belongs in a [profile NAME] section"},
	{"[profile a]\nworkspce = 1\n", "config:2: unknown key 'workspce' (did you mean 'workspace'?)"},
	{"[profile a]\ncolour = red\n", "config:2: unknown key 'colour'"},
	{"[profile a]\nworkspace = 1\nworkspace = 2\n", "config:3: 'workspace' is already set on line 2"},
	{"[profile a]\n[profile a]\n", "config:2: profile 'a' is already defined on line 1"},
	{"[profile a]\nworkspace = -3\n", "config:2: 'workspace' must be a positive whole number"},
	{"[profile a]\nworkspace = 0\n", "config:2: 'workspace' must be a positive whole number"},
	{"[profile a]\nworkspace = 99999999999999999999\n", "config:2: 'workspace' is too large"},
	{"[profile a]\ninstance = ftp://x.io\n", "config:2: 'instance' must be a URL starting with https://"},
	{"[profile a]\ninstance = http://x.io\n", "config:2: 'instance' must use https:// (plain http:// is only allowed for localhost)"},
	{"[profile a]\ninstance = http://localhost.evil.io\n", "only allowed for localhost"},
	{"[profile a]\ninstance = https://x.io/api:meta/workspace\n", "config:2: 'instance' must be an origin like https://HOST, without a path"},
	{"[profile a]\ninstance = https://\n", "config:2: 'instance' has no host name"},
	{"[profile a]\nbranch =\n", "config:2: 'branch' needs a value"},
	{"[profile a b]\n", "config:1: a profile name has 1 to 64 letters"},
	{"[profile]\n", "config:1: unknown section: expected [profile NAME]"},
	{"[workspace a]\n", "config:1: unknown section: expected [profile NAME]"},
	{"[profile a\n", "config:1: a section header must end with ']'"},
	{"profile = b\n[profile a]\n", "config:1: profile 'b' is not defined in this file"},
	{"profile = a/b\n", "config:1: 'profile' must be a profile name"},
	{"[profile a]\nprofile = a\n", "config:2: 'profile' belongs at the top of the file"},
	{"just words\n", "config:1: expected 'key = value', a [profile NAME] header or a # comment"},
	{"[profile a]\n = 3\n", "config:2: a key is missing before '='"},
	{"[profile a]\nbranch = v\x01\n", "config:2: control character (byte 0x01) in column 11"},
	{"\n\n\x1b[31m\n", "config:3: control character (byte 0x1b) in column 1"},
};

START_TEST(errors_name_the_line)
{
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;
	ck_assert_msg(!parse(&cfg, bad[_i].text, strlen(bad[_i].text), &err),
		"accepted: %s", bad[_i].text);
	ck_assert_msg(strstr(err.message, bad[_i].message) != NULL,
		"for %s\nwanted: %s\ngot:    %s", bad[_i].text, bad[_i].message, err.message);
	xm_config_finish(&cfg);
}
END_TEST

START_TEST(values_never_reach_messages)
{
	static const char *const leaks[] = {
		"[profile a]\ntoken = tok-SECRET-1234\n",
		"[profile a]\napi_key = tok-SECRET-1234\n",
		"[profile a]\ninstance = https://user:tok-SECRET-1234@x.io\n",
		"[profile a]\nworkspace = tok-SECRET-1234\n",
		"[profile a]\ninstance = tok-SECRET-1234\n",
	};
	for (size_t i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++) {
		struct xm_config cfg;
		struct xm_error err = XM_ERROR_INIT;
		ck_assert(!parse(&cfg, leaks[i], strlen(leaks[i]), &err));
		ck_assert_msg(strstr(err.message, "SECRET") == NULL, "leaked: %s", err.message);
		xm_config_finish(&cfg);
	}
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(!parse(&cfg, leaks[0], strlen(leaks[0]), &err));
	ck_assert_str_eq(err.message, "config:2: 'token' is not a config key: tokens are kept in "
		"the system keyring, never in this file");
	xm_config_finish(&cfg);
}
END_TEST

START_TEST(nul_bytes_are_rejected)
{
	static const char text[] = "[profile a]\nbranch = a\0b\n";
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;
	ck_assert(!parse(&cfg, text, sizeof(text) - 1, &err));
	ck_assert_str_eq(err.message, "config:2: control character (byte 0x00) in column 11");
	xm_config_finish(&cfg);
}
END_TEST

START_TEST(limits_hold)
{
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;
	struct xm_buf text = XM_BUF_INIT;

	xm_buf_adds(&text, "[profile a]\nbranch = ");
	xm_buf_addn(&text, 'b', XM_CONFIG_MAX_LINE);
	ck_assert(!parse(&cfg, text.data, text.len, &err));
	ck_assert_str_eq(err.message, "config:2: line is longer than 1024 bytes");
	xm_config_finish(&cfg);

	xm_buf_reset(&text);
	for (int i = 0; i <= XM_CONFIG_MAX_PROFILES; i++) {
		xm_buf_addf(&text, "[profile p%d]\n", i);
	}
	ck_assert(!parse(&cfg, text.data, text.len, &err));
	ck_assert_str_eq(err.message, "config:65: too many profiles (the limit is 64)");
	xm_config_finish(&cfg);

	xm_buf_reset(&text);
	xm_buf_addn(&text, '\n', XM_CONFIG_MAX_BYTES + 1);
	ck_assert(!parse(&cfg, text.data, text.len, &err));
	ck_assert_str_eq(err.message, "config: larger than the limit of 65536 bytes");
	xm_config_finish(&cfg);
	xm_buf_finish(&text);
}
END_TEST

START_TEST(default_profile_rules)
{
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;
	const char *one = "[profile only]\n";
	ck_assert(parse(&cfg, one, strlen(one), &err));
	ck_assert_str_eq(xm_config_profile(&cfg, NULL, &err)->name, "only");
	ck_assert_ptr_null(xm_config_profile(&cfg, "onyl", &err));
	ck_assert_str_eq(err.message, "no profile 'onyl' in the config (did you mean 'only'?)");
	xm_config_finish(&cfg);

	const char *two = "[profile a]\n[profile default]\n";
	ck_assert(parse(&cfg, two, strlen(two), &err));
	ck_assert_str_eq(xm_config_profile(&cfg, NULL, &err)->name, "default");
	xm_config_finish(&cfg);

	const char *ambiguous = "[profile a]\n[profile b]\n";
	ck_assert(parse(&cfg, ambiguous, strlen(ambiguous), &err));
	ck_assert_ptr_null(xm_config_profile(&cfg, NULL, &err));
	ck_assert_str_eq(err.message, "2 profiles and none is the default: set 'profile = NAME' "
		"at the top of the config file");
	xm_config_finish(&cfg);

	ck_assert(parse(&cfg, "", 0, &err));
	ck_assert_ptr_null(xm_config_profile(&cfg, NULL, &err));
	ck_assert_str_eq(err.message, "no profile is configured (see xano-mcp(5))");
	xm_config_finish(&cfg);
}
END_TEST

START_TEST(load_default_and_explicit_files)
{
	char *tmp = xm_test_tmpdir();
	setenv("XDG_CONFIG_HOME", tmp, 1);
	struct xm_config cfg;
	struct xm_error err = XM_ERROR_INIT;

	/* No file yet: an empty configuration. */
	xm_config_init(&cfg);
	ck_assert_msg(xm_config_load(&cfg, NULL, &err), "%s", err.message);
	ck_assert_uint_eq(cfg.nprofiles, 0);
	xm_config_finish(&cfg);

	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/xano-mcp", tmp);
	ck_assert(mkdir(path.data, 0700) == 0);
	xm_buf_adds(&path, "/config");
	const char *text = "[profile a]\nworkspace = 7\nworkspace = 8\n";
	ck_assert(xm_file_write_atomic(path.data, text, strlen(text), XM_FILE_PUBLIC, &err));
	xm_config_init(&cfg);
	ck_assert(!xm_config_load(&cfg, NULL, &err));
	struct xm_buf want = XM_BUF_INIT;
	xm_buf_addf(&want, "%s:3: 'workspace' is already set on line 2", path.data);
	ck_assert_str_eq(err.message, want.data);
	xm_config_finish(&cfg);

	/* An explicit path must exist. */
	xm_buf_adds(&path, ".missing");
	xm_config_init(&cfg);
	ck_assert(!xm_config_load(&cfg, path.data, &err));
	ck_assert_msg(strstr(err.message, "config.missing: No such file or directory"), "%s",
		err.message);
	xm_config_finish(&cfg);

	xm_test_rmtree(tmp);
	xm_buf_finish(&want);
	xm_buf_finish(&path);
	free(tmp);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, full_example);
	tcase_add_loop_test(tc, errors_name_the_line, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, values_never_reach_messages);
	tcase_add_test(tc, nul_bytes_are_rejected);
	tcase_add_test(tc, limits_hold);
	tcase_add_test(tc, default_profile_rules);
	tcase_add_test(tc, load_default_and_explicit_files);
	suite_add_tcase(s, tc);
	return s;
}
