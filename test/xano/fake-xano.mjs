#!/usr/bin/env node
// A fake Xano Metadata API server for tests: real HTTP on 127.0.0.1,
// faithful to /work/shared/reference/xano-meta-api.md, with fault injection.
//
//     node test/xano/fake-xano.mjs [--seed FILE] [--token TOKEN]... [--rate-limit N/SECONDS]
//
// Prints its origin (http://127.0.0.1:PORT) as the first line on stdout,
// then answers control commands read from stdin, one JSON object per line,
// with one JSON line each (README.md in this folder lists them). Logs go to
// stderr. Exits 0 on stdin EOF and on SIGTERM, so a test that dies never
// leaves it behind. Node 18 or newer, no npm packages.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { XanoError, buildState, dumpState } from './store.mjs';
import { liveCall } from './live.mjs';
import { route } from './routes.mjs';

const MAX_BODY = 8 * 1024 * 1024;
const MAX_CONTROL_LINE = 16 * 1024 * 1024;
const MAX_LOG = 10000;
const DEFAULT_TOKEN = 'fake-token-0123456789';

function log(message) {
	process.stderr.write(`fake-xano: ${message}\n`);
}

function usage(message) {
	log(message);
	log('usage: fake-xano.mjs [--seed FILE] [--token TOKEN]... [--rate-limit N/SECONDS]');
	process.exit(2);
}

function parseArgs(argv) {
	const opts = {
		seed: join(dirname(fileURLToPath(import.meta.url)), 'seed.json'),
		tokens: [],
		rate: null,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) {
				usage(`${arg} needs a value`);
			}
			return argv[++i];
		};
		if (arg === '--seed') {
			opts.seed = value();
		} else if (arg === '--token') {
			opts.tokens.push(value());
		} else if (arg === '--rate-limit') {
			const m = /^([1-9][0-9]{0,5})\/([1-9][0-9]{0,5})$/.exec(value());
			if (!m) {
				usage('--rate-limit wants N/SECONDS, e.g. 10/20');
			}
			opts.rate = { max: Number(m[1]), seconds: Number(m[2]) };
		} else {
			usage(`unknown argument: ${arg}`);
		}
	}
	if (opts.tokens.length === 0) {
		opts.tokens.push(DEFAULT_TOKEN);
	}
	return opts;
}

const opts = parseArgs(process.argv.slice(2));

function loadSeed() {
	try {
		return JSON.parse(readFileSync(opts.seed, 'utf8'));
	} catch (e) {
		log(`cannot read the seed ${opts.seed}: ${e.message}`);
		process.exit(2);
	}
}

const seed = loadSeed();
let state;
try {
	state = buildState(seed);
} catch (e) {
	log(`bad seed ${opts.seed}: ${e.message}`);
	process.exit(2);
}

let faults = [];
let requestLog = [];
let rateWindow = []; // times (ms) of the requests the limiter let through
let origin = '';

// --- responses ---------------------------------------------------------------

const JSON_TYPE = 'application/json; charset=utf-8';

function jsonAnswer(status, value) {
	return {
		status,
		headers: { 'content-type': JSON_TYPE },
		body: Buffer.from(JSON.stringify(value)),
	};
}

function errorAnswer(err) {
	return jsonAnswer(err.status, err.body());
}

const routeNotFound = () =>
	new XanoError(404, 'ERROR_CODE_NOT_FOUND', 'Unable to locate request.');

// The standard error body of a status, for faults that give none.
function defaultFaultBody(status) {
	switch (status) {
	case 400: return new XanoError(400, 'ERROR_CODE_INPUT_ERROR', 'Invalid input.').body();
	case 401: return unauthorized().body();
	case 403: return accessDenied().body();
	case 404: return routeNotFound().body();
	case 429: return tooMany(opts.rate ?? { max: 10, seconds: 20 }).body();
	default: return new XanoError(status, 'ERROR_FATAL', 'Something went wrong.').body();
	}
}

const unauthorized = () =>
	new XanoError(401, 'ERROR_CODE_UNAUTHORIZED', 'Unauthorized - Authentication Required');
const accessDenied = () =>
	new XanoError(403, 'ERROR_CODE_ACCESS_DENIED',
		'Access denied. Additional privileges are needed.');
const tooMany = (rate) => new XanoError(429, 'ERROR_CODE_TOO_MANY_REQUESTS',
	`Whoa there! Your plan only supports ${rate.max} requests per ${rate.seconds} seconds. ` +
	'Please upgrade your plan to increase your rate limit.');

// nginx answers an oversized body before Xano sees it, in HTML.
const TOO_LARGE = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n' +
	'<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n' +
	'<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

// --- the request pipeline ----------------------------------------------------

function authOf(req) {
	const header = req.headers.authorization;
	if (header === undefined) {
		return { kind: 'none' };
	}
	const m = /^Bearer (.+)$/.exec(header);
	if (m && opts.tokens.includes(m[1])) {
		return { kind: 'bearer-ok', readOnly: false };
	}
	if (m && state.read_only_tokens.includes(m[1])) {
		return { kind: 'bearer-ok', readOnly: true };
	}
	return { kind: 'bearer-bad' };
}

function matchFault(method, path) {
	const i = faults.findIndex((f) => (!f.method || f.method === method) &&
		(f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : f.path === path));
	if (i < 0) {
		return null;
	}
	const fault = faults[i];
	if (--fault.times <= 0) {
		faults.splice(i, 1);
	}
	return fault;
}

// Free-plan limiting: at most max requests in any window of seconds.
function rateLimited(now) {
	if (!opts.rate) {
		return false;
	}
	const since = now - opts.rate.seconds * 1000;
	rateWindow = rateWindow.filter((t) => t > since);
	if (rateWindow.length >= opts.rate.max) {
		return true;
	}
	rateWindow.push(now);
	return false;
}

// The first of repeated parameters; no prototype, so ?__proto__= is a name
// like any other.
function queryOf(url) {
	const query = Object.create(null);
	for (const [k, v] of url.searchParams) {
		if (!(k in query)) {
			query[k] = v;
		}
	}
	return query;
}

// The answer to a request that no fault replaced.
function answer(req, url, body, auth) {
	const prefix = '/api:meta';
	const query = queryOf(url);
	if (url.pathname !== prefix && !url.pathname.startsWith(prefix + '/')) {
		// A deployed endpoint: its own auth, not the Meta API's token.
		if (rateLimited(Date.now())) {
			return errorAnswer(tooMany(opts.rate));
		}
		return xanoAnswer(() => liveCall(state, origin, req.method, url.pathname, query, body));
	}
	const found = route(req.method, url.pathname.slice(prefix.length));
	if (!found) {
		return errorAnswer(routeNotFound());
	}
	if (auth.kind !== 'bearer-ok') {
		return errorAnswer(unauthorized());
	}
	if (auth.readOnly && req.method !== 'GET') {
		return errorAnswer(accessDenied());
	}
	if (rateLimited(Date.now())) {
		return errorAnswer(tooMany(opts.rate));
	}
	return xanoAnswer(() => found.handler({
		state,
		origin,
		params: found.params,
		query,
		body,
		contentType: (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
	}));
}

// Runs a handler: its {status, body} as JSON, or the XanoError it throws.
function xanoAnswer(run) {
	try {
		const result = run();
		return jsonAnswer(result.status, result.body);
	} catch (e) {
		if (e instanceof XanoError) {
			return errorAnswer(e);
		}
		throw e;
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res, a, extraHeaders) {
	res.writeHead(a.status, {
		...a.headers,
		...extraHeaders,
		'content-length': a.body.length,
	});
	res.end(a.body);
}

// Plays a fault: respond, drop, partial, slow or garbage.
async function playFault(fault, req, res, url, body, auth, entry) {
	const delay = fault.delay_ms ?? 0;
	const headers = fault.headers ?? {};
	entry.fault = fault.action;
	switch (fault.action) {
	case 'drop':
		await sleep(delay);
		entry.status = null;
		req.socket.destroy();
		return;
	case 'garbage': {
		await sleep(delay);
		const text = typeof fault.body === 'string' ? fault.body :
			'<html><body><h1>502 Bad Gateway</h1></body></html>\n\0\xff';
		entry.status = fault.status ?? 200;
		send(res, {
			status: entry.status,
			headers: { 'content-type': JSON_TYPE },
			body: Buffer.from(text),
		}, headers);
		return;
	}
	case 'partial':
	case 'slow': {
		const a = fault.status !== undefined ? faultAnswer(fault) : answer(req, url, body, auth);
		entry.status = a.status;
		res.writeHead(a.status, { ...a.headers, ...headers, 'content-length': a.body.length });
		if (fault.action === 'partial') {
			await sleep(delay);
			res.write(a.body.subarray(0, Math.floor(a.body.length / 2)));
			// Let the half reach the client before the connection goes.
			setTimeout(() => req.socket.destroy(), 50);
			return;
		}
		for (let i = 0; i < a.body.length && !res.destroyed; i += 16) {
			res.write(a.body.subarray(i, i + 16));
			await sleep(delay || 100);
		}
		res.end();
		return;
	}
	default: {
		await sleep(delay);
		const a = faultAnswer(fault);
		entry.status = a.status;
		send(res, a, headers);
	}
	}
}

function faultAnswer(fault) {
	const status = fault.status ?? 500;
	if (fault.body === undefined) {
		return jsonAnswer(status, defaultFaultBody(status));
	}
	if (typeof fault.body === 'string') {
		let type = 'text/plain; charset=utf-8';
		try {
			JSON.parse(fault.body);
			type = JSON_TYPE;
		} catch {
			// not JSON: sent as text
		}
		return { status, headers: { 'content-type': type }, body: Buffer.from(fault.body) };
	}
	return jsonAnswer(status, fault.body);
}

async function handle(req, res) {
	// Not new URL(req.url, base): a path starting with // would name a host.
	const url = new URL(`http://127.0.0.1${req.url.startsWith('/') ? '' : '/'}${req.url}`);
	const auth = authOf(req);
	const entry = {
		method: req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		auth: auth.kind,
		content_type: req.headers['content-type'] ?? null,
		body_len: 0,
		status: null,
	};
	requestLog.push(entry);
	if (requestLog.length > MAX_LOG) {
		requestLog.shift();
	}

	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > MAX_BODY) {
		entry.body_len = declared;
		tooLarge(req, res, entry);
		return;
	}
	const chunks = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		if (size > MAX_BODY) {
			entry.body_len = size;
			tooLarge(req, res, entry);
			return;
		}
		chunks.push(chunk);
	}
	entry.body_len = size;
	const body = Buffer.concat(chunks);

	const fault = matchFault(req.method, url.pathname);
	if (fault) {
		await playFault(fault, req, res, url, body, auth, entry);
		return;
	}
	const a = answer(req, url, body, auth);
	entry.status = a.status;
	send(res, a);
}

function tooLarge(req, res, entry) {
	entry.status = 413;
	res.writeHead(413, {
		'content-type': 'text/html',
		'content-length': Buffer.byteLength(TOO_LARGE),
		connection: 'close',
	});
	res.end(TOO_LARGE);
	// Take no more of the body; the client has its answer.
	req.resume();
	setTimeout(() => req.socket.destroy(), 1000).unref();
}

const server = http.createServer({
	maxHeaderSize: 16 * 1024,
	requestTimeout: 60000,
	headersTimeout: 20000,
	keepAliveTimeout: 5000,
}, (req, res) => {
	handle(req, res).catch((e) => {
		if (req.socket.destroyed) {
			return; // the client went away while sending its body
		}
		// Our own bug: say so the way Xano does, and keep serving.
		log(`internal error on ${req.method} ${req.url}: ${e.stack ?? e}`);
		if (!res.headersSent) {
			send(res, jsonAnswer(500, new XanoError(500, 'ERROR_FATAL',
				'Internal error in the fake Xano server.').body()));
		} else {
			req.socket.destroy();
		}
	});
});

// Requests node's parser refuses (too many header bytes, bad syntax).
server.on('clientError', (err, socket) => {
	if (!socket.writable) {
		return;
	}
	const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' :
		'400 Bad Request';
	socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
});

// --- the control channel -----------------------------------------------------

const ACTIONS = ['respond', 'drop', 'partial', 'slow', 'garbage'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

function addFault(f) {
	if (typeof f !== 'object' || f === null || Array.isArray(f)) {
		throw new Error('fault must be an object');
	}
	if (typeof f.path !== 'string' || !f.path.startsWith('/')) {
		throw new Error('fault.path must be a path starting with /');
	}
	if (f.method !== undefined && !METHODS.includes(f.method)) {
		throw new Error(`fault.method must be one of ${METHODS.join(' ')}`);
	}
	const action = f.action ?? 'respond';
	if (!ACTIONS.includes(action)) {
		throw new Error(`fault.action must be one of ${ACTIONS.join(' ')}`);
	}
	const status = f.status ?? 500;
	if (!Number.isInteger(status) || status < 200 || status > 599) {
		throw new Error('fault.status must be an integer 200..599');
	}
	const times = f.times ?? 1;
	if (!Number.isInteger(times) || times < 1) {
		throw new Error('fault.times must be a positive integer');
	}
	const delay = f.delay_ms ?? 0;
	if (!Number.isInteger(delay) || delay < 0 || delay > 600000) {
		throw new Error('fault.delay_ms must be an integer 0..600000');
	}
	if (f.headers !== undefined && (typeof f.headers !== 'object' || f.headers === null ||
			Object.values(f.headers).some((v) => typeof v !== 'string'))) {
		throw new Error('fault.headers must be an object of strings');
	}
	for (const [name, value] of Object.entries(f.headers ?? {})) {
		try {
			http.validateHeaderName(name);
			http.validateHeaderValue(name, value);
		} catch (e) {
			throw new Error(`fault.headers: ${e.message}`);
		}
	}
	faults.push({ ...f, action, times, delay_ms: delay });
}

function control(line) {
	let cmd;
	try {
		cmd = JSON.parse(line);
	} catch (e) {
		return { ok: false, error: `not JSON: ${e.message}` };
	}
	if (typeof cmd !== 'object' || cmd === null || Array.isArray(cmd)) {
		return { ok: false, error: 'a command is a JSON object' };
	}
	try {
		if ('fault' in cmd) {
			addFault(cmd.fault);
			return { ok: true };
		}
		if (cmd.requests) {
			return { ok: true, requests: requestLog };
		}
		if (cmd.reset) {
			state = buildState(seed);
			faults = [];
			requestLog = [];
			rateWindow = [];
			return { ok: true };
		}
		if (cmd.state) {
			return { ok: true, state: dumpState(state) };
		}
	} catch (e) {
		return { ok: false, error: e.message };
	}
	return { ok: false, error: `unknown command: ${JSON.stringify(Object.keys(cmd))}` };
}

function reply(value) {
	process.stdout.write(JSON.stringify(value) + '\n');
}

function startControl() {
	let pending = '';
	let skipping = false; // inside a line that was too long
	process.stdin.on('data', (data) => {
		pending += data.toString('utf8');
		for (;;) {
			const nl = pending.indexOf('\n');
			if (nl < 0) {
				break;
			}
			const line = pending.slice(0, nl).trim();
			pending = pending.slice(nl + 1);
			if (skipping) {
				skipping = false;
			} else if (line !== '') {
				reply(control(line));
			}
		}
		if (pending.length > MAX_CONTROL_LINE) {
			reply({ ok: false, error: `control line longer than ${MAX_CONTROL_LINE} bytes` });
			pending = '';
			skipping = true;
		}
	});
	process.stdin.on('end', () => process.exit(0));
	process.stdin.on('error', () => process.exit(0));
}

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
process.on('uncaughtException', (e) => {
	log(`uncaught: ${e.stack ?? e}`);
});

server.listen(0, '127.0.0.1', () => {
	origin = `http://127.0.0.1:${server.address().port}`;
	process.stdout.write(origin + '\n');
	log(`listening on ${origin} (seed ${opts.seed})`);
	startControl();
});
