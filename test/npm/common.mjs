// Shared by the integration tests: locating binaries, skipping cleanly,
// checking, and timing a server's exit after EOF.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const SKIP = 77;

// Exit 77 (meson: skipped) with the reason when the npm clients are absent.
export function requireModules() {
	if (!existsSync(join(here, 'node_modules', '@modelcontextprotocol', 'sdk'))) {
		console.log('SKIP: test/npm/node_modules is missing; run test/run.sh or '
			+ '`npm --prefix test/npm ci` to install the MCP clients');
		process.exit(SKIP);
	}
}

// Exit 77 (meson: skipped) with the reason when this node is older than
// `major`: Debian 12's own nodejs is 18, which some of the npm clients
// cannot run (the test would fail for the client's sake, not ours).
export function requireNode(major, who) {
	const have = Number(process.versions.node.split('.')[0]);
	if (have < major) {
		console.log(`SKIP: ${who} needs node ${major} or newer; this is node `
			+ `${process.versions.node} (install nodejs ${major} or later, e.g. from `
			+ 'NodeSource, to run this test)');
		process.exit(SKIP);
	}
}

export function env(name) {
	const v = process.env[name];
	if (!v) {
		console.log(`SKIP: ${name} is not set (run through meson test)`);
		process.exit(SKIP);
	}
	return v;
}

let failures = 0;
let checks = 0;
export function check(cond, what) {
	checks++;
	if (!cond) {
		failures++;
		console.log(`FAIL: ${what}`);
	} else {
		console.log(`ok: ${what}`);
	}
}

export function done() {
	console.log(`${checks - failures}/${checks} checks passed`);
	process.exit(failures ? 1 : 0);
}

// Spawns bin, sends initialize, closes stdin once the answer is in and
// resolves with the milliseconds from EOF to exit and the exit code.
export function timeExitAfterEof(bin, args = [], extra = []) {
	return new Promise((resolve, reject) => {
		const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'inherit'] });
		let out = '';
		let closedAt = 0;
		child.stdout.on('data', (d) => {
			out += d;
			if (!closedAt && out.includes('\n')) {
				for (const line of extra) {
					child.stdin.write(line + '\n');
				}
				closedAt = performance.now();
				child.stdin.end();
			}
		});
		child.on('exit', (code, signal) => {
			resolve({ ms: performance.now() - closedAt, code, signal, out });
		});
		child.on('error', reject);
		child.stdin.write(JSON.stringify({
			jsonrpc: '2.0', id: 0, method: 'initialize',
			params: { protocolVersion: '2025-11-25', capabilities: {},
				clientInfo: { name: 'eof-timer', version: '1' } },
		}) + '\n');
	});
}

// Spawns bin, waits for the initialize answer, then ends the session the
// given way: 'sigterm' (the client's escalation) or 'gone' (the client
// stops reading: stdout closed, then a request). Resolves with the exit
// code, the signal and the milliseconds it took.
export function timeExitWhen(bin, args, how) {
	return new Promise((resolve, reject) => {
		const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'ignore'] });
		let out = '';
		let at = 0;
		child.stdout.on('data', (d) => {
			out += d;
			if (at || !out.includes('\n')) {
				return;
			}
			at = performance.now();
			if (how === 'sigterm') {
				child.kill('SIGTERM');
			} else {
				child.stdout.destroy();
				child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
			}
		});
		child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - at }));
		child.on('error', reject);
		child.stdin.on('error', () => {});
		child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize',
			params: { protocolVersion: '2025-11-25', capabilities: {},
				clientInfo: { name: 'exit-timer', version: '1' } } }) + '\n');
	});
}
