/*
 * jsonrpc: JSON-RPC 2.0 messages as MCP uses them.
 *
 * xm_rpc_decode() checks one parsed message (a line, or one element of a
 * batch) and says what it is. An id is echoed exactly: it is kept as the
 * JSON text it will be written back as (a string re-escaped by our
 * generator, a number as its raw text, so 0, negatives and integers beyond
 * int64 survive). When a message is invalid its id is reported only if it
 * could be read; otherwise the error response omits "id" (the official SDKs
 * reject "id": null).
 *
 * The xm_rpc_write_* functions append one complete message to a buffer,
 * without the newline (the transport adds it).
 *
 * Ownership: a decoded message borrows from the parsed tree, except its id
 * text, which it owns (xm_rpc_message_finish). Thread-safety: plain data.
 */
#ifndef XM_MCP_JSONRPC_H
#define XM_MCP_JSONRPC_H

#include <stdbool.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"

enum xm_rpc_code {
	XM_RPC_PARSE_ERROR = -32700,
	XM_RPC_INVALID_REQUEST = -32600,
	XM_RPC_METHOD_NOT_FOUND = -32601,
	XM_RPC_INVALID_PARAMS = -32602,
	XM_RPC_INTERNAL_ERROR = -32603,
	/* MCP (legacy revisions): resources/read of an unknown URI. */
	XM_RPC_RESOURCE_NOT_FOUND = -32002,
};

enum xm_rpc_kind {
	XM_RPC_INVALID = 0,    /* answer with code/message below */
	XM_RPC_REQUEST,        /* method + id: must be answered */
	XM_RPC_NOTIFICATION,   /* method, no id: never answered */
	XM_RPC_RESPONSE,       /* result or error + id: an answer to us */
};

struct xm_rpc_message {
	enum xm_rpc_kind kind;
	/* The id as JSON text ("7", "\"abc\""), malloc'd; NULL when absent
	 * or unreadable. */
	char *id;
	const char *method;
	/* The params object, or NULL when absent. */
	const struct xm_json *params;
	/* For XM_RPC_INVALID, and for a request whose params are not an
	 * object (kind stays REQUEST, code is XM_RPC_INVALID_PARAMS). */
	int code;
	const char *message;
};

/* Decodes v; never fails outright: problems end up in kind/code. */
void xm_rpc_decode(const struct xm_json *v, struct xm_rpc_message *msg);
void xm_rpc_message_finish(struct xm_rpc_message *msg);

/* The JSON text of an id value (string or integer); NULL for anything else. */
char *xm_rpc_id_text(const struct xm_json *id);

/* {"jsonrpc":"2.0","id":ID,"result":RESULT}; result is JSON text. */
void xm_rpc_write_result(struct xm_buf *out, const char *id, const char *result,
		size_t result_len);
/* {"jsonrpc":"2.0","id":ID,"error":{"code":C,"message":M,"data":DATA}};
 * id NULL omits "id", data (JSON text) NULL omits "data". message may hold
 * any bytes: invalid UTF-8 is replaced. */
void xm_rpc_write_error(struct xm_buf *out, const char *id, int code,
		const char *message, const char *data);
/* {"jsonrpc":"2.0","method":M,"params":PARAMS}; params is JSON text. */
void xm_rpc_write_notification(struct xm_buf *out, const char *method,
		const char *params, size_t params_len);

#endif
