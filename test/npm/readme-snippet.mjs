// README.md shows the Claude Desktop configuration: parse that snippet
// ({"mcpServers": {"xano": {"command": ..., "args": [...]}}}), launch what
// it names (with the built binary standing in for an installed
// "xano-mcp") the way Claude Desktop does, and complete a handshake.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { check, done, env } from './common.mjs';

const root = env('XM_SOURCE_ROOT');
const bin = env('XM_BIN');
const readme = join(root, 'README.md');
if (!existsSync(readme)) {
	console.log(`FAIL: ${readme} does not exist`);
	process.exit(1);
}
const text = readFileSync(readme, 'utf8');
const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
const configs = blocks.map((b) => {
	try {
		return JSON.parse(b);
	} catch {
		return null;
	}
}).filter((c) => c && c.mcpServers);
if (configs.length === 0) {
	console.log('FAIL: README.md has no ```json block with "mcpServers" (the Claude Desktop '
		+ 'configuration)');
	process.exit(1);
}
for (const config of configs) {
	const servers = Object.entries(config.mcpServers);
	check(servers.length > 0, 'the snippet names a server');
	for (const [name, server] of servers) {
		check(typeof server.command === 'string', `${name}: command is a string`);
		check(server.args === undefined || (Array.isArray(server.args)
			&& server.args.every((a) => typeof a === 'string')), `${name}: args are strings`);
		check(basename(server.command) === 'xano-mcp', `${name}: runs xano-mcp`);
		// Claude Desktop spawns the command with a reduced environment.
		const child = spawn(bin, server.args ?? [], {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: { PATH: process.env.PATH, HOME: process.env.HOME, ...(server.env ?? {}) },
		});
		const answer = await new Promise((resolve) => {
			let out = '';
			const timer = setTimeout(() => resolve(null), 10000);
			child.stdout.on('data', (d) => {
				out += d;
				if (out.includes('\n')) {
					clearTimeout(timer);
					resolve(out.split('\n')[0]);
				}
			});
			child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize',
				params: { protocolVersion: '2025-06-18', capabilities: {},
					clientInfo: { name: 'claude-ai', version: '0.1.0' } } }) + '\n');
		});
		let result = null;
		try {
			result = JSON.parse(answer).result;
		} catch {
			// reported below
		}
		check(result?.serverInfo?.name === 'xano-mcp', `${name}: initialize answered`);
		child.stdin.end();
		const code = await new Promise((resolve) => child.on('exit', resolve));
		check(code === 0, `${name}: exits 0 after EOF`);
	}
}
done();
