#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "xano-mcp/core/arena.h"
#include "xano-mcp/core/json.h"
#include "xano-mcp/core/xalloc.h"

const struct xm_json_limits xm_json_default_limits = {
	.max_bytes = 16u << 20,
	.max_depth = 64,
	.max_values = 1u << 20,
};

/*
 * The tree: nodes, strings and member arrays live in one arena per parsed
 * document, freed at once. The root is the first member of struct doc so
 * xm_json_free() finds the arena from it.
 */
struct xm_json {
	enum xm_json_type type;
	bool boolean;
	size_t len;         /* string bytes, array items or object members */
	const char *text;   /* string (NUL-terminated) or number as written */
	struct xm_json **items; /* array items, object values */
	const char **keys;  /* object keys */
};

struct doc {
	struct xm_json root;
	struct xm_arena *arena;
};

static void set_error(struct xm_json_error *err, enum xm_json_status status,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_error(struct xm_json_error *err, enum xm_json_status status,
		const char *fmt, ...)
{
	if (!err) {
		return;
	}
	err->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		return 1;
	}
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0) {
			lo = 0xa0; /* overlong */
		} else if (c == 0xed) {
			hi = 0x9f; /* surrogates */
		}
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0) {
			lo = 0x90;
		} else if (c == 0xf4) {
			hi = 0x8f; /* above U+10FFFF */
		}
	} else {
		return 0;
	}
	if (n < need || s[1] < lo || s[1] > hi) {
		return 0;
	}
	for (size_t i = 2; i < need; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf) {
			return 0;
		}
	}
	return need;
}

/*
 * The builder behind yajl's callbacks. Finished values wait on a stack
 * until their container closes; then they move into an arena array of the
 * exact size. Depth and value count are checked as the values arrive, so
 * a hostile text is refused early and memory stays bounded.
 */
struct builder {
	struct xm_arena *arena;
	const struct xm_json_limits *lim;
	struct xm_json **vals;
	size_t nvals, capvals;
	const char **keys;
	size_t nkeys, capkeys;
	/* where the values (and keys) of each open container start */
	size_t open_vals[XM_JSON_DEPTH_MAX + 1];
	size_t open_keys[XM_JSON_DEPTH_MAX + 1];
	unsigned depth;
	size_t values;
	struct xm_json *root;
	struct xm_json_error *err;
	bool failed;
};

static int fail(struct builder *b, enum xm_json_status status, const char *message)
{
	set_error(b->err, status, "%s", message);
	b->failed = true;
	return 0;
}

/* Every value, containers included, counts against max_values. */
static bool count_value(struct builder *b)
{
	if (++b->values <= b->lim->max_values) {
		return true;
	}
	set_error(b->err, XM_JSON_TOO_MANY, "more than %zu values", b->lim->max_values);
	b->failed = true;
	return false;
}

/* A new node, counted against the limit; NULL (and a failure) past it. */
static struct xm_json *node(struct builder *b, enum xm_json_type type)
{
	if (!count_value(b)) {
		return NULL;
	}
	struct xm_json *n = xm_arena_alloc(b->arena, sizeof(*n));
	n->type = type;
	return n;
}

static int push(struct builder *b, struct xm_json *n)
{
	if (!n) {
		return 0;
	}
	if (b->depth == 0) {
		b->root = n;
		return 1;
	}
	if (b->nvals == b->capvals) {
		b->capvals = b->capvals ? b->capvals * 2 : 64;
		b->vals = xm_reallocarray(b->vals, b->capvals, sizeof(*b->vals));
	}
	b->vals[b->nvals++] = n;
	return 1;
}

/* Strings and keys: exact length, no NUL inside, strict UTF-8 (yajl lets
 * overlong forms and surrogates through). */
static const char *text_of(struct builder *b, const unsigned char *s, size_t len)
{
	if (memchr(s, '\0', len)) {
		fail(b, XM_JSON_NUL_BYTE, "\\u0000 in a string");
		return NULL;
	}
	if (!xm_json_utf8_valid((const char *)s, len)) {
		fail(b, XM_JSON_SYNTAX, "invalid UTF-8 in a string");
		return NULL;
	}
	return xm_arena_strndup(b->arena, (const char *)s, len);
}

static int on_null(void *ctx)
{
	return push(ctx, node(ctx, XM_JSON_NULL));
}

static int on_boolean(void *ctx, int value)
{
	struct xm_json *n = node(ctx, XM_JSON_BOOL);
	if (n) {
		n->boolean = value != 0;
	}
	return push(ctx, n);
}

static int on_number(void *ctx, const char *s, size_t len)
{
	struct builder *b = ctx;
	struct xm_json *n = node(b, XM_JSON_NUMBER);
	if (n) {
		n->text = xm_arena_strndup(b->arena, s, len);
		n->len = len;
	}
	return push(b, n);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	struct builder *b = ctx;
	struct xm_json *n = node(b, XM_JSON_STRING);
	if (!n || !(n->text = text_of(b, s, len))) {
		return 0;
	}
	n->len = len;
	return push(b, n);
}

static int open_container(void *ctx)
{
	struct builder *b = ctx;
	if (b->depth >= b->lim->max_depth) {
		set_error(b->err, XM_JSON_TOO_DEEP, "nesting deeper than %u levels",
				b->lim->max_depth);
		b->failed = true;
		return 0;
	}
	if (!count_value(b)) {
		return 0;
	}
	b->open_vals[b->depth] = b->nvals;
	b->open_keys[b->depth] = b->nkeys;
	b->depth++;
	return 1;
}

static int on_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct builder *b = ctx;
	const char *key = text_of(b, s, len);
	if (!key) {
		return 0;
	}
	if (b->nkeys == b->capkeys) {
		b->capkeys = b->capkeys ? b->capkeys * 2 : 32;
		b->keys = xm_reallocarray(b->keys, b->capkeys, sizeof(*b->keys));
	}
	b->keys[b->nkeys++] = key;
	return 1;
}

static int close_container(struct builder *b, enum xm_json_type type)
{
	b->depth--;
	size_t first = b->open_vals[b->depth];
	size_t count = b->nvals - first;
	/* counted when it opened; not again */
	struct xm_json *n = xm_arena_alloc(b->arena, sizeof(*n));
	n->type = type;
	n->len = count;
	if (count) {
		n->items = xm_arena_alloc(b->arena, count * sizeof(*n->items));
		memcpy(n->items, b->vals + first, count * sizeof(*n->items));
	}
	if (type == XM_JSON_OBJECT && count) {
		size_t kfirst = b->open_keys[b->depth];
		n->keys = xm_arena_alloc(b->arena, count * sizeof(*n->keys));
		memcpy(n->keys, b->keys + kfirst, count * sizeof(*n->keys));
		b->nkeys = kfirst;
	}
	b->nvals = first;
	return push(b, n);
}

static int on_end_map(void *ctx)
{
	return close_container(ctx, XM_JSON_OBJECT);
}

static int on_end_array(void *ctx)
{
	return close_container(ctx, XM_JSON_ARRAY);
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	/* numbers arrive as text: no integer overflow inside yajl, and ids
	 * beyond int64 keep every digit */
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = open_container,
	.yajl_map_key = on_map_key,
	.yajl_end_map = on_end_map,
	.yajl_start_array = open_container,
	.yajl_end_array = on_end_array,
};

/* yajl's message, one line of printable ASCII so it fits any message. */
static void copy_yajl_error(struct xm_json_error *err, const char *msg)
{
	if (!err) {
		return;
	}
	err->status = XM_JSON_SYNTAX;
	size_t n = 0;
	for (const char *p = msg; *p && *p != '\n' && n + 1 < sizeof(err->message); p++) {
		unsigned char c = (unsigned char)*p;
		err->message[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	while (n > 0 && err->message[n - 1] == ' ') {
		n--;
	}
	if (n == 0) {
		strcpy(err->message, "invalid JSON");
		return;
	}
	err->message[n] = '\0';
}

struct xm_json *xm_json_parse(const char *text, size_t len,
		const struct xm_json_limits *limits, struct xm_json_error *err)
{
	const struct xm_json_limits *lim = limits ? limits : &xm_json_default_limits;
	if (err) {
		err->status = XM_JSON_OK;
		err->message[0] = '\0';
	}
	if (len > lim->max_bytes) {
		set_error(err, XM_JSON_TOO_BIG, "text of %zu bytes exceeds the %zu byte limit",
				len, lim->max_bytes);
		return NULL;
	}
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		set_error(err, XM_JSON_NUL_BYTE, "NUL byte at offset %zu", (size_t)(nul - text));
		return NULL;
	}
	struct builder b = { .lim = lim, .err = err };
	b.arena = xm_arena_create();
	struct doc *doc = NULL;
	yajl_handle h = yajl_alloc(&callbacks, NULL, &b);
	if (!h) {
		abort();
	}
	yajl_status st = yajl_parse(h, (const unsigned char *)text, len);
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(h);
	}
	if (st != yajl_status_ok) {
		if (!b.failed) {
			unsigned char *msg = yajl_get_error(h, 0, (const unsigned char *)text, len);
			copy_yajl_error(err, (const char *)msg);
			yajl_free_error(h, msg);
		}
		goto out;
	}
	if (!b.root) {
		set_error(err, XM_JSON_SYNTAX, "no JSON value");
		goto out;
	}
	doc = xm_malloc(sizeof(*doc));
	doc->root = *b.root;
	doc->arena = b.arena;
	b.arena = NULL;
out:
	yajl_free(h);
	xm_arena_destroy(b.arena);
	free(b.vals);
	free(b.keys);
	return doc ? &doc->root : NULL;
}

void xm_json_free(struct xm_json *root)
{
	if (!root) {
		return;
	}
	struct doc *doc = (struct doc *)(void *)root;
	xm_arena_destroy(doc->arena);
	free(doc);
}

const char *xm_json_type_name(enum xm_json_type type)
{
	switch (type) {
	case XM_JSON_NULL:
		return "null";
	case XM_JSON_BOOL:
		return "boolean";
	case XM_JSON_NUMBER:
		return "number";
	case XM_JSON_STRING:
		return "string";
	case XM_JSON_ARRAY:
		return "array";
	case XM_JSON_OBJECT:
		return "object";
	case XM_JSON_NONE:
		break;
	}
	return "nothing";
}

enum xm_json_type xm_json_type(const struct xm_json *v)
{
	return v ? v->type : XM_JSON_NONE;
}

const struct xm_json *xm_json_get(const struct xm_json *obj, const char *key)
{
	if (xm_json_type(obj) != XM_JSON_OBJECT || !key) {
		return NULL;
	}
	for (size_t i = 0; i < obj->len; i++) {
		if (strcmp(obj->keys[i], key) == 0) {
			return obj->items[i];
		}
	}
	return NULL;
}

size_t xm_json_len(const struct xm_json *v)
{
	enum xm_json_type t = xm_json_type(v);
	return t == XM_JSON_OBJECT || t == XM_JSON_ARRAY ? v->len : 0;
}

const struct xm_json *xm_json_at(const struct xm_json *arr, size_t i)
{
	return xm_json_type(arr) == XM_JSON_ARRAY && i < arr->len ? arr->items[i] : NULL;
}

const char *xm_json_key_at(const struct xm_json *obj, size_t i)
{
	return xm_json_type(obj) == XM_JSON_OBJECT && i < obj->len ? obj->keys[i] : NULL;
}

const struct xm_json *xm_json_value_at(const struct xm_json *obj, size_t i)
{
	return xm_json_type(obj) == XM_JSON_OBJECT && i < obj->len ? obj->items[i] : NULL;
}

const char *xm_json_string(const struct xm_json *v)
{
	return xm_json_type(v) == XM_JSON_STRING ? v->text : NULL;
}

size_t xm_json_string_len(const struct xm_json *v)
{
	return xm_json_type(v) == XM_JSON_STRING ? v->len : 0;
}

bool xm_json_bool(const struct xm_json *v, bool *out)
{
	if (xm_json_type(v) != XM_JSON_BOOL) {
		return false;
	}
	if (out) {
		*out = v->boolean;
	}
	return true;
}

bool xm_json_is_null(const struct xm_json *v)
{
	return xm_json_type(v) == XM_JSON_NULL;
}

const char *xm_json_number_text(const struct xm_json *v)
{
	return xm_json_type(v) == XM_JSON_NUMBER ? v->text : NULL;
}

bool xm_json_is_integer(const struct xm_json *v)
{
	const char *r = xm_json_number_text(v);
	return r && strpbrk(r, ".eE") == NULL;
}

bool xm_json_int64(const struct xm_json *v, int64_t *out)
{
	if (!xm_json_is_integer(v)) {
		return false;
	}
	const char *r = xm_json_number_text(v);
	char *end;
	errno = 0;
	long long n = strtoll(r, &end, 10);
	if (errno != 0 || *end != '\0') {
		return false;
	}
	if (out) {
		*out = (int64_t)n;
	}
	return true;
}

bool xm_json_double(const struct xm_json *v, double *out)
{
	const char *r = xm_json_number_text(v);
	if (!r) {
		return false;
	}
	char *end;
	double d = strtod(r, &end);
	if (*end != '\0' || !isfinite(d)) {
		return false;
	}
	if (out) {
		*out = d;
	}
	return true;
}

bool xm_json_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t k = utf8_seq(p + i, len - i);
		if (k == 0) {
			return false;
		}
		i += k;
	}
	return true;
}

/* The generator. */

struct xm_json_gen {
	yajl_gen y;
	struct xm_buf *out;
	bool failed;
	unsigned depth;
	/* Per open level: 'o' object expecting a key, 'v' object expecting a
	 * value, 'a' array. yajl would silently write a key as a string value;
	 * this catches builder mistakes instead. */
	char stack[XM_JSON_DEPTH_MAX + 1];
	bool done; /* a complete top-level value was written */
};

static void print_to_buf(void *ctx, const char *str, size_t len)
{
	xm_buf_add(ctx, str, len);
}

struct xm_json_gen *xm_json_gen_create(struct xm_buf *out)
{
	struct xm_json_gen *g = xm_calloc(1, sizeof(*g));
	g->y = yajl_gen_alloc(NULL);
	if (!g->y) {
		abort();
	}
	g->out = out;
	yajl_gen_config(g->y, yajl_gen_validate_utf8, 1);
	yajl_gen_config(g->y, yajl_gen_print_callback, print_to_buf, (void *)out);
	return g;
}

void xm_json_gen_destroy(struct xm_json_gen *g)
{
	if (!g) {
		return;
	}
	yajl_gen_free(g->y);
	free(g);
}

void xm_json_gen_reset(struct xm_json_gen *g)
{
	yajl_gen_reset(g->y, NULL);
	g->failed = false;
	g->depth = 0;
	g->done = false;
}

bool xm_json_gen_ok(const struct xm_json_gen *g)
{
	return !g->failed;
}

/* May a value be written now? */
static bool value_allowed(struct xm_json_gen *g)
{
	if (g->failed) {
		return false;
	}
	if (g->depth == 0 ? g->done : g->stack[g->depth] == 'o') {
		g->failed = true;
		return false;
	}
	return true;
}

/* Bookkeeping after a value was written. */
static bool after_value(struct xm_json_gen *g, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok) {
		g->failed = true;
		return false;
	}
	if (g->depth == 0) {
		g->done = true;
	} else if (g->stack[g->depth] == 'v') {
		g->stack[g->depth] = 'o';
	}
	return true;
}

static bool open_level(struct xm_json_gen *g, char kind)
{
	if (!value_allowed(g)) {
		return false;
	}
	if (g->depth >= XM_JSON_DEPTH_MAX) {
		g->failed = true;
		return false;
	}
	yajl_gen_status st = kind == 'o' ? yajl_gen_map_open(g->y) : yajl_gen_array_open(g->y);
	if (st != yajl_gen_status_ok) {
		g->failed = true;
		return false;
	}
	g->stack[++g->depth] = kind;
	return true;
}

static bool close_level(struct xm_json_gen *g, char kind)
{
	if (g->failed || g->depth == 0 || g->stack[g->depth] != kind) {
		g->failed = true;
		return false;
	}
	yajl_gen_status st = kind == 'o' ? yajl_gen_map_close(g->y) : yajl_gen_array_close(g->y);
	g->depth--;
	return after_value(g, st);
}

bool xm_json_gen_begin_object(struct xm_json_gen *g)
{
	return open_level(g, 'o');
}

bool xm_json_gen_end_object(struct xm_json_gen *g)
{
	return close_level(g, 'o');
}

bool xm_json_gen_begin_array(struct xm_json_gen *g)
{
	return open_level(g, 'a');
}

bool xm_json_gen_end_array(struct xm_json_gen *g)
{
	return close_level(g, 'a');
}

bool xm_json_gen_key(struct xm_json_gen *g, const char *key)
{
	if (g->failed || g->depth == 0 || g->stack[g->depth] != 'o' || !key) {
		g->failed = true;
		return false;
	}
	if (yajl_gen_string(g->y, (const unsigned char *)key, strlen(key)) !=
			yajl_gen_status_ok) {
		g->failed = true;
		return false;
	}
	g->stack[g->depth] = 'v';
	return true;
}

bool xm_json_gen_string_len(struct xm_json_gen *g, const char *s, size_t len)
{
	if (!value_allowed(g)) {
		return false;
	}
	if (!s) {
		return after_value(g, yajl_gen_null(g->y));
	}
	return after_value(g, yajl_gen_string(g->y, (const unsigned char *)s, len));
}

bool xm_json_gen_string(struct xm_json_gen *g, const char *s)
{
	return xm_json_gen_string_len(g, s, s ? strlen(s) : 0);
}

bool xm_json_gen_text(struct xm_json_gen *g, const char *s, size_t len)
{
	if (!s || xm_json_utf8_valid(s, len)) {
		return xm_json_gen_string_len(g, s, len);
	}
	struct xm_buf fixed = XM_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t k = utf8_seq(p + i, len - i);
		if (k == 0) {
			xm_buf_add(&fixed, "\xef\xbf\xbd", 3);
			i++;
		} else {
			xm_buf_add(&fixed, p + i, k);
			i += k;
		}
	}
	bool ok = xm_json_gen_string_len(g, fixed.data, fixed.len);
	xm_buf_finish(&fixed);
	return ok;
}

bool xm_json_gen_int(struct xm_json_gen *g, int64_t n)
{
	if (!value_allowed(g)) {
		return false;
	}
	return after_value(g, yajl_gen_integer(g->y, (long long)n));
}

bool xm_json_gen_double(struct xm_json_gen *g, double d)
{
	if (!value_allowed(g)) {
		return false;
	}
	if (!isfinite(d)) {
		g->failed = true;
		return false;
	}
	/* The shortest text that reads back as the same double. */
	char text[40];
	int n = 0;
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(text, sizeof(text), "%.*g", prec, d);
		if (strtod(text, NULL) == d) {
			break;
		}
	}
	return after_value(g, yajl_gen_number(g->y, text, (size_t)n));
}

bool xm_json_gen_bool(struct xm_json_gen *g, bool b)
{
	if (!value_allowed(g)) {
		return false;
	}
	return after_value(g, yajl_gen_bool(g->y, b));
}

bool xm_json_gen_null(struct xm_json_gen *g)
{
	if (!value_allowed(g)) {
		return false;
	}
	return after_value(g, yajl_gen_null(g->y));
}

static bool digits(const char **p, const char *end)
{
	const char *start = *p;
	while (*p < end && **p >= '0' && **p <= '9') {
		(*p)++;
	}
	return *p > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool number_syntax(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	if (p < end && *p == '-') {
		p++;
	}
	if (p < end && *p == '0') {
		p++;
	} else if (!digits(&p, end)) {
		return false;
	}
	if (p < end && *p == '.') {
		p++;
		if (!digits(&p, end)) {
			return false;
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-')) {
			p++;
		}
		if (!digits(&p, end)) {
			return false;
		}
	}
	return p == end;
}

bool xm_json_gen_raw_number(struct xm_json_gen *g, const char *text, size_t len)
{
	if (!value_allowed(g)) {
		return false;
	}
	if (!text || !number_syntax(text, len)) {
		g->failed = true;
		return false;
	}
	return after_value(g, yajl_gen_number(g->y, text, len));
}

bool xm_json_gen_value(struct xm_json_gen *g, const struct xm_json *v)
{
	switch (xm_json_type(v)) {
	case XM_JSON_STRING:
		return xm_json_gen_string_len(g, v->text, v->len);
	case XM_JSON_NUMBER:
		return xm_json_gen_raw_number(g, v->text, v->len);
	case XM_JSON_BOOL:
		return xm_json_gen_bool(g, v->boolean);
	case XM_JSON_OBJECT:
		xm_json_gen_begin_object(g);
		for (size_t i = 0; i < v->len && !g->failed; i++) {
			xm_json_gen_key(g, v->keys[i]);
			xm_json_gen_value(g, v->items[i]);
		}
		return xm_json_gen_end_object(g);
	case XM_JSON_ARRAY:
		xm_json_gen_begin_array(g);
		for (size_t i = 0; i < v->len && !g->failed; i++) {
			xm_json_gen_value(g, v->items[i]);
		}
		return xm_json_gen_end_array(g);
	case XM_JSON_NULL:
	case XM_JSON_NONE:
		break;
	}
	return xm_json_gen_null(g);
}

bool xm_json_gen_kstring(struct xm_json_gen *g, const char *key, const char *s)
{
	return xm_json_gen_key(g, key) && xm_json_gen_string(g, s);
}

bool xm_json_gen_kstring_opt(struct xm_json_gen *g, const char *key, const char *s)
{
	return !s || xm_json_gen_kstring(g, key, s);
}

bool xm_json_gen_kint(struct xm_json_gen *g, const char *key, int64_t n)
{
	return xm_json_gen_key(g, key) && xm_json_gen_int(g, n);
}

bool xm_json_gen_kbool(struct xm_json_gen *g, const char *key, bool b)
{
	return xm_json_gen_key(g, key) && xm_json_gen_bool(g, b);
}

bool xm_json_write(const struct xm_json *v, struct xm_buf *out)
{
	size_t mark = out->len;
	struct xm_json_gen *g = xm_json_gen_create(out);
	bool ok = xm_json_gen_value(g, v);
	xm_json_gen_destroy(g);
	if (!ok) {
		xm_buf_truncate(out, mark);
	}
	return ok;
}
