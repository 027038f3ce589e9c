#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/paths.h"
#include "xano-mcp/core/xalloc.h"

static const struct {
	const char *env;
	const char *home_rel;
	const char *what;
} dirs[] = {
	[XM_DIR_CONFIG] = {"XDG_CONFIG_HOME", ".config", "configuration"},
	[XM_DIR_STATE] = {"XDG_STATE_HOME", ".local/state", "state"},
	[XM_DIR_CACHE] = {"XDG_CACHE_HOME", ".cache", "cache"},
};

static bool absolute(const char *p)
{
	return p && p[0] == '/';
}

/* HOME, else the password database: a service started without HOME still
 * finds its files. */
static char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (absolute(home)) {
		return xm_strdup(home);
	}
	struct passwd pw, *found = NULL;
	char scratch[4096];
	if (getpwuid_r(getuid(), &pw, scratch, sizeof(scratch), &found) == 0 && found &&
			absolute(found->pw_dir)) {
		return xm_strdup(found->pw_dir);
	}
	return NULL;
}

char *xm_paths_dir(enum xm_dir kind, struct xm_error *err)
{
	struct xm_buf path = XM_BUF_INIT;
	const char *base = getenv(dirs[kind].env);
	if (absolute(base)) {
		xm_buf_addf(&path, "%s/xano-mcp", base);
		return xm_buf_steal(&path);
	}
	char *home = home_dir();
	if (!home) {
		xm_error_set(err, "cannot find the %s directory: neither %s nor HOME is set",
			dirs[kind].what, dirs[kind].env);
		return NULL;
	}
	xm_buf_addf(&path, "%s/%s/xano-mcp", home, dirs[kind].home_rel);
	free(home);
	return xm_buf_steal(&path);
}

bool xm_paths_mkdirs(const char *path, unsigned mode, struct xm_error *err)
{
	if (!path[0]) {
		xm_error_set(err, "cannot create a directory with an empty name");
		return false;
	}
	bool ok = false;
	char *copy = xm_strdup(path);
	/* Walk forward so each missing parent gets the same private mode. */
	for (char *slash = strchr(copy + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash) {
			*slash = '\0';
		}
		if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST) {
			xm_error_set_errno(err, errno, "cannot create directory %s", copy);
			goto out;
		}
		if (!slash) {
			break;
		}
		*slash = '/';
		while (slash[1] == '/') {
			slash++;
		}
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		xm_error_set_errno(err, errno, "cannot create directory %s", path);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		xm_error_set(err, "%s exists and is not a directory", path);
		goto out;
	}
	ok = true;
out:
	free(copy);
	return ok;
}

char *xm_paths_dir_create(enum xm_dir kind, struct xm_error *err)
{
	char *dir = xm_paths_dir(kind, err);
	if (dir && !xm_paths_mkdirs(dir, 0700, err)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *xm_paths_file(enum xm_dir kind, const char *name, struct xm_error *err)
{
	char *dir = xm_paths_dir(kind, err);
	if (!dir) {
		return NULL;
	}
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/%s", dir, name);
	free(dir);
	return xm_buf_steal(&path);
}
