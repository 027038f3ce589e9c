#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/mcp/jsonrpc.h"

char *xm_rpc_id_text(const struct xm_json *id)
{
	if (xm_json_is_integer(id)) {
		return xm_strdup(xm_json_number_text(id));
	}
	const char *s = xm_json_string(id);
	if (!s) {
		return NULL;
	}
	struct xm_buf text = XM_BUF_INIT;
	struct xm_json_gen *g = xm_json_gen_create(&text);
	xm_json_gen_string(g, s);
	xm_json_gen_destroy(g);
	return xm_buf_steal(&text);
}

static void invalid(struct xm_rpc_message *msg, int code, const char *message)
{
	msg->kind = XM_RPC_INVALID;
	msg->code = code;
	msg->message = message;
}

void xm_rpc_decode(const struct xm_json *v, struct xm_rpc_message *msg)
{
	memset(msg, 0, sizeof(*msg));
	if (xm_json_type(v) != XM_JSON_OBJECT) {
		invalid(msg, XM_RPC_INVALID_REQUEST,
				"Invalid Request: a message must be a JSON object");
		return;
	}
	const struct xm_json *id = xm_json_get(v, "id");
	const struct xm_json *method = xm_json_get(v, "method");
	const struct xm_json *params = xm_json_get(v, "params");
	const char *version = xm_json_string(xm_json_get(v, "jsonrpc"));

	if (id) {
		msg->id = xm_rpc_id_text(id);
		if (!msg->id) {
			invalid(msg, XM_RPC_INVALID_REQUEST,
					"Invalid Request: \"id\" must be a string or an integer");
			return;
		}
	}
	if (!version || strcmp(version, "2.0") != 0) {
		invalid(msg, XM_RPC_INVALID_REQUEST,
				"Invalid Request: \"jsonrpc\" must be \"2.0\"");
		return;
	}
	if (!method) {
		if (id && (xm_json_get(v, "result") || xm_json_get(v, "error"))) {
			msg->kind = XM_RPC_RESPONSE;
			return;
		}
		invalid(msg, XM_RPC_INVALID_REQUEST, "Invalid Request: \"method\" is missing");
		return;
	}
	msg->method = xm_json_string(method);
	if (!msg->method) {
		invalid(msg, XM_RPC_INVALID_REQUEST,
				"Invalid Request: \"method\" must be a string");
		return;
	}
	msg->kind = id ? XM_RPC_REQUEST : XM_RPC_NOTIFICATION;
	if (params && xm_json_type(params) != XM_JSON_OBJECT) {
		msg->code = XM_RPC_INVALID_PARAMS;
		msg->message = "Invalid params: \"params\" must be an object";
		return;
	}
	msg->params = params;
}

void xm_rpc_message_finish(struct xm_rpc_message *msg)
{
	if (!msg) {
		return;
	}
	free(msg->id);
	msg->id = NULL;
}

static void envelope(struct xm_buf *out, const char *id)
{
	xm_buf_adds(out, "{\"jsonrpc\":\"2.0\"");
	if (id) {
		xm_buf_adds(out, ",\"id\":");
		xm_buf_adds(out, id);
	}
}

void xm_rpc_write_result(struct xm_buf *out, const char *id, const char *result,
		size_t result_len)
{
	envelope(out, id);
	xm_buf_adds(out, ",\"result\":");
	xm_buf_add(out, result, result_len);
	xm_buf_addc(out, '}');
}

void xm_rpc_write_error(struct xm_buf *out, const char *id, int code,
		const char *message, const char *data)
{
	envelope(out, id);
	xm_buf_addf(out, ",\"error\":{\"code\":%d,\"message\":", code);
	struct xm_json_gen *g = xm_json_gen_create(out);
	xm_json_gen_text(g, message, strlen(message));
	xm_json_gen_destroy(g);
	if (data) {
		xm_buf_adds(out, ",\"data\":");
		xm_buf_adds(out, data);
	}
	xm_buf_adds(out, "}}");
}

void xm_rpc_write_notification(struct xm_buf *out, const char *method,
		const char *params, size_t params_len)
{
	envelope(out, NULL);
	xm_buf_adds(out, ",\"method\":\"");
	xm_buf_adds(out, method); /* our own constant names: nothing to escape */
	xm_buf_adds(out, "\",\"params\":");
	xm_buf_add(out, params, params_len);
	xm_buf_addc(out, '}');
}
