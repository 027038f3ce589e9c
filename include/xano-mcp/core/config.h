/*
 * config: the user's configuration file, $XDG_CONFIG_HOME/xano-mcp/config.
 *
 * A small INI-like text, documented for users in xano-mcp(5):
 *
 *     # comment (whole lines only: values may contain '#')
 *     profile = prod                  # top level: the default profile
 *
 *     [profile prod]
 *     instance = https://x8ki-letl-twmt.n7.xano.io
 *     workspace = 12
 *     branch = v2
 *
 * Parsing is strict and bounded: at most XM_CONFIG_MAX_BYTES, lines of at
 * most XM_CONFIG_MAX_LINE bytes, XM_CONFIG_MAX_PROFILES sections. Unknown
 * keys, duplicate keys or sections, malformed values, control characters
 * and NUL bytes are errors reported as "NAME:LINE: what is wrong" (with the
 * closest known key when one is near). Error messages never repeat a value:
 * a token pasted in the wrong place must not reach a terminal or a log.
 * Tokens are never part of the config.
 *
 * struct xm_config is caller-owned (init/finish); it owns every string it
 * points to. Not thread-safe: build it once, then share it read-only.
 */
#ifndef XM_CORE_CONFIG_H
#define XM_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/error.h"

enum {
	XM_CONFIG_MAX_BYTES = 64 * 1024,
	XM_CONFIG_MAX_LINE = 1024,
	XM_CONFIG_MAX_PROFILES = 64,
	XM_CONFIG_MAX_NAME = 64,
};

/* The account host that lists instances, when a profile does not say. */
#define XM_CONFIG_DEFAULT_ACCOUNT "https://app.xano.com"

/*
 * One [profile NAME] section. Unset strings are NULL, an unset workspace
 * is 0. URLs are origins: scheme and host (and port), with any trailing
 * "/" or "/api:meta" removed.
 */
struct xm_profile {
	const char *name;
	unsigned line;          /* line of the section header */
	const char *instance;   /* instance origin: https://HOST */
	const char *account;    /* account origin; XM_CONFIG_DEFAULT_ACCOUNT when unset */
	long long workspace;    /* workspace id, > 0 when set */
	const char *branch;     /* branch label; NULL means the live branch */
	const char *datasource; /* data source; NULL means "live" */
};

struct xm_config {
	const char *default_profile; /* the top-level `profile` key, or NULL */
	unsigned default_line;
	struct xm_profile *profiles;
	size_t nprofiles;
	struct xm_arena *arena; /* owns the strings */
};

void xm_config_init(struct xm_config *cfg);
/* Accepts NULL and a zeroed struct. */
void xm_config_finish(struct xm_config *cfg);

/*
 * Parses len bytes of text into cfg, which must be freshly initialised.
 * name is used in error messages (the file's path). On failure cfg holds
 * what was read before the error; finish it either way.
 */
bool xm_config_parse(struct xm_config *cfg, const char *name, const char *text, size_t len,
		struct xm_error *err);

/*
 * Reads and parses the file at path. path NULL means the default file,
 * $XDG_CONFIG_HOME/xano-mcp/config; that one may be missing (an empty
 * configuration), an explicit path may not.
 */
bool xm_config_load(struct xm_config *cfg, const char *path, struct xm_error *err);

/*
 * The profile called name. name NULL picks the default: the top-level
 * `profile` key, else a profile called "default", else the only profile.
 * NULL and err when there is no such profile.
 */
const struct xm_profile *xm_config_profile(const struct xm_config *cfg, const char *name,
		struct xm_error *err);

#endif
