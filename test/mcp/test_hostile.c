/*
 * Feeds hostile.txt (plus generated huge lines) to the built xano-mcp and
 * checks that every line is answered as expected, in order, that stdout
 * carries nothing but JSON-RPC messages, that the server still serves
 * afterwards and exits 0 at EOF, and that stderr holds no sanitizer report.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "xano-mcp/core/json.h"

struct expect {
	char *what; /* "result", a code, or "none" */
	char *id;   /* JSON text, or "-" */
};

static void add_line(struct xm_buf *input, struct expect **exp, size_t *n,
		const char *what, const char *id, const char *line, size_t len)
{
	xm_buf_add(input, line, len);
	xm_buf_addc(input, '\n');
	if (strcmp(what, "none") == 0) {
		return;
	}
	*exp = realloc(*exp, (*n + 1) * sizeof(**exp));
	(*exp)[*n].what = strdup(what);
	(*exp)[*n].id = strdup(id);
	(*n)++;
}

/* The id as our generator writes it, for comparing JSON texts. */
static char *canonical(const char *text, size_t len)
{
	struct xm_json *v = xm_json_parse(text, len, NULL, NULL);
	ck_assert_msg(v != NULL, "bad expected id %s", text);
	struct xm_buf b = XM_BUF_INIT;
	xm_json_write(v, &b);
	xm_json_free(v);
	return xm_buf_steal(&b);
}

static void load(struct xm_buf *input, struct expect **exp, size_t *n)
{
	char *path = xm_test_source_path("test/mcp/hostile.txt");
	size_t len;
	char *text = xm_test_read_file(path, &len);
	char *p = text, *end = text + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		ck_assert_ptr_nonnull(nl);
		if (*p != '#') {
			char *tab = memchr(p, '\t', (size_t)(nl - p));
			ck_assert_ptr_nonnull(tab);
			*tab = '\0';
			char *what = p, *id = strchr(p, ' ');
			if (id) {
				*id++ = '\0';
			}
			add_line(input, exp, n, what, id ? id : "-", tab + 1,
					(size_t)(nl - tab - 1));
		}
		p = nl + 1;
	}
	free(text);
	free(path);

	/* a valid 10 MiB message is served */
	xm_buf_adds(input, "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"ping\","
			"\"params\":{\"pad\":\"");
	xm_buf_addn(input, 'a', 10u << 20);
	xm_buf_adds(input, "\"}}\n");
	add_line(input, exp, n, "result", "\"big\"", "", 0);
	input->len--; /* add_line's line was empty: drop its newline */
	/* one over the 16 MiB cap is skipped with an error */
	xm_buf_adds(input, "{\"jsonrpc\":\"2.0\",\"id\":\"huge\",\"method\":\"ping\","
			"\"params\":{\"pad\":\"");
	xm_buf_addn(input, 'b', 17u << 20);
	xm_buf_adds(input, "\"}}\n");
	add_line(input, exp, n, "-32600", "-", "", 0);
	input->len--;
	/* deep nesting */
	xm_buf_adds(input, "{\"jsonrpc\":\"2.0\",\"id\":\"deep\",\"method\":\"ping\",\"params\":{\"a\":");
	xm_buf_addn(input, '[', 1000000);
	xm_buf_addn(input, ']', 1000000);
	xm_buf_adds(input, "}}\n");
	add_line(input, exp, n, "-32600", "-", "", 0);
	input->len--;
	/* and the server still serves */
	const char *last = "{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"ping\"}";
	add_line(input, exp, n, "result", "\"last\"", last, strlen(last));
}

START_TEST(every_hostile_line_is_answered)
{
	struct xm_buf input = XM_BUF_INIT;
	struct expect *exp = NULL;
	size_t nexp = 0;
	load(&input, &exp, &nexp);

	const char *bin = getenv("XM_BIN");
	ck_assert_ptr_nonnull(bin);
	char errpath[] = "/tmp/xm-hostile-XXXXXX";
	int errfd = mkstemp(errpath);
	ck_assert_int_ge(errfd, 0);
	int in[2], out[2];
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	pid_t server = fork();
	ck_assert_int_ge(server, 0);
	if (server == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(errfd, 2);
		close(in[1]);
		close(out[0]);
		execl(bin, bin, "serve", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(errfd);
	signal(SIGPIPE, SIG_IGN);
	pid_t writer = fork();
	ck_assert_int_ge(writer, 0);
	if (writer == 0) {
		close(out[0]);
		size_t off = 0;
		while (off < input.len) {
			ssize_t w = write(in[1], input.data + off, input.len - off);
			if (w <= 0) {
				_exit(1);
			}
			off += (size_t)w;
		}
		_exit(0);
	}
	close(in[1]);
	struct xm_buf output = XM_BUF_INIT;
	char chunk[65536];
	ssize_t r;
	while ((r = read(out[0], chunk, sizeof(chunk))) > 0) {
		xm_buf_add(&output, chunk, (size_t)r);
	}
	close(out[0]);
	int status;
	ck_assert_int_eq(waitpid(writer, &status, 0), writer);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(waitpid(server, &status, 0), server);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "server status %d", status);

	size_t errlen;
	char *err = xm_test_read_file(errpath, &errlen);
	unlink(errpath);
	ck_assert_msg(!strstr(err, "Sanitizer") && !strstr(err, "runtime error"), "%s", err);
	free(err);

	size_t i = 0;
	char *p = output.data ? output.data : "";
	char *end = p + output.len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		ck_assert_msg(nl != NULL, "unterminated output");
		*nl = '\0'; /* xm_json_parse wants the text terminated */
		struct xm_json *v = xm_json_parse(p, (size_t)(nl - p), NULL, NULL);
		ck_assert_msg(v != NULL, "not JSON on stdout: %.200s", p);
		ck_assert_msg(i < nexp, "unexpected extra answer: %.200s", p);
		ck_assert_str_eq(xm_json_string(xm_json_get(v, "jsonrpc")), "2.0");
		const struct xm_json *error = xm_json_get(v, "error");
		if (strcmp(exp[i].what, "result") == 0) {
			ck_assert_msg(xm_json_get(v, "result") && !error, "answer %zu (id %s): "
					"want a result: %.200s", i, exp[i].id, p);
		} else {
			int64_t code = 0;
			ck_assert_msg(xm_json_int64(xm_json_get(error, "code"), &code),
					"answer %zu: want error %s: %.200s", i, exp[i].what, p);
			ck_assert_msg(code == atoi(exp[i].what), "answer %zu: want %s: %.200s", i,
					exp[i].what, p);
		}
		const struct xm_json *id = xm_json_get(v, "id");
		if (strcmp(exp[i].id, "-") == 0) {
			ck_assert_msg(id == NULL, "answer %zu: want no id: %.200s", i, p);
		} else {
			struct xm_buf got = XM_BUF_INIT;
			ck_assert_msg(id != NULL, "answer %zu: want id %s", i, exp[i].id);
			xm_json_write(id, &got);
			char *want = canonical(exp[i].id, strlen(exp[i].id));
			ck_assert_msg(strcmp(got.data, want) == 0, "answer %zu: id %s, want %s", i,
					got.data, want);
			free(want);
			xm_buf_finish(&got);
		}
		xm_json_free(v);
		i++;
		p = nl + 1;
	}
	ck_assert_msg(i == nexp, "%zu answers, want %zu", i, nexp);
	for (size_t k = 0; k < nexp; k++) {
		free(exp[k].what);
		free(exp[k].id);
	}
	free(exp);
	xm_buf_finish(&input);
	xm_buf_finish(&output);
}
END_TEST

Suite *xm_test_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("hostile");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_hostile_line_is_answered);
	suite_add_tcase(s, tc);
	return s;
}
