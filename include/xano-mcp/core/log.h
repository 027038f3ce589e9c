/*
 * log: leveled diagnostics, always to stderr (or a FILE * given by a test).
 *
 * stdout belongs to the product (MCP messages, compiled XanoScript), so
 * nothing here ever writes there. Each .c file that logs defines LOG_MODULE
 * before including this header:
 *
 *     #define LOG_MODULE "jsonrpc"
 *     #include "xano-mcp/core/log.h"
 *     LOG_WARN("dropping line %zu: %s", n, why);
 *
 * Formats: "text" (timestamp, level, module, message; colour only when the
 * sink is a terminal and NO_COLOR is unset) and "json" (one object a line).
 *
 * Secrets: every string registered with xm_log_add_secret() is replaced by
 * "[REDACTED]" in every message before it leaves, including the listener's
 * copy. The registry keeps a copy of each secret and wipes it in
 * xm_log_clear_secrets() and at exit of the owning code path.
 *
 * Thread-safety: all functions may be called from any thread; messages are
 * written whole under one lock.
 */
#ifndef XM_CORE_LOG_H
#define XM_CORE_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum xm_log_level {
	XM_LOG_SILENT = 0,
	XM_LOG_ERROR,
	XM_LOG_WARN,
	XM_LOG_INFO,
	XM_LOG_DEBUG,
};

enum xm_log_format {
	XM_LOG_FORMAT_TEXT = 0,
	XM_LOG_FORMAT_JSON,
};

/*
 * Called for every message that passes the level filter, after redaction,
 * with the lock held: it must not log. The MCP server uses it to forward
 * messages as notifications/message.
 */
typedef void (*xm_log_listener_fn)(enum xm_log_level level, const char *module,
		const char *message, void *data);

/* Defaults: level warn, text, stderr. sink NULL means stderr. */
void xm_log_init(enum xm_log_level level, enum xm_log_format format, FILE *sink);
void xm_log_set_level(enum xm_log_level level);
enum xm_log_level xm_log_get_level(void);
void xm_log_set_format(enum xm_log_format format);
void xm_log_set_listener(xm_log_listener_fn fn, void *data);

/* "error", "warn", "warning", "info", "debug", "silent"/"quiet". */
bool xm_log_level_parse(const char *name, enum xm_log_level *level);
const char *xm_log_level_name(enum xm_log_level level);
bool xm_log_format_parse(const char *name, enum xm_log_format *format);

/* Registers a secret to redact; strings shorter than 4 bytes are ignored
 * (redacting "a" would mangle every message). */
void xm_log_add_secret(const char *secret);
void xm_log_clear_secrets(void);

bool xm_log_enabled(enum xm_log_level level);

void xm_log_write(enum xm_log_level level, const char *module, bool with_errno,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#ifndef LOG_MODULE
#define LOG_MODULE "xano-mcp"
#endif

#define LOG_ERR(...) xm_log_write(XM_LOG_ERROR, LOG_MODULE, false, __VA_ARGS__)
#define LOG_ERRNO(...) xm_log_write(XM_LOG_ERROR, LOG_MODULE, true, __VA_ARGS__)
#define LOG_WARN(...) xm_log_write(XM_LOG_WARN, LOG_MODULE, false, __VA_ARGS__)
#define LOG_INFO(...) xm_log_write(XM_LOG_INFO, LOG_MODULE, false, __VA_ARGS__)
#define LOG_DBG(...)                                                         \
	do {                                                                 \
		if (xm_log_enabled(XM_LOG_DEBUG)) {                          \
			xm_log_write(XM_LOG_DEBUG, LOG_MODULE, false, __VA_ARGS__); \
		}                                                            \
	} while (0)

#endif
