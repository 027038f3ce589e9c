/*
 * The XanoScript catalogue. Every table is sorted by name in strcmp() order
 * (test/xs/test_catalog.c checks it) so lookups are binary searches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "xano-mcp/core/suggest.h"
#include "xano-mcp/xs/catalog.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Value kinds, short. */
#define S XM_XS_VK_STRING
#define N XM_XS_VK_NUMBER
#define B XM_XS_VK_BOOL
#define O XM_XS_VK_OBJECT
#define Y XM_XS_VK_ARRAY
#define E XM_XS_VK_EXPR
#define Q XM_XS_VK_QUERY
#define K XM_XS_VK_BLOCK

#define REQ(n, k) { .name = (n), .kinds = (k), .flags = XM_XS_A_REQUIRED }
#define OPT(n, k) { .name = (n), .kinds = (k) }
#define REP(n, k) { .name = (n), .kinds = (k), .flags = XM_XS_A_REPEAT }
#define SET(n, k, s) { .name = (n), .kinds = (k), .set = (s) }
#define REQSET(n, k, s) { .name = (n), .kinds = (k), .flags = XM_XS_A_REQUIRED, .set = (s) }
#define BLK(n, k, b, f) { .name = (n), .kinds = (k) | K, .flags = (f), .body = (b) }

#define ATTRS(a) .attrs = (a), .nattrs = LEN(a)

/* ---- expression, column and input filters ---- */

static const char *const filters[] = {
	"abs", "acos", "acosh", "add", "add_ms_to_timestamp", "add_secs_to_timestamp",
	"addslashes", "append", "array_max", "array_min", "asin", "asinh", "atan", "atanh", "avg",
	"base64_decode", "base64_decode_urlsafe", "base64_encode", "base64_encode_urlsafe",
	"base_convert", "bin2hex", "bindec", "bitwise_and", "bitwise_not", "bitwise_or",
	"bitwise_xor", "capitalize", "ceil", "concat", "contains", "convert_encoding", "cos",
	"count", "create_object", "create_object_from_entries", "create_uid", "csv_create",
	"csv_decode", "csv_encode", "csv_parse", "decbin", "dechex", "decoct", "decrypt",
	"deg2rad", "detect_encoding", "diff", "diff_assoc", "divide", "encrypt", "ends_with",
	"entries", "equals", "escape", "even", "every", "exp", "fill", "fill_keys", "filter",
	"filter_empty", "filter_empty_array", "filter_empty_object", "filter_empty_text",
	"filter_false", "filter_null", "filter_zero", "find", "findIndex", "first",
	"first_notempty", "first_notnull", "flatten", "floor", "format_timestamp", "from_utf8",
	"get", "greater_than", "greater_than_or_equal", "has", "hex2bin", "hexdec", "hmac_md5",
	"hmac_sha1", "hmac_sha256", "hmac_sha384", "hmac_sha512", "icontains", "iends_with",
	"iindex", "in", "index", "index_by", "intersect", "intersect_assoc", "is_array", "is_bool",
	"is_decimal", "is_empty", "is_int", "is_null", "is_object", "is_text", "is_uuid",
	"istarts_with", "join", "json_decode", "json_encode", "jwe_decode", "jwe_encode",
	"jws_decode", "jws_encode", "keys", "lambda", "lambda_every", "lambda_filter",
	"lambda_find", "lambda_findIndex", "lambda_map", "lambda_reduce", "lambda_some", "last",
	"less_than", "less_than_or_equal", "list_encodings", "ln", "log", "log10", "ltrim", "map",
	"max", "md5", "merge", "merge_recursive", "min", "modulus", "multiply", "not",
	"not_equals", "number_format", "octdec", "odd", "parse_timestamp", "pick", "pop", "pow",
	"prepend", "product", "push", "querystring_parse", "rad2deg", "range", "reduce",
	"regex_get_all_matches", "regex_get_first_match", "regex_matches", "regex_quote",
	"regex_replace", "remove", "replace", "reverse", "round", "rtrim", "safe_array",
	"secureid_decode", "secureid_encode", "set", "set_conditional", "set_ifnotempty",
	"set_ifnotnull", "sha1", "sha256", "sha384", "sha512", "shift", "shuffle", "sin", "slice",
	"some", "sort", "split", "sprintf", "sql_alias", "sql_esc", "sqrt", "starts_with",
	"strip_html", "strlen", "substr", "subtract", "sum", "tan", "text_escape", "text_unescape",
	"to_bool", "to_days", "to_decimal", "to_expr", "to_hours", "to_int", "to_lower",
	"to_minutes", "to_ms", "to_seconds", "to_text", "to_timestamp", "to_upper", "to_utf8",
	"transform", "transform_timestamp", "trim", "unaccent", "unique", "unpick", "unset",
	"unshift", "url_addarg", "url_decode", "url_decode_rfc3986", "url_delarg", "url_encode",
	"url_encode_rfc3986", "url_getarg", "url_hasarg", "url_parse", "uuid", "values",
	"xml_decode", "yaml_decode", "yaml_encode",
};

/* querySearchFilterNames of LS11: filters on `$db.table.col` in a where. */
static const char *const column_filters[] = {
	"add", "between", "ceil", "coalesce", "concat", "cosine_distance", "cosine_similarity",
	"covers", "distance", "div", "floor", "inner_product", "l1_distance_manhattan",
	"l2_distance_euclidean", "length", "mul", "negative_inner_product", "round", "search_rank",
	"sub", "substr", "timestamp_add_days", "timestamp_add_hours", "timestamp_add_minutes",
	"timestamp_add_months", "timestamp_add_seconds", "timestamp_add_years",
	"timestamp_day_of_month", "timestamp_day_of_week", "timestamp_day_of_year",
	"timestamp_epoch_day", "timestamp_epoch_hour", "timestamp_epoch_minute",
	"timestamp_epoch_sec", "timestamp_hour", "timestamp_minute", "timestamp_month",
	"timestamp_subtract_days", "timestamp_subtract_hours", "timestamp_subtract_minutes",
	"timestamp_subtract_months", "timestamp_subtract_seconds", "timestamp_subtract_years",
	"timestamp_week", "timestamp_year", "to_lower", "to_upper", "unaccent", "within",
};

static const char *const input_filters[] = {
	"alphaOk", "digitOk", "lower", "max", "min", "minAlpha", "minDigit", "minLowerAlpha",
	"minSymbol", "minUpperAlpha", "ok", "pattern", "prevent", "startsWith", "trim", "upper",
};

/* ---- declaration types ---- */

/*
 * filters: the input filters LS11 allows for the type; NULL means LS11 does
 * not check the type (any input filter is accepted, with a warning).
 */
static const struct xm_xs_type_spec types[] = {
	{ "attachment", 0, NULL },
	{ "audio", 0, NULL },
	{ "bool", 0, NULL },
	{ "date", 0, NULL },
	{ "dblink", XM_XS_T_BLOCK, "" },
	{ "decimal", 0, "min max" },
	{ "email", 0, "trim lower" },
	{ "enum", XM_XS_T_BLOCK, "" },
	{ "file", XM_XS_T_INPUT_ONLY, "" },
	{ "geo_linestring", 0, NULL },
	{ "geo_multilinestring", 0, NULL },
	{ "geo_multipoint", 0, NULL },
	{ "geo_multipolygon", 0, NULL },
	{ "geo_point", 0, NULL },
	{ "geo_polygon", 0, NULL },
	{ "image", 0, NULL },
	{ "int", 0, "min max" },
	{ "json", 0, "" },
	{ "object", XM_XS_T_BLOCK | XM_XS_T_NO_NULLABLE, "" },
	{ "password", 0, "min max minAlpha minLowerAlpha minUpperAlpha minDigit minSymbol" },
	{ "text", 0, "trim min max startsWith prevent lower upper alphaOk digitOk ok pattern" },
	{ "timestamp", 0, NULL },
	{ "uuid", 0, NULL },
	{ "vector", 0, NULL },
	{ "video", 0, NULL },
};

/* Types from other languages, and what XanoScript calls them. Sorted. */
static const struct fix {
	const char *wrong;
	const char *right;
} type_fixes[] = {
	{ "array", "`TYPE[]` (for example `text[] tags`)" },
	{ "bigint", "`int`" },
	{ "blob", "`file`" },
	{ "boolean", "`bool`" },
	{ "char", "`text`" },
	{ "datetime", "`timestamp`" },
	{ "dict", "`json`" },
	{ "double", "`decimal`" },
	{ "float", "`decimal`" },
	{ "integer", "`int`" },
	{ "list", "`TYPE[]` (for example `text[] tags`)" },
	{ "long", "`int`" },
	{ "map", "`json`" },
	{ "number", "`decimal` (or `int`)" },
	{ "numeric", "`decimal`" },
	{ "obj", "`object` with a schema, or `json`" },
	{ "str", "`text`" },
	{ "string", "`text`" },
	{ "time", "`timestamp`" },
	{ "varchar", "`text`" },
};

/* Expression filters from other languages. Sorted. */
static const struct fix filter_fixes[] = {
	{ "default", "`first_notnull` or the `??` operator" },
	{ "len", "`count` (arrays) or `strlen` (text)" },
	{ "length", "`count` (arrays) or `strlen` (text)" },
	{ "lower", "`to_lower`" },
	{ "lowercase", "`to_lower`" },
	{ "size", "`count`" },
	{ "str", "`to_text`" },
	{ "string", "`to_text`" },
	{ "tolower", "`to_lower`" },
	{ "toupper", "`to_upper`" },
	{ "upper", "`to_upper`" },
	{ "uppercase", "`to_upper`" },
};

/* Statements from other languages or older XanoScript, with the fix. Sorted. */
static const struct fix stmt_fixes[] = {
	{ "api.get", "write `api.request` with `method = \"GET\"`" },
	{ "api.post", "write `api.request` with `method = \"POST\"`" },
	{ "console.log", "write `debug.log`" },
	{ "const", "write `var $name { value = … }`" },
	{ "db.delete", "write `db.del`" },
	{ "db.find", "write `db.query` (or `db.get` for one record)" },
	{ "db.insert", "write `db.add`" },
	{ "db.update", "write `db.edit` (or `db.patch`)" },
	{ "elif", "write `elseif`" },
	{ "else_if", "write `elseif`" },
	{ "elsif", "write `elseif`" },
	{ "http.request", "write `api.request`" },
	{ "let", "write `var $name { value = … }`" },
	{ "log", "write `debug.log`" },
	{ "remove", "inside a loop write `foreach.remove`" },
	{ "response", "write `response = …` as a clause of the construct, after `stack`" },
};

/* Attributes that guides and other builders use, keyed "statement attribute". Sorted. */
static const struct fix attr_fixes[] = {
	{ "api.request body",
		"write `params = …`: api.request sends `params` as the request body" },
	{ "db.bulk.add data", "write `items = […]`" },
	{ "db.query count",
		"put paging in `return = {type: \"list\", paging: {page: 1, per_page: 25}}`" },
	{ "db.query limit",
		"put paging in `return = {type: \"list\", paging: {page: 1, per_page: 25}}`" },
	{ "db.query order", "write `sort = {column: \"asc\"}`" },
	{ "db.query paging",
		"put paging in `return = {type: \"list\", paging: {page: 1, per_page: 25}}`" },
	{ "security.create_auth_token dbtable", "write `table = …` (`dbtable` is the old name)" },
};

/* ---- closed value sets ---- */

static const char *const set_verb[] = { "DELETE", "GET", "PATCH", "POST", "PUT" };
static const char *const set_history[] = {
	"0", "100", "1000", "10000", "all", "false", "inherit",
};
static const char *const set_sort[] = { "asc", "desc", "rand" };
static const char *const set_return_type[] = {
	"aggregate", "count", "exists", "list", "single", "stream",
};
static const char *const set_error_type[] = {
	"accessdenied", "badrequest", "inputerror", "notfound", "servererror", "standard",
	"toomanyrequests", "unauthorized",
};
static const char *const set_sql_response[] = { "list", "single" };
static const char *const set_duplicates[] = { "add", "append", "replace" };
static const char *const set_exception_policy[] = { "critical", "rethrow", "silent" };
static const char *const set_response_strategy[] = { "merge", "replace" };
static const char *const set_response_type[] = { "standard", "stream" };
static const char *const set_join_type[] = { "inner", "left", "right" };
static const char *const set_index_type[] = {
	"btree", "btree|unique", "gin", "primary", "search", "vector",
};
static const char *const set_index_op[] = {
	"A", "B", "C", "D", "asc", "desc", "jsonb_path_op", "vector_cosine_ops",
};
static const char *const set_visibility[] = { "internal", "private", "public" };

static const struct set {
	const char *const *values;
	size_t n;
	const char *text;
} sets[XM_XS_SET_COUNT] = {
	[XM_XS_SET_VERB] = { set_verb, LEN(set_verb),
		"`GET`, `POST`, `PUT`, `PATCH` or `DELETE`" },
	[XM_XS_SET_HISTORY] = { set_history, LEN(set_history),
		"`false`, `\"inherit\"`, `0`, `100`, `1000`, `10000` or `\"all\"`" },
	[XM_XS_SET_SORT] = { set_sort, LEN(set_sort), "`\"asc\"`, `\"desc\"` or `\"rand\"`" },
	[XM_XS_SET_RETURN_TYPE] = { set_return_type, LEN(set_return_type),
		"`\"list\"`, `\"single\"`, `\"count\"`, `\"exists\"`, `\"stream\"` or "
		"`\"aggregate\"`" },
	[XM_XS_SET_ERROR_TYPE] = { set_error_type, LEN(set_error_type),
		"`\"inputerror\"`, `\"accessdenied\"`, `\"notfound\"`, `\"badrequest\"`, "
		"`\"unauthorized\"`, `\"toomanyrequests\"`, `\"servererror\"` or `\"standard\"`" },
	[XM_XS_SET_SQL_RESPONSE] = { set_sql_response, LEN(set_sql_response),
		"`\"list\"` or `\"single\"`" },
	[XM_XS_SET_DUPLICATES] = { set_duplicates, LEN(set_duplicates),
		"`\"replace\"`, `\"append\"` or `\"add\"`" },
	[XM_XS_SET_EXCEPTION_POLICY] = { set_exception_policy, LEN(set_exception_policy),
		"`\"silent\"`, `\"rethrow\"` or `\"critical\"`" },
	[XM_XS_SET_RESPONSE_STRATEGY] = { set_response_strategy, LEN(set_response_strategy),
		"`\"merge\"` or `\"replace\"`" },
	[XM_XS_SET_RESPONSE_TYPE] = { set_response_type, LEN(set_response_type),
		"`\"standard\"` or `\"stream\"`" },
	[XM_XS_SET_JOIN_TYPE] = { set_join_type, LEN(set_join_type),
		"`\"inner\"`, `\"left\"` or `\"right\"`" },
	[XM_XS_SET_INDEX_TYPE] = { set_index_type, LEN(set_index_type),
		"`\"primary\"`, `\"btree\"`, `\"btree|unique\"`, `\"gin\"`, `\"search\"` or "
		"`\"vector\"`" },
	[XM_XS_SET_INDEX_OP] = { set_index_op, LEN(set_index_op),
		"`\"asc\"`, `\"desc\"` (btree), `\"jsonb_path_op\"` (gin), `\"A\"`-`\"D\"` "
		"(search) or `\"vector_cosine_ops\"` (vector)" },
	[XM_XS_SET_VISIBILITY] = { set_visibility, LEN(set_visibility),
		"`\"public\"`, `\"private\"` or `\"internal\"`" },
};

/* ---- variables ---- */

/* Roots that exist without a declaration. */
static const char *const builtin_vars[] = {
	"$", "auth", "db", "env", "error", "index", "input", "output", "response", "result",
	"this", "var",
};

/* Roots a statement may not bind (`as $input`, `var $auth`). */
static const char *const reserved_vars[] = {
	"auth", "db", "env", "input", "response", "var",
};

/* ---- statements ---- */

/* Attributes every statement accepts. `mock` (a test double) may repeat. */
static const struct xm_xs_attr_spec common_attrs[] = {
	OPT("description", S),
	OPT("disabled", B),
	REP("mock", E),
};

static const struct xm_xs_attr_spec a_value[] = { REQ("value", E) };
static const struct xm_xs_attr_spec a_key[] = { REQ("key", E) };
static const struct xm_xs_attr_spec a_key_value[] = { REQ("key", E), REQ("value", E) };
static const struct xm_xs_attr_spec a_key_by[] = {
	REQ("by", E), REQ("key", E), OPT("package_key", E),
};
static const struct xm_xs_attr_spec a_key_value_pkg[] = {
	REQ("key", E), OPT("package_key", E), REQ("value", E),
};
static const struct xm_xs_attr_spec a_field[] = {
	REQ("field_name", E), REQ("field_value", E),
};
static const struct xm_xs_attr_spec a_db_get[] = {
	OPT("addon", E), REQ("field_name", E), REQ("field_value", E), OPT("lock", E),
	OPT("output", Y),
};
static const struct xm_xs_attr_spec a_db_add[] = {
	OPT("addon", E), REQ("data", E), OPT("enforce_hidden_fields", E), OPT("output", Y),
};
static const struct xm_xs_attr_spec a_db_edit[] = {
	OPT("addon", E), REQ("data", O), OPT("enforce_hidden_fields", E), REQ("field_name", E),
	REQ("field_value", E), OPT("output", Y),
};
static const struct xm_xs_attr_spec a_db_add_or_edit[] = {
	OPT("addon", E), REQ("data", E), OPT("enforce_hidden_fields", E), REQ("field_name", E),
	REQ("field_value", E), OPT("output", Y),
};
static const struct xm_xs_attr_spec a_db_patch[] = {
	OPT("addon", E), REQ("data", E), REQ("field_name", E), REQ("field_value", E),
	OPT("output", Y),
};
static const struct xm_xs_attr_spec a_db_query[] = {
	OPT("additional_where", Q), OPT("addon", E), OPT("eval", O), OPT("join", O),
	OPT("lock", E), OPT("output", Y), OPT("override_sort", E), OPT("return", O),
	SET("sort", O | Y, XM_XS_SET_SORT), OPT("where", Q),
};
static const struct xm_xs_attr_spec a_db_direct_query[] = {
	REP("arg", E), OPT("parser", E), REQSET("response_type", S, XM_XS_SET_SQL_RESPONSE),
	REQ("sql", E),
};
/* 11.x spells the query `code`, the engine `sql`: either is accepted. */
static const struct xm_xs_attr_spec a_db_external_query[] = {
	REP("arg", E), OPT("code", E), REQ("connection_string", E), OPT("parser", E),
	REQSET("response_type", S, XM_XS_SET_SQL_RESPONSE), OPT("sql", E),
};
static const struct xm_xs_attr_spec a_bulk_add[] = {
	OPT("allow_id_field", E), REQ("items", E),
};
static const struct xm_xs_attr_spec a_bulk_update[] = { REQ("items", E) };
static const struct xm_xs_attr_spec a_where[] = { REQ("where", Q) };
static const struct xm_xs_attr_spec a_db_schema[] = { OPT("path", E) };
static const struct xm_xs_attr_spec a_db_truncate[] = { OPT("reset", E) };
static const struct xm_xs_attr_spec a_stack[] = {
	BLK("stack", 0, XM_XS_BODY_STMTS, XM_XS_A_REQUIRED),
};
static const struct xm_xs_attr_spec a_api_request[] = {
	OPT("ca_certificate", E), OPT("certificate", E), OPT("certificate_pass", E),
	OPT("follow_location", E), OPT("headers", E), REQ("method", E), OPT("params", E),
	OPT("private_key", E), OPT("private_key_pass", E), OPT("timeout", E), REQ("url", E),
	OPT("verify_host", E), OPT("verify_peer", E),
};
static const struct xm_xs_attr_spec a_api_lambda[] = { REQ("code", E), REQ("timeout", E) };
static const struct xm_xs_attr_spec a_api_realtime_event[] = {
	REQ("auth_id", E), REQ("auth_table", E), REQ("channel", E), REQ("data", E),
};
static const struct xm_xs_attr_spec a_await[] = { REQ("ids", E), REQ("timeout", E) };
static const struct xm_xs_attr_spec a_function_run[] = {
	OPT("input", O), OPT("runtime_mode", E),
};
static const struct xm_xs_attr_spec a_precondition[] = {
	OPT("error", E), SET("error_type", S, XM_XS_SET_ERROR_TYPE), OPT("payload", E),
};
static const struct xm_xs_attr_spec a_throw[] = { REQ("name", E), REQ("value", E) };
static const struct xm_xs_attr_spec a_redis_keys[] = { REQ("search", E) };
static const struct xm_xs_attr_spec a_redis_range[] = {
	REQ("key", E), REQ("start", E), REQ("stop", E),
};
static const struct xm_xs_attr_spec a_redis_ratelimit[] = {
	REQ("error", E), REQ("key", E), REQ("max", E), REQ("ttl", E),
};
static const struct xm_xs_attr_spec a_redis_remove[] = {
	REQ("count", E), REQ("key", E), REQ("value", E),
};
static const struct xm_xs_attr_spec a_redis_set[] = {
	OPT("create_only", E), REQ("data", E), REQ("key", E), REQ("ttl", E),
};
static const struct xm_xs_attr_spec a_key_count[] = { OPT("count", E), REQ("key", E) };
static const struct xm_xs_attr_spec a_security_create_curve_key[] = {
	REQ("curve", E), REQ("format", E),
};
static const struct xm_xs_attr_spec a_security_create_rsa_key[] = {
	REQ("bits", E), REQ("format", E),
};
static const struct xm_xs_attr_spec a_security_create_password[] = {
	REQ("character_count", E), REQ("require_digit", E), REQ("require_lowercase", E),
	REQ("require_symbol", E), REQ("require_uppercase", E), REQ("symbol_whitelist", E),
};
static const struct xm_xs_attr_spec a_security_create_auth_token[] = {
	REQ("expiration", E), REQ("extras", E), REQ("id", E), OPT("table", E),
};
static const struct xm_xs_attr_spec a_security_check_password[] = {
	REQ("hash_password", E), REQ("text_password", E),
};
static const struct xm_xs_attr_spec a_storage_attachment[] = {
	REQ("access", E), REQ("filename", E), REQ("value", E),
};
static const struct xm_xs_attr_spec a_storage_file_resource[] = {
	REQ("filedata", E), REQ("filename", E),
};
static const struct xm_xs_attr_spec a_pathname[] = { REQ("pathname", E) };
static const struct xm_xs_attr_spec a_sign_private_url[] = {
	REQ("pathname", E), REQ("ttl", E),
};
static const struct xm_xs_attr_spec a_stream_from_csv[] = {
	REQ("enclosure", E), REQ("escape_char", E), REQ("separator", E), REQ("value", E),
};
static const struct xm_xs_attr_spec a_stream_from_request[] = {
	OPT("ca_certificate", E), OPT("certificate", E), OPT("certificate_pass", E),
	OPT("follow_location", E), OPT("headers", E), REQ("method", E), OPT("params", E),
	OPT("private_key", E), OPT("private_key_pass", E), OPT("timeout", E), REQ("url", E),
	OPT("verify_host", E), OPT("verify_peer", E),
};
static const struct xm_xs_attr_spec a_geo_distance[] = {
	REQ("latitude_1", E), REQ("latitude_2", E), REQ("longitude_1", E),
	REQ("longitude_2", E),
};
static const struct xm_xs_attr_spec a_get_input[] = { REQ("encoding", E) };
static const struct xm_xs_attr_spec a_get_raw_input[] = {
	OPT("encoding", E), OPT("exclude_middleware", E),
};
static const struct xm_xs_attr_spec a_set_header[] = {
	SET("duplicates", S, XM_XS_SET_DUPLICATES), REQ("value", E),
};
static const struct xm_xs_attr_spec a_zip_add[] = {
	REQ("file", E), OPT("filename", E), OPT("password", E), OPT("password_encryption", E),
	REQ("zip", E),
};
static const struct xm_xs_attr_spec a_zip_create[] = {
	REQ("filename", E), OPT("password", E), OPT("password_encryption", E),
};
static const struct xm_xs_attr_spec a_zip_delete[] = {
	REQ("filename", E), OPT("password", E), REQ("zip", E),
};
static const struct xm_xs_attr_spec a_zip_zip[] = { OPT("password", E), REQ("zip", E) };
static const struct xm_xs_attr_spec a_mcp[] = {
	OPT("bearer_token", E), REQ("connection_type", E), OPT("url", E),
};
static const struct xm_xs_attr_spec a_mcp_tool_run[] = {
	OPT("args", E), OPT("bearer_token", E), REQ("connection_type", E), OPT("tool", E),
	OPT("url", E),
};
static const struct xm_xs_attr_spec a_agent_run[] = {
	OPT("allow_tool_execution", E), OPT("args", E), OPT("runtime_mode", E),
	OPT("version", E),
};
static const struct xm_xs_attr_spec a_input[] = { OPT("input", E) };
static const struct xm_xs_attr_spec a_action_call[] = {
	OPT("input", E), OPT("package", E), OPT("registry", E),
};
static const struct xm_xs_attr_spec a_array_by[] = { REQ("by", E), OPT("value", E) };
static const struct xm_xs_attr_spec a_array_by_opt[] = { OPT("by", E), OPT("value", E) };
static const struct xm_xs_attr_spec a_api_microservice[] = {
	REQ("follow_location", E), REQ("headers", E), REQ("host", E), REQ("method", E),
	REQ("params", E), REQ("path", E), REQ("timeout", E),
};
static const struct xm_xs_attr_spec a_realtime_publish[] = {
	OPT("auth_id", E), OPT("auth_table", E), REQ("channel", E), REQ("data", E),
	OPT("message", E), REQ("realtime_server", E),
};
static const struct xm_xs_attr_spec a_storage_media[] = {
	OPT("access", E), OPT("filename", E), REQ("value", E),
};
static const struct xm_xs_attr_spec a_workflow_test_call[] = { OPT("datasource", E) };
static const struct xm_xs_attr_spec a_expect_within[] = { REQ("max", E), REQ("min", E) };
static const struct xm_xs_attr_spec a_expect_throw[] = {
	OPT("exception", E), BLK("stack", 0, XM_XS_BODY_STMTS, 0), OPT("value", E),
};
static const struct xm_xs_attr_spec a_min_max[] = { REQ("max", E), REQ("min", E) };
static const struct xm_xs_attr_spec a_random_bytes[] = { REQ("length", E) };

/* Statement flags and bodies, short. */
#define T XM_XS_S_TARGET
#define TO XM_XS_S_TARGET_OPT
#define A XM_XS_S_ARG
#define AO XM_XS_S_ARG_OPT
#define AS XM_XS_S_AS
#define OPEN XM_XS_S_OPEN
#define NEST XM_XS_S_NESTED
#define COND XM_XS_S_COND
#define BR XM_XS_S_BODY_REQ
#define NB XM_XS_S_NO_BODY
#define AT XM_XS_BODY_ATTRS
#define ST XM_XS_BODY_STMTS
#define NONE XM_XS_BODY_NONE
#define NOATTRS .attrs = NULL, .nattrs = 0

static const struct xm_xs_stmt_spec stmts[] = {
	{ "action.call", TO | AS, AT, ATTRS(a_action_call) },
	{ "action.package.call", TO | AS, AT, ATTRS(a_action_call) },
	{ "addon.call", TO | AS, AT, ATTRS(a_input) },
	{ "ai.agent.run", T | AS, AT, ATTRS(a_agent_run) },
	{ "ai.external.mcp.server_details", AS, AT, ATTRS(a_mcp) },
	{ "ai.external.mcp.tool.list", AS, AT, ATTRS(a_mcp) },
	{ "ai.external.mcp.tool.run", AS, AT, ATTRS(a_mcp_tool_run) },
	{ "api.call", T | AS | OPEN, AT, NOATTRS },
	{ "api.lambda", AS, AT, ATTRS(a_api_lambda) },
	{ "api.microservice", AS, AT, ATTRS(a_api_microservice) },
	{ "api.realtime_event", AS, AT, ATTRS(a_api_realtime_event) },
	{ "api.request", AS, AT, ATTRS(a_api_request) },
	{ "api.stream", AS, AT, ATTRS(a_value) },
	{ "array.difference", AO | AS, AT, ATTRS(a_array_by) },
	{ "array.every", A | COND | AS, AT, NOATTRS },
	{ "array.filter", A | COND | AS, AT, NOATTRS },
	{ "array.filter_count", A | COND | AS, AT, NOATTRS },
	{ "array.find", A | COND | AS, AT, NOATTRS },
	{ "array.find_index", A | COND | AS, AT, NOATTRS },
	{ "array.group_by", AO | AS, AT, ATTRS(a_array_by_opt) },
	{ "array.has", A | COND | AS, AT, NOATTRS },
	{ "array.intersection", AO | AS, AT, ATTRS(a_array_by_opt) },
	{ "array.map", AO | AS, AT, ATTRS(a_array_by_opt) },
	{ "array.merge", T | AS, AT, ATTRS(a_value) },
	{ "array.partition", AO | COND | AS, AT, NOATTRS },
	{ "array.pop", T | AS, AT, NOATTRS },
	{ "array.push", T | AS, AT, ATTRS(a_value) },
	{ "array.shift", T | AS, AT, NOATTRS },
	{ "array.union", AO | AS, AT, ATTRS(a_array_by_opt) },
	{ "array.unshift", T | AS, AT, ATTRS(a_value) },
	{ "await", AS, AT, ATTRS(a_await) },
	{ "break", NB, NONE, NOATTRS },
	{ "case", A | NEST, ST, NOATTRS, .parents = "switch" },
	{ "catch", NEST | BR, ST, NOATTRS, .parents = "try_catch" },
	{ "cloud.algolia.request", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.opensearch.document", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.opensearch.query", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.opensearch.request", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.s3.delete_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.s3.get_file_info", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.s3.list_directory", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.s3.read_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.s3.sign_url", AS | OPEN, AT, NOATTRS },
	{ "cloud.aws.s3.upload_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.azure.storage.delete_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.azure.storage.get_file_info", AS | OPEN, AT, NOATTRS },
	{ "cloud.azure.storage.list_directory", AS | OPEN, AT, NOATTRS },
	{ "cloud.azure.storage.read_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.azure.storage.sign_url", AS | OPEN, AT, NOATTRS },
	{ "cloud.azure.storage.upload_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.elasticsearch.document", AS | OPEN, AT, NOATTRS },
	{ "cloud.elasticsearch.query", AS | OPEN, AT, NOATTRS },
	{ "cloud.elasticsearch.request", AS | OPEN, AT, NOATTRS },
	{ "cloud.google.storage.delete_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.google.storage.get_file_info", AS | OPEN, AT, NOATTRS },
	{ "cloud.google.storage.list_directory", AS | OPEN, AT, NOATTRS },
	{ "cloud.google.storage.read_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.google.storage.sign_url", AS | OPEN, AT, NOATTRS },
	{ "cloud.google.storage.upload_file", AS | OPEN, AT, NOATTRS },
	{ "cloud.job", AS | OPEN, AT, NOATTRS },
	{ "cloud.job.await", AS | OPEN, AT, NOATTRS },
	{ "cloud.job.status", AS | OPEN, AT, NOATTRS },
	{ "conditional", BR, ST, NOATTRS, .children = "if elseif else" },
	{ "continue", NB, NONE, NOATTRS },
	{ "datadog.log", OPEN, AT, NOATTRS },
	{ "datadog.log_bulk", OPEN, AT, NOATTRS },
	{ "datadog.metric", OPEN, AT, NOATTRS },
	{ "datadog.metric_bulk", OPEN, AT, NOATTRS },
	{ "db.add", T | AS, AT, ATTRS(a_db_add) },
	{ "db.add_or_edit", T | AS, AT, ATTRS(a_db_add_or_edit) },
	{ "db.bulk.add", T | AS, AT, ATTRS(a_bulk_add) },
	{ "db.bulk.delete", T | AS, AT, ATTRS(a_where) },
	{ "db.bulk.patch", T | AS, AT, ATTRS(a_bulk_update) },
	{ "db.bulk.update", T | AS, AT, ATTRS(a_bulk_update) },
	{ "db.del", T | AS, AT, ATTRS(a_field) },
	{ "db.direct_query", AS, AT, ATTRS(a_db_direct_query) },
	{ "db.edit", T | AS, AT, ATTRS(a_db_edit) },
	{ "db.external.mssql.direct_query", AS, AT, ATTRS(a_db_external_query) },
	{ "db.external.mysql.direct_query", AS, AT, ATTRS(a_db_external_query) },
	{ "db.external.oracle.direct_query", AS, AT, ATTRS(a_db_external_query) },
	{ "db.external.postgres.direct_query", AS, AT, ATTRS(a_db_external_query) },
	{ "db.external.snowflake.direct_query", AS, AT, ATTRS(a_db_external_query) },
	{ "db.get", T | AS, AT, ATTRS(a_db_get) },
	{ "db.has", T | AS, AT, ATTRS(a_field) },
	{ "db.patch", T | AS, AT, ATTRS(a_db_patch) },
	{ "db.query", T | AS, AT, ATTRS(a_db_query) },
	{ "db.schema", T | AS, AT, ATTRS(a_db_schema) },
	{ "db.set_datasource", 0, AT, ATTRS(a_value) },
	{ "db.transaction", BR, AT, ATTRS(a_stack) },
	{ "db.truncate", T, AT, ATTRS(a_db_truncate) },
	{ "debug.log", 0, AT, ATTRS(a_value) },
	{ "debug.stop", 0, AT, ATTRS(a_value) },
	{ "default", NEST, ST, NOATTRS, .parents = "switch" },
	{ "each", NEST | AS | BR, ST, NOATTRS, .parents = "foreach for while" },
	{ "else", NEST, ST, NOATTRS, .parents = "conditional" },
	{ "elseif", A | NEST, ST, NOATTRS, .parents = "conditional" },
	{ "expect.to_be_defined", 0, AT, NOATTRS },
	{ "expect.to_be_empty", 0, AT, NOATTRS },
	{ "expect.to_be_false", 0, AT, NOATTRS },
	{ "expect.to_be_greater_than", 0, AT, ATTRS(a_value) },
	{ "expect.to_be_in_the_future", 0, AT, NOATTRS },
	{ "expect.to_be_in_the_past", 0, AT, NOATTRS },
	{ "expect.to_be_less_than", 0, AT, ATTRS(a_value) },
	{ "expect.to_be_null", 0, AT, NOATTRS },
	{ "expect.to_be_true", 0, AT, NOATTRS },
	{ "expect.to_be_within", 0, AT, ATTRS(a_expect_within) },
	{ "expect.to_contain", 0, AT, ATTRS(a_value) },
	{ "expect.to_end_with", 0, AT, ATTRS(a_value) },
	{ "expect.to_equal", 0, AT, ATTRS(a_value) },
	{ "expect.to_match", 0, AT, ATTRS(a_value) },
	{ "expect.to_not_be_defined", 0, AT, NOATTRS },
	{ "expect.to_not_be_null", 0, AT, NOATTRS },
	{ "expect.to_not_equal", 0, AT, ATTRS(a_value) },
	{ "expect.to_start_with", 0, AT, ATTRS(a_value) },
	{ "expect.to_throw", 0, AT, ATTRS(a_expect_throw) },
	{ "finally", NEST | BR, ST, NOATTRS, .parents = "try_catch" },
	{ "for", A | BR, ST, NOATTRS, .children = "each" },
	{ "foreach", A | BR, ST, NOATTRS, .children = "each" },
	{ "foreach.remove", NB, NONE, NOATTRS },
	{ "function.call", T | AS, AT, ATTRS(a_function_run) },
	{ "function.run", T | AS, AT, ATTRS(a_function_run) },
	{ "group", BR, AT, ATTRS(a_stack) },
	{ "if", A | NEST | BR, ST, NOATTRS, .parents = "conditional" },
	{ "math.add", T, AT, ATTRS(a_value) },
	{ "math.bitwise.and", T, AT, ATTRS(a_value) },
	{ "math.bitwise.or", T, AT, ATTRS(a_value) },
	{ "math.bitwise.xor", T, AT, ATTRS(a_value) },
	{ "math.div", T, AT, ATTRS(a_value) },
	{ "math.mod", T, AT, ATTRS(a_value) },
	{ "math.mul", T, AT, ATTRS(a_value) },
	{ "math.sub", T, AT, ATTRS(a_value) },
	{ "middleware.call", TO | AS, AT, ATTRS(a_input) },
	{ "object.entries", AS, AT, ATTRS(a_value) },
	{ "object.keys", AS, AT, ATTRS(a_value) },
	{ "object.values", AS, AT, ATTRS(a_value) },
	{ "precondition", A, AT, ATTRS(a_precondition) },
	{ "realtime.get_session", AS, AT, NOATTRS },
	{ "realtime.publish", 0, AT, ATTRS(a_realtime_publish) },
	{ "redis.count", AS, AT, ATTRS(a_key) },
	{ "redis.decr", AS, AT, ATTRS(a_key_by) },
	{ "redis.del", AS, AT, ATTRS(a_key) },
	{ "redis.get", AS, AT, ATTRS(a_key) },
	{ "redis.has", AS, AT, ATTRS(a_key) },
	{ "redis.incr", AS, AT, ATTRS(a_key_by) },
	{ "redis.keys", AS, AT, ATTRS(a_redis_keys) },
	{ "redis.pop", AS, AT, ATTRS(a_key_count) },
	{ "redis.push", AS, AT, ATTRS(a_key_value_pkg) },
	{ "redis.range", AS, AT, ATTRS(a_redis_range) },
	{ "redis.ratelimit", AS, AT, ATTRS(a_redis_ratelimit) },
	{ "redis.remove", AS, AT, ATTRS(a_redis_remove) },
	{ "redis.set", AS, AT, ATTRS(a_redis_set) },
	{ "redis.shift", AS, AT, ATTRS(a_key_count) },
	{ "redis.unshift", AS, AT, ATTRS(a_key_value) },
	{ "return", 0, AT, ATTRS(a_value) },
	{ "security.check_password", AS, AT, ATTRS(a_security_check_password) },
	{ "security.create_auth_token", AS, AT, ATTRS(a_security_create_auth_token) },
	{ "security.create_curve_key", AS, AT, ATTRS(a_security_create_curve_key) },
	{ "security.create_password", AS, AT, ATTRS(a_security_create_password) },
	{ "security.create_rsa_key", AS, AT, ATTRS(a_security_create_rsa_key) },
	{ "security.create_secret_key", AS | OPEN, AT, NOATTRS },
	{ "security.create_uuid", AS, AT, NOATTRS },
	{ "security.decrypt", AS | OPEN, AT, NOATTRS },
	{ "security.encrypt", AS | OPEN, AT, NOATTRS },
	{ "security.jwe_decode", AS | OPEN, AT, NOATTRS },
	{ "security.jwe_decode_legacy", AS | OPEN, AT, NOATTRS },
	{ "security.jwe_encode", AS | OPEN, AT, NOATTRS },
	{ "security.jwe_encode_legacy", AS | OPEN, AT, NOATTRS },
	{ "security.jws_decode", AS | OPEN, AT, NOATTRS },
	{ "security.jws_encode", AS | OPEN, AT, NOATTRS },
	{ "security.random_bytes", AS, AT, ATTRS(a_random_bytes) },
	{ "security.random_number", AS, AT, ATTRS(a_min_max) },
	{ "service.function.run", T | AS, AT, ATTRS(a_function_run) },
	{ "stack", NEST, ST, NOATTRS,
		.parents = "group db.transaction util.post_process expect.to_throw" },
	{ "storage.create_attachment", AS, AT, ATTRS(a_storage_attachment) },
	{ "storage.create_audio", AS, AT, ATTRS(a_storage_media) },
	{ "storage.create_file_resource", AS, AT, ATTRS(a_storage_file_resource) },
	{ "storage.create_image", AS, AT, ATTRS(a_storage_attachment) },
	{ "storage.create_video", AS, AT, ATTRS(a_storage_media) },
	{ "storage.delete_file", AS, AT, ATTRS(a_pathname) },
	{ "storage.read_file_resource", AS, AT, ATTRS(a_value) },
	{ "storage.sign_private_url", AS, AT, ATTRS(a_sign_private_url) },
	{ "stream.from_csv", AS, AT, ATTRS(a_stream_from_csv) },
	{ "stream.from_jsonl", AS, AT, ATTRS(a_value) },
	{ "stream.from_request", AS, AT, ATTRS(a_stream_from_request) },
	{ "switch", A | BR, ST, NOATTRS, .children = "case default" },
	{ "task.call", T | AS, AT, NOATTRS },
	{ "text.append", T, AT, ATTRS(a_value) },
	{ "text.contains", T | AS, AT, ATTRS(a_value) },
	{ "text.ends_with", T | AS, AT, ATTRS(a_value) },
	{ "text.icontains", T | AS, AT, ATTRS(a_value) },
	{ "text.iends_with", T | AS, AT, ATTRS(a_value) },
	{ "text.istarts_with", T | AS, AT, ATTRS(a_value) },
	{ "text.ltrim", T, AT, ATTRS(a_value) },
	{ "text.prepend", T, AT, ATTRS(a_value) },
	{ "text.rtrim", T, AT, ATTRS(a_value) },
	{ "text.starts_with", T | AS, AT, ATTRS(a_value) },
	{ "text.trim", T, AT, ATTRS(a_value) },
	{ "throw", 0, AT, ATTRS(a_throw) },
	{ "tool.call", TO | AS, AT, ATTRS(a_input) },
	{ "trigger.call", TO | AS, AT, ATTRS(a_input) },
	{ "try", NEST | BR, ST, NOATTRS, .parents = "try_catch" },
	{ "try_catch", BR, ST, NOATTRS, .children = "try catch finally" },
	{ "util.geo_distance", AS, AT, ATTRS(a_geo_distance) },
	{ "util.get_all_input", AS, AT, NOATTRS },
	{ "util.get_env", AS, AT, NOATTRS },
	{ "util.get_input", AS, AT, ATTRS(a_get_input) },
	{ "util.get_raw_input", AS, AT, ATTRS(a_get_raw_input) },
	{ "util.get_vars", AS, AT, NOATTRS },
	{ "util.ip_lookup", AS, AT, ATTRS(a_value) },
	{ "util.post_process", BR, AT, ATTRS(a_stack) },
	{ "util.send_email", AS | OPEN, AT, NOATTRS },
	{ "util.set_header", 0, AT, ATTRS(a_set_header) },
	{ "util.sleep", 0, AT, ATTRS(a_value) },
	{ "util.template_engine", AS, AT, ATTRS(a_value) },
	{ "var", T | BR, AT, ATTRS(a_value) },
	{ "var.update", T | BR, AT, ATTRS(a_value) },
	{ "webflow.request", AS | OPEN, AT, NOATTRS },
	{ "while", A | BR, ST, NOATTRS, .children = "each" },
	{ "workflow_test.call", TO | AS, AT, ATTRS(a_workflow_test_call) },
	{ "zip.add_to_archive", AS, AT, ATTRS(a_zip_add) },
	{ "zip.create_archive", AS, AT, ATTRS(a_zip_create) },
	{ "zip.delete_from_archive", AS, AT, ATTRS(a_zip_delete) },
	{ "zip.extract", AS, AT, ATTRS(a_zip_zip) },
	{ "zip.view_contents", AS, AT, ATTRS(a_zip_zip) },
};

/* ---- constructs ---- */

#define INPUT_CLAUSE(f) BLK("input", 0, XM_XS_BODY_DECLS, f)
#define STACK_CLAUSE(f) BLK("stack", 0, XM_XS_BODY_STMTS, f)
#define TEST_CLAUSE BLK("test", 0, XM_XS_BODY_TEST, XM_XS_A_REPEAT)

static const struct xm_xs_attr_spec c_query[] = {
	OPT("api_group", S),
	OPT("auth", S),
	OPT("cache", O),
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	SET("history", S | N | B, XM_XS_SET_HISTORY),
	INPUT_CLAUSE(XM_XS_A_REQUIRED),
	OPT("middleware", O),
	{ .name = "response", .kinds = E, .flags = XM_XS_A_LS11_REQUIRED },
	SET("response_type", S, XM_XS_SET_RESPONSE_TYPE),
	STACK_CLAUSE(XM_XS_A_REQUIRED),
	OPT("tags", Y),
	TEST_CLAUSE,
};

static const struct xm_xs_attr_spec c_function[] = {
	OPT("cache", O),
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	SET("history", S | N | B, XM_XS_SET_HISTORY),
	INPUT_CLAUSE(XM_XS_A_REQUIRED),
	OPT("middleware", O),
	{ .name = "response", .kinds = E, .flags = XM_XS_A_LS11_REQUIRED },
	STACK_CLAUSE(XM_XS_A_REQUIRED),
	OPT("tags", Y),
	TEST_CLAUSE,
};

static const struct xm_xs_attr_spec c_middleware[] = {
	OPT("description", S),
	OPT("docs", S),
	SET("exception_policy", S, XM_XS_SET_EXCEPTION_POLICY),
	OPT("guid", S),
	SET("history", S | N | B, XM_XS_SET_HISTORY),
	INPUT_CLAUSE(XM_XS_A_REQUIRED),
	{ .name = "response", .kinds = E, .flags = XM_XS_A_LS11_REQUIRED },
	SET("response_strategy", S, XM_XS_SET_RESPONSE_STRATEGY),
	STACK_CLAUSE(XM_XS_A_REQUIRED),
	OPT("tags", Y),
	TEST_CLAUSE,
};

static const struct xm_xs_attr_spec c_addon[] = {
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	INPUT_CLAUSE(XM_XS_A_REQUIRED),
	OPT("response", E),
	STACK_CLAUSE(XM_XS_A_REQUIRED),
	OPT("tags", Y),
};

static const struct xm_xs_attr_spec c_table[] = {
	OPT("agent", E),
	OPT("auth", B),
	OPT("autocomplete", E),
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	OPT("index", Y),
	OPT("items", Y),
	/* LS11 accepts a table without columns (`table empty { auth = false }`). */
	BLK("schema", 0, XM_XS_BODY_DECLS, 0),
	OPT("security", E),
	OPT("tags", Y),
	OPT("view", O),
};

static const struct xm_xs_attr_spec c_task[] = {
	OPT("active", B),
	OPT("datasource", S),
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	SET("history", S | N | B, XM_XS_SET_HISTORY),
	OPT("middleware", O),
	BLK("schedule", Y, XM_XS_BODY_ATTRS, 0),
	STACK_CLAUSE(XM_XS_A_REQUIRED),
	OPT("tags", Y),
	TEST_CLAUSE,
};

static const struct xm_xs_attr_spec c_api_group[] = {
	OPT("active", B),
	OPT("canonical", S),
	OPT("cors", O),
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	SET("history", S | N | B, XM_XS_SET_HISTORY),
	OPT("middleware", O),
	OPT("swagger", O),
	OPT("tags", Y),
};

static const struct xm_xs_attr_spec c_table_trigger[] = {
	OPT("actions", O),
	OPT("active", B),
	OPT("datasources", Y),
	OPT("description", S),
	OPT("docs", S),
	OPT("guid", S),
	SET("history", S | N | B, XM_XS_SET_HISTORY),
	INPUT_CLAUSE(0),
	STACK_CLAUSE(XM_XS_A_REQUIRED),
	OPT("table", S),
	OPT("tags", Y),
	OPT("where", Q),
};

#define CLAUSES(a) .clauses = (a), .nclauses = LEN(a)

/* Rare or newer constructs are OPEN: their clauses are not checked yet. */
static const struct xm_xs_construct_spec constructs[] = {
	{ "addon", XM_XS_C_NAME, CLAUSES(c_addon) },
	{ "agent", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "agent_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "api_group", XM_XS_C_NAME, CLAUSES(c_api_group) },
	{ "branch", XM_XS_C_OPEN, 0, NULL },
	{ "channel", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "channel_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "error_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "function", XM_XS_C_NAME, CLAUSES(c_function) },
	{ "market_item", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "mcp_server", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "mcp_server_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "message", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "microservice", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "middleware", XM_XS_C_NAME, CLAUSES(c_middleware) },
	{ "query", XM_XS_C_NAME | XM_XS_C_VERB, CLAUSES(c_query) },
	{ "realtime_channel", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "realtime_server", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "realtime_server_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "realtime_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	/* `run.job {` is seen without a name in validated code. */
	{ "run.job", XM_XS_C_OPEN, 0, NULL },
	{ "run.service", XM_XS_C_OPEN, 0, NULL },
	{ "table", XM_XS_C_NAME, CLAUSES(c_table) },
	{ "table_trigger", XM_XS_C_NAME, CLAUSES(c_table_trigger) },
	{ "tablemap", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "task", XM_XS_C_NAME, CLAUSES(c_task) },
	{ "tool", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "workflow_test", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
	{ "workspace", XM_XS_C_OPEN, 0, NULL },
	{ "workspace_trigger", XM_XS_C_NAME | XM_XS_C_OPEN, 0, NULL },
};

/* ---- declaration metadata ---- */

static const struct xm_xs_attr_spec decl_attrs[] = {
	OPT("default", E),
	OPT("description", S),
	OPT("override", O),
	BLK("schema", 0, XM_XS_BODY_DECLS, 0),
	OPT("sensitive", B),
	OPT("size", N),
	OPT("table", S),
	OPT("values", Y),
	SET("visibility", S, XM_XS_SET_VISIBILITY),
};

/* ---- lookups ---- */

static const char *find_fix(const char *name, const struct fix *fixes, size_t n);

/*
 * Binary search over an array of structs whose first member is the name.
 * The validator asks this for every statement, attribute, type and filter
 * it meets: the first bytes are compared inline (strcmp() orders by
 * unsigned bytes too), so most probes make no call, and there is no
 * comparison callback as with bsearch().
 */
static const void *find(const char *name, const void *base, size_t n, size_t size)
{
	if (!name) {
		return NULL;
	}
	const unsigned char *rows = base;
	const unsigned char first = (unsigned char)name[0];
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *key = *(const char *const *)(const void *)(rows + mid * size);
		int d = (int)(unsigned char)key[0] - (int)first;
		if (d == 0) {
			d = strcmp(key, name);
			if (d == 0) {
				return rows + mid * size;
			}
		}
		if (d < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

static bool in_list(const char *name, const char *const *list, size_t n)
{
	return find(name, list, n, sizeof(*list)) != NULL;
}

/* Whether word is one of the space-separated words of list. */
static bool in_words(const char *word, const char *list)
{
	size_t len = strlen(word);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ' ');
		size_t wlen = end ? (size_t)(end - p) : strlen(p);
		if (wlen == len && memcmp(p, word, len) == 0) {
			return true;
		}
		p = end ? end + 1 : p + wlen;
	}
	return false;
}

const struct xm_xs_construct_spec *xm_xs_catalog_construct(const char *name)
{
	return find(name, constructs, LEN(constructs), sizeof(constructs[0]));
}

const struct xm_xs_stmt_spec *xm_xs_catalog_stmt(const char *name)
{
	return find(name, stmts, LEN(stmts), sizeof(stmts[0]));
}

const struct xm_xs_type_spec *xm_xs_catalog_type(const char *name)
{
	return find(name, types, LEN(types), sizeof(types[0]));
}

static const struct xm_xs_attr_spec *find_attr(const struct xm_xs_attr_spec *attrs,
		size_t n, const char *name)
{
	/* Attribute lists are short: a linear scan beats bsearch's calls, and
	 * the first byte rules out most rows without calling strcmp(). */
	for (size_t i = 0; i < n; i++) {
		if (attrs[i].name[0] == name[0] && strcmp(attrs[i].name, name) == 0) {
			return &attrs[i];
		}
	}
	return NULL;
}

const struct xm_xs_attr_spec *xm_xs_catalog_stmt_attr(const struct xm_xs_stmt_spec *stmt,
		const char *name)
{
	const struct xm_xs_attr_spec *a = find_attr(stmt->attrs, stmt->nattrs, name);
	return a ? a : find_attr(common_attrs, LEN(common_attrs), name);
}

const struct xm_xs_attr_spec *xm_xs_catalog_clause(const struct xm_xs_construct_spec *c,
		const char *name)
{
	return find_attr(c->clauses, c->nclauses, name);
}

const struct xm_xs_attr_spec *xm_xs_catalog_decl_attr(const char *name)
{
	return find_attr(decl_attrs, LEN(decl_attrs), name);
}

bool xm_xs_catalog_stmt_parent_ok(const struct xm_xs_stmt_spec *stmt, const char *parent)
{
	return !(stmt->flags & XM_XS_S_NESTED) || (parent && in_words(parent, stmt->parents));
}

bool xm_xs_catalog_stmt_child_ok(const struct xm_xs_stmt_spec *container, const char *child)
{
	return !container->children || in_words(child, container->children);
}

/* Metadata that only some types take (the engine's per-type block lists). Sorted. */
static const struct fix decl_attr_types[] = {
	{ "size", "vector" },
	{ "table", "int uuid" },
	{ "values", "enum" },
};

const char *xm_xs_catalog_decl_attr_types(const char *name)
{
	return find_fix(name, decl_attr_types, LEN(decl_attr_types));
}

bool xm_xs_catalog_decl_attr_fits(const char *name, const char *type)
{
	const char *only = xm_xs_catalog_decl_attr_types(name);
	return !only || in_words(type, only);
}

bool xm_xs_catalog_filter(const char *name)
{
	return in_list(name, filters, LEN(filters));
}

bool xm_xs_catalog_column_filter(const char *name)
{
	return in_list(name, column_filters, LEN(column_filters));
}

bool xm_xs_catalog_input_filter(const char *name)
{
	return in_list(name, input_filters, LEN(input_filters));
}

bool xm_xs_catalog_input_filter_allowed(const struct xm_xs_type_spec *type,
		const char *filter)
{
	if (!type->filters) {
		return xm_xs_catalog_input_filter(filter);
	}
	return in_words(filter, type->filters);
}

bool xm_xs_catalog_reserved_var(const char *name)
{
	return in_list(name, reserved_vars, LEN(reserved_vars));
}

bool xm_xs_catalog_builtin_var(const char *name)
{
	return in_list(name, builtin_vars, LEN(builtin_vars));
}

bool xm_xs_catalog_set_has(enum xm_xs_set set, const char *value, bool is_string)
{
	if (set <= XM_XS_SET_NONE || set >= XM_XS_SET_COUNT || !value) {
		return false;
	}
	if (set == XM_XS_SET_HISTORY) {
		/* `false` and the numbers are bare; `inherit` and `all` quoted. */
		bool word = strcmp(value, "inherit") == 0 || strcmp(value, "all") == 0;
		if (word != is_string) {
			return false;
		}
	}
	/* Sets are tiny: scan rather than keep each one sorted by strcmp. */
	for (size_t i = 0; i < sets[set].n; i++) {
		if (strcmp(sets[set].values[i], value) == 0) {
			return true;
		}
	}
	return false;
}

const char *const *xm_xs_catalog_set_values(enum xm_xs_set set, size_t *n)
{
	if (set <= XM_XS_SET_NONE || set >= XM_XS_SET_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = sets[set].n;
	return sets[set].values;
}

const char *xm_xs_catalog_set_text(enum xm_xs_set set)
{
	if (set <= XM_XS_SET_NONE || set >= XM_XS_SET_COUNT) {
		return "";
	}
	return sets[set].text;
}

static const char *find_fix(const char *name, const struct fix *fixes, size_t n)
{
	const struct fix *f = find(name, fixes, n, sizeof(*fixes));
	return f ? f->right : NULL;
}

const char *xm_xs_catalog_type_fix(const char *name)
{
	return find_fix(name, type_fixes, LEN(type_fixes));
}

const char *xm_xs_catalog_suggest_type_fix(const char *name)
{
	const char *near = xm_suggest_field(name, type_fixes, LEN(type_fixes),
		sizeof(type_fixes[0]), offsetof(struct fix, wrong));
	return near ? find_fix(near, type_fixes, LEN(type_fixes)) : NULL;
}

const char *xm_xs_catalog_filter_fix(const char *name)
{
	return find_fix(name, filter_fixes, LEN(filter_fixes));
}

const char *xm_xs_catalog_stmt_fix(const char *name)
{
	return find_fix(name, stmt_fixes, LEN(stmt_fixes));
}

const char *xm_xs_catalog_attr_fix(const char *stmt, const char *attr)
{
	char key[128];
	if (snprintf(key, sizeof(key), "%s %s", stmt, attr) >= (int)sizeof(key)) {
		return NULL;
	}
	return find_fix(key, attr_fixes, LEN(attr_fixes));
}

#define SUGGEST(word, table) \
	xm_suggest_field((word), (table), LEN(table), sizeof((table)[0]), 0)

const char *xm_xs_catalog_suggest_construct(const char *name)
{
	return SUGGEST(name, constructs);
}

const char *xm_xs_catalog_suggest_stmt(const char *name)
{
	const char *best = SUGGEST(name, stmts);
	if (best) {
		return best;
	}
	/*
	 * A right namespace with a wrong operation (`db.gte`, `db.delete`):
	 * compare the operations alone, which are short enough to miss the
	 * whole-name threshold.
	 */
	const char *dot = strrchr(name, '.');
	if (!dot) {
		return NULL;
	}
	size_t ns = (size_t)(dot - name) + 1;
	const char *ops[LEN(stmts)];
	size_t n = 0;
	for (size_t i = 0; i < LEN(stmts); i++) {
		if (strncmp(stmts[i].name, name, ns) == 0 && !strchr(stmts[i].name + ns, '.')) {
			ops[n++] = stmts[i].name + ns;
		}
	}
	const char *op = xm_suggest(dot + 1, ops, n);
	return op ? op - ns : NULL;
}

const char *xm_xs_catalog_suggest_filter(const char *name)
{
	return xm_suggest(name, filters, LEN(filters));
}

const char *xm_xs_catalog_suggest_type(const char *name)
{
	return SUGGEST(name, types);
}

const char *xm_xs_catalog_suggest_stmt_attr(const struct xm_xs_stmt_spec *stmt,
		const char *name)
{
	const char *s = xm_suggest_field(name, stmt->attrs, stmt->nattrs,
		sizeof(stmt->attrs[0]), 0);
	return s ? s : SUGGEST(name, common_attrs);
}

const char *xm_xs_catalog_suggest_clause(const struct xm_xs_construct_spec *c,
		const char *name)
{
	return xm_suggest_field(name, c->clauses, c->nclauses, sizeof(c->clauses[0]), 0);
}

const char *xm_xs_catalog_suggest_input_filter(const char *name)
{
	return xm_suggest(name, input_filters, LEN(input_filters));
}

const char *xm_xs_catalog_suggest_decl_attr(const char *name)
{
	return SUGGEST(name, decl_attrs);
}

const struct xm_xs_stmt_spec *xm_xs_catalog_stmts(size_t *n)
{
	*n = LEN(stmts);
	return stmts;
}

const struct xm_xs_construct_spec *xm_xs_catalog_constructs(size_t *n)
{
	*n = LEN(constructs);
	return constructs;
}

const struct xm_xs_type_spec *xm_xs_catalog_types(size_t *n)
{
	*n = LEN(types);
	return types;
}

const char *const *xm_xs_catalog_filters(size_t *n)
{
	*n = LEN(filters);
	return filters;
}

const char *const *xm_xs_catalog_column_filters(size_t *n)
{
	*n = LEN(column_filters);
	return column_filters;
}
