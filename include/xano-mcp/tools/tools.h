/*
 * tools: the MCP tool families of xano-mcp (src/tools/tools_<family>.c),
 * the resources and the prompts, all gathered into xm_registry by
 * src/tools/tools.c (declared in xano-mcp/mcp/registry.h).
 *
 * Each tool is a `const struct xm_tool xm_tool_<name>` defined in its
 * family's file and declared here; tools.c lists it. Handlers are thin:
 * they call an operation from src/ops/ and render its result.
 *
 * Everything declared here is static, read-only data owned by the program.
 * Handlers may run on worker threads at the same time (registry.h): they
 * keep no state of their own between calls.
 */
#ifndef XM_TOOLS_TOOLS_H
#define XM_TOOLS_TOOLS_H

#include "xano-mcp/mcp/registry.h"

/* tools_xs.c: XanoScript */
extern const struct xm_tool xm_tool_validate_xanoscript;

/* Documentation embedded at build time (generated docs.c, NULL-terminated). */
extern const struct xm_resource *const xm_doc_resources[];

/* The prompts (src/tools/prompts.c), NULL-terminated. */
#define XM_NPROMPTS 3
extern const struct xm_prompt *const xm_prompts[XM_NPROMPTS + 1];

/* resources_xano.c: the XanoScript of deployed objects, NULL-terminated. */
#define XM_NXANO_TEMPLATES 5
extern const struct xm_resource_template *const xm_xano_templates[XM_NXANO_TEMPLATES + 1];

/* tools_sdk.c: the SDK compiler. */
extern const struct xm_tool xm_tool_compile_sdk_code;
extern const struct xm_tool xm_tool_validate_sdk_code;

#endif
