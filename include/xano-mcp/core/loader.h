/*
 * loader: libcurl and libsecret, opened with dlopen() on first use.
 *
 * Linking them would cost every run, even `xano-mcp help` or an MCP
 * handshake, about 7 ms and 9 MiB (their dependency trees pull in GnuTLS,
 * Kerberos, LDAP, GLib, GIO...). So the program links neither: the first
 * caller that needs one gets a table of function pointers, resolved once
 * with dlsym() from the real prototypes in the library's headers (the way
 * systemd opens its optional libraries). Commands that never ask never map
 * the library; test/cli/test_lazy_libs.c proves it for help, version and
 * the others listed there.
 *
 *     struct xm_error err = XM_ERROR_INIT;
 *     const struct xm_libcurl *curl = xm_loader_libcurl(&err);
 *     if (!curl) {
 *             ... err.message names the library and the package to install
 *     }
 *     CURL *h = curl->easy_init();
 *
 * Members drop the library prefix: curl_easy_setopt is also a
 * type-checking macro in <curl/curl.h>, which a member of the same name
 * would trip over.
 *
 * The environment variables XANO_MCP_LIBCURL and XANO_MCP_LIBSECRET name a
 * file (or soname) to open instead, for unusual installs and to let tests
 * simulate a missing or wrong library. xm_loader_libcurl() also runs
 * curl_global_init() once and checks the runtime version (7.85 or later).
 *
 * Thread-safety: both functions may be called from any thread; the first
 * call does the work under pthread_once(), later ones return the cached
 * result (success or failure). Tables live until exit; libraries are never
 * closed.
 */
#ifndef XM_CORE_LOADER_H
#define XM_CORE_LOADER_H

#include <curl/curl.h>
#include <libsecret/secret.h>

#include "xano-mcp/core/error.h"

struct xm_libcurl {
	/* Already called by xm_loader_libcurl(); listed for completeness. */
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_version) *version;
	__typeof__(curl_version_info) *version_info;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_reset) *easy_reset;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
	__typeof__(curl_multi_init) *multi_init;
	__typeof__(curl_multi_setopt) *multi_setopt;
	__typeof__(curl_multi_add_handle) *multi_add_handle;
	__typeof__(curl_multi_remove_handle) *multi_remove_handle;
	__typeof__(curl_multi_perform) *multi_perform;
	__typeof__(curl_multi_poll) *multi_poll;
	__typeof__(curl_multi_info_read) *multi_info_read;
	__typeof__(curl_multi_cleanup) *multi_cleanup;
	__typeof__(curl_multi_strerror) *multi_strerror;
};

struct xm_libsecret {
	__typeof__(secret_password_store_sync) *password_store_sync;
	__typeof__(secret_password_lookup_sync) *password_lookup_sync;
	__typeof__(secret_password_clear_sync) *password_clear_sync;
	__typeof__(secret_password_free) *password_free;
	/* From GLib, which libsecret depends on. */
	__typeof__(g_error_free) *error_free;
};

/* The table, or NULL and err ("... install the Debian package libcurl4"). */
const struct xm_libcurl *xm_loader_libcurl(struct xm_error *err);
const struct xm_libsecret *xm_loader_libsecret(struct xm_error *err);

#endif
