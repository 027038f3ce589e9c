/*
 * xano-mcp-testserver: xano-mcp's server with the test-only tools of
 * test_tools.c added. Built for the node integration tests (test/npm/),
 * never installed.
 */
#include <stdio.h>
#include <string.h>

#include "test_tools.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/mcp/server.h"

/* --examples prints {"tool": example arguments, ...} for the tests that
 * call every tool. */
static int print_examples(const struct xm_registry *reg)
{
	fputc('{', stdout);
	for (size_t i = 0; i < reg->ntools; i++) {
		const struct xm_tool *t = reg->tools[i];
		printf("%s\"%s\":%s", i ? "," : "", t->name, t->example_args ? t->example_args : "{}");
	}
	fputs("}\n", stdout);
	return 0;
}

int main(int argc, char **argv)
{
	xm_log_init(XM_LOG_WARN, XM_LOG_FORMAT_TEXT, NULL);
	if (argc > 1 && strcmp(argv[1], "--examples") == 0) {
		return print_examples(xm_test_registry());
	}
	return xm_server_serve_stdio(xm_test_registry()) == 0 ? 0 : 1;
}
