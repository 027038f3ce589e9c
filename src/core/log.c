#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/term.h"
#include "xano-mcp/core/xalloc.h"

enum { MAX_SECRETS = 16, MIN_SECRET_LEN = 4 };

static struct {
	pthread_mutex_t lock;
	/* Atomic: every LOG_* call reads it before taking the lock. */
	_Atomic(enum xm_log_level) level;
	enum xm_log_format format;
	FILE *sink;
	bool colour;
	xm_log_listener_fn listener;
	void *listener_data;
	char *secrets[MAX_SECRETS];
	size_t nsecrets;
} logger = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.level = XM_LOG_WARN,
};

static const char *const level_names[] = {
	[XM_LOG_SILENT] = "silent",
	[XM_LOG_ERROR] = "error",
	[XM_LOG_WARN] = "warn",
	[XM_LOG_INFO] = "info",
	[XM_LOG_DEBUG] = "debug",
};

static const char *const level_colours[] = {
	[XM_LOG_SILENT] = "",
	[XM_LOG_ERROR] = "\x1b[1;31m",
	[XM_LOG_WARN] = "\x1b[1;33m",
	[XM_LOG_INFO] = "\x1b[1;34m",
	[XM_LOG_DEBUG] = "\x1b[1;90m",
};

static FILE *sink(void)
{
	return logger.sink ? logger.sink : stderr;
}

void xm_log_init(enum xm_log_level level, enum xm_log_format format, FILE *out)
{
	pthread_mutex_lock(&logger.lock);
	atomic_store(&logger.level, level);
	logger.format = format;
	logger.sink = out;
	logger.colour = xm_term_colour(sink());
	pthread_mutex_unlock(&logger.lock);
}

void xm_log_set_level(enum xm_log_level level)
{
	atomic_store(&logger.level, level);
}

enum xm_log_level xm_log_get_level(void)
{
	return atomic_load(&logger.level);
}

void xm_log_set_format(enum xm_log_format format)
{
	pthread_mutex_lock(&logger.lock);
	logger.format = format;
	pthread_mutex_unlock(&logger.lock);
}

void xm_log_set_listener(xm_log_listener_fn fn, void *data)
{
	pthread_mutex_lock(&logger.lock);
	logger.listener = fn;
	logger.listener_data = data;
	pthread_mutex_unlock(&logger.lock);
}

bool xm_log_level_parse(const char *name, enum xm_log_level *level)
{
	static const struct {
		const char *name;
		enum xm_log_level level;
	} names[] = {
		{"silent", XM_LOG_SILENT}, {"quiet", XM_LOG_SILENT},
		{"error", XM_LOG_ERROR}, {"warn", XM_LOG_WARN},
		{"warning", XM_LOG_WARN}, {"info", XM_LOG_INFO},
		{"debug", XM_LOG_DEBUG},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*level = names[i].level;
			return true;
		}
	}
	return false;
}

const char *xm_log_level_name(enum xm_log_level level)
{
	if ((unsigned)level > XM_LOG_DEBUG) {
		return "unknown";
	}
	return level_names[level];
}

bool xm_log_format_parse(const char *name, enum xm_log_format *format)
{
	if (strcmp(name, "text") == 0) {
		*format = XM_LOG_FORMAT_TEXT;
	} else if (strcmp(name, "json") == 0) {
		*format = XM_LOG_FORMAT_JSON;
	} else {
		return false;
	}
	return true;
}

void xm_log_add_secret(const char *secret)
{
	if (!secret || strlen(secret) < MIN_SECRET_LEN) {
		return;
	}
	pthread_mutex_lock(&logger.lock);
	for (size_t i = 0; i < logger.nsecrets; i++) {
		if (strcmp(logger.secrets[i], secret) == 0) {
			goto out;
		}
	}
	if (logger.nsecrets == MAX_SECRETS) {
		/* Forget the oldest: a process juggles a handful of tokens. */
		char *old = logger.secrets[0];
		xm_wipe(old, strlen(old));
		free(old);
		memmove(logger.secrets, logger.secrets + 1,
			(MAX_SECRETS - 1) * sizeof(logger.secrets[0]));
		logger.nsecrets--;
	}
	logger.secrets[logger.nsecrets++] = xm_strdup(secret);
out:
	pthread_mutex_unlock(&logger.lock);
}

void xm_log_clear_secrets(void)
{
	pthread_mutex_lock(&logger.lock);
	for (size_t i = 0; i < logger.nsecrets; i++) {
		xm_wipe(logger.secrets[i], strlen(logger.secrets[i]));
		free(logger.secrets[i]);
		logger.secrets[i] = NULL;
	}
	logger.nsecrets = 0;
	pthread_mutex_unlock(&logger.lock);
}

bool xm_log_enabled(enum xm_log_level level)
{
	return level != XM_LOG_SILENT && level <= atomic_load(&logger.level);
}

/* Caller holds the lock. Rewrites msg with every secret replaced. */
static void redact(struct xm_buf *msg)
{
	for (size_t i = 0; i < logger.nsecrets; i++) {
		const char *secret = logger.secrets[i];
		size_t slen = strlen(secret);
		char *hit = strstr(msg->data, secret);
		if (!hit) {
			continue;
		}
		struct xm_buf out = XM_BUF_INIT;
		const char *p = msg->data;
		while (hit) {
			xm_buf_add(&out, p, (size_t)(hit - p));
			xm_buf_adds(&out, "[REDACTED]");
			p = hit + slen;
			hit = strstr(p, secret);
		}
		xm_buf_adds(&out, p);
		xm_buf_wipe(msg);
		*msg = out;
	}
}

/* Messages quote input that need not be UTF-8; a JSON log line must stay
 * valid JSON, so a stray byte becomes U+FFFD. */
static void add_json_string(struct xm_buf *out, const char *s)
{
	struct xm_json_gen *g = xm_json_gen_create(out);
	xm_json_gen_text(g, s, strlen(s));
	xm_json_gen_destroy(g);
}

static void add_timestamp(struct xm_buf *out, bool iso)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char when[32];
	strftime(when, sizeof(when), iso ? "%Y-%m-%dT%H:%M:%S" : "%H:%M:%S", &tm);
	xm_buf_addf(out, "%s.%03ld%s", when, ts.tv_nsec / 1000000L, iso ? "Z" : "");
}

void xm_log_write(enum xm_log_level level, const char *module, bool with_errno,
		const char *fmt, ...)
{
	int saved_errno = errno;
	if (!xm_log_enabled(level)) {
		return;
	}

	struct xm_buf msg = XM_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (with_errno) {
		xm_buf_addf(&msg, ": %s", strerror(saved_errno));
	}
	if (!msg.data) {
		xm_buf_adds(&msg, "");
	}

	pthread_mutex_lock(&logger.lock);
	if (level > atomic_load(&logger.level)) {
		goto out;
	}
	redact(&msg);

	struct xm_buf line = XM_BUF_INIT;
	if (logger.format == XM_LOG_FORMAT_JSON) {
		xm_buf_adds(&line, "{\"time\":\"");
		add_timestamp(&line, true);
		xm_buf_addf(&line, "\",\"level\":\"%s\",\"module\":", level_names[level]);
		add_json_string(&line, module);
		xm_buf_adds(&line, ",\"message\":");
		add_json_string(&line, msg.data);
		xm_buf_adds(&line, "}\n");
	} else {
		add_timestamp(&line, false);
		if (logger.colour) {
			xm_buf_addf(&line, " %s%-5s\x1b[0m", level_colours[level],
				level_names[level]);
		} else {
			xm_buf_addf(&line, " %-5s", level_names[level]);
		}
		xm_buf_addf(&line, " [%s] %s\n", module, msg.data);
	}
	fwrite(line.data, 1, line.len, sink());
	fflush(sink());
	xm_buf_finish(&line);

	if (logger.listener) {
		logger.listener(level, module, msg.data, logger.listener_data);
	}
out:
	pthread_mutex_unlock(&logger.lock);
	xm_buf_wipe(&msg);
	errno = saved_errno;
}
