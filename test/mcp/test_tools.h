/*
 * test_tools: tools that exist only in test binaries (the unit tests of
 * the server and xano-mcp-testserver, which the node integration tests
 * drive). They exercise what the real tools may not: structured output,
 * a long-running call with progress and cancellation, failures.
 */
#ifndef XM_TEST_TOOLS_H
#define XM_TEST_TOOLS_H

#include "xano-mcp/mcp/registry.h"

/*
 * xano-mcp's registry (xm_registry) with the test tools appended and a test
 * resource template: what the test server serves. Built on first call;
 * lives until exit.
 */
const struct xm_registry *xm_test_registry(void);

#endif
