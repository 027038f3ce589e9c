/*
 * json: the one place that talks to yajl.
 *
 * Reading: xm_json_parse() turns bounded text into a tree of struct xm_json
 * values, built in one arena per document from yajl's callback parser (not
 * yajl_tree, whose recursive free crashes on deep trees and whose integer
 * parsing overflows). Limits yajl lacks are enforced as the values arrive: a
 * size cap, a nesting-depth cap, a cap on the number of values (memory), and
 * no NUL byte, raw or as a \u0000 escape (C strings would silently be cut
 * there). Invalid UTF-8 in a string or key (overlong forms and surrogates
 * included) is a syntax error, and so are comments: strict JSON only.
 *
 * The getters never crash on a wrong type or a NULL value: asking a string for
 * a member, or an array for a string, answers NULL/false, so chains like
 * xm_json_string(xm_json_get(xm_json_get(doc, "params"), "name")) are safe.
 * Numbers keep their raw text: an integer outside int64 is still a number
 * whose text can be echoed exactly (JSON-RPC ids).
 *
 * Duplicate keys are all kept; xm_json_get() returns the FIRST one
 * ({"a":1,"a":2} reads a=1, xm_json_len() = 2).
 *
 * Writing: struct xm_json_gen wraps yajl_gen and appends compact JSON to a
 * caller's struct xm_buf. It never emits a newline (no beautify; control
 * characters in strings become escapes), validates UTF-8 in every string,
 * prints doubles as the shortest of %.15g..%.17g that reads back exactly, and
 * refuses NaN and infinities. The first failure sticks: later calls do nothing
 * and xm_json_gen_ok() reports it, so builders check once at the end.
 *
 * Ownership: a tree from xm_json_parse() is freed with xm_json_free(); every
 * pointer obtained from it (values, keys, strings, number texts) is borrowed
 * and dies with it. A generator does not own its output buffer.
 *
 * Thread-safety: a parsed tree may be read from several threads at once; a
 * generator belongs to one thread at a time.
 */
#ifndef XM_CORE_JSON_H
#define XM_CORE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xano-mcp/core/buf.h"

/* A parsed JSON value; opaque, read through the getters below. */
struct xm_json;

enum xm_json_type {
	XM_JSON_NONE = 0, /* what a NULL value reports */
	XM_JSON_NULL,
	XM_JSON_BOOL,
	XM_JSON_NUMBER,
	XM_JSON_STRING,
	XM_JSON_ARRAY,
	XM_JSON_OBJECT,
};

/* The deepest nesting accepted anywhere; yajl's generator refuses a
 * 128th level (YAJL_MAX_DEPTH). */
#define XM_JSON_DEPTH_MAX 127

struct xm_json_limits {
	size_t max_bytes;    /* text length */
	unsigned max_depth;  /* arrays and objects, 1..XM_JSON_DEPTH_MAX */
	size_t max_values;   /* values of any kind, an upper bound on memory */
};

/* 16 MiB, depth 64, 1 Mi values: what a JSON-RPC line may carry. */
extern const struct xm_json_limits xm_json_default_limits;

enum xm_json_status {
	XM_JSON_OK = 0,
	XM_JSON_TOO_BIG,    /* longer than max_bytes */
	XM_JSON_TOO_DEEP,   /* nested deeper than max_depth */
	XM_JSON_TOO_MANY,   /* more than max_values values */
	XM_JSON_NUL_BYTE,   /* an embedded NUL byte */
	XM_JSON_SYNTAX,     /* not JSON, or invalid UTF-8 in a string */
};

struct xm_json_error {
	enum xm_json_status status;
	/* One line of printable ASCII (safe to put in any message). */
	char message[160];
};

/*
 * Parses text[0..len) (it need not be NUL-terminated; a NUL inside is an
 * error). limits NULL means xm_json_default_limits. Returns the root, or
 * NULL with err filled (err may be NULL). The caller frees the tree with
 * xm_json_free().
 */
struct xm_json *xm_json_parse(const char *text, size_t len,
		const struct xm_json_limits *limits, struct xm_json_error *err);
/* Accepts NULL. Only roots returned by xm_json_parse() may be freed. */
void xm_json_free(struct xm_json *root);

/* Short English name of a type ("string", "object", ...) for messages. */
const char *xm_json_type_name(enum xm_json_type type);
enum xm_json_type xm_json_type(const struct xm_json *v);

/* Member of an object by key (the first of duplicates); NULL otherwise. */
const struct xm_json *xm_json_get(const struct xm_json *obj, const char *key);
/* Number of members of an object or items of an array; 0 for anything else. */
size_t xm_json_len(const struct xm_json *v);
/* Item i of an array, NULL when v is no array or i is out of range. */
const struct xm_json *xm_json_at(const struct xm_json *arr, size_t i);
/* Key and value of member i of an object, NULL when out of range. */
const char *xm_json_key_at(const struct xm_json *obj, size_t i);
const struct xm_json *xm_json_value_at(const struct xm_json *obj, size_t i);

/* The string (valid UTF-8, no NUL inside), or NULL when v is no string. */
const char *xm_json_string(const struct xm_json *v);
/* Its length in bytes (0 when v is no string). */
size_t xm_json_string_len(const struct xm_json *v);
/* True when v is a boolean; its value goes to *out (may be NULL). */
bool xm_json_bool(const struct xm_json *v, bool *out);
bool xm_json_is_null(const struct xm_json *v);
/*
 * True when v is written as an integer: no fraction, no exponent. 1.0 and
 * 1e3 are not integers here (so a JSON-RPC id of 1.0 is rejected).
 */
bool xm_json_is_integer(const struct xm_json *v);
/* True when v is an integer that fits int64; its value goes to *out. An
 * integer outside int64 answers false: check xm_json_is_integer(). */
bool xm_json_int64(const struct xm_json *v, int64_t *out);
/* True when v is a number with a finite double value. */
bool xm_json_double(const struct xm_json *v, double *out);
/* The number exactly as written in the input, NULL when v is no number. */
const char *xm_json_number_text(const struct xm_json *v);

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool xm_json_utf8_valid(const char *s, size_t len);

/*
 * The generator. One top-level value per xm_json_gen_reset(); output is
 * appended to the buffer given at creation.
 */
struct xm_json_gen;

struct xm_json_gen *xm_json_gen_create(struct xm_buf *out);
/* Accepts NULL. Leaves the output buffer alone. */
void xm_json_gen_destroy(struct xm_json_gen *g);
/* Ready for a new top-level value (appended to the same buffer); clears a
 * sticky failure. */
void xm_json_gen_reset(struct xm_json_gen *g);
/* False once any call failed (invalid UTF-8, depth over 127, key outside an
 * object, NaN, a malformed raw number, ...). */
bool xm_json_gen_ok(const struct xm_json_gen *g);

bool xm_json_gen_begin_object(struct xm_json_gen *g);
bool xm_json_gen_end_object(struct xm_json_gen *g);
bool xm_json_gen_begin_array(struct xm_json_gen *g);
bool xm_json_gen_end_array(struct xm_json_gen *g);
/* A member name; must be followed by exactly one value. */
bool xm_json_gen_key(struct xm_json_gen *g, const char *key);
bool xm_json_gen_string(struct xm_json_gen *g, const char *s);
bool xm_json_gen_string_len(struct xm_json_gen *g, const char *s, size_t len);
/* Like string_len but never fails on bad UTF-8: each invalid byte becomes
 * U+FFFD. For text from files or other programs. */
bool xm_json_gen_text(struct xm_json_gen *g, const char *s, size_t len);
bool xm_json_gen_int(struct xm_json_gen *g, int64_t n);
/* Fails on NaN and infinities (JSON has no spelling for them). */
bool xm_json_gen_double(struct xm_json_gen *g, double d);
bool xm_json_gen_bool(struct xm_json_gen *g, bool b);
bool xm_json_gen_null(struct xm_json_gen *g);
/* A number given as text, checked against the JSON number grammar first. */
bool xm_json_gen_raw_number(struct xm_json_gen *g, const char *text, size_t len);
/* A deep copy of a parsed value (NULL emits null). */
bool xm_json_gen_value(struct xm_json_gen *g, const struct xm_json *v);

/* key + value in one call, for the common object members. */
bool xm_json_gen_kstring(struct xm_json_gen *g, const char *key, const char *s);
/* Like kstring, but leaves the member out when s is NULL. */
bool xm_json_gen_kstring_opt(struct xm_json_gen *g, const char *key, const char *s);
bool xm_json_gen_kint(struct xm_json_gen *g, const char *key, int64_t n);
bool xm_json_gen_kbool(struct xm_json_gen *g, const char *key, bool b);

/* Appends v as compact JSON to out; false when v cannot be written. */
bool xm_json_write(const struct xm_json *v, struct xm_buf *out);

#endif
