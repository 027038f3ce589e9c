/*
 * The one list of everything the MCP server offers. Add a tool by defining
 * it in its family's file, declaring it in xano-mcp/tools/tools.h and
 * appending it to a `tools` array here (see xano-mcp/mcp/registry.h):
 *
 *     static const struct xm_tool *const tools[] = {
 *             &xm_tool_validate_xanoscript,
 *     };
 *     ... .tools = tools, .ntools = sizeof(tools) / sizeof(tools[0]),
 *
 * (C has no empty arrays: a list with nothing in it stays NULL, 0.)
 */
#include <stddef.h>

#include "xano-mcp/tools/tools.h"

const struct xm_registry xm_registry = {
	.tools = NULL,
	.ntools = 0,
	.resources = NULL,
	.nresources = 0,
	.templates = NULL,
	.ntemplates = 0,
	.prompts = NULL,
	.nprompts = 0,
};
