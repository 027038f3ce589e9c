// The v2 TypeScript client (@modelcontextprotocol/client, pinned) in 'auto'
// negotiation mode probes with server/discover (the 2026 stateless era) on a
// short-lived sibling process, then falls back to initialize. Our server
// answers the probe at once with -32601, so connecting must be quick (a
// silent server would cost the client its whole request timeout) and the
// session must then work normally.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { check, done, env, here, requireModules, SKIP } from './common.mjs';

requireModules();
if (!existsSync(join(here, 'node_modules', '@modelcontextprotocol', 'client'))) {
	console.log('SKIP: @modelcontextprotocol/client is not installed in test/npm');
	process.exit(SKIP);
}
const { Client } = await import('@modelcontextprotocol/client');
const { StdioClientTransport } = await import('@modelcontextprotocol/client/stdio');
const bin = env('XM_BIN');

const client = new Client({ name: 'xano-mcp-tests-v2', version: '1.0.0' },
	{ versionNegotiation: { mode: 'auto' } });
const errors = [];
client.onerror = (e) => errors.push(e);
const started = performance.now();
await client.connect(new StdioClientTransport({ command: bin, args: ['serve'],
	stderr: 'pipe' }));
const ms = performance.now() - started;
check(ms < 5000, `auto negotiation connected in ${ms.toFixed(0)} ms (probe answered at once)`);
check(client.getServerVersion()?.name === 'xano-mcp', 'fell back to initialize: serverInfo');
const tools = await client.listTools();
check(tools.tools.some((t) => t.name === 'validate_xanoscript'), 'tools/list');
const r = await client.callTool({ name: 'validate_xanoscript',
	arguments: { code: 'query "a" verb=GET {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}\n' } });
check(r.structuredContent?.valid === true, 'validate_xanoscript through the v2 client');
await client.close();
check(errors.length === 0, `no transport errors (${errors.map(String).join('; ')})`);
done();
