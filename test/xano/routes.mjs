// The fake Xano's Meta API routes (xano-meta-api.md §4): a table of
// [method, pattern, handler]. A handler gets a context
//   {state, origin, params, query, body, contentType}
// and returns {status, body} (body: a value sent as JSON) or throws a
// XanoError.

import {
	XanoError, notFound, inputError, findWorkspace, branchData, findRecord,
	present, presentWorkspace, presentBranch, xanoTime,
} from './store.mjs';
import { writeRoutes } from './writes.mjs';

// --- query parameters --------------------------------------------------------

export function boolParam(query, name, fallback) {
	const v = query[name];
	if (v === undefined || v === '') {
		return fallback;
	}
	if (v === 'true' || v === '1') {
		return true;
	}
	if (v === 'false' || v === '0') {
		return false;
	}
	throw inputError(`Invalid value for param: ${name}`, name);
}

function intParam(query, name, fallback, min, max) {
	const v = query[name];
	if (v === undefined || v === '') {
		return fallback;
	}
	if (!/^[0-9]{1,9}$/.test(v) || Number(v) < min || Number(v) > max) {
		throw inputError(`Invalid value for param: ${name}`, name);
	}
	return Number(v);
}

function enumParam(query, name, fallback, allowed) {
	const v = query[name];
	if (v === undefined || v === '') {
		return fallback;
	}
	if (!allowed.includes(v)) {
		throw inputError(`Invalid value for param: ${name}`, name);
	}
	return v;
}

// The envelope lists (§3.3): {curPage, nextPage, prevPage, items}, no total.
// search filters by name; sort/order as documented, ties broken by id.
export function pageOf(records, query, toJson, maxPerPage = 10000) {
	const page = intParam(query, 'page', 1, 1, 1e9);
	const perPage = intParam(query, 'per_page', 50, 1, maxPerPage);
	const sort = enumParam(query, 'sort', 'created_at', ['created_at', 'updated_at', 'name']);
	const order = enumParam(query, 'order', 'desc', ['asc', 'desc']);
	const search = (query.search ?? '').toLowerCase();
	let list = records.filter((r) => !search || String(r.name).toLowerCase().includes(search));
	const sign = order === 'asc' ? 1 : -1;
	list.sort((a, b) => {
		const x = a[sort], y = b[sort];
		const c = x < y ? -1 : x > y ? 1 : a.id - b.id;
		return sign * c;
	});
	const start = (page - 1) * perPage;
	const items = list.slice(start, start + perPage).map(toJson);
	return {
		curPage: page,
		nextPage: start + perPage < list.length ? page + 1 : null,
		prevPage: page > 1 ? page - 1 : null,
		items,
	};
}

// --- path parameters ---------------------------------------------------------

const ID_PARAMS = { ws: 'workspace_id', ag: 'apigroup_id', id: 'id' };

function idParam(params, key) {
	const v = params[key];
	if (!/^[0-9]{1,15}$/.test(v)) {
		throw inputError(`Invalid value for param: ${ID_PARAMS[key]}`, ID_PARAMS[key]);
	}
	return Number(v);
}

// --- handlers ----------------------------------------------------------------

const ok = (body) => ({ status: 200, body });

function presentOpts(ctx, label) {
	return {
		origin: ctx.origin,
		branch: label,
		include_xanoscript: boolParam(ctx.query, 'include_xanoscript', false),
		include_draft: boolParam(ctx.query, 'include_draft', false),
	};
}

function instanceJson(inst, origin) {
	const host = new URL(origin).host;
	return {
		id: inst.id,
		name: inst.name,
		display: inst.display,
		xano_domain: host,
		custom_domain: inst.custom_domain ?? null,
		rate_limit: inst.rate_limit ?? false,
		meta_api: `${origin}/api:meta`,
		meta_swagger: `${origin}/apispec:meta?type=json`,
	};
}

function me(ctx) {
	const u = ctx.state.user;
	return ok({
		id: u.id,
		name: u.name,
		email: u.email,
		extras: {
			instance: {
				membership: {
					role: 'admin',
					workspaces: ctx.state.workspaces.map((w) => ({ id: w.id, access: 'all' })),
				},
			},
		},
	});
}

// Objects of one kind in a workspace branch, with the group's apis for 'api'.
function scope(ctx, kind) {
	const ws = findWorkspace(ctx.state, idParam(ctx.params, 'ws'));
	const { label, data } = branchData(ws, ctx.query.branch);
	let list = data[kind];
	let group = null;
	if (ctx.params.ag !== undefined) {
		group = findRecord(data.apigroup, 'apigroup', idParam(ctx.params, 'ag'));
		if (kind === 'api') {
			list = list.filter((a) => a.apigroup_id === group.id);
		}
	}
	return { ws, label, data, list, group };
}

function listKind(kind) {
	return (ctx) => {
		const { label, list } = scope(ctx, kind);
		const opts = presentOpts(ctx, label);
		return ok(pageOf(list, ctx.query, (r) => present(kind, r, opts)));
	};
}

function getKind(kind) {
	return (ctx) => {
		const { label, list } = scope(ctx, kind);
		const key = kind === 'apigroup' ? 'ag' : 'id';
		const rec = findRecord(list, kind, idParam(ctx.params, key));
		return ok(present(kind, rec, presentOpts(ctx, label)));
	};
}

function requestHistory(ctx) {
	const ws = findWorkspace(ctx.state, idParam(ctx.params, 'ws'));
	const { label } = branchData(ws, ctx.query.branch);
	const branch = ws.branches.find((b) => b.label === label);
	const groupId = intParam(ctx.query, 'apigroup_id', null, 0, 1e15);
	const queryId = intParam(ctx.query, 'query_id', null, 0, 1e15);
	const withOutput = boolParam(ctx.query, 'include_output', false);
	const rows = ws.history.filter((h) => h.branch_id === (branch.id ?? 0) &&
		(groupId === null || h.api_id === groupId) &&
		(queryId === null || h.query_id === queryId));
	const envelope = pageOf(rows, { ...ctx.query, sort: 'created_at', order: 'desc', search: '' },
		(h) => {
			const out = { ...h };
			if (!withOutput) {
				delete out.output;
			}
			return out;
		}, 500);
	return ok(envelope);
}

const readRoutes = [
	['GET', '/auth/me', me],
	['GET', '/instance', (ctx) => ok(ctx.state.instances.map((i) => instanceJson(i, ctx.origin)))],
	['GET', '/instance/:name', (ctx) => {
		const inst = ctx.state.instances.find((i) => i.name === ctx.params.name);
		if (!inst) {
			throw notFound('Unable to locate instance.');
		}
		return ok(instanceJson(inst, ctx.origin));
	}],
	['GET', '/workspace', (ctx) =>
		ok(ctx.state.workspaces.map((w) => presentWorkspace(w, false)))],
	['GET', '/workspace/:ws', (ctx) =>
		ok(presentWorkspace(findWorkspace(ctx.state, idParam(ctx.params, 'ws')), true))],
	['GET', '/workspace/:ws/branch', (ctx) =>
		ok(findWorkspace(ctx.state, idParam(ctx.params, 'ws')).branches.map(presentBranch))],
	['GET', '/workspace/:ws/apigroup', listKind('apigroup')],
	['GET', '/workspace/:ws/apigroup/:ag', getKind('apigroup')],
	['GET', '/workspace/:ws/apigroup/:ag/api', listKind('api')],
	['GET', '/workspace/:ws/apigroup/:ag/api/:id', getKind('api')],
	['GET', '/workspace/:ws/function', listKind('function')],
	['GET', '/workspace/:ws/function/:id', getKind('function')],
	['GET', '/workspace/:ws/task', listKind('task')],
	['GET', '/workspace/:ws/task/:id', getKind('task')],
	['GET', '/workspace/:ws/table', listKind('table')],
	['GET', '/workspace/:ws/table/:id', getKind('table')],
	['GET', '/workspace/:ws/request_history', requestHistory],
];

const writes = writeRoutes({ scope, idParam, presentOpts, ok, boolParam, present });
const routes = [...readRoutes, ...writes]
	.map(([method, pattern, handler]) => ({
		method,
		parts: pattern.split('/').slice(1),
		handler,
	}));

// The route for a path under /api:meta: {handler, params}, or null. A known
// path with another method is as unknown as any other (Xano routes by verb
// and path together).
export function route(method, path) {
	const parts = path.split('/').slice(1);
	for (const r of routes) {
		if (r.method !== method || r.parts.length !== parts.length) {
			continue;
		}
		const params = {};
		let match = true;
		for (let i = 0; i < parts.length && match; i++) {
			if (r.parts[i].startsWith(':')) {
				try {
					params[r.parts[i].slice(1)] = decodeURIComponent(parts[i]);
				} catch {
					match = false;
				}
				match = match && parts[i] !== '';
			} else {
				match = r.parts[i] === parts[i];
			}
		}
		if (match) {
			return { handler: r.handler, params };
		}
	}
	return null;
}

export { XanoError, xanoTime };
