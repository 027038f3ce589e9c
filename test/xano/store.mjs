// The fake Xano's data: an instance built from a seed file, and the shapes
// the Metadata API gives its objects (xano-meta-api.md §4).
//
// A workspace holds one copy of its objects per branch, under the branch
// label; a branch cloned from another starts with the same ids (the API
// addresses an object by id and picks the version with ?branch=). Records
// keep the XanoScript text they were made from; the JSON shapes are built
// when answering.

import { createHash, randomBytes } from 'node:crypto';

export const KINDS = ['apigroup', 'api', 'function', 'task', 'table'];

// A Meta API error: the body is {code, message[, payload]}.
export class XanoError extends Error {
	constructor(status, code, message, payload) {
		super(message);
		this.status = status;
		this.code = code;
		this.payload = payload;
	}

	body() {
		const body = { code: this.code, message: this.message };
		if (this.payload !== undefined) {
			body.payload = this.payload;
		}
		return body;
	}
}

export const notFound = (message) => new XanoError(404, 'ERROR_CODE_NOT_FOUND', message);
export const inputError = (message, param) =>
	new XanoError(400, 'ERROR_CODE_INPUT_ERROR', message, param ? { param } : undefined);

// "YYYY-MM-DD HH:MM:SS+0000", the Meta API's timestamp form.
export function xanoTime(ms) {
	return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+0000');
}

export function parseXanoTime(text, what) {
	const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\+0000$/.exec(text);
	const ms = m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
	if (Number.isNaN(ms)) {
		throw new Error(`${what}: not a "YYYY-MM-DD HH:MM:SS+0000" timestamp: ${text}`);
	}
	return ms;
}

// Stable guids for seeded objects, shaped like Xano's ("YE1fwVhQ-enRlc6Sb42Gqru58-0").
function guidFor(seed) {
	const h = createHash('sha256').update(seed).digest('base64url');
	return `${h.slice(0, 8)}-${h.slice(8, 25)}-0`;
}

// Xano's default canonical: 8 random letters and digits.
export function randomCanonical() {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

function fill(template, n) {
	return template.replaceAll('{n}', String(n));
}

// Builds the instance from a parsed seed (see seed.json and README.md).
// Throws an Error naming the bad part of the seed.
export function buildState(seed) {
	const epoch = parseXanoTime(seed.epoch ?? '2026-01-05 09:00:00+0000', 'epoch');
	let tick = 0;
	// Seeded objects are created 37 minutes apart, in seed order, unless
	// they say when.
	const stamp = (obj, what) => {
		tick++;
		const created = obj.created_at ? parseXanoTime(obj.created_at, what) :
			epoch + tick * 37 * 60000;
		const updated = obj.updated_at ? parseXanoTime(obj.updated_at, what) : created;
		return { created_at: created, updated_at: updated };
	};

	const state = {
		user: seed.user ?? { id: 1, name: 'Fake User', email: 'fake@example.com' },
		instances: seed.instances ?? [],
		read_only_tokens: seed.read_only_tokens ?? [],
		workspaces: [],
	};
	for (const wsSeed of seed.workspaces ?? []) {
		const where = `workspace ${wsSeed.id}`;
		if (!Number.isInteger(wsSeed.id)) {
			throw new Error(`${where}: id must be an integer`);
		}
		const ws = {
			id: wsSeed.id,
			name: wsSeed.name,
			description: wsSeed.description ?? '',
			...stamp(wsSeed, where),
			branches: [],
			data: {},
			next_id: {},
			history: [],
		};
		const objects = { apigroup: [], api: [], function: [], task: [], table: [] };
		for (const g of wsSeed.apigroups ?? []) {
			const group = {
				id: g.id,
				name: g.name,
				description: g.description ?? '',
				docs: g.docs ?? '',
				canonical: g.canonical ?? randomCanonical(),
				swagger: g.swagger ?? true,
				tag: g.tag ?? [],
				xanoscript: g.xanoscript ?? null,
				guid: guidFor(`${ws.id}/apigroup/${g.id}`),
				...stamp(g, `${where} apigroup ${g.id}`),
			};
			objects.apigroup.push(group);
			const apis = [...(g.apis ?? [])];
			if (g.generate) {
				const gen = g.generate;
				for (let i = 0; i < gen.count; i++) {
					const n = gen.first_number + i;
					apis.push({
						id: gen.first_id + i,
						name: fill(gen.name, n),
						verb: gen.verb,
						description: fill(gen.description ?? '', n),
						xanoscript: fill(gen.xanoscript, n),
					});
				}
			}
			for (const a of apis) {
				objects.api.push({
					id: a.id,
					apigroup_id: group.id,
					name: a.name,
					verb: a.verb,
					description: a.description ?? '',
					docs: a.docs ?? '',
					tag: a.tag ?? [],
					xanoscript: a.xanoscript ?? null,
					xanoscript_error: a.xanoscript_error ?? null,
					draft: null,
					guid: guidFor(`${ws.id}/api/${a.id}`),
					...stamp(a, `${where} api ${a.id}`),
				});
			}
		}
		for (const kind of ['function', 'task', 'table']) {
			for (const o of wsSeed[kind + 's'] ?? []) {
				const rec = {
					id: o.id,
					name: o.name,
					description: o.description ?? '',
					docs: o.docs ?? '',
					tag: o.tag ?? [],
					xanoscript: o.xanoscript ?? null,
					xanoscript_error: o.xanoscript_error ?? null,
					draft: null,
					guid: guidFor(`${ws.id}/${kind}/${o.id}`),
					...stamp(o, `${where} ${kind} ${o.id}`),
				};
				if (kind === 'task') {
					rec.active = o.active ?? true;
				}
				if (kind === 'table') {
					rec.auth = o.auth ?? false;
				}
				objects[kind].push(rec);
			}
		}
		for (const kind of KINDS) {
			const ids = objects[kind].map((o) => o.id);
			if (ids.some((id) => !Number.isInteger(id)) || new Set(ids).size !== ids.length) {
				throw new Error(`${where}: ${kind} ids must be distinct integers`);
			}
			ws.next_id[kind] = Math.max(0, ...ids) + 1;
		}

		const branches = wsSeed.branches ?? [{ label: 'v1', live: true }];
		if (branches.filter((b) => b.live).length !== 1) {
			throw new Error(`${where}: exactly one branch must be live`);
		}
		for (const b of branches) {
			const branch = {
				id: b.id,
				label: b.label,
				description: b.description ?? '',
				color: b.color ?? '#8f44ff',
				live: Boolean(b.live),
				backup: Boolean(b.backup),
				...stamp(b, `${where} branch ${b.label}`),
			};
			ws.branches.push(branch);
			// The first branch gets the seeded objects; the others copy
			// the branch they name (or the first) and add their extras.
			const source = b.clone_of ?? branches[0].label;
			const base = b === branches[0] ? objects : ws.data[source];
			if (!base) {
				throw new Error(`${where}: branch ${b.label} clones unknown branch ${source}`);
			}
			ws.data[b.label] = structuredClone(base);
			for (const extra of b.extra_apis ?? []) {
				ws.data[b.label].api.push({
					apigroup_id: extra.apigroup_id,
					id: extra.id,
					name: extra.name,
					verb: extra.verb,
					description: extra.description ?? '',
					docs: '',
					tag: [],
					xanoscript: extra.xanoscript,
					xanoscript_error: null,
					draft: null,
					guid: guidFor(`${ws.id}/api/${extra.id}`),
					...stamp(extra, `${where} branch ${b.label} api ${extra.id}`),
				});
				ws.next_id.api = Math.max(ws.next_id.api, extra.id + 1);
			}
		}
		ws.history = makeHistory(ws, wsSeed.history ?? {}, epoch);
		state.workspaces.push(ws);
	}
	return state;
}

// Request history: one call per seeded api of the live branch, round robin,
// a few minutes apart, newest first when listed.
function makeHistory(ws, rule, epoch) {
	const count = rule.count ?? 0;
	const live = liveBranch(ws);
	const apis = ws.data[live.label].api;
	const items = [];
	const statuses = [200, 200, 200, 200, 400, 200, 401, 200, 404, 500];
	for (let i = 0; i < count && apis.length > 0; i++) {
		const api = apis[(i * 7) % apis.length];
		const group = ws.data[live.label].apigroup.find((g) => g.id === api.apigroup_id);
		const status = statuses[i % statuses.length];
		const name = api.name.replace(/\{[^}]*\}/g, String(100 + i));
		items.push({
			id: (rule.first_id ?? 1) + i,
			created_at: epoch + 86400000 * 30 + i * 180000,
			duration: Number((0.008 + (i % 13) * 0.0037).toFixed(4)),
			status,
			verb: api.verb,
			uri: `https://x8ki-letl-twmt.n7.xano.io/api:${group.canonical}/${name}`,
			input: api.verb === 'GET' ? {} : { note: `call ${i}` },
			output: status === 200 ? { ok: true } : { code: 'ERROR_FATAL', message: 'Failed.' },
			request_headers: ['accept: application/json', 'user-agent: fake-client/1.0'],
			response_headers: ['content-type: application/json; charset=utf-8'],
			workspace_id: ws.id,
			branch_id: live.id ?? 0,
			api_id: api.apigroup_id,
			query_id: api.id,
			input_size: api.verb === 'GET' ? 2 : 20,
			output_size: status === 200 ? 11 : 51,
		});
	}
	return items;
}

export function liveBranch(ws) {
	return ws.branches.find((b) => b.live);
}

export function findWorkspace(state, id) {
	const ws = state.workspaces.find((w) => w.id === id);
	if (!ws) {
		throw notFound('Unable to locate workspace.');
	}
	return ws;
}

// The objects of one branch (""/absent = the live branch).
export function branchData(ws, label) {
	const name = label ? label : liveBranch(ws).label;
	const data = Object.hasOwn(ws.data, name) ? ws.data[name] : null;
	if (!data) {
		throw inputError(`Unable to locate branch: ${name}`, 'branch');
	}
	return { label: name, data };
}

const KIND_NAMES = {
	apigroup: 'API group',
	api: 'API',
	function: 'function',
	task: 'task',
	table: 'table',
};

export function findRecord(list, kind, id) {
	const rec = list.find((o) => o.id === id);
	if (!rec) {
		throw notFound(`Unable to locate ${KIND_NAMES[kind]}.`);
	}
	return rec;
}

// {status, value} or {status, message}: how Xano reports an object's script.
function xanoscriptField(text, error) {
	if (error) {
		return { status: 'error', message: error };
	}
	return { status: 'ok', value: text };
}

function groupScript(g) {
	if (g.xanoscript) {
		return g.xanoscript;
	}
	const lines = [
		`api_group ${JSON.stringify(g.name)} {`,
		`  canonical = ${JSON.stringify(g.canonical)}`,
	];
	if (g.description) {
		lines.push(`  description = ${JSON.stringify(g.description)}`);
	}
	lines.push('}');
	return lines.join('\n');
}

// The JSON of one record as the Meta API shows it. opts: {origin, branch,
// include_xanoscript, include_draft}.
export function present(kind, rec, opts) {
	const useDraft = opts.include_draft && rec.draft;
	const src = useDraft ? { ...rec, ...rec.draft } : rec;
	const out = {
		id: rec.id,
		created_at: xanoTime(rec.created_at),
		updated_at: xanoTime(src.updated_at),
		name: src.name,
		description: src.description,
		docs: rec.docs,
		guid: rec.guid,
	};
	switch (kind) {
	case 'apigroup':
		out.canonical = rec.canonical;
		out.branch = opts.branch;
		out.swagger = rec.swagger;
		out.documentation = {
			link: `${opts.origin}/apispec:${rec.canonical}?type=json`,
		};
		break;
	case 'api':
		out.verb = src.verb;
		out.cache = {
			active: false, ttl: 3600, input: true, auth: true, datasource: true,
			ip: false, headers: [], env: [],
		};
		break;
	case 'task':
		out.active = rec.active;
		break;
	case 'table':
		out.auth = rec.auth;
		break;
	}
	out.tag = rec.tag;
	if (opts.include_xanoscript) {
		out.xanoscript = kind === 'apigroup' ?
			xanoscriptField(groupScript(rec), null) :
			xanoscriptField(src.xanoscript, useDraft ? null : rec.xanoscript_error);
	}
	return out;
}

export function presentWorkspace(ws, full) {
	const out = {
		id: ws.id,
		name: ws.name,
		description: ws.description,
		branch: liveBranch(ws).label,
	};
	if (full) {
		out.created_at = xanoTime(ws.created_at);
		out.updated_at = xanoTime(ws.updated_at);
		out.swagger = true;
		out.documentation = { require_token: false };
	}
	return out;
}

export function presentBranch(b) {
	const out = {};
	if (b.id !== undefined) {
		out.id = b.id;
	}
	Object.assign(out, {
		label: b.label,
		description: b.description,
		color: b.color,
		live: b.live,
		backup: b.backup,
		created_at: xanoTime(b.created_at),
		updated_at: xanoTime(b.updated_at),
	});
	return out;
}

// The whole instance as plain JSON, for the control channel's "state".
export function dumpState(state) {
	return {
		user: state.user,
		instances: state.instances,
		workspaces: state.workspaces.map((ws) => ({
			id: ws.id,
			name: ws.name,
			description: ws.description,
			created_at: xanoTime(ws.created_at),
			branches: ws.branches.map(presentBranch),
			data: Object.fromEntries(Object.entries(ws.data).map(([label, data]) => [
				label,
				Object.fromEntries(KINDS.map((kind) => [kind, data[kind].map((r) => ({
					...r,
					created_at: xanoTime(r.created_at),
					updated_at: xanoTime(r.updated_at),
					draft: r.draft && { ...r.draft, updated_at: xanoTime(r.draft.updated_at) },
				}))])),
			])),
			history: ws.history.length,
		})),
	};
}
