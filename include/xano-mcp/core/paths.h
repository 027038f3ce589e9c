/*
 * paths: where xano-mcp keeps its files, per the XDG Base Directory spec.
 *
 *     config  $XDG_CONFIG_HOME/xano-mcp  else $HOME/.config/xano-mcp
 *     state   $XDG_STATE_HOME/xano-mcp   else $HOME/.local/state/xano-mcp
 *     cache   $XDG_CACHE_HOME/xano-mcp   else $HOME/.cache/xano-mcp
 *
 * As the spec asks, an XDG variable holding a relative path is ignored. When
 * HOME is unset too, the home directory comes from the password database.
 * Directories are created only when a caller is about to write
 * (xm_paths_dir_create()), with mode 0700 for every missing component:
 * tokens, journals and configs live there.
 *
 * Returned strings are malloc'd; the caller frees them. Functions read the
 * environment on every call, so tests can point them elsewhere with
 * setenv(). Thread-safe as long as nobody calls setenv() concurrently.
 */
#ifndef XM_CORE_PATHS_H
#define XM_CORE_PATHS_H

#include "xano-mcp/core/error.h"

enum xm_dir {
	XM_DIR_CONFIG = 0,
	XM_DIR_STATE,
	XM_DIR_CACHE,
};

/* The directory for kind, or NULL (and err) when no home can be found. */
char *xm_paths_dir(enum xm_dir kind, struct xm_error *err);

/* Same, after creating it and its missing parents with mode 0700. */
char *xm_paths_dir_create(enum xm_dir kind, struct xm_error *err);

/* dir(kind)/name, without creating anything. name must be relative. */
char *xm_paths_file(enum xm_dir kind, const char *name, struct xm_error *err);

/* Creates path and its missing parents, each with mode (an existing
 * directory is left alone). false and err on failure. */
bool xm_paths_mkdirs(const char *path, unsigned mode, struct xm_error *err);

#endif
