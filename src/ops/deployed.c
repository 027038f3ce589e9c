#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/ops/deployed.h"

bool xm_deployed_xanoscript(struct xm_connection *conn, const struct xm_meta_ref *ref,
		struct xm_buf *out, struct xm_xano_error *e)
{
	struct xm_meta_result r;
	xm_meta_result_init(&r);
	struct xm_buf what = XM_BUF_INIT;
	bool ok = xm_meta_get(conn->meta, ref, XM_META_XANOSCRIPT, &r, e);
	if (ok) {
		const struct xm_meta_object *o = &r.items[0];
		xm_meta_describe(ref, false, &what);
		if (o->script == XM_META_SCRIPT_OK) {
			xm_buf_add(out, o->xanoscript, o->xanoscript_len);
		} else if (o->script == XM_META_SCRIPT_ERROR) {
			xm_xano_error_set(e, XM_XANO_SERVER, "Xano could not render %s as "
				"XanoScript: %s", what.data, o->script_message ?
				o->script_message : "it gave no reason");
			ok = false;
		} else {
			xm_xano_error_set(e, XM_XANO_SERVER, "Xano sent no XanoScript for %s: "
				"the instance may predate XanoScript", what.data);
			ok = false;
		}
	}
	xm_buf_finish(&what);
	xm_meta_result_finish(&r);
	return ok;
}

/* The completion cache: a handful of short-lived id lists. */
enum { CACHE_SLOTS = 32 };

struct slot {
	char *key;
	int64_t *ids;
	size_t n;
	time_t expires;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot cache[CACHE_SLOTS];

static time_t now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void cache_key(const struct xm_connection *conn, const struct xm_meta_ref *ref,
		struct xm_buf *key)
{
	xm_buf_addf(key, "%s|%s|%d|%" PRId64 "|%" PRId64, conn->profile->instance,
		conn->profile->branch ? conn->profile->branch : "", (int)ref->kind,
		ref->workspace, ref->apigroup);
}

static bool cache_get(const char *key, int64_t **ids, size_t *n)
{
	bool hit = false;
	time_t now = now_s();
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS && !hit; i++) {
		if (cache[i].key && cache[i].expires > now && strcmp(cache[i].key, key) == 0) {
			*n = cache[i].n;
			*ids = *n ? xm_reallocarray(NULL, *n, sizeof(**ids)) : NULL;
			if (*n) {
				memcpy(*ids, cache[i].ids, *n * sizeof(**ids));
			}
			hit = true;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

static void slot_clear(struct slot *s)
{
	free(s->key);
	free(s->ids);
	memset(s, 0, sizeof(*s));
}

static void cache_put(const char *key, const int64_t *ids, size_t n)
{
	time_t now = now_s();
	pthread_mutex_lock(&cache_lock);
	/* The same key, else a free or expired slot, else the oldest. */
	struct slot *s = &cache[0];
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (cache[i].key && strcmp(cache[i].key, key) == 0) {
			s = &cache[i];
			break;
		}
		if (!cache[i].key || cache[i].expires <= now || cache[i].expires < s->expires) {
			s = &cache[i];
		}
	}
	slot_clear(s);
	s->key = xm_strdup(key);
	s->n = n;
	s->ids = n ? xm_reallocarray(NULL, n, sizeof(*ids)) : NULL;
	if (n) {
		memcpy(s->ids, ids, n * sizeof(*ids));
	}
	s->expires = now + XM_DEPLOYED_IDS_TTL;
	pthread_mutex_unlock(&cache_lock);
}

void xm_deployed_forget(void)
{
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		slot_clear(&cache[i]);
	}
	pthread_mutex_unlock(&cache_lock);
}

static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

bool xm_deployed_ids(struct xm_connection *conn, const struct xm_meta_ref *ref, int64_t **ids,
		size_t *n, struct xm_xano_error *e)
{
	struct xm_buf key = XM_BUF_INIT;
	cache_key(conn, ref, &key);
	*ids = NULL;
	*n = 0;
	bool ok = cache_get(key.data, ids, n);
	if (!ok) {
		struct xm_meta_result r;
		xm_meta_result_init(&r);
		ok = xm_meta_list(conn->meta, ref, 0, &r, e);
		if (ok && r.n) {
			*ids = xm_reallocarray(NULL, r.n, sizeof(**ids));
			for (size_t i = 0; i < r.n; i++) {
				(*ids)[i] = r.items[i].id;
			}
			*n = r.n;
			qsort(*ids, *n, sizeof(**ids), by_value);
		}
		if (ok) {
			cache_put(key.data, *ids, *n);
		}
		xm_meta_result_finish(&r);
	}
	xm_buf_finish(&key);
	return ok;
}
