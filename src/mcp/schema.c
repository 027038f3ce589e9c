#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "xano-mcp/mcp/schema.h"

#define MAX_ERRORS 20

struct ctx {
	struct xm_buf *errors;
	unsigned count;
};

static void report(struct ctx *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct ctx *c, const char *path, const char *fmt, ...)
{
	c->count++;
	if (c->count > MAX_ERRORS) {
		return;
	}
	if (c->count == MAX_ERRORS) {
		xm_buf_adds(c->errors, "- (more problems not shown)\n");
		return;
	}
	xm_buf_addf(c->errors, "- %s: ", path);
	va_list ap;
	va_start(ap, fmt);
	xm_buf_vaddf(c->errors, fmt, ap);
	va_end(ap);
	xm_buf_addc(c->errors, '\n');
}

bool xm_schema_equal(const struct xm_json *a, const struct xm_json *b)
{
	enum xm_json_type t = xm_json_type(a);
	if (t != xm_json_type(b)) {
		return false;
	}
	switch (t) {
	case XM_JSON_NONE:
	case XM_JSON_NULL:
		return true;
	case XM_JSON_BOOL: {
		bool x = false, y = false;
		xm_json_bool(a, &x);
		xm_json_bool(b, &y);
		return x == y;
	}
	case XM_JSON_NUMBER: {
		double x, y;
		if (xm_json_double(a, &x) && xm_json_double(b, &y)) {
			return x == y;
		}
		return strcmp(xm_json_number_text(a), xm_json_number_text(b)) == 0;
	}
	case XM_JSON_STRING:
		return strcmp(xm_json_string(a), xm_json_string(b)) == 0;
	case XM_JSON_ARRAY:
		if (xm_json_len(a) != xm_json_len(b)) {
			return false;
		}
		for (size_t i = 0; i < xm_json_len(a); i++) {
			if (!xm_schema_equal(xm_json_at(a, i), xm_json_at(b, i))) {
				return false;
			}
		}
		return true;
	case XM_JSON_OBJECT:
		if (xm_json_len(a) != xm_json_len(b)) {
			return false;
		}
		for (size_t i = 0; i < xm_json_len(a); i++) {
			const struct xm_json *other = xm_json_get(b, xm_json_key_at(a, i));
			if (!other || !xm_schema_equal(xm_json_value_at(a, i), other)) {
				return false;
			}
		}
		return true;
	}
	return false;
}

static bool is_type(const struct xm_json *v, const char *type)
{
	enum xm_json_type t = xm_json_type(v);
	if (strcmp(type, "integer") == 0) {
		double d;
		return xm_json_is_integer(v) || (xm_json_double(v, &d) && floor(d) == d);
	}
	return (strcmp(type, "string") == 0 && t == XM_JSON_STRING) ||
		(strcmp(type, "number") == 0 && t == XM_JSON_NUMBER) ||
		(strcmp(type, "boolean") == 0 && t == XM_JSON_BOOL) ||
		(strcmp(type, "object") == 0 && t == XM_JSON_OBJECT) ||
		(strcmp(type, "array") == 0 && t == XM_JSON_ARRAY) ||
		(strcmp(type, "null") == 0 && t == XM_JSON_NULL);
}

static size_t codepoints(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80) {
			n++;
		}
	}
	return n;
}

static bool check_type(struct ctx *c, const struct xm_json *schema,
		const struct xm_json *v, const char *path)
{
	const struct xm_json *type = xm_json_get(schema, "type");
	if (!type) {
		return true;
	}
	if (xm_json_string(type)) {
		if (is_type(v, xm_json_string(type))) {
			return true;
		}
		report(c, path, "expected %s, got %s", xm_json_string(type),
				xm_json_type_name(xm_json_type(v)));
		return false;
	}
	struct xm_buf names = XM_BUF_INIT;
	for (size_t i = 0; i < xm_json_len(type); i++) {
		const char *name = xm_json_string(xm_json_at(type, i));
		if (name && is_type(v, name)) {
			xm_buf_finish(&names);
			return true;
		}
		xm_buf_addf(&names, "%s%s", i ? " or " : "", name ? name : "?");
	}
	report(c, path, "expected %s, got %s", xm_buf_str(&names),
			xm_json_type_name(xm_json_type(v)));
	xm_buf_finish(&names);
	return false;
}

static void check_enum(struct ctx *c, const struct xm_json *schema,
		const struct xm_json *v, const char *path)
{
	const struct xm_json *values = xm_json_get(schema, "enum");
	if (values) {
		for (size_t i = 0; i < xm_json_len(values); i++) {
			if (xm_schema_equal(v, xm_json_at(values, i))) {
				return;
			}
		}
		struct xm_buf allowed = XM_BUF_INIT;
		for (size_t i = 0; i < xm_json_len(values); i++) {
			xm_buf_adds(&allowed, i ? ", " : "");
			xm_json_write(xm_json_at(values, i), &allowed);
		}
		report(c, path, "must be one of %s", xm_buf_str(&allowed));
		xm_buf_finish(&allowed);
	}
	const struct xm_json *constant = xm_json_get(schema, "const");
	if (constant && !xm_schema_equal(v, constant)) {
		struct xm_buf want = XM_BUF_INIT;
		xm_json_write(constant, &want);
		report(c, path, "must be %s", xm_buf_str(&want));
		xm_buf_finish(&want);
	}
}

static void check_number(struct ctx *c, const struct xm_json *schema, double d,
		const char *path)
{
	double bound;
	if (xm_json_double(xm_json_get(schema, "minimum"), &bound) && d < bound) {
		report(c, path, "must be at least %.17g", bound);
	}
	if (xm_json_double(xm_json_get(schema, "maximum"), &bound) && d > bound) {
		report(c, path, "must be at most %.17g", bound);
	}
	if (xm_json_double(xm_json_get(schema, "exclusiveMinimum"), &bound) && d <= bound) {
		report(c, path, "must be greater than %.17g", bound);
	}
	if (xm_json_double(xm_json_get(schema, "exclusiveMaximum"), &bound) && d >= bound) {
		report(c, path, "must be less than %.17g", bound);
	}
}

static void check_size(struct ctx *c, const struct xm_json *schema, const char *min_key,
		const char *max_key, size_t n, const char *unit, const char *path)
{
	int64_t bound;
	if (xm_json_int64(xm_json_get(schema, min_key), &bound) && (int64_t)n < bound) {
		report(c, path, "must have at least %lld %s (has %zu)", (long long)bound,
				unit, n);
	}
	if (xm_json_int64(xm_json_get(schema, max_key), &bound) && (int64_t)n > bound) {
		report(c, path, "must have at most %lld %s (has %zu)", (long long)bound,
				unit, n);
	}
}

static void validate(struct ctx *c, const struct xm_json *schema,
		const struct xm_json *v, const char *path);

static void check_object(struct ctx *c, const struct xm_json *schema,
		const struct xm_json *v, const char *path)
{
	const struct xm_json *props = xm_json_get(schema, "properties");
	const struct xm_json *required = xm_json_get(schema, "required");
	const struct xm_json *additional = xm_json_get(schema, "additionalProperties");
	struct xm_buf sub = XM_BUF_INIT;

	for (size_t i = 0; i < xm_json_len(required); i++) {
		const char *name = xm_json_string(xm_json_at(required, i));
		if (name && !xm_json_get(v, name)) {
			report(c, path, "missing required property \"%s\"", name);
		}
	}
	for (size_t i = 0; i < xm_json_len(v); i++) {
		const char *key = xm_json_key_at(v, i);
		/* duplicates: the first one is what handlers read */
		if (xm_json_get(v, key) != xm_json_value_at(v, i)) {
			report(c, path, "property \"%s\" appears more than once", key);
			continue;
		}
		xm_buf_reset(&sub);
		xm_buf_addf(&sub, "%s.%s", path, key);
		const struct xm_json *ps = xm_json_get(props, key);
		bool closed = false;
		if (ps) {
			validate(c, ps, xm_json_value_at(v, i), sub.data);
		} else if (xm_json_bool(additional, &closed) && !closed) {
			struct xm_buf known = XM_BUF_INIT;
			for (size_t k = 0; k < xm_json_len(props); k++) {
				xm_buf_addf(&known, "%s%s", k ? ", " : "", xm_json_key_at(props, k));
			}
			report(c, path, "unknown property \"%s\" (known: %s)", key,
					known.len ? known.data : "none");
			xm_buf_finish(&known);
		} else if (xm_json_type(additional) == XM_JSON_OBJECT) {
			validate(c, additional, xm_json_value_at(v, i), sub.data);
		}
	}
	xm_buf_finish(&sub);
}

/* anyOf: v must match at least one branch; the branches' own messages
 * would mostly be noise, so one line names the choice. */
static bool check_any_of(struct ctx *c, const struct xm_json *schema,
		const struct xm_json *v, const char *path)
{
	const struct xm_json *branches = xm_json_get(schema, "anyOf");
	if (!branches) {
		return true;
	}
	struct xm_buf scratch = XM_BUF_INIT, names = XM_BUF_INIT;
	bool ok = false;
	for (size_t i = 0; i < xm_json_len(branches) && !ok; i++) {
		struct ctx sub = { .errors = &scratch, .count = 0 };
		validate(&sub, xm_json_at(branches, i), v, path);
		ok = sub.count == 0;
		const char *type = xm_json_string(xm_json_get(xm_json_at(branches, i), "type"));
		xm_buf_addf(&names, "%s%s", i ? " or " : "", type ? type : "(a schema)");
	}
	/* One branch of the right type: its own complaint is the useful one. */
	const struct xm_json *typed = NULL;
	size_t ntyped = 0;
	for (size_t i = 0; !ok && i < xm_json_len(branches); i++) {
		const char *type = xm_json_string(xm_json_get(xm_json_at(branches, i), "type"));
		if (type && is_type(v, type)) {
			typed = xm_json_at(branches, i);
			ntyped++;
		}
	}
	if (!ok && ntyped == 1) {
		validate(c, typed, v, path);
	} else if (!ok) {
		report(c, path, "expected %s, got %s", xm_buf_str(&names),
				xm_json_type_name(xm_json_type(v)));
	}
	xm_buf_finish(&scratch);
	xm_buf_finish(&names);
	return ok;
}

static void validate(struct ctx *c, const struct xm_json *schema,
		const struct xm_json *v, const char *path)
{
	if (!check_type(c, schema, v, path) || !check_any_of(c, schema, v, path)) {
		return;
	}
	check_enum(c, schema, v, path);
	double d;
	switch (xm_json_type(v)) {
	case XM_JSON_NUMBER:
		if (xm_json_double(v, &d)) {
			check_number(c, schema, d, path);
		}
		break;
	case XM_JSON_STRING:
		check_size(c, schema, "minLength", "maxLength", codepoints(xm_json_string(v)),
				"characters", path);
		break;
	case XM_JSON_ARRAY: {
		check_size(c, schema, "minItems", "maxItems", xm_json_len(v), "items", path);
		const struct xm_json *items = xm_json_get(schema, "items");
		if (xm_json_type(items) == XM_JSON_OBJECT) {
			struct xm_buf sub = XM_BUF_INIT;
			for (size_t i = 0; i < xm_json_len(v); i++) {
				xm_buf_reset(&sub);
				xm_buf_addf(&sub, "%s[%zu]", path, i);
				validate(c, items, xm_json_at(v, i), sub.data);
			}
			xm_buf_finish(&sub);
		}
		break;
	}
	case XM_JSON_OBJECT:
		check_object(c, schema, v, path);
		break;
	default:
		break;
	}
}

bool xm_schema_validate(const struct xm_json *schema, const struct xm_json *value,
		const char *path, struct xm_buf *errors)
{
	struct ctx c = { .errors = errors, .count = 0 };
	validate(&c, schema, value, path);
	return c.count == 0;
}

/* Schema self-check. */

static const char *const ignored_keys[] = {
	"title", "description", "default", "examples", "$schema", "$comment", NULL,
};

static bool in_list(const char *key, const char *const *list)
{
	for (; *list; list++) {
		if (strcmp(key, *list) == 0) {
			return true;
		}
	}
	return false;
}

static void check_schema(struct ctx *c, const struct xm_json *s, const char *path)
{
	static const char *const numbers[] = {
		"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", NULL,
	};
	static const char *const counts[] = {
		"minLength", "maxLength", "minItems", "maxItems", NULL,
	};
	static const char *const types[] = {
		"string", "number", "integer", "boolean", "object", "array", "null", NULL,
	};
	if (xm_json_type(s) != XM_JSON_OBJECT) {
		report(c, path, "a schema must be an object");
		return;
	}
	struct xm_buf sub = XM_BUF_INIT;
	for (size_t i = 0; i < xm_json_len(s); i++) {
		const char *key = xm_json_key_at(s, i);
		const struct xm_json *v = xm_json_value_at(s, i);
		xm_buf_reset(&sub);
		xm_buf_addf(&sub, "%s.%s", path, key);
		if (in_list(key, ignored_keys)) {
			continue;
		} else if (strcmp(key, "type") == 0) {
			bool ok = xm_json_string(v) && in_list(xm_json_string(v), types);
			for (size_t k = 0; !ok && k < xm_json_len(v); k++) {
				ok = xm_json_string(xm_json_at(v, k)) &&
					in_list(xm_json_string(xm_json_at(v, k)), types);
			}
			if (!ok) {
				report(c, sub.data, "unknown type");
			}
		} else if (strcmp(key, "properties") == 0) {
			if (xm_json_type(v) != XM_JSON_OBJECT) {
				report(c, sub.data, "must be an object");
			}
			struct xm_buf p = XM_BUF_INIT;
			for (size_t k = 0; k < xm_json_len(v); k++) {
				xm_buf_reset(&p);
				xm_buf_addf(&p, "%s.%s", sub.data, xm_json_key_at(v, k));
				check_schema(c, xm_json_value_at(v, k), p.data);
			}
			xm_buf_finish(&p);
		} else if (strcmp(key, "required") == 0 || strcmp(key, "enum") == 0) {
			if (xm_json_type(v) != XM_JSON_ARRAY) {
				report(c, sub.data, "must be an array");
			}
		} else if (strcmp(key, "additionalProperties") == 0) {
			if (!xm_json_bool(v, NULL)) {
				check_schema(c, v, sub.data);
			}
		} else if (strcmp(key, "items") == 0) {
			check_schema(c, v, sub.data);
		} else if (strcmp(key, "anyOf") == 0) {
			if (xm_json_type(v) != XM_JSON_ARRAY || xm_json_len(v) == 0) {
				report(c, sub.data, "must be a non-empty array of schemas");
			}
			struct xm_buf b = XM_BUF_INIT;
			for (size_t k = 0; k < xm_json_len(v); k++) {
				xm_buf_reset(&b);
				xm_buf_addf(&b, "%s[%zu]", sub.data, k);
				check_schema(c, xm_json_at(v, k), b.data);
			}
			xm_buf_finish(&b);
		} else if (strcmp(key, "const") == 0) {
			continue;
		} else if (in_list(key, numbers)) {
			if (!xm_json_double(v, NULL)) {
				report(c, sub.data, "must be a number");
			}
		} else if (in_list(key, counts)) {
			int64_t n;
			if (!xm_json_int64(v, &n) || n < 0) {
				report(c, sub.data, "must be a non-negative integer");
			}
		} else {
			report(c, sub.data, "keyword not supported by the argument validator");
		}
	}
	xm_buf_finish(&sub);
}

bool xm_schema_check(const struct xm_json *schema, struct xm_buf *problems)
{
	struct ctx c = { .errors = problems, .count = 0 };
	check_schema(&c, schema, "schema");
	return c.count == 0;
}
