#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xano-mcp/core/loader.h"

#define LOG_MODULE "loader"
#include "xano-mcp/core/log.h"

struct symbol {
	const char *name;
	size_t offset; /* of the function pointer in the table */
};

#define CURL_SYM(member) {"curl_" #member, offsetof(struct xm_libcurl, member)}
#define SECRET_SYM(member) {"secret_" #member, offsetof(struct xm_libsecret, member)}

static const struct symbol curl_symbols[] = {
	CURL_SYM(global_init),
	CURL_SYM(version),
	CURL_SYM(version_info),
	CURL_SYM(easy_init),
	CURL_SYM(easy_setopt),
	CURL_SYM(easy_perform),
	CURL_SYM(easy_getinfo),
	CURL_SYM(easy_reset),
	CURL_SYM(easy_cleanup),
	CURL_SYM(easy_strerror),
	CURL_SYM(slist_append),
	CURL_SYM(slist_free_all),
	CURL_SYM(multi_init),
	CURL_SYM(multi_setopt),
	CURL_SYM(multi_add_handle),
	CURL_SYM(multi_remove_handle),
	CURL_SYM(multi_perform),
	CURL_SYM(multi_poll),
	CURL_SYM(multi_info_read),
	CURL_SYM(multi_cleanup),
	CURL_SYM(multi_strerror),
};

static const struct symbol secret_symbols[] = {
	SECRET_SYM(password_store_sync),
	SECRET_SYM(password_lookup_sync),
	SECRET_SYM(password_clear_sync),
	SECRET_SYM(password_free),
	{"g_error_free", offsetof(struct xm_libsecret, error_free)},
};

/* Every member of a table is resolved: nothing is left NULL by mistake. */
_Static_assert(sizeof(struct xm_libcurl) == sizeof(curl_symbols) / sizeof(curl_symbols[0]) *
	sizeof(void *), "curl_symbols must list every member of struct xm_libcurl");
_Static_assert(sizeof(struct xm_libsecret) == sizeof(secret_symbols) /
	sizeof(secret_symbols[0]) * sizeof(void *),
	"secret_symbols must list every member of struct xm_libsecret");

struct library {
	const char *label;   /* for messages */
	const char *soname;  /* from config.h */
	const char *env;     /* overrides soname */
	const char *package; /* the Debian package that ships soname */
	const char *minimum; /* version we need, for messages */
	const struct symbol *symbols;
	size_t nsymbols;
	void *table;
	/* Checks beyond symbols (versions, global init); NULL when none. */
	bool (*setup)(struct library *lib);
	pthread_once_t once;
	bool ok;
	struct xm_error error;
};

static struct xm_libcurl curl_table;
static struct xm_libsecret secret_table;

enum { CURL_MIN_VERSION = 0x075500 };

static bool curl_setup(struct library *lib)
{
	const curl_version_info_data *info = curl_table.version_info(CURLVERSION_NOW);
	if (!info || info->version_num < CURL_MIN_VERSION) {
		xm_error_set(&lib->error, "%s %s is too old: xano-mcp needs %s or later",
			lib->label, info ? info->version : "(unknown version)", lib->minimum);
		return false;
	}
	/* Once per process, before any transfer; serialised by pthread_once. */
	CURLcode rc = curl_table.global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK) {
		xm_error_set(&lib->error, "%s: curl_global_init failed: %s", lib->label,
			curl_table.easy_strerror(rc));
		return false;
	}
	return true;
}

static struct library curl_lib = {
	.label = "libcurl",
	.soname = XM_LIBCURL_SONAME,
	.env = "XANO_MCP_LIBCURL",
	.package = "libcurl4",
	.minimum = "7.85",
	.symbols = curl_symbols,
	.nsymbols = sizeof(curl_symbols) / sizeof(curl_symbols[0]),
	.table = &curl_table,
	.setup = curl_setup,
	.once = PTHREAD_ONCE_INIT,
};

static struct library secret_lib = {
	.label = "libsecret",
	.soname = XM_LIBSECRET_SONAME,
	.env = "XANO_MCP_LIBSECRET",
	.package = "libsecret-1-0",
	.minimum = "0.20",
	.symbols = secret_symbols,
	.nsymbols = sizeof(secret_symbols) / sizeof(secret_symbols[0]),
	.table = &secret_table,
	.once = PTHREAD_ONCE_INIT,
};

static void open_library(struct library *lib)
{
	const char *file = getenv(lib->env);
	bool overridden = file && *file;
	if (!overridden) {
		file = lib->soname;
	}
	void *handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		xm_error_set(&lib->error, "%s is not available: %s; install the Debian package "
			"%s (apt-get install %s)%s%s", lib->label, dlerror(), lib->package,
			lib->package, overridden ? " or correct " : "", overridden ? lib->env : "");
		return;
	}
	for (size_t i = 0; i < lib->nsymbols; i++) {
		/* Clear a stale message so a NULL result is read correctly. */
		dlerror();
		void *sym = dlsym(handle, lib->symbols[i].name);
		if (!sym) {
			xm_error_set(&lib->error, "%s (%s) has no %s: xano-mcp needs %s %s or "
				"later", lib->label, file, lib->symbols[i].name, lib->label,
				lib->minimum);
			goto fail;
		}
		memcpy((char *)lib->table + lib->symbols[i].offset, &sym, sizeof(sym));
	}
	if (lib->setup && !lib->setup(lib)) {
		/* Library code has run (a global init, maybe half done): unloading
		 * it could leave exit handlers pointing nowhere. Keep it mapped. */
		memset(lib->table, 0, sizeof(void *) * lib->nsymbols);
		return;
	}
	LOG_DBG("loaded %s from %s", lib->label, file);
	lib->ok = true;
	return;
fail:
	memset(lib->table, 0, sizeof(void *) * lib->nsymbols);
	dlclose(handle);
}

static void open_curl(void)
{
	open_library(&curl_lib);
}

static void open_secret(void)
{
	open_library(&secret_lib);
}

static const void *get(struct library *lib, void (*open)(void), struct xm_error *err)
{
	pthread_once(&lib->once, open);
	if (!lib->ok) {
		if (err) {
			*err = lib->error;
		}
		return NULL;
	}
	return lib->table;
}

const struct xm_libcurl *xm_loader_libcurl(struct xm_error *err)
{
	return get(&curl_lib, open_curl, err);
}

const struct xm_libsecret *xm_loader_libsecret(struct xm_error *err)
{
	return get(&secret_lib, open_secret, err);
}
