// Drives the built servers with the official TypeScript SDK client
// (@modelcontextprotocol/sdk, pinned in package.json): every request type,
// every listed tool with its example arguments, progress, cancellation,
// and the exit time after EOF.
import { execFileSync } from 'node:child_process';
import { check, done, env, requireModules, timeExitAfterEof, timeExitWhen } from './common.mjs';

requireModules();
const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
const { McpError } = await import('@modelcontextprotocol/sdk/types.js');

const bin = env('XM_BIN');
const testserver = env('XM_TESTSERVER');

async function connect(command, args = []) {
	const client = new Client({ name: 'xano-mcp-tests', version: '1.0.0' });
	const errors = [];
	client.onerror = (e) => errors.push(e);
	const transport = new StdioClientTransport({ command, args, stderr: 'pipe' });
	await client.connect(transport);
	return { client, errors };
}

async function rejects(promise, code, what) {
	try {
		await promise;
		check(false, `${what}: expected error ${code}`);
	} catch (e) {
		check(e instanceof McpError && e.code === code, `${what}: error ${code} (${e.message})`);
	}
}

// The product binary: what Claude Desktop launches.
{
	const { client, errors } = await connect(bin, ['serve']);
	const info = client.getServerVersion();
	check(info?.name === 'xano-mcp' && info.version, 'serverInfo name and version');
	check(typeof client.getInstructions() === 'string', 'instructions');
	const caps = client.getServerCapabilities();
	check(caps.logging && caps.prompts && caps.resources, 'capabilities');
	await client.ping();
	check(true, 'ping');
	const resources = await client.listResources();
	check(resources.resources.some((r) => r.uri === 'xano-mcp://docs/xanoscript-cheatsheet'),
		'cheat sheet listed');
	for (const r of resources.resources) {
		const read = await client.readResource({ uri: r.uri });
		check(read.contents[0].text.length === r.size, `read ${r.uri} (${r.size} bytes)`);
	}
	const prompts = await client.listPrompts();
	check(prompts.prompts.length >= 3, `${prompts.prompts.length} prompts`);
	for (const p of prompts.prompts) {
		const args = {};
		for (const a of p.arguments ?? []) {
			args[a.name] = 'example';
		}
		const got = await client.getPrompt({ name: p.name, arguments: args });
		check(got.messages[0].content.text.includes('example'), `prompt ${p.name}`);
	}
	check(caps.tools, 'tools capability');
	const tools = await client.listTools();
	check(tools.tools.length > 0, `${tools.tools.length} tools`);
	await client.close();
	check(errors.length === 0, `no transport errors (${errors.map(String).join('; ')})`);
}

// The test server: the real registry plus test-only tools.
{
	const { client, errors } = await connect(testserver);
	const examples = JSON.parse(execFileSync(testserver, ['--examples']).toString());
	const tools = [];
	let cursor;
	do {
		const page = await client.listTools(cursor ? { cursor } : {});
		tools.push(...page.tools);
		cursor = page.nextCursor;
	} while (cursor);
	check(tools.length === Object.keys(examples).length, `${tools.length} tools listed`);
	const expectedToFail = new Set(['test_fail']);
	for (const tool of tools) {
		check(tool.inputSchema.type === 'object' && tool.description, `${tool.name} declared`);
		const args = examples[tool.name];
		check(args !== undefined, `${tool.name} has example arguments`);
		// callTool validates structuredContent against outputSchema itself
		const result = await client.callTool({ name: tool.name, arguments: args });
		check(Array.isArray(result.content) && result.content.length > 0
			&& (!result.isError || expectedToFail.has(tool.name)),
			`call ${tool.name}: ${JSON.stringify(result.content[0]?.text ?? '').slice(0, 80)}`);
		if (tool.outputSchema && !result.isError) {
			check(typeof result.structuredContent === 'object', `${tool.name} structured`);
		}
	}
	const bad = await client.callTool({ name: 'test_echo', arguments: { text: 7 } });
	check(bad.isError && bad.content[0].text.includes('arguments.text: expected string'),
		'invalid arguments come back as isError with the path');
	await rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), -32602,
		'unknown tool');

	// 1..3 of 4: the final 100 % is said by the response itself. The SDK
	// handles a notification a tick after a response that arrives in the
	// same read, so the last progress must come well before the response
	// (50 ms, one step) or a loaded machine reports it for an unknown token.
	const progress = [];
	const slow = await client.callTool({ name: 'test_slow', arguments: { steps: 4, step_ms: 50 } },
		undefined, { onprogress: (p) => progress.push(p.progress) });
	check(slow.content[0].text === 'done after 4 steps', 'long call finished');
	check(progress.length === 3 && progress.every((p, i) => i === 0 || p > progress[i - 1]),
		`progress notifications ${JSON.stringify(progress)}`);

	const abort = new AbortController();
	const started = performance.now();
	const cancelled = client.callTool({ name: 'test_slow',
		arguments: { steps: 100000, step_ms: 1 } }, undefined, { signal: abort.signal });
	setTimeout(() => abort.abort('test'), 100);
	try {
		await cancelled;
		check(false, 'cancelled call rejected');
	} catch (e) {
		check(performance.now() - started < 2000, `cancelled call rejected (${e.message})`);
	}
	await client.ping();
	check(true, 'ping after cancellation');

	const templates = await client.listResourceTemplates();
	check(templates.resourceTemplates.some((t) => t.uriTemplate === 'test://notes/{id}'),
		'resource templates');
	check(templates.resourceTemplates.some((t) => t.uriTemplate
		=== 'xano://workspace/{workspace}/apigroup/{apigroup}/api/{api}'
		&& t.mimeType === 'text/x-xanoscript'), 'the xano:// templates are listed');
	// a malformed id is refused before any configuration or network is used
	await rejects(client.readResource({ uri: 'xano://workspace/seven/table/1' }), -32002,
		'malformed xano:// id');
	const note = await client.readResource({ uri: 'test://notes/1' });
	check(note.contents[0].text === 'note 1', 'read through a template');
	await rejects(client.readResource({ uri: 'test://notes/404' }), -32002,
		'unknown resource');
	const completion = await client.complete({ ref: { type: 'ref/prompt',
		name: 'build_endpoint' }, argument: { name: 'verb', value: 'PU' } });
	check(JSON.stringify(completion.completion.values) === '["PUT"]', 'prompt completion');
	await client.setLoggingLevel('debug');
	check(true, 'logging/setLevel');
	await rejects(client.getPrompt({ name: 'crud_for_table', arguments: {} }), -32602,
		'missing required prompt argument');
	await client.close();
	// let a stray response to the cancelled call surface as an error
	await new Promise((r) => setTimeout(r, 200));
	check(errors.length === 0, `no transport errors (${errors.map(String).join('; ')})`);
}

// Exit after EOF, measured from closing stdin.
for (const [name, b, args, extra] of [
	['xano-mcp', bin, ['serve'], []],
	['xano-mcp (no command)', bin, [], []],
	['test server with a call in flight', testserver, [], [JSON.stringify({ jsonrpc: '2.0',
		id: 1, method: 'tools/call', params: { name: 'test_slow',
			arguments: { steps: 100000, step_ms: 1 } } })]],
]) {
	const r = await timeExitAfterEof(b, args, extra);
	check(r.code === 0 && r.ms < 100, `${name}: exit ${r.code} ${r.ms.toFixed(1)} ms after EOF`);
}
for (const how of ['sigterm', 'gone']) {
	const r = await timeExitWhen(bin, ['serve'], how);
	check(r.code === 0 && r.ms < 1000, `${how}: exit ${r.code} (${r.signal ?? 'no signal'}) `
		+ `${r.ms.toFixed(1)} ms`);
}
done();
