#include <stdio.h>
#include <string.h>
#include <time.h>

#include "test_tools.h"
#include "xano-mcp/tools/tools.h"

static int echo_call(const struct xm_tool_call *call, struct xm_tool_result *result)
{
	const char *text = xm_json_string(xm_json_get(call->args, "text"));
	int64_t times = 1;
	xm_json_int64(xm_json_get(call->args, "times"), &times);
	const char *mode = xm_json_string(xm_json_get(call->args, "mode"));
	struct xm_buf out = XM_BUF_INIT;
	for (int64_t i = 0; i < times; i++) {
		xm_buf_adds(&out, text);
	}
	if (mode && strcmp(mode, "upper") == 0) {
		for (size_t i = 0; i < out.len; i++) {
			if (out.data[i] >= 'a' && out.data[i] <= 'z') {
				out.data[i] = (char)(out.data[i] - 'a' + 'A');
			}
		}
	}
	struct xm_json_gen *g = xm_tool_result_structured(result);
	xm_json_gen_begin_object(g);
	xm_json_gen_key(g, "text");
	xm_json_gen_string_len(g, out.data ? out.data : "", out.len);
	if (mode && strcmp(mode, "broken") == 0) {
		/* a tool bug: "length" must be an integer */
		xm_json_gen_kstring(g, "length", "many");
	} else {
		xm_json_gen_kint(g, "length", (int64_t)out.len);
	}
	xm_json_gen_end_object(g);
	xm_tool_result_text(result, "%s", xm_buf_str(&out));
	xm_buf_finish(&out);
	return 0;
}

static const struct xm_tool test_echo = {
	.name = "test_echo",
	.title = "Echo (test)",
	.description = "Repeats text: a test tool with structured output.",
	.input_schema = "{\"type\":\"object\",\"additionalProperties\":false,"
		"\"required\":[\"text\"],\"properties\":{"
		"\"text\":{\"type\":\"string\",\"maxLength\":1000,\"description\":\"what to say\"},"
		"\"times\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},"
		"\"mode\":{\"type\":\"string\",\"enum\":[\"plain\",\"upper\",\"broken\"]}}}",
	.output_schema = "{\"type\":\"object\",\"required\":[\"text\",\"length\"],"
		"\"properties\":{\"text\":{\"type\":\"string\"},"
		"\"length\":{\"type\":\"integer\"}}}",
	.hints = { .read_only = true, .idempotent = true },
	.example_args = "{\"text\":\"hello\",\"times\":2}",
	.call = echo_call,
};

static void sleep_ms(int64_t ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static int slow_call(const struct xm_tool_call *call, struct xm_tool_result *result)
{
	int64_t steps = 3, step_ms = 10;
	xm_json_int64(xm_json_get(call->args, "steps"), &steps);
	xm_json_int64(xm_json_get(call->args, "step_ms"), &step_ms);
	for (int64_t i = 0; i < steps; i++) {
		if (xm_tool_cancelled(call)) {
			return 0;
		}
		sleep_ms(step_ms);
		xm_tool_progress(call, (double)(i + 1), (double)steps, "working");
	}
	xm_tool_result_text(result, "done after %lld steps", (long long)steps);
	return 0;
}

static const struct xm_tool test_slow = {
	.name = "test_slow",
	.title = "Slow (test)",
	.description = "Sleeps in steps, reporting progress: a long-running test tool.",
	.input_schema = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
		"\"steps\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100000},"
		"\"step_ms\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000}}}",
	.hints = { .read_only = true, .idempotent = true },
	.long_running = true,
	.example_args = "{\"steps\":2,\"step_ms\":5}",
	.call = slow_call,
};

static int fail_call(const struct xm_tool_call *call, struct xm_tool_result *result)
{
	bool internal = false;
	xm_json_bool(xm_json_get(call->args, "internal"), &internal);
	if (internal) {
		return -1;
	}
	xm_tool_result_text(result, "this is dropped");
	xm_tool_result_error(result, "The input was refused: try again with internal=true "
			"to see an internal error.");
	return 0;
}

static const struct xm_tool test_fail = {
	.name = "test_fail",
	.title = "Fail (test)",
	.description = "Always fails: with an isError result, or internally.",
	.input_schema = "{\"type\":\"object\",\"properties\":{"
		"\"internal\":{\"type\":\"boolean\"}}}",
	.hints = { .read_only = true, .idempotent = true, .open_world = false },
	.example_args = "{}",
	.call = fail_call,
};

static enum xm_resource_status note_read(const struct xm_resource_call *call,
		struct xm_buf *text, const char **mime_type, struct xm_buf *message)
{
	const char *uri = call->uri;
	const char *prefix = "test://notes/";
	if (strncmp(uri, prefix, strlen(prefix)) != 0) {
		return XM_RESOURCE_NOT_MINE;
	}
	const char *id = uri + strlen(prefix);
	if (strcmp(id, "slow") == 0) {
		for (int i = 0; i < 30 && !xm_resource_cancelled(call); i++) {
			sleep_ms(10);
		}
		xm_buf_adds(text, "note slow");
		*mime_type = "text/plain";
		return XM_RESOURCE_OK;
	}
	if (strcmp(id, "broken") == 0) {
		xm_buf_adds(message, "the note store is unreachable");
		return XM_RESOURCE_FAILED;
	}
	if (strcmp(id, "1") != 0 && strcmp(id, "2") != 0) {
		xm_buf_addf(message, "there is no note %s", id);
		return XM_RESOURCE_NOT_FOUND;
	}
	xm_buf_addf(text, "note %s", id);
	*mime_type = "text/plain";
	return XM_RESOURCE_OK;
}

/* Ids by prefix; with a "tag" among the known arguments, that tag too. */
static void note_complete(struct xm_completion *c)
{
	static const char *const ids[] = { "1", "2", "10" };
	const char *tag = xm_completion_known(c, "tag");
	if (strcmp(c->variable, "id") != 0) {
		return;
	}
	for (size_t i = 0; i < 3; i++) {
		if (strncmp(ids[i], c->prefix, strlen(c->prefix)) == 0) {
			xm_completion_add(c, ids[i]);
		}
	}
	if (tag) {
		char value[64];
		snprintf(value, sizeof(value), "tag-%s", tag);
		xm_completion_add(c, value);
	}
}

static const struct xm_resource_template notes = {
	.uri_template = "test://notes/{id}",
	.name = "note",
	.title = "Note (test)",
	.description = "A test note by id",
	.mime_type = "text/plain",
	.long_running = true,
	.read = note_read,
	.complete = note_complete,
};

static const struct xm_tool *const test_tools[] = { &test_echo, &test_slow, &test_fail };
#define NTEST_TOOLS (sizeof(test_tools) / sizeof(test_tools[0]))

const struct xm_registry *xm_test_registry(void)
{
	static struct xm_registry reg;
	static const struct xm_tool *tools[64];
	static const struct xm_resource_template *templates[16];
	if (reg.ntools) {
		return &reg;
	}
	reg = xm_registry;
	reg.ntools = 0;
	for (size_t i = 0; i < xm_registry.ntools && reg.ntools < 60; i++) {
		tools[reg.ntools++] = xm_registry.tools[i];
	}
	for (size_t i = 0; i < NTEST_TOOLS; i++) {
		tools[reg.ntools++] = test_tools[i];
	}
	for (size_t i = 0; i < xm_registry.ntemplates && i < 15; i++) {
		templates[i] = xm_registry.templates[i];
	}
	templates[xm_registry.ntemplates] = &notes;
	reg.ntemplates = xm_registry.ntemplates + 1;
	reg.tools = tools;
	reg.templates = templates;
	return &reg;
}
