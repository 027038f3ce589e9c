// Drives the built servers with the MCP Inspector CLI
// (@modelcontextprotocol/inspector, pinned in package.json), including its
// --strict schema portability report.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { check, done, env, here, requireModules, requireNode } from './common.mjs';

requireModules();
// The Inspector 2.x declares node >= 22.19; it runs on node 20, but on
// node 18 it dies at start-up ("CustomEvent is not defined").
requireNode(20, 'the MCP Inspector CLI');
const bin = env('XM_BIN');
const testserver = env('XM_TESTSERVER');
const launcher = join(here, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients',
	'launcher', 'build', 'index.js');

function inspect(target, ...args) {
	const r = spawnSync(process.execPath, [launcher, '--cli', target, ...args],
		{ encoding: 'utf8', timeout: 60000 });
	let json = null;
	try {
		json = JSON.parse(r.stdout);
	} catch {
		// checked by the caller
	}
	return { code: r.status, json, stdout: r.stdout, stderr: r.stderr };
}

for (const target of [bin, testserver]) {
	const name = target === bin ? 'xano-mcp' : 'test server';
	let r = inspect(target, '--method', 'tools/list', '--strict');
	check(r.code === 0 && Array.isArray(r.json?.tools),
		`${name}: tools/list --strict (exit ${r.code}) ${r.stderr.trim().slice(0, 200)}`);
	r = inspect(target, '--method', 'resources/list');
	check(r.code === 0 && r.json.resources.length >= 1, `${name}: resources/list`);
	r = inspect(target, '--method', 'resources/read', '--uri',
		'xano-mcp://docs/xanoscript-cheatsheet');
	check(r.code === 0 && r.json.contents[0].text.startsWith('# XanoScript'),
		`${name}: resources/read`);
	r = inspect(target, '--method', 'resources/templates/list');
	check(r.code === 0 && Array.isArray(r.json.resourceTemplates),
		`${name}: resources/templates/list`);
	r = inspect(target, '--method', 'prompts/list');
	check(r.code === 0 && r.json.prompts.length === 3, `${name}: prompts/list`);
	r = inspect(target, '--method', 'prompts/get', '--prompt-name', 'build_endpoint',
		'--prompt-args', 'description=list posts', 'verb=GET');
	check(r.code === 0 && r.json.messages[0].content.text.includes('list posts'),
		`${name}: prompts/get`);
	r = inspect(target, '--method', 'logging/setLevel', '--log-level', 'debug');
	check(r.code === 0, `${name}: logging/setLevel`);
}

let r = inspect(testserver, '--method', 'tools/call', '--tool-name', 'test_echo',
	'--tool-args-json', '{"text":"hi","mode":"upper"}', '--format', 'json', '-q');
check(r.code === 0 && r.json?.result?.structuredContent?.text === 'HI', 'tools/call');
r = inspect(testserver, '--method', 'tools/call', '--tool-name', 'test_echo',
	'--tool-args-json', '{"text":1}');
check(r.code === 5, `tools/call with bad arguments is a tool error (exit ${r.code})`);
r = inspect(testserver, '--method', 'tools/call', '--tool-name', 'test_slow',
	'--tool-args-json', '{"steps":3,"step_ms":5}', '--format', 'json', '-q');
check(r.code === 0 && r.json?.result?.content?.[0]?.text === 'done after 3 steps',
	'tools/call of a long-running tool');
done();
