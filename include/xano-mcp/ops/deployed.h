/*
 * ops/deployed: reading what is deployed on Xano (read-only), shared by the
 * MCP resource templates and, later, the command line.
 *
 * xm_deployed_xanoscript() fetches one object with include_xanoscript=true
 * and hands back its XanoScript, or says why there is none.
 *
 * xm_deployed_ids() lists the ids of a collection (the workspaces, the API
 * groups of a workspace, ...) for argument completion. Completion fires at
 * every keystroke and Xano's free plan allows 10 requests in 20 seconds, so
 * these lists are kept for XM_DEPLOYED_IDS_TTL seconds per process (keyed
 * by instance, branch and collection; at most a few dozen entries), under a
 * mutex. Nothing else is cached: a read always shows what is deployed now.
 *
 * Errors as in xano/error.h. Thread-safe: re-entrant, the cache is locked.
 */
#ifndef XM_OPS_DEPLOYED_H
#define XM_OPS_DEPLOYED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/ops/connect.h"

enum { XM_DEPLOYED_IDS_TTL = 30 };

/* Appends the XanoScript of the object ref names to out. */
bool xm_deployed_xanoscript(struct xm_connection *conn, const struct xm_meta_ref *ref,
		struct xm_buf *out, struct xm_xano_error *e);

/*
 * The ids of the collection ref names (ref->id unused), ascending, in a
 * malloc'd array the caller frees (*ids may be NULL when *n is 0).
 */
bool xm_deployed_ids(struct xm_connection *conn, const struct xm_meta_ref *ref, int64_t **ids,
		size_t *n, struct xm_xano_error *e);

/* Forgets every cached list (tests). */
void xm_deployed_forget(void);

#endif
