#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/config.h"
#include "xano-mcp/core/fileio.h"
#include "xano-mcp/core/paths.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/core/xalloc.h"

enum value_type {
	VALUE_NAME, /* a profile name */
	VALUE_URL,  /* an origin, https://HOST */
	VALUE_ID,   /* a positive integer */
	VALUE_TEXT, /* free text on one line */
};

struct key {
	const char *name;
	enum value_type type;
	bool top_level; /* else only inside [profile NAME] */
	size_t offset;  /* into struct xm_config when top_level, else struct xm_profile */
};

/* Every key the file knows, sorted. xano-mcp(5) documents each one. */
static const struct key keys[] = {
	{"account", VALUE_URL, false, offsetof(struct xm_profile, account)},
	{"branch", VALUE_TEXT, false, offsetof(struct xm_profile, branch)},
	{"datasource", VALUE_TEXT, false, offsetof(struct xm_profile, datasource)},
	{"instance", VALUE_URL, false, offsetof(struct xm_profile, instance)},
	{"profile", VALUE_NAME, true, offsetof(struct xm_config, default_profile)},
	{"workspace", VALUE_ID, false, offsetof(struct xm_profile, workspace)},
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

/* Names people reach for when they try to put a token in the file. */
static const char *const secret_keys[] = {
	"token", "access_token", "api_key", "apikey", "key", "password", "secret",
};

struct parser {
	struct xm_config *cfg;
	const char *name;
	unsigned line;
	struct xm_profile *section; /* NULL at the top level */
	unsigned seen[NKEYS];       /* line that set each key in this section */
	struct xm_error *err;
};

static bool fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct parser *p, const char *fmt, ...)
{
	struct xm_buf msg = XM_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	xm_error_set(p->err, "%s:%u: %s", p->name, p->line, xm_buf_str(&msg));
	xm_buf_finish(&msg);
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks on both ends of [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((*s)[*len - 1])) {
		(*len)--;
	}
}

static bool valid_name(const char *s, size_t len)
{
	if (len == 0 || len > XM_CONFIG_MAX_NAME) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				c == '-' || c == '_' || c == '.')) {
			return false;
		}
	}
	return true;
}

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

static bool has_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* Plain http only reaches this machine: a local mock server in tests. */
static bool loopback(const char *host, size_t len)
{
	static const char *const names[] = {"localhost", "127.0.0.1", "[::1]"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		if (len >= n && memcmp(host, names[i], n) == 0 && (len == n || host[n] == ':')) {
			return true;
		}
	}
	return false;
}

static const char *parse_url(struct parser *p, const struct key *key, const char *s,
		size_t len)
{
	bool https = has_prefix(s, len, "https://");
	if (!https && !has_prefix(s, len, "http://")) {
		fail(p, "'%s' must be a URL starting with https://", key->name);
		return NULL;
	}
	/* People paste the Metadata API base; keep the origin. */
	for (bool trimmed = true; trimmed;) {
		trimmed = false;
		if (has_suffix(s, len, "/")) {
			len--;
			trimmed = true;
		} else if (has_suffix(s, len, "/api:meta")) {
			len -= strlen("/api:meta");
			trimmed = true;
		}
	}
	size_t scheme = https ? strlen("https://") : strlen("http://");
	const char *host = s + scheme;
	size_t host_len = len > scheme ? len - scheme : 0;
	if (host_len == 0) {
		fail(p, "'%s' has no host name", key->name);
		return NULL;
	}
	for (size_t i = 0; i < host_len; i++) {
		char c = host[i];
		if (c == '/' || c == '?' || c == '#') {
			fail(p, "'%s' must be an origin like https://HOST, without a path",
				key->name);
			return NULL;
		}
		if (c == '@' || is_blank(c)) {
			fail(p, "'%s' must be a plain https://HOST URL, without spaces or credentials",
				key->name);
			return NULL;
		}
	}
	if (!https && !loopback(host, host_len)) {
		fail(p, "'%s' must use https:// (plain http:// is only allowed for localhost)",
			key->name);
		return NULL;
	}
	return xm_arena_strndup(p->cfg->arena, s, len);
}

static bool parse_id(struct parser *p, const struct key *key, const char *s, size_t len,
		long long *out)
{
	long long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return fail(p, "'%s' must be a positive whole number", key->name);
		}
		if (v > (LLONG_MAX - (s[i] - '0')) / 10) {
			return fail(p, "'%s' is too large", key->name);
		}
		v = v * 10 + (s[i] - '0');
	}
	if (v == 0) {
		return fail(p, "'%s' must be a positive whole number", key->name);
	}
	*out = v;
	return true;
}

static bool set_value(struct parser *p, const struct key *key, const char *s, size_t len)
{
	void *base = key->top_level ? (void *)p->cfg : (void *)p->section;
	void *field = (char *)base + key->offset;
	const char *text = NULL;
	switch (key->type) {
	case VALUE_NAME:
		if (!valid_name(s, len)) {
			return fail(p, "'%s' must be a profile name (letters, digits, '-', '_', '.', "
				"at most %d)", key->name, XM_CONFIG_MAX_NAME);
		}
		text = xm_arena_strndup(p->cfg->arena, s, len);
		break;
	case VALUE_URL:
		text = parse_url(p, key, s, len);
		if (!text) {
			return false;
		}
		break;
	case VALUE_ID:
		return parse_id(p, key, s, len, field);
	case VALUE_TEXT:
		text = xm_arena_strndup(p->cfg->arena, s, len);
		break;
	}
	memcpy(field, &text, sizeof(text));
	return true;
}

static struct xm_profile *find_profile(const struct xm_config *cfg, const char *name,
		size_t len)
{
	for (size_t i = 0; i < cfg->nprofiles; i++) {
		if (strlen(cfg->profiles[i].name) == len &&
				memcmp(cfg->profiles[i].name, name, len) == 0) {
			return &cfg->profiles[i];
		}
	}
	return NULL;
}

static bool parse_section(struct parser *p, const char *s, size_t len)
{
	if (s[len - 1] != ']') {
		return fail(p, "a section header must end with ']'");
	}
	s++;
	len -= 2;
	trim(&s, &len);
	if (!has_prefix(s, len, "profile") || (len > 7 && !is_blank(s[7])) || len == 7) {
		return fail(p, "unknown section: expected [profile NAME]");
	}
	s += 7;
	len -= 7;
	trim(&s, &len);
	if (!valid_name(s, len)) {
		return fail(p, "a profile name has 1 to %d letters, digits, '-', '_' or '.'",
			XM_CONFIG_MAX_NAME);
	}
	struct xm_profile *dup = find_profile(p->cfg, s, len);
	if (dup) {
		return fail(p, "profile '%s' is already defined on line %u", dup->name, dup->line);
	}
	if (p->cfg->nprofiles == XM_CONFIG_MAX_PROFILES) {
		return fail(p, "too many profiles (the limit is %d)", XM_CONFIG_MAX_PROFILES);
	}
	struct xm_config *cfg = p->cfg;
	cfg->profiles = xm_reallocarray(cfg->profiles, cfg->nprofiles + 1,
		sizeof(cfg->profiles[0]));
	p->section = &cfg->profiles[cfg->nprofiles++];
	*p->section = (struct xm_profile){
		.name = xm_arena_strndup(cfg->arena, s, len),
		.line = p->line,
		.account = XM_CONFIG_DEFAULT_ACCOUNT,
	};
	memset(p->seen, 0, sizeof(p->seen));
	return true;
}

static bool parse_assignment(struct parser *p, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	if (!eq) {
		return fail(p, "expected 'key = value', a [profile NAME] header or a # comment");
	}
	const char *name = s, *value = eq + 1;
	size_t name_len = (size_t)(eq - s), value_len = len - name_len - 1;
	trim(&name, &name_len);
	trim(&value, &value_len);
	if (name_len == 0) {
		return fail(p, "a key is missing before '='");
	}
	char key_name[XM_CONFIG_MAX_LINE + 1];
	memcpy(key_name, name, name_len);
	key_name[name_len] = '\0';

	const struct key *key = NULL;
	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].name, key_name) == 0) {
			key = &keys[i];
		}
	}
	if (!key) {
		for (size_t i = 0; i < sizeof(secret_keys) / sizeof(secret_keys[0]); i++) {
			if (strcmp(secret_keys[i], key_name) == 0) {
				return fail(p, "'%s' is not a config key: tokens are kept in the "
					"system keyring, never in this file", key_name);
			}
		}
		const char *near = xm_suggest_field(key_name, keys, NKEYS, sizeof(keys[0]),
			offsetof(struct key, name));
		if (near) {
			return fail(p, "unknown key '%s' (did you mean '%s'?)", key_name, near);
		}
		return fail(p, "unknown key '%s'", key_name);
	}
	if (key->top_level && p->section) {
		return fail(p, "'%s' belongs at the top of the file, before any section",
			key->name);
	}
	if (!key->top_level && !p->section) {
		return fail(p, "'%s' belongs in a [profile NAME] section", key->name);
	}
	size_t k = (size_t)(key - keys);
	if (p->seen[k]) {
		return fail(p, "'%s' is already set on line %u", key->name, p->seen[k]);
	}
	if (value_len == 0) {
		return fail(p, "'%s' needs a value", key->name);
	}
	if (!set_value(p, key, value, value_len)) {
		return false;
	}
	p->seen[k] = p->line;
	if (key->top_level) {
		p->cfg->default_line = p->line;
	}
	return true;
}

static bool parse_line(struct parser *p, const char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '\r') {
		len--;
	}
	if (len > XM_CONFIG_MAX_LINE) {
		return fail(p, "line is longer than %d bytes", XM_CONFIG_MAX_LINE);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			return fail(p, "control character (byte 0x%02x) in column %zu", c, i + 1);
		}
	}
	trim(&s, &len);
	if (len == 0 || s[0] == '#' || s[0] == ';') {
		return true;
	}
	if (s[0] == '[') {
		return parse_section(p, s, len);
	}
	return parse_assignment(p, s, len);
}

void xm_config_init(struct xm_config *cfg)
{
	*cfg = (struct xm_config){.arena = xm_arena_create()};
}

void xm_config_finish(struct xm_config *cfg)
{
	if (!cfg) {
		return;
	}
	free(cfg->profiles);
	xm_arena_destroy(cfg->arena);
	*cfg = (struct xm_config){0};
}

bool xm_config_parse(struct xm_config *cfg, const char *name, const char *text, size_t len,
		struct xm_error *err)
{
	struct parser p = {.cfg = cfg, .name = name, .err = err};
	if (len > XM_CONFIG_MAX_BYTES) {
		xm_error_set(err, "%s: larger than the limit of %d bytes", name,
			XM_CONFIG_MAX_BYTES);
		return false;
	}
	const char *end = text + len;
	for (const char *line = text; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *stop = nl ? nl : end;
		p.line++;
		if (!parse_line(&p, line, (size_t)(stop - line))) {
			return false;
		}
		line = nl ? nl + 1 : end;
	}
	if (cfg->default_profile && !find_profile(cfg, cfg->default_profile,
			strlen(cfg->default_profile))) {
		p.line = cfg->default_line;
		return fail(&p, "profile '%s' is not defined in this file",
			cfg->default_profile);
	}
	return true;
}

bool xm_config_load(struct xm_config *cfg, const char *path, struct xm_error *err)
{
	bool ok = false;
	struct xm_buf text = XM_BUF_INIT;
	char *default_path = NULL;
	if (!path) {
		default_path = xm_paths_file(XM_DIR_CONFIG, "config", err);
		if (!default_path) {
			goto out;
		}
		path = default_path;
	}
	struct xm_error read_err = XM_ERROR_INIT;
	if (!xm_file_read(path, XM_CONFIG_MAX_BYTES, &text, &read_err)) {
		/* No file is the first-run state, not an error. */
		ok = default_path && read_err.errnum == ENOENT;
		if (!ok && err) {
			*err = read_err;
		}
		goto out;
	}
	ok = xm_config_parse(cfg, path, xm_buf_str(&text), text.len, err);
out:
	xm_buf_finish(&text);
	free(default_path);
	return ok;
}

const struct xm_profile *xm_config_profile(const struct xm_config *cfg, const char *name,
		struct xm_error *err)
{
	if (!name) {
		name = cfg->default_profile;
	}
	if (!name && find_profile(cfg, "default", strlen("default"))) {
		name = "default";
	}
	if (!name && cfg->nprofiles == 1) {
		return &cfg->profiles[0];
	}
	if (!name) {
		if (cfg->nprofiles == 0) {
			xm_error_set(err, "no profile is configured (see xano-mcp(5))");
		} else {
			xm_error_set(err, "%zu profiles and none is the default: set "
				"'profile = NAME' at the top of the config file", cfg->nprofiles);
		}
		return NULL;
	}
	const struct xm_profile *found = find_profile(cfg, name, strlen(name));
	if (!found) {
		const char *near = xm_suggest_field(name, cfg->profiles, cfg->nprofiles,
			sizeof(cfg->profiles[0]), offsetof(struct xm_profile, name));
		if (near) {
			xm_error_set(err, "no profile '%s' in the config (did you mean '%s'?)", name,
				near);
		} else {
			xm_error_set(err, "no profile '%s' in the config", name);
		}
	}
	return found;
}
