#include <stdarg.h>
#include <string.h>

#include "xano-mcp/mcp/registry.h"

struct xm_json_gen *xm_tool_result_structured(struct xm_tool_result *result)
{
	if (!result->gen) {
		result->gen = xm_json_gen_create(&result->structured);
	}
	return result->gen;
}

void xm_tool_result_text(struct xm_tool_result *result, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&result->text, fmt, ap);
	va_end(ap);
}

void xm_tool_result_error(struct xm_tool_result *result, const char *fmt, ...)
{
	if (!result->is_error) {
		/* an error replaces whatever was rendered before it */
		xm_buf_reset(&result->text);
		result->is_error = true;
	}
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(&result->text, fmt, ap);
	va_end(ap);
}

const struct xm_tool *xm_registry_tool(const struct xm_registry *reg, const char *name)
{
	for (size_t i = 0; name && i < reg->ntools; i++) {
		if (strcmp(reg->tools[i]->name, name) == 0) {
			return reg->tools[i];
		}
	}
	return NULL;
}

const struct xm_prompt *xm_registry_prompt(const struct xm_registry *reg, const char *name)
{
	for (size_t i = 0; name && i < reg->nprompts; i++) {
		if (strcmp(reg->prompts[i]->name, name) == 0) {
			return reg->prompts[i];
		}
	}
	return NULL;
}

const struct xm_resource *xm_registry_resource(const struct xm_registry *reg,
		const char *uri)
{
	for (size_t i = 0; uri && i < reg->nresources; i++) {
		if (strcmp(reg->resources[i]->uri, uri) == 0) {
			return reg->resources[i];
		}
	}
	return NULL;
}
