#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "xano-mcp/core/suggest.h"
#include "xano-mcp/sdk/methods.h"

#define S XM_SDK_CTX_STATEMENTS
#define R XM_SDK_CTX_ROOTS
#define Q XM_SDK_CTX_QUERY
#define F XM_SDK_CTX_FUNCTION
#define T XM_SDK_CTX_TASK
#define TB XM_SDK_CTX_TABLE
#define G XM_SDK_CTX_API_GROUP

const struct xm_sdk_method xm_sdk_methods[XM_SDK_M_COUNT] = {
	{XM_SDK_M_CREATE, "create", 0, 1, 2, "create(path, verb)",
		"an API endpoint: query \"path\" verb=VERB"},
	{XM_SDK_M_CREATE_FUNCTION, "createFunction", 0, 1, 1, "createFunction(name)",
		"a function: function \"name\""},
	{XM_SDK_M_CREATE_TASK, "createTask", 0, 1, 1, "createTask(name)",
		"a scheduled task: task \"name\""},
	{XM_SDK_M_CREATE_TABLE, "createTable", 0, 1, 1, "createTable(name)",
		"a table: table \"name\""},
	{XM_SDK_M_CREATE_API_GROUP, "createApiGroup", 0, 1, 1, "createApiGroup(name)",
		"an API group: api_group \"name\""},

	{XM_SDK_M_DESCRIPTION, "description", R, 1, 1, "description(text)",
		"description = \"text\""},
	{XM_SDK_M_TAGS, "tags", R, 1, 32, "tags(list)", "tags = [\"a\", \"b\"]"},
	{XM_SDK_M_REQUIRES_AUTH, "requiresAuth", Q, 0, 1, "requiresAuth(table)",
		"auth = \"table\""},
	{XM_SDK_M_API_GROUP, "apiGroup", Q, 1, 1, "apiGroup(name)",
		"api_group = \"name\""},
	{XM_SDK_M_INPUT, "input", Q | F, 1, 3, "input(name, type, options)",
		"a declaration in input { }"},
	{XM_SDK_M_RESPONSE, "response", Q | F, 1, 1, "response(value)",
		"response = value"},
	{XM_SDK_M_SCHEDULE, "schedule", T, 1, 3, "schedule(startsOn, freq, endsOn)",
		"schedule = [{starts_on: …, freq: …}]"},
	{XM_SDK_M_ACTIVE, "active", T | G, 0, 1, "active(flag)", "active = true"},
	{XM_SDK_M_COLUMN, "column", TB, 1, 3, "column(name, type, options)",
		"a declaration in schema { }"},
	{XM_SDK_M_INDEX, "index", TB, 2, 2, "index(type, fields)",
		"an entry of index = [ … ]"},
	{XM_SDK_M_AUTH, "auth", TB, 0, 1, "auth(flag)", "auth = true"},
	{XM_SDK_M_CANONICAL, "canonical", G, 1, 1, "canonical(name)",
		"canonical = \"name\""},
	{XM_SDK_M_BUILD, "build", R, 0, 0, "build()", "ends the builder"},

	{XM_SDK_M_VAR, "var", S, 2, 2, "var(name, value)", "var $name { value = … }"},
	{XM_SDK_M_VAR_UPDATE, "varUpdate", S, 2, 2, "varUpdate(name, value)",
		"var.update $name { value = … }"},
	{XM_SDK_M_CONDITIONAL, "conditional", S, 1, 2, "conditional(condition, body)",
		"conditional { if (…) { … } }"},
	{XM_SDK_M_THEN, "then", S, 1, 1, "then(body)", "the body of a conditional"},
	{XM_SDK_M_ELSEIF, "elseif", S, 2, 2, "elseif(condition, body)",
		"elseif (…) { … }"},
	{XM_SDK_M_ELSE, "else", S, 1, 1, "else(body)", "else { … }"},
	{XM_SDK_M_END_CONDITIONAL, "endConditional", S, 0, 0, "endConditional()",
		"ends a conditional (optional)"},
	{XM_SDK_M_FOR_EACH, "forEach", S, 1, 3, "forEach(list, item, body)",
		"foreach (list) { each as $item { … } }"},
	{XM_SDK_M_FOR, "for", S, 1, 3, "for(count, index, body)",
		"for (count) { each as $index { … } }"},
	{XM_SDK_M_WHILE, "while", S, 1, 2, "while(condition, body)",
		"while (…) { each { … } }"},
	{XM_SDK_M_END_FOR_EACH, "endForEach", S, 0, 0, "endForEach()",
		"ends a forEach(list, item) written without a body"},
	{XM_SDK_M_END_FOR, "endFor", S, 0, 0, "endFor()",
		"ends a for(count, index) written without a body"},
	{XM_SDK_M_END_WHILE, "endWhile", S, 0, 0, "endWhile()",
		"ends a while(condition) written without a body"},
	{XM_SDK_M_BREAK, "break", S, 0, 0, "break()", "break"},
	{XM_SDK_M_CONTINUE, "continue", S, 0, 0, "continue()", "continue"},
	{XM_SDK_M_SWITCH, "switch", S, 2, 2, "switch(value, cases)",
		"switch (…) { case (…) { … } break  default { … } }"},
	{XM_SDK_M_CASE, "case", XM_SDK_CTX_SWITCH, 2, 2, "case(value, body)",
		"case (value) { … } break"},
	{XM_SDK_M_DEFAULT, "default", XM_SDK_CTX_SWITCH, 1, 1, "default(body)",
		"default { … }"},
	{XM_SDK_M_TRY_CATCH, "tryCatch", S, 1, 3, "tryCatch(tryBody, catchBody, finallyBody)",
		"try_catch { try { … } catch { … } }"},
	{XM_SDK_M_PRECONDITION, "precondition", S, 1, 3,
		"precondition(condition, message, errorType)",
		"precondition (…) { error_type = … error = … }"},
	{XM_SDK_M_THROW, "throw", S, 1, 2, "throw(name, message)",
		"throw { name = … value = … }"},
	{XM_SDK_M_RETURN, "return", S, 1, 1, "return(value)", "return { value = … }"},
	{XM_SDK_M_COMMENT, "comment", S, 1, 1, "comment(text)", "// text"},

	{XM_SDK_M_DB_GET, "dbGet", S, 2, 4, "dbGet(table, filter, alias, options)",
		"db.get \"table\" { field_name … field_value … } as $alias"},
	{XM_SDK_M_DB_HAS, "dbHas", S, 2, 3, "dbHas(table, filter, alias)",
		"db.has \"table\" { … } as $alias"},
	{XM_SDK_M_DB_QUERY, "dbQuery", S, 1, 3, "dbQuery(table, options, alias)",
		"db.query \"table\" { where … sort … return … } as $alias"},
	{XM_SDK_M_DB_ADD, "dbAdd", S, 2, 3, "dbAdd(table, data, alias)",
		"db.add \"table\" { data = {…} } as $alias"},
	{XM_SDK_M_DB_EDIT, "dbEdit", S, 3, 4, "dbEdit(table, filter, data, alias)",
		"db.edit \"table\" { field_name … data = {…} } as $alias"},
	{XM_SDK_M_DB_PATCH, "dbPatch", S, 3, 4, "dbPatch(table, filter, data, alias)",
		"db.patch \"table\" { field_name … data = … } as $alias"},
	{XM_SDK_M_DB_ADD_OR_EDIT, "dbAddOrEdit", S, 3, 4,
		"dbAddOrEdit(table, filter, data, alias)",
		"db.add_or_edit \"table\" { … } as $alias"},
	{XM_SDK_M_DB_DELETE, "dbDelete", S, 2, 2, "dbDelete(table, filter)",
		"db.del \"table\" { field_name … field_value … }"},
	{XM_SDK_M_DB_COUNT, "dbCount", S, 1, 3, "dbCount(table, options, alias)",
		"db.query \"table\" { return = {type: \"count\"} } as $alias"},
	{XM_SDK_M_DB_TRANSACTION, "dbTransaction", S, 1, 1, "dbTransaction(body)",
		"db.transaction { stack { … } }"},

	{XM_SDK_M_CREATE_TOKEN, "createToken", S, 1, 4,
		"createToken(table, id, alias, options)",
		"security.create_auth_token { … } as $alias"},
	{XM_SDK_M_VERIFY_PASSWORD, "verifyPassword", S, 2, 3,
		"verifyPassword(password, hash, alias)",
		"security.check_password { … } as $alias"},
	{XM_SDK_M_CREATE_UUID, "createUuid", S, 0, 1, "createUuid(alias)",
		"security.create_uuid as $alias"},

	{XM_SDK_M_API_REQUEST, "apiRequest", S, 1, 4, "apiRequest(url, method, options, alias)",
		"api.request { url … method … params … } as $alias"},
	{XM_SDK_M_CALL_FUNCTION, "callFunction", S, 1, 3, "callFunction(name, input, alias)",
		"function.run \"name\" { input = {…} } as $alias"},
	{XM_SDK_M_SET_HEADER, "setHeader", S, 1, 3, "setHeader(name, value, duplicates)",
		"util.set_header { value = \"Name: value\" duplicates = … }"},
	{XM_SDK_M_SLEEP, "sleep", S, 1, 1, "sleep(seconds)", "util.sleep { value = … }"},
	{XM_SDK_M_LOG, "log", S, 1, 1, "log(value)", "debug.log { value = … }"},
	{XM_SDK_M_STOP, "stop", S, 1, 1, "stop(value)", "debug.stop { value = … }"},
	{XM_SDK_M_LAMBDA, "lambda", S, 1, 3, "lambda(code, alias, timeout)",
		"api.lambda { code = … timeout = … } as $alias"},
	{XM_SDK_M_REDIS_GET, "redisGet", S, 1, 2, "redisGet(key, alias)",
		"redis.get { key = … } as $alias"},
	{XM_SDK_M_REDIS_SET, "redisSet", S, 3, 3, "redisSet(key, data, ttl)",
		"redis.set { key = … data = … ttl = … }"},
	{XM_SDK_M_REDIS_DELETE, "redisDelete", S, 1, 1, "redisDelete(key)",
		"redis.del { key = … }"},
	{XM_SDK_M_REDIS_INCR, "redisIncr", S, 1, 3, "redisIncr(key, by, alias)",
		"redis.incr { key = … by = … } as $alias"},
	{XM_SDK_M_STORAGE_CREATE_FILE, "storageCreateFile", S, 2, 3,
		"storageCreateFile(filename, data, alias)",
		"storage.create_file_resource { filename … filedata … } as $alias"},
	{XM_SDK_M_STORAGE_CREATE_ATTACHMENT, "storageCreateAttachment", S, 2, 4,
		"storageCreateAttachment(file, filename, access, alias)",
		"storage.create_attachment { value … filename … access … } as $alias"},
};

struct alias {
	const char *name;
	enum xm_sdk_method_id id;
};

/* Other spellings assistants use for the same thing. */
static const struct alias aliases[] = {
	{"if", XM_SDK_M_CONDITIONAL},
	{"elseIf", XM_SDK_M_ELSEIF},
	{"endIf", XM_SDK_M_END_CONDITIONAL},
	{"each", XM_SDK_M_FOR_EACH},
	{"dbDel", XM_SDK_M_DB_DELETE},
	{"utilSleep", XM_SDK_M_SLEEP},
	{"debugLog", XM_SDK_M_LOG},
	{"endpoint", XM_SDK_M_CREATE},
	{"createEndpoint", XM_SDK_M_CREATE},
	{"createQuery", XM_SDK_M_CREATE},
	{"functionRun", XM_SDK_M_CALL_FUNCTION},
	{"runFunction", XM_SDK_M_CALL_FUNCTION},
	{"checkPassword", XM_SDK_M_VERIFY_PASSWORD},
	{"createAuthToken", XM_SDK_M_CREATE_TOKEN},
	{"redisDel", XM_SDK_M_REDIS_DELETE},
	{"try", XM_SDK_M_TRY_CATCH},
};

const struct xm_sdk_method *xm_sdk_method_find(const char *name)
{
	/* Linear, but the first two bytes rule out almost every row (a
	 * name's second byte may be its NUL; the row's then ends there too
	 * or differs). Ten methods start with "db". */
	for (size_t i = 0; i < XM_SDK_M_COUNT; i++) {
		const char *m = xm_sdk_methods[i].name;
		if (m[0] == name[0] && m[1] == name[1] && strcmp(m, name) == 0) {
			return &xm_sdk_methods[i];
		}
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (aliases[i].name[0] == name[0] && strcmp(aliases[i].name, name) == 0) {
			return &xm_sdk_methods[aliases[i].id];
		}
	}
	return NULL;
}

/* Lower-case letters and digits only, into out (size n). */
static void squash(const char *s, char *out, size_t n)
{
	size_t j = 0;
	for (; *s && j + 1 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c)) {
			out[j++] = (char)tolower(c);
		}
	}
	out[j] = '\0';
}

/* Whether squash(name) equals want (already squashed, shorter than n),
 * compared as name is read: most names differ at their first letter, and
 * are then dismissed without being copied. */
static bool squashes_to(const char *name, const char *want, size_t n)
{
	size_t j = 0;
	for (; *name && j + 1 < n; name++) {
		unsigned char c = (unsigned char)*name;
		if (isalnum(c)) {
			if (want[j] != (char)tolower(c)) {
				return false;
			}
			j++;
		}
	}
	return want[j] == '\0';
}

const struct xm_sdk_method *xm_sdk_method_find_loose(const char *name)
{
	char want[64];
	squash(name, want, sizeof(want));
	if (!want[0]) {
		return NULL;
	}
	for (size_t i = 0; i < XM_SDK_M_COUNT; i++) {
		if (squashes_to(xm_sdk_methods[i].name, want, sizeof(want))) {
			return &xm_sdk_methods[i];
		}
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (squashes_to(aliases[i].name, want, sizeof(want))) {
			return &xm_sdk_methods[aliases[i].id];
		}
	}
	return NULL;
}

const struct xm_sdk_method *xm_sdk_method_suggest(const char *name)
{
	const char *best = xm_suggest_field(name, xm_sdk_methods, XM_SDK_M_COUNT,
		sizeof(xm_sdk_methods[0]), offsetof(struct xm_sdk_method, name));
	return best ? xm_sdk_method_find(best) : NULL;
}

const char *xm_sdk_ctx_name(unsigned ctx)
{
	if (ctx & XM_SDK_CTX_QUERY) {
		return "an endpoint (create)";
	}
	if (ctx & XM_SDK_CTX_FUNCTION) {
		return "a function (createFunction)";
	}
	if (ctx & XM_SDK_CTX_TASK) {
		return "a task (createTask)";
	}
	if (ctx & XM_SDK_CTX_TABLE) {
		return "a table (createTable)";
	}
	if (ctx & XM_SDK_CTX_API_GROUP) {
		return "an API group (createApiGroup)";
	}
	if (ctx & XM_SDK_CTX_SWITCH) {
		return "a switch body";
	}
	return "a nested block";
}
