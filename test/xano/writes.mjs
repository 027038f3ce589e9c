// The fake Xano's write routes: create, update and delete API groups, APIs,
// functions, tasks and tables from Body XS (`Content-Type:
// text/x-xanoscript`, xano-meta-api.md §4.4-4.7). API groups also take the
// documented JSON form {name, description, swagger, canonical?}.
//
// Rules (§7): a duplicate name (name and verb for an API, in its group) is a
// 400 input error; a canonical is unique per instance; PUT with
// publish=false keeps a draft that GET shows with include_draft=true;
// DELETE answers {}; deleting a group deletes its APIs.

import { inputError, findRecord, randomCanonical } from './store.mjs';
import { parseXs } from './xs.mjs';

const XS_TYPE = 'text/x-xanoscript';

const CONSTRUCT_OF = {
	apigroup: 'api_group',
	api: 'query',
	function: 'function',
	task: 'task',
	table: 'table',
};

// The Body XS of a request, parsed, of the construct the route expects.
function bodyXs(ctx, kind) {
	if (ctx.contentType !== XS_TYPE) {
		throw inputError(`Expected a XanoScript body (Content-Type: ${XS_TYPE}).`, 'body');
	}
	const text = ctx.body.toString('utf8');
	const xs = parseXs(text);
	if (xs.kind !== CONSTRUCT_OF[kind]) {
		throw inputError(`Expected ${CONSTRUCT_OF[kind]}, found ${xs.kind}.`, 'body');
	}
	return { ...xs, text };
}

// The group fields of a JSON body (the older form of POST/PUT apigroup).
function bodyGroupJson(ctx) {
	let value;
	try {
		value = JSON.parse(ctx.body.toString('utf8'));
	} catch {
		throw inputError('Invalid JSON body.', 'body');
	}
	if (typeof value !== 'object' || value === null || typeof value.name !== 'string' ||
			value.name === '') {
		throw inputError('Missing param: name', 'name');
	}
	return {
		name: value.name,
		text: null,
		props: {
			description: typeof value.description === 'string' ? value.description : undefined,
			canonical: typeof value.canonical === 'string' ? value.canonical : undefined,
		},
	};
}

function groupBody(ctx) {
	return ctx.contentType === 'application/json' ? bodyGroupJson(ctx) : bodyXs(ctx, 'apigroup');
}

function checkUnique(list, rec, kind, fields) {
	const clash = list.find((o) => o.id !== rec.id && o.name === fields.name &&
		(kind !== 'api' || (o.apigroup_id === rec.apigroup_id && o.verb === fields.verb)));
	if (clash) {
		const what = kind === 'api' ? `${fields.verb} ${fields.name}` : fields.name;
		throw inputError(`Duplicate record detected: ${what} already exists (id ${clash.id}).`,
			'name');
	}
}

// A canonical routes across the whole instance, so no other group of any
// workspace may have it; the same group on other branches may.
function checkCanonical(state, ws, groupId, canonical) {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(canonical)) {
		throw inputError('Invalid canonical: letters, digits, - and _ only.', 'canonical');
	}
	for (const w of state.workspaces) {
		for (const data of Object.values(w.data)) {
			if (data.apigroup.some((g) => g.canonical === canonical &&
					!(w === ws && g.id === groupId))) {
				throw inputError(`The canonical "${canonical}" is already in use.`, 'canonical');
			}
		}
	}
}

// `auth = true` in a table's script makes it an authentication table.
function tableAuth(text) {
	return /^\s*auth\s*=\s*true\b/m.test(text);
}

function stampNow(rec) {
	rec.updated_at = Date.now();
}

export function writeRoutes({ scope, idParam, presentOpts, ok, boolParam, present }) {
	// POST: a new record of kind in the branch.
	const create = (kind) => (ctx) => {
		const { ws, label, data, group } = scope(ctx, kind);
		const xs = kind === 'apigroup' ? groupBody(ctx) : bodyXs(ctx, kind);
		const now = Date.now();
		const rec = {
			id: ws.next_id[kind],
			name: xs.name,
			description: xs.props.description ?? '',
			docs: '',
			tag: [],
			xanoscript: xs.text,
			xanoscript_error: null,
			draft: null,
			guid: `${randomCanonical()}-${randomCanonical()}${randomCanonical()}-0`,
			created_at: now,
			updated_at: now,
		};
		if (kind === 'api') {
			rec.apigroup_id = group.id;
			rec.verb = xs.verb;
		}
		if (kind === 'apigroup') {
			rec.canonical = xs.props.canonical ?? randomCanonical();
			checkCanonical(ctx.state, ws, rec.id, rec.canonical);
			rec.swagger = true;
		}
		if (kind === 'task') {
			rec.active = true;
		}
		if (kind === 'table') {
			rec.auth = tableAuth(xs.text);
		}
		checkUnique(data[kind], rec, kind, rec);
		ws.next_id[kind]++;
		data[kind].push(rec);
		return ok(present(kind, rec, presentOpts(ctx, label)));
	};

	// PUT: replaces the record's script; publish=false keeps it as a draft.
	const update = (kind) => (ctx) => {
		const { ws, label, data, list } = scope(ctx, kind);
		const rec = findRecord(list, kind, idParam(ctx.params, kind === 'apigroup' ? 'ag' : 'id'));
		const xs = kind === 'apigroup' ? groupBody(ctx) : bodyXs(ctx, kind);
		const fields = {
			name: xs.name,
			verb: xs.verb,
			description: xs.props.description ?? (xs.text === null ? rec.description : ''),
		};
		checkUnique(data[kind], rec, kind, fields);
		const drafts = kind === 'api' || kind === 'function' || kind === 'task';
		const publish = boolParam(ctx.query, 'publish', true);
		const opts = presentOpts(ctx, label);
		if (drafts && !publish) {
			rec.draft = { ...fields, xanoscript: xs.text, updated_at: Date.now() };
			if (kind !== 'api') {
				delete rec.draft.verb;
			}
			return ok(present(kind, rec, { ...opts, include_draft: true }));
		}
		if (kind === 'apigroup') {
			const canonical = xs.props.canonical ?? rec.canonical;
			checkCanonical(ctx.state, ws, rec.id, canonical);
			rec.canonical = canonical;
		}
		rec.name = fields.name;
		rec.description = fields.description;
		if (kind === 'api') {
			rec.verb = fields.verb;
		}
		if (kind === 'table') {
			rec.auth = tableAuth(xs.text);
		}
		if (xs.text !== null) {
			rec.xanoscript = xs.text;
			rec.xanoscript_error = null;
		} else {
			rec.xanoscript = null; // a group changed by JSON: its script is made from its fields
		}
		rec.draft = null;
		stampNow(rec);
		return ok(present(kind, rec, opts));
	};

	const remove = (kind) => (ctx) => {
		const { data, list } = scope(ctx, kind);
		const rec = findRecord(list, kind, idParam(ctx.params, kind === 'apigroup' ? 'ag' : 'id'));
		data[kind] = data[kind].filter((o) => o !== rec);
		if (kind === 'apigroup') {
			data.api = data.api.filter((a) => a.apigroup_id !== rec.id);
		}
		return ok({});
	};

	const routes = [
		['POST', '/workspace/:ws/apigroup', create('apigroup')],
		['PUT', '/workspace/:ws/apigroup/:ag', update('apigroup')],
		['DELETE', '/workspace/:ws/apigroup/:ag', remove('apigroup')],
		['POST', '/workspace/:ws/apigroup/:ag/api', create('api')],
		['PUT', '/workspace/:ws/apigroup/:ag/api/:id', update('api')],
		['DELETE', '/workspace/:ws/apigroup/:ag/api/:id', remove('api')],
	];
	for (const kind of ['function', 'task', 'table']) {
		routes.push(
			['POST', `/workspace/:ws/${kind}`, create(kind)],
			['PUT', `/workspace/:ws/${kind}/:id`, update(kind)],
			['DELETE', `/workspace/:ws/${kind}/:id`, remove(kind)],
		);
	}
	return routes;
}
