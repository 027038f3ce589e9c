/*
 * fuzz-mcp-line: one input = one line a client could send, handled by an
 * initialized server exactly as the reading thread would (JSON limits,
 * decoding, dispatch, every method, tools with their argument validation).
 * Answers go to /dev/null; the property is no crash, hang, leak or
 * sanitizer report, and the server's generator never failing silently is
 * covered by the unit tests.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xano-mcp/core/log.h"
#include "xano-mcp/mcp/server.h"
#include "xano-mcp/tools/tools.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct xm_server *server;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!server) {
		xm_log_init(XM_LOG_SILENT, XM_LOG_FORMAT_TEXT, NULL);
		struct xm_server_options opts = {
			.registry = &xm_registry,
			.in_fd = -1,
			.out_fd = open("/dev/null", O_WRONLY),
			.max_line = 1 << 20,
		};
		server = xm_server_create(&opts);
		const char *init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
			"\"params\":{\"protocolVersion\":\"2025-03-26\"}}";
		xm_server_handle_line(server, init, strlen(init));
	}
	/* the transport hands lines over NUL-terminated, without the newline */
	char *line = malloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	xm_server_handle_line(server, line, size);
	free(line);
	return 0;
}
