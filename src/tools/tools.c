/*
 * The one list of everything the MCP server offers.
 *
 * Add a tool by defining it in its family's file, declaring it in
 * xano-mcp/tools/tools.h and appending it to a `tools` array here (see
 * xano-mcp/mcp/registry.h):
 *
 *     static const struct xm_tool *const tools[] = {
 *             &xm_tool_validate_xanoscript,
 *     };
 *     ... .tools = tools, .ntools = sizeof(tools) / sizeof(tools[0]),
 *
 * (C has no empty arrays: a list with nothing in it stays NULL, 0.)
 */
#include <stddef.h>

#include "docs.h"
#include "xano-mcp/tools/tools.h"

static const struct xm_tool *const tools[] = {
	&xm_tool_compile_sdk_code,
	&xm_tool_validate_sdk_code,
	&xm_tool_validate_xanoscript,
};

const struct xm_registry xm_registry = {
	.tools = tools,
	.ntools = sizeof(tools) / sizeof(tools[0]),
	.resources = xm_doc_resources,
	.nresources = XM_DOC_NRESOURCES,
	.templates = NULL,
	.ntemplates = 0,
	.prompts = xm_prompts,
	.nprompts = XM_NPROMPTS,
	.instructions = "xano-mcp helps you build Xano backends in XanoScript, "
		"Xano's backend language. Before writing XanoScript, read the resource "
		"xano-mcp://docs/xanoscript-cheatsheet: newlines separate items, names "
		"are quoted strings, and several common guesses (string types, "
		"db.query limit, unary !) are errors. Use the tools this server lists to "
		"check or compile code before presenting it, and fix every diagnostic "
		"they report; each diagnostic names the line and what to change.",
};
