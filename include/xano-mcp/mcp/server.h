/*
 * server: an MCP server session over stdio (protocol revisions 2024-11-05,
 * 2025-03-26, 2025-06-18 and 2025-11-25).
 *
 * Lifecycle: initialize negotiates the revision (the client's when we
 * support it, else the latest) and answers with capabilities for exactly
 * what the registry holds: tools, resources, prompts (+ completions), and
 * logging. Before initialize only ping and initialize are served; other
 * requests get -32600. server/discover (the 2026 stateless probe) is
 * answered at once with -32601 naming the revisions we speak, so probing
 * clients fall back to initialize instead of waiting out a timeout.
 * Batches (JSON arrays) are served only under 2025-03-26, the one revision
 * that has them; otherwise an array gets one -32600. No line written is
 * over 10 MiB (clients refuse longer ones): a result that large, or an
 * answer that would push a batch's line past it, is replaced by -32603.
 *
 * Concurrency model. One reading thread (the caller of xm_server_run) reads
 * lines, parses and dispatches them in order. Everything quick runs right
 * there: lifecycle, lists, resources, prompts, and tools/call of tools that
 * are not long_running (pure CPU work such as validation, milliseconds).
 * A tools/call of a tool with .long_running set, a resources/read of a URI
 * that a .long_running resource template may claim (it starts with the
 * template's text before the first variable: reads over the network), and
 * a completion/complete of such a template get a detached worker thread
 * of their own, so the
 * reading thread keeps serving ping, other requests and
 * notifications/cancelled meanwhile. Each in-flight worker
 * call is listed (under one mutex) with its id, progress token and an
 * atomic cancelled flag: notifications/cancelled sets the flag, the tool
 * polls it through xm_tool_cancelled(), and a cancelled call's response is
 * dropped. All output goes through the transport, whose lock keeps every
 * message whole; log lines are forwarded as notifications/message from any
 * thread through log.h's listener. At EOF every call in flight is cancelled
 * and the server waits for the workers (at most 2 s) before returning.
 *
 * Ownership: the server does not own the registry or the descriptors.
 * Thread-safety: create/run/destroy from one thread; one server per
 * process at a time (it installs the log listener).
 */
#ifndef XM_MCP_SERVER_H
#define XM_MCP_SERVER_H

#include <stddef.h>

#include "xano-mcp/mcp/registry.h"

struct xm_server_options {
	const struct xm_registry *registry;
	int in_fd;
	int out_fd;
	/* Items per page of tools/list, prompts/list, ...; 0 means 50. */
	size_t page_size;
	/* Longest line accepted; 0 means XM_TRANSPORT_MAX_LINE. */
	size_t max_line;
};

struct xm_server;

/* Tools whose schemas do not parse are left out (and logged). */
struct xm_server *xm_server_create(const struct xm_server_options *options);
/* Cancels what is in flight, waits for workers, frees; accepts NULL. */
void xm_server_destroy(struct xm_server *server);

/*
 * Serves until the client closes stdin (returns 0), goes away (a write
 * fails: 0) or reading fails (1).
 */
int xm_server_run(struct xm_server *server);

/*
 * The whole stdio server: ignores SIGPIPE, exits 0 at once on SIGTERM (the
 * client's escalation after closing stdin), serves reg on fds 0 and 1 until
 * EOF. Returns the exit status. For `xano-mcp serve` and test servers.
 */
int xm_server_serve_stdio(const struct xm_registry *reg);

/* Handles one line as if read from the client; answers go to out_fd. */
void xm_server_handle_line(struct xm_server *server, const char *line, size_t len);

/* The protocol revisions served, newest first, NULL-terminated. */
extern const char *const xm_server_versions[];

#endif
