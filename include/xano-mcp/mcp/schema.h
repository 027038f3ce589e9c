/*
 * schema: checks tool arguments against the tool's JSON Schema.
 *
 * The subset a tool's input schema may use, and all that is checked:
 * type (one name or a list; "integer" accepts 3 and 3.0), properties,
 * required, additionalProperties (false or a schema), items, anyOf (the
 * portable spelling of a nullable field: [{"type":"string"},{"type":"null"}]),
 * enum, const,
 * minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers),
 * minLength, maxLength (in code points), minItems, maxItems. Descriptive
 * keywords (title, description, default, examples, $schema) are ignored.
 * Anything else is not understood: xm_schema_check() reports it so a test
 * catches a tool that relies on a keyword the validator would skip.
 *
 * Messages name the place and what to change, one line each, for example
 *   - arguments.code: expected string, got number
 *   - arguments: missing required property "code"
 * so a model can correct its call.
 *
 * Thread-safety: pure functions of their arguments.
 */
#ifndef XM_MCP_SCHEMA_H
#define XM_MCP_SCHEMA_H

#include <stdbool.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/json.h"

/* True when value conforms; otherwise appends the violations to errors
 * (at most 20 lines). path names the value in messages ("arguments"). */
bool xm_schema_validate(const struct xm_json *schema, const struct xm_json *value,
		const char *path, struct xm_buf *errors);

/* True when schema uses only the keywords above, each with a value of the
 * right shape; otherwise appends what is wrong to problems. */
bool xm_schema_check(const struct xm_json *schema, struct xm_buf *problems);

/* Deep equality of two JSON values (numbers by value, objects unordered). */
bool xm_schema_equal(const struct xm_json *a, const struct xm_json *b);

#endif
