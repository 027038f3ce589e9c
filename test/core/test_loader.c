#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/loader.h"

static const char *probe(void)
{
	const char *path = getenv("XM_LOADER_PROBE");
	ck_assert_msg(path && *path, "XM_LOADER_PROBE is not set (run through meson test)");
	return path;
}

START_TEST(libcurl_loads_and_answers)
{
	struct xm_error err = XM_ERROR_INIT;
	const struct xm_libcurl *curl = xm_loader_libcurl(&err);
	ck_assert_msg(curl != NULL, "%s", err.message);
	const char *version = curl->version();
	ck_assert_msg(strncmp(version, "libcurl/", 8) == 0, "curl_version() said %s", version);
	ck_assert_uint_ge(curl->version_info(CURLVERSION_NOW)->version_num, 0x075500);

	/* A handle through the table, options by real prototype. */
	CURL *h = curl->easy_init();
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(curl->easy_setopt(h, CURLOPT_URL, "https://example.invalid/"), CURLE_OK);
	struct curl_slist *headers = curl->slist_append(NULL, "Accept: application/json");
	ck_assert_ptr_nonnull(headers);
	curl->slist_free_all(headers);
	curl->easy_cleanup(h);
	ck_assert_str_eq(curl->easy_strerror(CURLE_OK), "No error");

	/* The second caller gets the same table, without loading again. */
	ck_assert_ptr_eq(xm_loader_libcurl(NULL), curl);
}
END_TEST

START_TEST(missing_library_names_the_package)
{
	setenv("XANO_MCP_LIBSECRET", "/nonexistent/libsecret-1.so.0", 1);
	struct xm_error err = XM_ERROR_INIT;
	ck_assert_ptr_null(xm_loader_libsecret(&err));
	ck_assert_msg(strstr(err.message, "libsecret is not available: "
		"/nonexistent/libsecret-1.so.0: cannot open shared object file") != NULL,
		"%s", err.message);
	ck_assert_msg(strstr(err.message, "install the Debian package libsecret-1-0 "
		"(apt-get install libsecret-1-0) or correct XANO_MCP_LIBSECRET") != NULL,
		"%s", err.message);
	/* The failure is remembered, not retried per call. */
	unsetenv("XANO_MCP_LIBSECRET");
	struct xm_error again = XM_ERROR_INIT;
	ck_assert_ptr_null(xm_loader_libsecret(&again));
	ck_assert_str_eq(again.message, err.message);
}
END_TEST

START_TEST(missing_library_from_the_outside)
{
	struct xm_run run = {
		.env = (const char *const[]){"XANO_MCP_LIBCURL=libcurl-gone.so.4", NULL},
	};
	xm_test_run(&run, (const char *const[]){probe(), "curl", NULL});
	ck_assert_int_eq(run.status, 1);
	ck_assert_str_eq(run.out, "");
	ck_assert_msg(strstr(run.err, "libcurl is not available: libcurl-gone.so.4: cannot open "
		"shared object file: No such file or directory; install the Debian package "
		"libcurl4 (apt-get install libcurl4) or correct XANO_MCP_LIBCURL\n") != NULL,
		"%s", run.err);
	xm_run_finish(&run);
}
END_TEST

START_TEST(wrong_library_names_the_symbol)
{
	struct xm_run run = {
		.env = (const char *const[]){"XANO_MCP_LIBCURL=libc.so.6", NULL},
	};
	xm_test_run(&run, (const char *const[]){probe(), "curl", NULL});
	ck_assert_int_eq(run.status, 1);
	ck_assert_msg(strstr(run.err, "libcurl (libc.so.6) has no curl_global_init: xano-mcp "
		"needs libcurl 7.85 or later\n") != NULL, "%s", run.err);
	xm_run_finish(&run);
}
END_TEST

START_TEST(libsecret_loads)
{
	struct xm_run run = {.env = (const char *const[]){"XANO_MCP_LIBSECRET", NULL}};
	xm_test_run(&run, (const char *const[]){probe(), "secret", NULL});
	ck_assert_msg(run.status == 0, "status %d: %s", run.status, run.err);
	ck_assert_str_eq(run.out, "ok\n");
	xm_run_finish(&run);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("core-loader");
	TCase *tc = tcase_create("loader");
	tcase_add_test(tc, libcurl_loads_and_answers);
	tcase_add_test(tc, missing_library_names_the_package);
	tcase_add_test(tc, missing_library_from_the_outside);
	tcase_add_test(tc, wrong_library_names_the_symbol);
	tcase_add_test(tc, libsecret_loads);
	suite_add_tcase(s, tc);
	return s;
}
