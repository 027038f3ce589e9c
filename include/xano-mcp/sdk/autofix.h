/*
 * sdk/autofix: repairs of the mistakes assistants make in SDK code.
 *
 * Two kinds. Text repairs run before parsing, on the raw text:
 * typographic quotes used as string delimiters, Python literals (`True`,
 * `False`, `None`) outside strings, a stray trailing comma or semicolon
 * soup at the very end, and unbalanced closing brackets at the end (missing
 * ones appended, surplus ones dropped). Semantic repairs happen while the
 * code is resolved and lowered (lower-case verbs, misspelled or
 * snake_case method names, JavaScript type names, `input.x` without `$`,
 * a missing `return` or `.build()`); they call xm_sdk_fix_or_error().
 *
 * A repair never changes what correct code means: each only applies to
 * text that would otherwise be an error. When the fixes are disabled
 * (`--no-fix`), each would-be fix is reported as an error whose suggestion
 * is the fix, and the analysis goes on as if it had been applied, so that
 * the errors further on are reported in the same run; the errors keep the
 * result from being used.
 *
 * struct xm_sdk_fixes is caller-owned (init/finish) and owns its messages.
 * Pure; not thread-safe.
 */
#ifndef XM_SDK_AUTOFIX_H
#define XM_SDK_AUTOFIX_H

#include <stdbool.h>
#include <stddef.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/xs/diag.h"

struct xm_sdk_fix {
	unsigned line, col; /* where the repaired text starts (1-based) */
	char *message;      /* "replaced `True` with `true`" */
};

struct xm_sdk_fixes {
	struct xm_sdk_fix *items;
	size_t len, cap;
	bool enabled;
	size_t refused; /* with repairs off: the would-be fixes reported as errors */
};

void xm_sdk_fixes_init(struct xm_sdk_fixes *fixes, bool enabled);
/* Accepts NULL and a zeroed struct. */
void xm_sdk_fixes_finish(struct xm_sdk_fixes *fixes);
/* Orders the fixes by position (stable). */
void xm_sdk_fixes_sort(struct xm_sdk_fixes *fixes);
void xm_sdk_fix_add(struct xm_sdk_fixes *fixes, unsigned line, unsigned col,
		const char *fmt, ...) __attribute__((cold, format(printf, 4, 5)));

/*
 * A repair, which the caller applies in any case: when fixes are enabled,
 * records "MESSAGE" as a fix; otherwise reports an error with code, the
 * problem the code names and the suggestion, and counts it in
 * fixes->refused.
 */
void xm_sdk_fix_or_error(struct xm_sdk_fixes *fixes, struct xm_diags *diags,
		unsigned line, unsigned col, unsigned end_col, const char *code,
		const char *suggestion, const char *fmt, ...)
		__attribute__((cold, format(printf, 8, 9)));

/*
 * The text repairs: writes the repaired text of src (len bytes) to out and
 * records each repair in fixes, or, with fixes disabled, reports it into
 * diags (xm_sdk_fix_or_error()). Repairs keep every line where it was, so
 * positions in later diagnostics keep their line numbers.
 */
void xm_sdk_autofix_text(const char *src, size_t len, struct xm_sdk_fixes *fixes,
		struct xm_diags *diags, struct xm_buf *out);

#endif
