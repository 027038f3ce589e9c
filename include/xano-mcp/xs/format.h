/*
 * format: an AST back to canonical XanoScript.
 *
 * Canonical means the subset both the 11.x and the newer official parsers
 * accept (reference §1, §11): two-space indentation, one item per line,
 * blocks always multi-line (`input {` NL `}`), object literals with `key: value`,
 * multi-line objects and arrays one entry per line without commas, comments
 * on their own lines, documents separated by `---`. Strings, numbers and
 * backtick expressions are printed exactly as written; parentheses only where
 * the tree has PAREN nodes. Single blank lines between items are kept.
 *
 * Guarantees (tested over the corpus): format(parse(format(x))) ==
 * format(x), and parse(format(t)) equals t by xm_xs_ast_equal().
 *
 * Appends to out; never fails. Any node can be printed: FILE, DOC and
 * CONSTRUCT print documents, other items print at indentation level 0, and
 * expressions print inline. Pure and reentrant.
 */
#ifndef XM_XS_FORMAT_H
#define XM_XS_FORMAT_H

#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/ast.h"

void xm_xs_format(const struct xm_xs_node *node, struct xm_buf *out);

#endif
