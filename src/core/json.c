#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "xano-mcp/core/json.h"
#include "xano-mcp/core/xalloc.h"

const struct xm_json_limits xm_json_default_limits = {
	.max_bytes = 16u << 20,
	.max_depth = 64,
	.max_values = 1u << 20,
};

/*
 * struct xm_json is never defined: a pointer to one is a yajl_val in
 * disguise, so callers need not include yajl and cannot reach into it.
 */
static yajl_val V(const struct xm_json *v)
{
	return (yajl_val)(void *)(uintptr_t)v;
}

static const struct xm_json *J(yajl_val v)
{
	return (const struct xm_json *)(void *)v;
}

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

static bool is_hex0(const char *p, const char *end)
{
	return end - p >= 4 && memcmp(p, "0000", 4) == 0;
}

/*
 * Everything yajl does not check, in one pass: NUL bytes (raw or as \u0000,
 * which would silently cut a C string short), nesting depth and the number
 * of values (commas and openers bound it from above), and strict UTF-8. Comments are rejected
 * here too, so the scan and yajl always agree on what is inside a string.
 */
static bool prescan(const char *text, size_t len, const struct xm_json_limits *lim,
		struct xm_json_error *err)
{
	const char *p = text, *end = text + len;
	unsigned depth = 0;
	size_t values = 1;
	bool in_string = false;

	for (; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\0') {
			set_error(err, XM_JSON_NUL_BYTE, "NUL byte at offset %zu",
					(size_t)(p - text));
			return false;
		}
		if (c >= 0x80) {
			/* yajl lets overlong forms and surrogates through */
			size_t k = utf8_seq((const unsigned char *)p, (size_t)(end - p));
			if (k == 0) {
				set_error(err, XM_JSON_SYNTAX, "invalid UTF-8 at offset %zu",
						(size_t)(p - text));
				return false;
			}
			p += k - 1;
			continue;
		}
		if (in_string) {
			if (c == '\\' && p + 1 < end) {
				p++;
				if (*p == 'u' && is_hex0(p + 1, end)) {
					set_error(err, XM_JSON_NUL_BYTE,
							"\\u0000 in a string at offset %zu",
							(size_t)(p - 1 - text));
					return false;
				}
			} else if (c == '"') {
				in_string = false;
			}
			continue;
		}
		switch (c) {
		case '"':
			in_string = true;
			break;
		case '[':
		case '{':
		case ',':
			if (c != ',' && ++depth > lim->max_depth) {
				set_error(err, XM_JSON_TOO_DEEP,
						"nesting deeper than %u levels", lim->max_depth);
				return false;
			}
			if (++values > lim->max_values) {
				set_error(err, XM_JSON_TOO_MANY, "more than %zu values",
						lim->max_values);
				return false;
			}
			break;
		case ']':
		case '}':
			if (depth > 0) {
				depth--;
			}
			break;
		case '/':
			set_error(err, XM_JSON_SYNTAX, "comment at offset %zu (not JSON)",
					(size_t)(p - text));
			return false;
		default:
			break;
		}
	}
	return true;
}

/* yajl's verbose message quotes the input over several lines; keep the first
 * line and only printable ASCII so it fits in any error message. */
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
	if (!prescan(text, len, lim, err)) {
		return NULL;
	}
	char msg[512];
	msg[0] = '\0';
	yajl_val root = yajl_tree_parse(text, msg, sizeof(msg));
	if (!root) {
		copy_yajl_error(err, msg);
		return NULL;
	}
	return (struct xm_json *)(void *)root;
}

void xm_json_free(struct xm_json *root)
{
	if (root) {
		yajl_tree_free(V(root));
	}
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
	if (!v) {
		return XM_JSON_NONE;
	}
	switch (V(v)->type) {
	case yajl_t_string:
		return XM_JSON_STRING;
	case yajl_t_number:
		return XM_JSON_NUMBER;
	case yajl_t_object:
		return XM_JSON_OBJECT;
	case yajl_t_array:
		return XM_JSON_ARRAY;
	case yajl_t_true:
	case yajl_t_false:
		return XM_JSON_BOOL;
	case yajl_t_null:
		return XM_JSON_NULL;
	case yajl_t_any:
		break;
	}
	return XM_JSON_NONE;
}

const struct xm_json *xm_json_get(const struct xm_json *obj, const char *key)
{
	yajl_val o = V(obj);
	if (!YAJL_IS_OBJECT(o) || !key) {
		return NULL;
	}
	for (size_t i = 0; i < o->u.object.len; i++) {
		if (strcmp(o->u.object.keys[i], key) == 0) {
			return J(o->u.object.values[i]);
		}
	}
	return NULL;
}

size_t xm_json_len(const struct xm_json *v)
{
	yajl_val y = V(v);
	if (YAJL_IS_OBJECT(y)) {
		return y->u.object.len;
	}
	if (YAJL_IS_ARRAY(y)) {
		return y->u.array.len;
	}
	return 0;
}

const struct xm_json *xm_json_at(const struct xm_json *arr, size_t i)
{
	yajl_val a = V(arr);
	if (!YAJL_IS_ARRAY(a) || i >= a->u.array.len) {
		return NULL;
	}
	return J(a->u.array.values[i]);
}

const char *xm_json_key_at(const struct xm_json *obj, size_t i)
{
	yajl_val o = V(obj);
	if (!YAJL_IS_OBJECT(o) || i >= o->u.object.len) {
		return NULL;
	}
	return o->u.object.keys[i];
}

const struct xm_json *xm_json_value_at(const struct xm_json *obj, size_t i)
{
	yajl_val o = V(obj);
	if (!YAJL_IS_OBJECT(o) || i >= o->u.object.len) {
		return NULL;
	}
	return J(o->u.object.values[i]);
}

const char *xm_json_string(const struct xm_json *v)
{
	return YAJL_GET_STRING(V(v));
}

bool xm_json_bool(const struct xm_json *v, bool *out)
{
	yajl_val y = V(v);
	if (!YAJL_IS_TRUE(y) && !YAJL_IS_FALSE(y)) {
		return false;
	}
	if (out) {
		*out = YAJL_IS_TRUE(y);
	}
	return true;
}

bool xm_json_is_null(const struct xm_json *v)
{
	return YAJL_IS_NULL(V(v));
}

const char *xm_json_number_text(const struct xm_json *v)
{
	yajl_val y = V(v);
	return YAJL_IS_NUMBER(y) ? y->u.number.r : NULL;
}

/* yajl's own integer flag is wrong for INT64_MIN (lloyd/yajl#130), so the
 * raw text decides. */
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
	yajl_val y = V(v);
	if (!y) {
		return xm_json_gen_null(g);
	}
	switch (y->type) {
	case yajl_t_string:
		return xm_json_gen_string(g, y->u.string);
	case yajl_t_number:
		return xm_json_gen_raw_number(g, y->u.number.r, strlen(y->u.number.r));
	case yajl_t_true:
		return xm_json_gen_bool(g, true);
	case yajl_t_false:
		return xm_json_gen_bool(g, false);
	case yajl_t_object:
		xm_json_gen_begin_object(g);
		for (size_t i = 0; i < y->u.object.len && !g->failed; i++) {
			xm_json_gen_key(g, y->u.object.keys[i]);
			xm_json_gen_value(g, J(y->u.object.values[i]));
		}
		return xm_json_gen_end_object(g);
	case yajl_t_array:
		xm_json_gen_begin_array(g);
		for (size_t i = 0; i < y->u.array.len && !g->failed; i++) {
			xm_json_gen_value(g, J(y->u.array.values[i]));
		}
		return xm_json_gen_end_array(g);
	case yajl_t_null:
	case yajl_t_any:
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
