/*
 * registry: what the MCP server offers, declared once, from above.
 *
 * The protocol code (src/mcp/) knows nothing of Xano or the compiler. Tools,
 * resources and prompts are plain static const tables that the faces layer
 * (src/tools/) fills in and lists in ONE place, src/tools/tools.c, which
 * defines xm_registry. The server reads that table; a test can hand the
 * server a registry of its own.
 *
 * Adding a tool:
 *   1. In src/tools/tools_<family>.c define
 *        const struct xm_tool xm_tool_<name> = { .name = "...", ... };
 *      whose handler calls an operation from src/ops/ and renders its result.
 *   2. Declare it in include/xano-mcp/tools/tools.h and add &xm_tool_<name>
 *      to the list in src/tools/tools.c.
 *   3. Give it .example_args: the integration test calls every listed tool
 *      with them. Describe it and each argument in man/xano-mcp-tools.7.scd
 *      and name it in the registry's instructions: test/mcp/test_registry.c
 *      fails until both are done (and checks the schema and the example).
 *
 * Lifetime and threads: everything in a registry is static and immutable.
 * A handler runs on the server's reading thread, or on a worker thread of
 * its own when .long_running is set (see server.h); it may call the
 * xm_tool_* functions below from that thread only, and must be re-entrant
 * (two calls of the same tool may run at once).
 */
#ifndef XM_MCP_REGISTRY_H
#define XM_MCP_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"

/* MCP tool annotations. Hints for the client, never trusted by it. */
struct xm_tool_hints {
	bool read_only;   /* does not modify anything */
	bool destructive; /* may destroy data (only meaningful if !read_only) */
	bool idempotent;  /* repeating with the same arguments changes nothing more */
	bool open_world;  /* talks to something outside (Xano) */
};

/* One tools/call in flight. Opaque except for the parsed arguments. */
struct xm_tool_call {
	/*
	 * The "arguments" object, already validated against the tool's input
	 * schema (types, required, enum, bounds, additionalProperties): a
	 * handler may rely on every required member being there with the
	 * declared type. Never NULL ({} when the client sent none). Borrowed
	 * for the duration of the call.
	 */
	const struct xm_json *args;
	/* Server internals (progress token, cancellation flag). */
	struct xm_call_ctx *ctx;
};

/*
 * What a handler fills in. Initialised by the server; the handler writes
 * one JSON object through xm_tool_result_structured() when the tool has an
 * output schema (it must conform to it), a human-readable rendering through
 * xm_tool_result_text(), or marks the result as an error the model can act
 * on with xm_tool_result_error(). With structured content and no text, the
 * server sends the JSON itself as the text block.
 */
struct xm_tool_result {
	struct xm_buf text;
	struct xm_buf structured;     /* one JSON object, or empty */
	struct xm_json_gen *gen;      /* lazily created, writes into structured */
	bool is_error;
};

/* The generator for structuredContent (created on first use). */
struct xm_json_gen *xm_tool_result_structured(struct xm_tool_result *result);
/* Appends to the text rendering. */
void xm_tool_result_text(struct xm_tool_result *result, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Marks the result isError and appends a message saying what went wrong
 * and what to change; structured content is dropped. For bad argument
 * values, failed validation, upstream failures: everything the model can
 * correct, as opposed to protocol faults.
 */
void xm_tool_result_error(struct xm_tool_result *result, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * True once the client cancelled this call (notifications/cancelled) or
 * the server is shutting down. Long handlers poll it between steps and
 * return early; whatever they return is then discarded.
 */
bool xm_tool_cancelled(const struct xm_tool_call *call);
/*
 * Reports progress when the client asked for it (a progressToken); a no-op
 * otherwise. progress must grow from call to call; total <= 0 means unknown;
 * message may be NULL. progress >= total sends nothing (the response says
 * it). Thread-safe with respect to the server.
 */
void xm_tool_progress(const struct xm_tool_call *call, double progress, double total,
		const char *message);

struct xm_tool {
	/* 1-128 of [A-Za-z0-9_.-], unique. */
	const char *name;
	/* Display name. */
	const char *title;
	/* The model's main hint: what it does, when to use it, what it returns. */
	const char *description;
	/* JSON Schema text with "type":"object" at the root. */
	const char *input_schema;
	/* JSON Schema text of structuredContent, or NULL for text-only tools. */
	const char *output_schema;
	struct xm_tool_hints hints;
	/* Runs on a worker thread so ping and cancellation stay responsive. */
	bool long_running;
	/*
	 * A valid "arguments" object (JSON text) for tests and documentation:
	 * the integration test calls every tool with it.
	 */
	const char *example_args;
	/*
	 * Does the work. Returns 0 when result is filled in (success or
	 * isError), -1 on an internal failure (answered as -32603, so reserve
	 * it for bugs and resource exhaustion).
	 */
	int (*call)(const struct xm_tool_call *call, struct xm_tool_result *result);
};

/* A resource with fixed text, e.g. documentation embedded at build time. */
struct xm_resource {
	const char *uri;   /* e.g. "xano-mcp://docs/xanoscript-cheatsheet" */
	const char *name;
	const char *title;
	const char *description;
	const char *mime_type;
	const char *text;
	size_t len;
};

enum xm_resource_status {
	XM_RESOURCE_OK = 0,
	XM_RESOURCE_NOT_MINE,  /* the URI does not match this template */
	XM_RESOURCE_NOT_FOUND, /* it matches, but names nothing (-32002; message may say why) */
	XM_RESOURCE_FAILED,    /* it matches, but reading failed: message says why */
};

/* One resources/read served through a template. */
struct xm_resource_call {
	const char *uri;
	/* Server internals (cancellation flag). */
	struct xm_call_ctx *ctx;
};

/*
 * True once the client cancelled this read or the server is shutting
 * down; a slow read polls it and returns early (its answer is dropped).
 */
bool xm_resource_cancelled(const struct xm_resource_call *call);

/* The most values a completion result holds (MCP's limit). */
#define XM_COMPLETION_MAX 100

/*
 * One completion/complete for a template variable. The completer reads
 * variable, prefix and the values the client already knows, and adds
 * candidates with xm_completion_add().
 */
struct xm_completion {
	const char *variable; /* argument.name: the template variable */
	const char *prefix;   /* argument.value: what was typed so far */
	/*
	 * context.arguments (MCP 2025-06-18 and later): the other variables'
	 * values the client already has, an object of strings; NULL when the
	 * client sent none. Read it with xm_completion_known().
	 */
	const struct xm_json *known;
	/* Server internals. */
	struct xm_call_ctx *ctx;
	/* Filled by xm_completion_add(); owned by the server. */
	char *values[XM_COMPLETION_MAX];
	size_t n;
	size_t total; /* every value added, kept or not */
};

/* Adds a copy of value (the first XM_COMPLETION_MAX are kept, the rest
 * only counted: hasMore). */
void xm_completion_add(struct xm_completion *c, const char *value);
/* The known value of variable name, or NULL. */
const char *xm_completion_known(const struct xm_completion *c, const char *name);
/* Like xm_resource_cancelled(), for a slow completer. */
bool xm_completion_cancelled(const struct xm_completion *c);

/*
 * A family of resources behind an RFC 6570 URI template, read on demand
 * (e.g. the XanoScript of a deployed endpoint). read() is tried for every
 * URI not among the fixed resources; it appends the contents to text and
 * sets *mime_type, or explains a failure (or a not-found) in message. Set
 * long_running when reads go to the network: resources/read and
 * completion/complete of this template then run on a worker thread (like
 * a long tool call), so ping and cancellation stay responsive; read() and
 * complete() must then be re-entrant.
 */
struct xm_resource_template {
	const char *uri_template;
	const char *name;
	const char *title;
	const char *description;
	const char *mime_type;
	bool long_running;
	enum xm_resource_status (*read)(const struct xm_resource_call *call,
			struct xm_buf *text, const char **mime_type, struct xm_buf *message);
	/* Optional: completions for one template variable. */
	void (*complete)(struct xm_completion *c);
};

struct xm_prompt_arg {
	const char *name;
	const char *description;
	bool required;
	/* Suggested values for completion/complete, NULL-terminated, or NULL. */
	const char *const *values;
	/* Used when an optional argument is missing or empty; NULL for "". */
	const char *fallback;
};

/*
 * A prompt template. text holds one user message in which {{name}} is
 * replaced by the argument of that name (its fallback, or nothing, when an
 * optional argument is missing); arguments are plain strings.
 */
struct xm_prompt {
	const char *name;
	const char *title;
	const char *description;
	const struct xm_prompt_arg *args;
	size_t nargs;
	const char *text;
};

struct xm_registry {
	const struct xm_tool *const *tools;
	size_t ntools;
	const struct xm_resource *const *resources;
	size_t nresources;
	const struct xm_resource_template *const *templates;
	size_t ntemplates;
	const struct xm_prompt *const *prompts;
	size_t nprompts;
	/* The initialize result's "instructions": how an assistant should use
	 * what is listed here (a short paragraph), or NULL. */
	const char *instructions;
};

/* Everything xano-mcp serves; defined in src/tools/tools.c. */
extern const struct xm_registry xm_registry;

/* Lookups by name/URI; NULL when absent. */
const struct xm_tool *xm_registry_tool(const struct xm_registry *reg, const char *name);
const struct xm_prompt *xm_registry_prompt(const struct xm_registry *reg, const char *name);
const struct xm_resource *xm_registry_resource(const struct xm_registry *reg,
		const char *uri);

#endif
