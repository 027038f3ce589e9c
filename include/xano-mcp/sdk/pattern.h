/*
 * sdk/pattern: what kind of thing a builder builds, in one word.
 *
 * A label for reports and for deploy tools to choose defaults by:
 * "table", "api-group", "scheduled-task", "function", and for endpoints
 * "auth-signup", "auth-login", "auth-me", "webhook", "external-api",
 * "crud-list", "crud-get", "crud-create", "crud-update", "crud-delete" or
 * "simple-endpoint". Decided from the builder kind, verb, path and the
 * methods used (rules in xano-mcp-sdk(7), PATTERNS). Pure; the returned
 * string is static.
 */
#ifndef XM_SDK_PATTERN_H
#define XM_SDK_PATTERN_H

#include "xano-mcp/sdk/resolve.h"

const char *xm_sdk_pattern(const struct xm_sdk_block *root);

#endif
