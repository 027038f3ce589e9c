/*
 * sdk/parse: SDK code (a JavaScript subset) to the tree of sdk/ast.h.
 *
 * Recursive descent over the tokens of sdk/lex.h. Every error is reported
 * into diags with a position, a message and, where one is known, a
 * suggestion; the parser then skips to the end of the failing call
 * argument or statement and goes on, so one pass reports every error.
 *
 * Limits: the text may be at most XM_SDK_MAX_SOURCE bytes and nest at most
 * XM_SDK_MAX_DEPTH levels of calls, literals and blocks; beyond that one
 * error is reported and parsing stops. Pure; not thread-safe per arena.
 */
#ifndef XM_SDK_PARSE_H
#define XM_SDK_PARSE_H

#include <stddef.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/sdk/ast.h"
#include "xano-mcp/xs/diag.h"

enum {
	XM_SDK_MAX_SOURCE = 1024 * 1024,
	XM_SDK_MAX_DEPTH = 64,
};

/*
 * Parses text (len bytes, need not be NUL-terminated; it must outlive the
 * tree, which points into it) into a program allocated in arena. Always
 * returns a program (possibly partial); check xm_diags_has_errors().
 */
struct xm_sdk_program *xm_sdk_parse(const char *text, size_t len, struct xm_arena *arena,
		struct xm_diags *diags);

#endif
