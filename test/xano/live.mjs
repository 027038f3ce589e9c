// Live routes of deployed endpoints: /api:<canonical>[:<branch>]/<name>
// (xano-meta-api.md §5), so that a deploy can be verified by calling what
// it made. The fake does not run XanoScript: a call that finds its endpoint
// answers 200 with the endpoint it matched, the path parameters and the
// input, and is written to the workspace's request history; any other call
// gets Xano's 404 "Unable to locate request.".

import { XanoError, liveBranch } from './store.mjs';

const notFound = () => new XanoError(404, 'ERROR_CODE_NOT_FOUND', 'Unable to locate request.');

// params of path against an endpoint name with {parameters}, or null.
function matchName(name, segments) {
	const parts = name.split('/');
	if (parts.length !== segments.length) {
		return null;
	}
	const params = {};
	for (let i = 0; i < parts.length; i++) {
		const m = /^\{([^}]+)\}$/.exec(parts[i]);
		if (m) {
			params[m[1]] = segments[i];
		} else if (parts[i] !== segments[i]) {
			return null;
		}
	}
	return params;
}

function findEndpoint(state, canonical, label, method, segments) {
	for (const ws of state.workspaces) {
		const name = label ?? liveBranch(ws).label;
		const data = Object.hasOwn(ws.data, name) ? ws.data[name] : null;
		const group = data && data.apigroup.find((g) => g.canonical === canonical);
		if (!group) {
			continue;
		}
		// posts/featured before posts/{id}: the fewest parameters wins.
		let best = null;
		for (const api of data.api) {
			const params = api.apigroup_id === group.id && api.verb === method &&
				matchName(api.name, segments);
			const count = params && Object.keys(params).length;
			if (params && (!best || count < Object.keys(best.params).length)) {
				best = { api, params };
			}
		}
		if (best) {
			return { ws, branch: ws.branches.find((b) => b.label === name), group, ...best };
		}
	}
	return null;
}

// The answer to a live call, {status, body}; throws the 404 XanoError.
// path is the URL's path, query its parameters, body the raw request body.
export function liveCall(state, origin, method, path, query, body) {
	const m = /^\/api:([A-Za-z0-9_-]+)(?::([^/]+))?\/(.*)$/.exec(path);
	if (!m) {
		throw notFound();
	}
	let segments;
	try {
		segments = m[3].split('/').map(decodeURIComponent);
	} catch {
		throw notFound();
	}
	const label = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
	const found = findEndpoint(state, m[1], label, method, segments);
	if (!found) {
		throw notFound();
	}
	let input = { ...query };
	if (method !== 'GET' && body.length > 0) {
		try {
			const parsed = JSON.parse(body.toString('utf8'));
			input = typeof parsed === 'object' && parsed !== null ? parsed : {};
		} catch {
			throw new XanoError(400, 'ERROR_CODE_INPUT_ERROR', 'Invalid JSON body.');
		}
	}
	const { ws, branch, group, api, params } = found;
	const answer = {
		endpoint: { id: api.id, name: api.name, verb: api.verb, apigroup_id: group.id,
			branch: branch.label },
		params,
		input,
	};
	const output = JSON.stringify(answer);
	ws.history.push({
		id: Math.max(0, ...ws.history.map((h) => h.id)) + 1,
		created_at: Date.now(),
		duration: 0.001,
		status: 200,
		verb: method,
		uri: `${origin}${path}`,
		input,
		output: answer,
		request_headers: [],
		response_headers: ['content-type: application/json; charset=utf-8'],
		workspace_id: ws.id,
		branch_id: branch.id ?? 0,
		api_id: group.id,
		query_id: api.id,
		input_size: JSON.stringify(input).length,
		output_size: output.length,
	});
	return { status: 200, body: answer };
}
