#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/suggest.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/sdk/resolve.h"

/*
 * A value: a builder block, plain data (a node), or the `XanoScript`
 * namespace some assistants prefix builders with (`XanoScript.create`).
 * member is set for `block.db` awaiting `.get(…)`.
 */
struct value {
	struct xm_sdk_block *block;
	struct xm_sdk_node *node;
	const char *member;
	bool ns;
	bool ok;
};

struct binding {
	const char *name;
	struct value v;
	unsigned line, col;
	size_t weight;  /* of v.node: see struct rs */
	unsigned reach;
	struct binding *next;
};

struct scope {
	struct binding *first;
	struct scope *up;
};

/*
 * A bound value is shared by every use of its name, and the lowering
 * expands each use: `const a = [b, b]` doubles b. So that no program grows
 * beyond its size limit that way, the resolver counts the values as they
 * will be expanded (weight: nodes in all) and how deep the value being
 * resolved nests (level now, reach at most), names included.
 */
enum {
	MAX_WEIGHT = XM_SDK_MAX_SOURCE,
	MAX_REACH = XM_SDK_MAX_DEPTH,
};

struct rs {
	struct xm_arena *arena;
	struct xm_sdk_fixes *fixes;
	struct xm_diags *diags;
	size_t weight;
	unsigned level, reach;
	bool too_big; /* reported */
};

static const struct value none = {0};

static struct binding *lookup(struct scope *sc, const char *name)
{
	for (; sc; sc = sc->up) {
		for (struct binding *b = sc->first; b; b = b->next) {
			if (strcmp(b->name, name) == 0) {
				return b;
			}
		}
	}
	return NULL;
}

static const char *suggest_binding(struct scope *sc, const char *name)
{
	const char *names[64];
	size_t n = 0;
	for (; sc; sc = sc->up) {
		for (struct binding *b = sc->first; b && n < 64; b = b->next) {
			names[n++] = b->name;
		}
	}
	return xm_suggest(name, names, n);
}

static struct xm_sdk_node *node_new(struct rs *rs, enum xm_sdk_kind kind,
		const struct xm_sdk_node *at)
{
	struct xm_sdk_node *n = xm_arena_alloc(rs->arena, sizeof(*n));
	n->kind = kind;
	n->line = at->line;
	n->col = at->col;
	n->end_line = at->end_line;
	n->end_col = at->end_col;
	n->offset = at->offset;
	n->end = at->end;
	return n;
}

static bool is_namespace(const char *name)
{
	return strcmp(name, "XanoScript") == 0 || strcmp(name, "Xano") == 0 ||
		strcmp(name, "xano") == 0 || strcmp(name, "sdk") == 0;
}

/* `input.id`, `auth.id.x`: the dotted text of a member chain rooted at an
 * unbound input/auth/env name, or NULL. */
static bool xs_member_path(const struct xm_sdk_node *n, struct xm_buf *out)
{
	if (n->kind == XM_SDK_NAME) {
		const char *s = n->u.str.text;
		if (strcmp(s, "input") && strcmp(s, "auth") && strcmp(s, "env")) {
			return false;
		}
		xm_buf_addc(out, '$');
		xm_buf_adds(out, s);
		return true;
	}
	if (n->kind != XM_SDK_MEMBER || !xs_member_path(n->u.call.target, out)) {
		return false;
	}
	xm_buf_addc(out, '.');
	xm_buf_adds(out, n->u.call.name);
	return true;
}

static struct xm_sdk_node *resolve_data(struct rs *rs, struct xm_sdk_node *n,
		struct scope *sc);

/* Counts a use of the data bound to b at n; false (reported once) when the
 * expanded values grow past the limits. */
static bool use_binding(struct rs *rs, const struct binding *b, const struct xm_sdk_node *n)
{
	rs->weight += b->weight;
	if (rs->level + b->reach > rs->reach) {
		rs->reach = rs->level + b->reach;
	}
	if (rs->weight <= MAX_WEIGHT && rs->reach <= MAX_REACH) {
		return true;
	}
	if (!rs->too_big) {
		rs->too_big = true;
		if (rs->reach > MAX_REACH) {
			xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, n->end_col,
				"too-deep", "build the value in fewer levels",
				"with `%s`, the value nests more than %d levels deep",
				b->name, MAX_REACH);
		} else {
			xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, n->end_col,
				"too-large", "bind smaller values, or use them fewer times",
				"with `%s`, the values expand to more than %d nodes: each "
				"use of a name repeats its value", b->name, MAX_WEIGHT);
		}
	}
	return false;
}

static struct xm_sdk_node *resolve_name(struct rs *rs, struct xm_sdk_node *n,
		struct scope *sc)
{
	const char *name = n->u.str.text;
	struct binding *b = lookup(sc, name);
	unsigned end = n->col + (unsigned)n->u.str.len;
	if (b) {
		if (b->v.block) {
			xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, end, "not-a-value",
				NULL, "`%s` is a builder, not a value", name);
			return NULL;
		}
		return use_binding(rs, b, n) ? b->v.node : NULL;
	}
	static const struct {
		const char *py, *js;
		enum xm_sdk_kind kind;
		bool value;
	} py[] = {
		{"True", "true", XM_SDK_BOOL, true},
		{"False", "false", XM_SDK_BOOL, false},
		{"None", "null", XM_SDK_NULL, false},
	};
	for (size_t i = 0; i < sizeof(py) / sizeof(py[0]); i++) {
		if (strcmp(name, py[i].py) == 0) {
			char sugg[32];
			snprintf(sugg, sizeof(sugg), "write `%s`", py[i].js);
			xm_sdk_fix_or_error(rs->fixes, rs->diags, n->line, n->col, end,
				"python-literal", sugg, "replaced `%s` with `%s`", py[i].py,
				py[i].js);
			struct xm_sdk_node *v = node_new(rs, py[i].kind, n);
			v->u.boolean = py[i].value;
			return v;
		}
	}
	if (strcmp(name, "now") == 0) {
		struct xm_sdk_node *v = node_new(rs, XM_SDK_XS, n);
		v->u.str.text = "now";
		v->u.str.len = 3;
		return v;
	}
	const char *guess = suggest_binding(sc, name);
	char sugg[160];
	if (guess) {
		snprintf(sugg, sizeof(sugg), "did you mean `%s`?", guess);
	} else {
		snprintf(sugg, sizeof(sugg),
			"XanoScript variables start with `$` (`$%s`); text goes in quotes", name);
	}
	xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, end, "unknown-name", sugg,
		"`%s` is not defined", name);
	return NULL;
}

static struct xm_sdk_node *resolve_data(struct rs *rs, struct xm_sdk_node *n,
		struct scope *sc)
{
	rs->weight++;
	switch (n->kind) {
	case XM_SDK_NAME:
		return resolve_name(rs, n, sc);
	case XM_SDK_MEMBER: {
		struct xm_buf path = XM_BUF_INIT;
		struct xm_sdk_node *out = NULL;
		const struct xm_sdk_node *root = n;
		while (root->kind == XM_SDK_MEMBER) {
			root = root->u.call.target;
		}
		if (root->kind == XM_SDK_NAME && !lookup(sc, root->u.str.text) &&
				xs_member_path(n, &path)) {
			char sugg[200];
			snprintf(sugg, sizeof(sugg), "write `%s`", path.data);
			xm_sdk_fix_or_error(rs->fixes, rs->diags, n->line, n->col, n->end_col,
				"missing-dollar", sugg, "added `$`: `%s`", path.data);
			out = node_new(rs, XM_SDK_XS, n);
			out->u.str.len = path.len;
			out->u.str.text = xm_arena_strndup(rs->arena, path.data, path.len);
		} else {
			xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, n->end_col,
				"unsupported", "write XanoScript variables as strings or bare "
				"`$name.field` expressions", "member access on a plain value "
				"is not part of the SDK");
		}
		xm_buf_finish(&path);
		return out;
	}
	case XM_SDK_OBJECT: {
		struct xm_sdk_prop *props = n->u.object.props;
		bool changed = false, ok = true;
		if (++rs->level > rs->reach) {
			rs->reach = rs->level;
		}
		struct xm_sdk_prop *copy = xm_arena_alloc(rs->arena,
			(n->u.object.n ? n->u.object.n : 1) * sizeof(*copy));
		for (size_t i = 0; i < n->u.object.n; i++) {
			copy[i] = props[i];
			struct xm_sdk_node *v = resolve_data(rs, props[i].value, sc);
			if (!v) {
				ok = false;
				continue;
			}
			changed |= v != props[i].value;
			copy[i].value = v;
		}
		rs->level--;
		if (!ok) {
			return NULL;
		}
		if (!changed) {
			return n;
		}
		struct xm_sdk_node *out = node_new(rs, XM_SDK_OBJECT, n);
		out->u.object.props = copy;
		out->u.object.n = n->u.object.n;
		return out;
	}
	case XM_SDK_ARRAY: {
		bool changed = false, ok = true;
		if (++rs->level > rs->reach) {
			rs->reach = rs->level;
		}
		struct xm_sdk_node **copy = xm_arena_alloc(rs->arena,
			(n->u.array.n ? n->u.array.n : 1) * sizeof(*copy));
		for (size_t i = 0; i < n->u.array.n; i++) {
			copy[i] = resolve_data(rs, n->u.array.items[i], sc);
			if (!copy[i]) {
				ok = false;
				continue;
			}
			changed |= copy[i] != n->u.array.items[i];
		}
		rs->level--;
		if (!ok) {
			return NULL;
		}
		if (!changed) {
			return n;
		}
		struct xm_sdk_node *out = node_new(rs, XM_SDK_ARRAY, n);
		out->u.array.items = copy;
		out->u.array.n = n->u.array.n;
		return out;
	}
	case XM_SDK_ARROW:
		xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, n->col + 1,
			"not-a-value", "arrow functions are the bodies of control flow "
			"methods such as .conditional(cond, b => …)",
			"an arrow function is not a value here");
		return NULL;
	case XM_SDK_CALL:
	case XM_SDK_METHOD:
		xm_diags_add(rs->diags, XM_SEV_ERROR, n->line, n->col, n->col + 1,
			"not-a-value", "bind the result with an alias and use `$alias`",
			"a call is not a value here");
		return NULL;
	default:
		return n;
	}
}

static struct value eval(struct rs *rs, struct xm_sdk_node *n, struct scope *sc);
static void run_stmts(struct rs *rs, struct xm_sdk_stmt *s, struct scope *sc,
		struct value *result, bool *returned, struct value *last);

static struct xm_sdk_block *block_new(struct rs *rs, unsigned ctx, unsigned line,
		unsigned col)
{
	struct xm_sdk_block *b = xm_arena_alloc(rs->arena, sizeof(*b));
	b->ctx = ctx;
	b->line = line;
	b->col = col;
	return b;
}

static void too_deep(struct rs *rs, unsigned line, unsigned col)
{
	xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + 1, "too-deep",
		"move the inner part into a function (createFunction) and "
		"call it with .callFunction()",
		"blocks and loops nest more than %d levels deep", XM_SDK_MAX_BLOCK_DEPTH);
}

/* A block nested in parent. */
static struct xm_sdk_block *child_new(struct rs *rs, unsigned ctx,
		const struct xm_sdk_block *parent, unsigned line, unsigned col)
{
	struct xm_sdk_block *b = block_new(rs, ctx, line, col);
	b->depth = parent->depth + 1;
	if (b->depth == XM_SDK_MAX_BLOCK_DEPTH + 1) {
		too_deep(rs, line, col);
	}
	return b;
}

/* The loop a begin/end loop's end method closes, and the reverse. */
static enum xm_sdk_method_id loop_of_end(enum xm_sdk_method_id end)
{
	return end == XM_SDK_M_END_FOR_EACH ? XM_SDK_M_FOR_EACH :
		end == XM_SDK_M_END_FOR ? XM_SDK_M_FOR : XM_SDK_M_WHILE;
}

static const char *end_of_loop(enum xm_sdk_method_id loop)
{
	return xm_sdk_methods[loop == XM_SDK_M_FOR_EACH ? XM_SDK_M_END_FOR_EACH :
		loop == XM_SDK_M_FOR ? XM_SDK_M_END_FOR : XM_SDK_M_END_WHILE].name;
}

static bool is_loop_end(const struct xm_sdk_method *m)
{
	return m->id == XM_SDK_M_END_FOR_EACH || m->id == XM_SDK_M_END_FOR ||
		m->id == XM_SDK_M_END_WHILE;
}

/* `.forEach(list, 'item')`, `.for(count)`, `.while(cond)`: a loop whose
 * body is the calls chained after it, up to its end method. */
static bool begins_loop(const struct xm_sdk_method *m, const struct xm_sdk_node *n)
{
	size_t k = n->u.call.nargs;
	return (m->id == XM_SDK_M_FOR_EACH || m->id == XM_SDK_M_FOR ||
		m->id == XM_SDK_M_WHILE) && k >= 1 && k < m->max_args &&
		n->u.call.args[k - 1]->kind != XM_SDK_ARROW;
}

/* Where the calls chained on b go: the innermost loop body open on it. */
static struct xm_sdk_block *innermost(struct xm_sdk_block *b)
{
	while (b->open) {
		b = b->open;
	}
	return b;
}

/* Reports each loop body still open on b as never closed (with the end
 * to add, before the method `before` when one is given) and closes it. */
static void unclosed(struct rs *rs, struct xm_sdk_block *b, const char *before)
{
	for (struct xm_sdk_block *o = b->open; o; o = o->open) {
		o->excess = 0;
		const struct xm_sdk_call *c = o->opener;
		const char *name = c->method->name;
		char sugg[96];
		if (before) {
			snprintf(sugg, sizeof(sugg), "add .%s() before .%s()",
				end_of_loop(c->method->id), before);
		} else {
			snprintf(sugg, sizeof(sugg), "add .%s()", end_of_loop(c->method->id));
		}
		xm_diags_add(rs->diags, XM_SEV_ERROR, c->line, c->col,
			c->col + (unsigned)strlen(name), "unclosed-loop", sugg,
			"%s at %u:%u is never closed", name, c->line, c->col);
	}
	b->open = NULL;
}

/*
 * Opens the body of the begin/end loop c, just recorded on b: the body is
 * the block of an arrow function added as c's last argument, so the
 * lowering sees exactly what the arrow form gives it.
 */
static void open_loop(struct rs *rs, struct xm_sdk_block *b, struct xm_sdk_call *c)
{
	if (b->depth >= XM_SDK_MAX_BLOCK_DEPTH) {
		/* Counted, not nested: finding the innermost body stays cheap
		 * however many loops the code opens. */
		if (b->excess++ == 0) {
			too_deep(rs, c->line, c->col);
		}
		return;
	}
	struct xm_sdk_block *body = child_new(rs, XM_SDK_CTX_STACK | XM_SDK_CTX_LOOP, b,
		c->line, c->col);
	body->opener = c;
	struct xm_sdk_node *arrow = node_new(rs, XM_SDK_ARROW, c->node);
	arrow->u.arrow.block = body;
	struct xm_sdk_node **args = xm_arena_alloc(rs->arena, (c->nargs + 1) * sizeof(*args));
	memcpy(args, c->args, c->nargs * sizeof(*args));
	args[c->nargs++] = arrow;
	c->args = args;
	b->open = body;
}

/* `.endForEach()` and the like, called on b (at line:col). */
static void close_loop(struct rs *rs, struct xm_sdk_block *b, const struct xm_sdk_method *m,
		unsigned line, unsigned col)
{
	enum xm_sdk_method_id want = loop_of_end(m->id);
	const char *loop = xm_sdk_methods[want].name;
	unsigned end = col + (unsigned)strlen(m->name);
	char sugg[160];
	struct xm_sdk_block *in = innermost(b);
	if (in->excess) {
		in->excess--;
		return;
	}
	if (!b->open) {
		/* A loop of that kind with an arrow body: the body given twice. */
		const struct xm_sdk_call *both = NULL;
		for (const struct xm_sdk_call *c = b->first; c; c = c->next) {
			if (c->method->id == want &&
					c->args[c->nargs - 1]->kind == XM_SDK_ARROW &&
					!c->args[c->nargs - 1]->u.arrow.block->opener) {
				both = c;
			}
		}
		if (both) {
			snprintf(sugg, sizeof(sugg), "remove .%s(), or drop the arrow function "
				"and chain its statements between .%s(…) and .%s()", m->name,
				loop, m->name);
			xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, end, "duplicate-body",
				sugg, "the %s at %u:%u already has its body as an arrow "
				"function", loop, both->line, both->col);
			return;
		}
		snprintf(sugg, sizeof(sugg), "open the loop with .%s(…) and no body "
			"argument, or remove .%s()", loop, m->name);
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, end, "unopened-loop", sugg,
			"`.%s()` without an open %s before it", m->name, loop);
		return;
	}
	/* The innermost open body of the kind this end closes. */
	struct xm_sdk_block *parent = NULL, *last = b;
	for (struct xm_sdk_block *p = b; p->open; p = p->open) {
		if (p->open->opener->method->id == want) {
			parent = p;
		}
		last = p;
	}
	if (!parent) {
		const struct xm_sdk_call *o = last->open->opener;
		snprintf(sugg, sizeof(sugg), "write .%s() to close the %s",
			end_of_loop(o->method->id), o->method->name);
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, end, "mismatched-end", sugg,
			"`.%s()` cannot close the %s at %u:%u: no %s is open", m->name,
			o->method->name, o->line, o->col, loop);
		last->open = NULL;
		return;
	}
	/* What was opened inside it was never closed. */
	unclosed(rs, parent->open, m->name);
	parent->open = NULL;
}

/* Runs an arrow function's body with its parameter bound to a new block. */
static struct xm_sdk_block *run_arrow(struct rs *rs, struct xm_sdk_node *arrow,
		unsigned ctx, const struct xm_sdk_block *parent, struct scope *sc)
{
	struct xm_sdk_block *b = child_new(rs, ctx, parent, arrow->line, arrow->col);
	arrow->u.arrow.block = b;
	struct scope inner = {.up = sc};
	struct binding param = {0};
	if (arrow->u.arrow.param) {
		param.name = arrow->u.arrow.param;
		param.v.block = b;
		param.v.ok = true;
		inner.first = &param;
	} else if (arrow->u.arrow.expr || arrow->u.arrow.body) {
		xm_diags_add(rs->diags, XM_SEV_ERROR, arrow->line, arrow->col, arrow->col + 2,
			"missing-parameter", "write `b => b.var(…)`: methods are called on the "
			"parameter", "this arrow function has no parameter");
		return b;
	}
	if (arrow->u.arrow.expr) {
		struct value v = eval(rs, arrow->u.arrow.expr, &inner);
		if (v.ok && v.node && v.node->kind != XM_SDK_NULL) {
			xm_diags_add(rs->diags, XM_SEV_ERROR, arrow->u.arrow.expr->line,
				arrow->u.arrow.expr->col, arrow->u.arrow.expr->col + 1,
				"not-a-statement", "call methods on the parameter, "
				"as in `b => b.var('x', 1)`", "this block body is a %s, "
				"not method calls", xm_sdk_kind_name(v.node->kind));
		}
	} else {
		struct value result = none, last = none;
		bool returned = false;
		run_stmts(rs, arrow->u.arrow.body, &inner, &result, &returned, &last);
	}
	unclosed(rs, b, NULL);
	return b;
}

static const struct xm_sdk_method *find_method(struct rs *rs, const char *name,
		unsigned line, unsigned col)
{
	unsigned end = col + (unsigned)strlen(name);
	const struct xm_sdk_method *m = xm_sdk_method_find(name);
	if (m) {
		return m;
	}
	const char *why = "renamed";
	m = xm_sdk_method_find_loose(name);
	if (!m) {
		m = xm_sdk_method_suggest(name);
		why = "corrected";
	}
	if (m) {
		char sugg[96];
		snprintf(sugg, sizeof(sugg), "write `%s`", m->name);
		xm_sdk_fix_or_error(rs->fixes, rs->diags, line, col, end, "unknown-method", sugg,
			"%s `%s` to `%s`", why, name, m->name);
		return m;
	}
	xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, end, "unknown-method",
		"see xano-mcp-sdk(7) for the list of methods",
		"`%s` is not an SDK method", name);
	return NULL;
}

static bool check_args(struct rs *rs, const struct xm_sdk_method *m, size_t nargs,
		unsigned line, unsigned col)
{
	if (nargs >= m->min_args && nargs <= m->max_args) {
		return true;
	}
	char sugg[128];
	snprintf(sugg, sizeof(sugg), "write `%s`", m->signature);
	if (m->min_args == m->max_args) {
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + (unsigned)strlen(m->name),
			"argument-count", sugg, "`%s` takes %u argument%s, not %zu", m->name,
			m->min_args, m->min_args == 1 ? "" : "s", nargs);
	} else {
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + (unsigned)strlen(m->name),
			"argument-count", sugg, "`%s` takes %u to %u arguments, not %zu",
			m->name, m->min_args, m->max_args, nargs);
	}
	return false;
}

/* The kind of block an arrow argument of m builds, given its parent. */
static unsigned child_ctx(const struct xm_sdk_method *m, const struct xm_sdk_block *parent)
{
	unsigned loop = parent->ctx & XM_SDK_CTX_LOOP;
	switch (m->id) {
	case XM_SDK_M_SWITCH:
		return XM_SDK_CTX_SWITCH | loop;
	case XM_SDK_M_FOR_EACH:
	case XM_SDK_M_FOR:
	case XM_SDK_M_WHILE:
		return XM_SDK_CTX_STACK | XM_SDK_CTX_LOOP;
	default:
		return XM_SDK_CTX_STACK | loop;
	}
}

static struct value call_method(struct rs *rs, struct xm_sdk_node *n, struct value target,
		struct scope *sc)
{
	unsigned line = n->u.call.name_line, col = n->u.call.name_col;
	const struct xm_sdk_method *m;
	if (target.member) {
		/* `db.get(...)`: the method's name is the whole path. */
		struct xm_buf full = XM_BUF_INIT;
		xm_buf_addf(&full, "%s.%s", target.member, n->u.call.name);
		m = find_method(rs, full.data, line, col);
		xm_buf_finish(&full);
	} else {
		m = find_method(rs, n->u.call.name, line, col);
	}
	/* The chain goes on with target's block; the call itself goes into
	 * the loop body open on it, if any. */
	struct value out = {.block = target.block, .ok = target.block != NULL};
	if (!m) {
		return out;
	}
	if (m->contexts == 0) {
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + (unsigned)strlen(m->name),
			"misplaced-method", "start a new builder with a separate statement",
			"`%s` starts a builder; it is not a method", m->name);
		return out;
	}
	struct xm_sdk_block *b = innermost(target.block);
	if (b != target.block && !(m->contexts & XM_SDK_CTX_STACK)) {
		/* A clause (.build(), .response()…) inside a loop body: the
		 * loops were left open. */
		unclosed(rs, target.block, m->name);
		b = target.block;
	}
	if (!(m->contexts & b->ctx)) {
		char sugg[160];
		if (m->contexts & XM_SDK_CTX_ROOTS && !(m->contexts & XM_SDK_CTX_STACK)) {
			snprintf(sugg, sizeof(sugg), "`%s` belongs to %s", m->name,
				xm_sdk_ctx_name(m->contexts));
		} else {
			snprintf(sugg, sizeof(sugg), "`%s` is not available there", m->name);
		}
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + (unsigned)strlen(m->name),
			"misplaced-method", sugg, "`%s` cannot be used in %s", m->name,
			xm_sdk_ctx_name(b->ctx));
		return out;
	}
	if ((m->id == XM_SDK_M_BREAK || m->id == XM_SDK_M_CONTINUE) &&
			!(b->ctx & XM_SDK_CTX_LOOP)) {
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + (unsigned)strlen(m->name),
			"misplaced-method", "use it inside forEach, for or while",
			"`%s` outside a loop", m->name);
		return out;
	}
	if (!check_args(rs, m, n->u.call.nargs, line, col)) {
		return out;
	}
	if (is_loop_end(m)) {
		close_loop(rs, target.block, m, line, col);
		return out;
	}
	struct xm_sdk_call *c = xm_arena_alloc(rs->arena, sizeof(*c));
	c->method = m;
	c->node = n;
	c->line = line;
	c->col = col;
	c->nargs = n->u.call.nargs;
	c->args = xm_arena_alloc(rs->arena, (c->nargs ? c->nargs : 1) * sizeof(*c->args));
	bool ok = true;
	for (size_t i = 0; i < c->nargs; i++) {
		struct xm_sdk_node *a = n->u.call.args[i];
		if (a->kind == XM_SDK_ARROW) {
			run_arrow(rs, a, child_ctx(m, b), b, sc);
			c->args[i] = a;
		} else {
			c->args[i] = resolve_data(rs, a, sc);
			ok &= c->args[i] != NULL;
		}
	}
	if (!ok) {
		if (begins_loop(m, n)) {
			/* Keep the body apart all the same, so its end matches. */
			open_loop(rs, b, c);
		}
		return out;
	}
	if (m->id == XM_SDK_M_BUILD) {
		b->built = true;
	} else {
		if (b->last) {
			b->last->next = c;
		} else {
			b->first = c;
		}
		b->last = c;
		b->ncalls++;
		if (begins_loop(m, n)) {
			open_loop(rs, b, c);
		}
	}
	return out;
}

static struct value start_builder(struct rs *rs, struct xm_sdk_node *n, const char *name,
		struct scope *sc)
{
	unsigned line = n->u.call.name_line, col = n->u.call.name_col;
	const struct xm_sdk_method *m = find_method(rs, name, line, col);
	if (!m) {
		return none;
	}
	if (m->contexts != 0) {
		xm_diags_add(rs->diags, XM_SEV_ERROR, line, col, col + (unsigned)strlen(name),
			"misplaced-method", "start with create(path, verb), createFunction(name), "
			"createTask(name), createTable(name) or createApiGroup(name)",
			"`%s` is a method: call it on a builder", m->name);
		return none;
	}
	if (!check_args(rs, m, n->u.call.nargs, line, col)) {
		return none;
	}
	static const unsigned ctx[] = {
		[XM_SDK_M_CREATE] = XM_SDK_CTX_QUERY,
		[XM_SDK_M_CREATE_FUNCTION] = XM_SDK_CTX_FUNCTION,
		[XM_SDK_M_CREATE_TASK] = XM_SDK_CTX_TASK,
		[XM_SDK_M_CREATE_TABLE] = XM_SDK_CTX_TABLE,
		[XM_SDK_M_CREATE_API_GROUP] = XM_SDK_CTX_API_GROUP,
	};
	struct xm_sdk_block *b = block_new(rs, ctx[m->id], n->line, n->col);
	b->builder = m;
	b->nargs = n->u.call.nargs;
	b->args = xm_arena_alloc(rs->arena, (b->nargs ? b->nargs : 1) * sizeof(*b->args));
	for (size_t i = 0; i < b->nargs; i++) {
		b->args[i] = resolve_data(rs, n->u.call.args[i], sc);
		if (!b->args[i]) {
			return none;
		}
	}
	return (struct value){.block = b, .ok = true};
}

/* A link of a chain: a call, or a member (`.db`) of a call's result. */
static bool is_link(const struct xm_sdk_node *n)
{
	return n->kind == XM_SDK_METHOD ||
		(n->kind == XM_SDK_MEMBER && n->u.call.target->kind == XM_SDK_METHOD);
}

/*
 * A chain `a.b().c()…` nests to the left, one node per link: it is
 * evaluated from its start in a loop, since recursing once per link would
 * overflow the stack on the longest chains the size limit lets through.
 */
static struct value eval_chain(struct rs *rs, struct xm_sdk_node *n, struct scope *sc)
{
	size_t k = 0;
	struct xm_sdk_node *base = n;
	for (; is_link(base); base = base->u.call.target) {
		k++;
	}
	/* Most chains are a few dozen links at most. */
	struct xm_sdk_node *few[32];
	struct xm_sdk_node **links = k <= 32 ? few : xm_arena_alloc(rs->arena,
		k * sizeof(*links));
	size_t i = k;
	for (struct xm_sdk_node *x = n; x != base; x = x->u.call.target) {
		links[--i] = x;
	}
	struct value t = eval(rs, base, sc);
	for (i = 0; i < k && t.ok; i++) {
		struct xm_sdk_node *l = links[i];
		if (l->kind == XM_SDK_MEMBER) {
			if (t.block && !t.member) {
				t = (struct value){.block = t.block, .member = l->u.call.name,
					.ok = true};
			} else if (!t.ns) {
				struct xm_sdk_node *d = resolve_data(rs, l, sc);
				t = (struct value){.node = d, .ok = d != NULL};
			}
		} else if (t.ns) {
			t = start_builder(rs, l, l->u.call.name, sc);
		} else if (!t.block) {
			xm_diags_add(rs->diags, XM_SEV_ERROR, l->u.call.name_line,
				l->u.call.name_col, l->u.call.name_col + 1, "not-a-builder",
				"start with create(path, verb) or another builder",
				"`.%s()` is called on a %s, not on a builder", l->u.call.name,
				t.node ? xm_sdk_kind_name(t.node->kind) : "value");
			return none;
		} else {
			t = call_method(rs, l, t, sc);
		}
	}
	return t.ok ? t : none;
}

static struct value eval(struct rs *rs, struct xm_sdk_node *n, struct scope *sc)
{
	switch (n->kind) {
	case XM_SDK_CALL:
		return start_builder(rs, n, n->u.call.name, sc);
	case XM_SDK_METHOD:
		return eval_chain(rs, n, sc);
	case XM_SDK_MEMBER: {
		const struct xm_sdk_node *root = n;
		while (root->kind == XM_SDK_MEMBER) {
			root = root->u.call.target;
		}
		if (root->kind == XM_SDK_NAME && !lookup(sc, root->u.str.text) &&
				!is_namespace(root->u.str.text)) {
			struct xm_sdk_node *d = resolve_data(rs, n, sc);
			return (struct value){.node = d, .ok = d != NULL};
		}
		struct value t = eval(rs, n->u.call.target, sc);
		if (!t.ok) {
			return none;
		}
		if (t.block && !t.member) {
			return (struct value){
				.block = t.block, .member = n->u.call.name, .ok = true,
			};
		}
		if (t.ns) {
			return t;
		}
		struct xm_sdk_node *d = resolve_data(rs, n, sc);
		return (struct value){.node = d, .ok = d != NULL};
	}
	case XM_SDK_NAME: {
		struct binding *b = lookup(sc, n->u.str.text);
		if (b) {
			if (b->v.node && !use_binding(rs, b, n)) {
				return none;
			}
			return b->v;
		}
		if (is_namespace(n->u.str.text)) {
			return (struct value){.ns = true, .ok = true};
		}
		struct xm_sdk_node *d = resolve_name(rs, n, sc);
		return (struct value){.node = d, .ok = d != NULL};
	}
	default: {
		struct xm_sdk_node *d = resolve_data(rs, n, sc);
		return (struct value){.node = d, .ok = d != NULL};
	}
	}
}

static void run_stmts(struct rs *rs, struct xm_sdk_stmt *s, struct scope *sc,
		struct value *result, bool *returned, struct value *last)
{
	for (; s; s = s->next) {
		if (*returned) {
			xm_diags_add(rs->diags, XM_SEV_WARNING, s->line, s->col, s->col + 1,
				"unreachable", "remove it, or move it before the `return`",
				"code after `return` is ignored");
			return;
		}
		/* What the value weighs and how deep it reaches, for its uses. */
		size_t weight = rs->weight;
		unsigned reach = rs->reach;
		rs->reach = 0;
		struct value v = s->value ? eval(rs, s->value, sc) : none;
		weight = rs->weight - weight;
		unsigned own = rs->reach;
		rs->reach = reach > own ? reach : own;
		switch (s->kind) {
		case XM_SDK_STMT_BIND: {
			struct binding *old = NULL;
			for (struct binding *b = sc->first; b; b = b->next) {
				if (strcmp(b->name, s->name) == 0) {
					old = b;
				}
			}
			if (old) {
				xm_diags_add(rs->diags, XM_SEV_ERROR, s->name_line, s->name_col,
					s->name_col + (unsigned)strlen(s->name), "duplicate-name",
					"pick another name", "`%s` is already defined on line %u",
					s->name, old->line);
				break;
			}
			struct binding *b = xm_arena_alloc(rs->arena, sizeof(*b));
			b->name = s->name;
			b->v = v;
			b->line = s->name_line;
			b->col = s->name_col;
			b->weight = weight;
			b->reach = own;
			b->next = sc->first;
			sc->first = b;
			if (!v.ok) {
				/* Keep the name known so later uses do not cascade. */
				b->v.node = xm_arena_alloc(rs->arena, sizeof(*b->v.node));
				b->v.node->kind = XM_SDK_NULL;
				b->v.ok = true;
			}
			break;
		}
		case XM_SDK_STMT_EXPR:
			if (v.ok) {
				*last = v;
			}
			break;
		case XM_SDK_STMT_RETURN:
			*result = v;
			*returned = true;
			break;
		}
	}
}

struct xm_sdk_block *xm_sdk_resolve(const struct xm_sdk_program *prog,
		struct xm_arena *arena, struct xm_sdk_fixes *fixes, struct xm_diags *diags)
{
	struct rs rs = {.arena = arena, .fixes = fixes, .diags = diags};
	struct scope top = {0};
	struct value result = none, last = none;
	bool returned = false;
	/* Errors other than refused repairs (repairs off), which leave the
	 * code as sound as applied ones. */
	size_t errors = diags->errors - fixes->refused;
	run_stmts(&rs, prog->first, &top, &result, &returned, &last);

	struct value v = returned ? result : last;
	if (!v.block || v.block->builder == NULL) {
		/* No usable final value: a single bound builder is the answer. */
		struct binding *only = NULL;
		size_t n = 0;
		for (struct binding *b = top.first; b; b = b->next) {
			if (b->v.block && b->v.block->builder) {
				only = b;
				n++;
			}
		}
		if (n == 1 && !returned) {
			char sugg[160];
			snprintf(sugg, sizeof(sugg), "end with `return %s.build()`", only->name);
			xm_sdk_fix_or_error(fixes, diags, only->line, only->col,
				only->col + (unsigned)strlen(only->name), "missing-return", sugg,
				"added `return %s.build()`", only->name);
			v = only->v;
			v.block->built = true;
		} else {
			if (diags->errors - fixes->refused == errors) {
				xm_diags_add(diags, XM_SEV_ERROR, 1, 1, 1, "no-builder",
					"start with create(path, verb), createFunction(name), "
					"createTask(name), createTable(name) or "
					"createApiGroup(name) "
					"and end with `return x.build()`",
					n > 1 ?
					"the code defines several builders and returns none" :
					"the code does not return a builder");
			}
			return NULL;
		}
	}
	unclosed(&rs, v.block, NULL);
	if (!v.block->built) {
		xm_sdk_fix_or_error(fixes, diags, v.block->line, v.block->col, v.block->col + 1,
			"missing-build", "end the chain with `.build()`", "added `.build()`");
		v.block->built = true;
	}
	return v.block;
}
