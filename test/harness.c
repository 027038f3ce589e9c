#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/xalloc.h"

char *xm_test_source_path(const char *rel)
{
	const char *root = getenv("XM_SOURCE_ROOT");
	struct xm_buf path = XM_BUF_INIT;
	xm_buf_addf(&path, "%s/%s", root ? root : ".", rel);
	return xm_buf_steal(&path);
}

char *xm_test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	struct xm_buf buf = XM_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		xm_buf_add(&buf, chunk, n);
	}
	fclose(f);
	if (len) {
		*len = buf.len;
	}
	return xm_buf_steal(&buf);
}

void xm_capture_init(struct xm_capture *cap)
{
	cap->data = NULL;
	cap->len = 0;
	cap->f = open_memstream(&cap->data, &cap->len);
	ck_assert_ptr_nonnull(cap->f);
}

const char *xm_capture_text(struct xm_capture *cap)
{
	fflush(cap->f);
	return cap->data ? cap->data : "";
}

void xm_capture_finish(struct xm_capture *cap)
{
	if (cap->f) {
		fclose(cap->f);
	}
	free(cap->data);
	cap->f = NULL;
	cap->data = NULL;
}

int main(void)
{
	SRunner *runner = srunner_create(xm_test_suite());
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
