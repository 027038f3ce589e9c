// Just enough XanoScript for the fake Xano to take a Body XS create or
// update: the header line (`query "name" verb=GET {`, `function "x" {`,
// `api_group "n" {`, `table "t" {`, `task "t" {`), balanced brackets, and
// the top-level string properties (canonical, description). It checks the
// shape, not the statements: the real validator lives in src/xs.
//
// A failure is the answer Xano gives (xano-meta-api.md §3.4): HTTP 400,
// ERROR_CODE_SYNTAX_ERROR, "Syntax error: unexpected '<token>'", payload
// {char, line, col, error_line, error_snippet} with 0-based line and col.

import { XanoError } from './store.mjs';

export const CONSTRUCTS = ['query', 'function', 'api_group', 'table', 'task'];
export const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

const CLOSERS = { '{': '}', '[': ']', '(': ')' };

function syntaxError(text, tok) {
	const lineStart = text.lastIndexOf('\n', tok.pos - 1) + 1;
	let lineEnd = text.indexOf('\n', tok.pos);
	if (lineEnd < 0) {
		lineEnd = text.length;
	}
	const errorLine = text.slice(lineStart, lineEnd);
	const line = text.slice(0, lineStart).split('\n').length - 1;
	const col = tok.pos - lineStart;
	const what = tok.type === 'eof' ? 'end of input' : `'${tok.text}'`;
	return new XanoError(400, 'ERROR_CODE_SYNTAX_ERROR', `Syntax error: unexpected ${what}`, {
		char: tok.pos,
		line,
		col,
		error_line: errorLine,
		error_snippet: `${errorLine}\n${' '.repeat(col)}^`,
	});
}

// Tokens: words, strings ("...", '...', and the tripled multi-line forms),
// backtick expressions, single punctuation characters; comments skipped.
function tokenize(text) {
	const tokens = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === '/' && text[i + 1] === '/') {
			while (i < text.length && text[i] !== '\n') {
				i++;
			}
		} else if (c === '"' || c === "'" || c === '`') {
			const start = i;
			const triple = c.repeat(3);
			let value = '';
			if (text.startsWith(triple, i)) {
				// Multi-line: up to the same three quotes, no escapes.
				const end = text.indexOf(triple, i + 3);
				if (end < 0) {
					throw syntaxError(text, { type: 'punct', text: triple, pos: start });
				}
				value = text.slice(i + 3, end);
				i = end + 3;
			} else {
				i++;
				while (i < text.length && text[i] !== c && text[i] !== '\n') {
					if (text[i] === '\\' && i + 1 < text.length) {
						const e = text[i + 1];
						value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
						i += 2;
					} else {
						value += text[i++];
					}
				}
				if (text[i] !== c) {
					throw syntaxError(text, { type: 'punct', text: c, pos: start });
				}
				i++;
			}
			// A backtick quotes an expression, not a string value.
			const type = c === '`' ? 'expr' : 'string';
			tokens.push({ type, text: text.slice(start, i), value, pos: start });
		} else if (/[A-Za-z0-9_$]/.test(c)) {
			const start = i;
			while (i < text.length && /[A-Za-z0-9_$.]/.test(text[i])) {
				i++;
			}
			const word = text.slice(start, i);
			tokens.push({ type: 'word', text: word, value: word, pos: start });
		} else {
			tokens.push({ type: 'punct', text: c, value: c, pos: i });
			i++;
		}
	}
	tokens.push({ type: 'eof', text: '', pos: text.length });
	return tokens;
}

// Parses one object's XanoScript. Returns {kind, name, verb?, props: {key:
// string value}}; throws the Xano syntax error otherwise.
export function parseXs(text) {
	const tokens = tokenize(text);
	let k = 0;
	const fail = () => {
		throw syntaxError(text, tokens[k]);
	};
	const kind = tokens[k];
	if (kind.type !== 'word' || !CONSTRUCTS.includes(kind.value)) {
		fail();
	}
	k++;
	if (tokens[k].type !== 'string' && tokens[k].type !== 'word') {
		fail();
	}
	let name = tokens[k++].value;
	if (name === '') {
		k--;
		fail();
	}
	// A bare name may have slashes and path parameters, written without
	// spaces: `function data/filter_by_value {`, `query posts/{id} verb=GET {`.
	const adjacent = (a, b) => tokens[b].pos === tokens[a].pos + tokens[a].text.length;
	while (tokens[k - 1].type !== 'string' && tokens[k].value === '/' && adjacent(k - 1, k)) {
		if (tokens[k + 1].type === 'word' && adjacent(k, k + 1)) {
			name += '/' + tokens[k + 1].value;
			k += 2;
		} else if (tokens[k + 1].value === '{' && tokens[k + 2].type === 'word' &&
				tokens[k + 3].value === '}' && adjacent(k, k + 1) && adjacent(k + 1, k + 2) &&
				adjacent(k + 2, k + 3)) {
			name += `/{${tokens[k + 2].value}}`;
			k += 4;
		} else {
			fail();
		}
	}
	let verb;
	if (kind.value === 'query') {
		if (tokens[k].value !== 'verb') {
			fail();
		}
		k++;
		if (tokens[k].value !== '=') {
			fail();
		}
		k++;
		if (tokens[k].type !== 'word' || !VERBS.includes(tokens[k].value)) {
			fail();
		}
		verb = tokens[k++].value;
	}
	if (tokens[k].value !== '{' || tokens[k].type !== 'punct') {
		fail();
	}
	// The body: brackets must pair up; `key = "string"` at depth 1 is kept.
	const props = {};
	const stack = [];
	for (; tokens[k].type !== 'eof'; k++) {
		const t = tokens[k];
		if (t.type === 'punct' && CLOSERS[t.value]) {
			stack.push(CLOSERS[t.value]);
		} else if (t.type === 'punct' && ['}', ']', ')'].includes(t.value)) {
			if (stack.pop() !== t.value) {
				fail();
			}
			if (stack.length === 0) {
				break;
			}
		} else if (stack.length === 1 && t.type === 'word' && tokens[k + 1].value === '=' &&
				tokens[k + 2].type === 'string' && !(t.value in props)) {
			props[t.value] = tokens[k + 2].value;
		}
	}
	if (tokens[k].type === 'eof') {
		fail();
	}
	k++;
	if (tokens[k].type !== 'eof') {
		fail();
	}
	return { kind: kind.value, name, verb, props };
}
