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
	.templates = xm_xano_templates,
	.ntemplates = XM_NXANO_TEMPLATES,
	.prompts = xm_prompts,
	.nprompts = XM_NPROMPTS,
	/* Names every tool above (test/mcp/test_registry.c checks it). */
	.instructions = "xano-mcp helps you build Xano backends. Write XanoScript, "
		"Xano's backend language, directly (read the resource "
		"xano-mcp://docs/xanoscript-cheatsheet first: newlines separate items, "
		"names are quoted, and common guesses such as string types, a db.query "
		"limit or unary ! are errors), or write SDK builder code, a shorter "
		"JavaScript-like form (xano-mcp://docs/sdk-reference), and turn it into "
		"XanoScript with compile_sdk_code. Check XanoScript with "
		"validate_xanoscript and SDK code with validate_sdk_code, and fix every "
		"error from its line, column and suggestion until the code is valid "
		"before you present it. The tools are offline: nothing is deployed. To "
		"see what is deployed, read the resource templates "
		"xano://workspace/{workspace}/apigroup/{apigroup}/api/{api} (and "
		".../apigroup/{apigroup}, .../function/{function}, .../task/{task}, "
		".../table/{table}; ids, with completion): the XanoScript as it runs on "
		"Xano.",
};
