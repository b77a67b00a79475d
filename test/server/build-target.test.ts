import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemsIn } from '../../scripts/check-build-target.mjs';

test('the TV build check accepts what Chromium 76 parses', () => {
  const code = [
    "import('./call.js').then((m) => m.start());",
    'const url = import.meta.url;',
    'class A { constructor() { this.x = 1; } }',
    'async function* g() { for await (const x of []) yield x; }',
    'const { a, ...rest } = { a: 1, b: 2 };',
    'try { JSON.parse("") } catch { }',
    'export { A, url, g, rest };',
  ].join('\n');
  assert.deepEqual(problemsIn(code), []);
});

test('the TV build check rejects syntax newer than Chromium 76', () => {
  assert.match(problemsIn('export const x = a?.b;')[0] ?? '', /optional chaining/);
  assert.match(problemsIn('export const x = a ?? b;')[0] ?? '', /\?\?/);
  assert.match(problemsIn('let a; a ??= 1;')[0] ?? '', /does not parse/);
  assert.match(problemsIn('class A { #x = 1; }')[0] ?? '', /does not parse/);
  assert.match(problemsIn('const n = 1_000;')[0] ?? '', /does not parse/);
  assert.match(problemsIn('await Promise.resolve(1);')[0] ?? '', /does not parse/);
});

test('the TV build check rejects built-ins newer than Chromium 76 that nothing makes safe', () => {
  assert.match(
    problemsIn("export const s = 'a-b'.replaceAll('-', '');")[0] ?? '',
    /replaceAll \(Chromium 85\)/,
  );
  assert.match(problemsIn('export const p = Promise.any([]);')[0] ?? '', /Promise.any/);
  assert.match(problemsIn('export const s = AbortSignal.timeout(5);')[0] ?? '', /AbortSignal.timeout/);
  // Polyfilled before livekit-client loads, or checked for by their users.
  assert.deepEqual(
    problemsIn('export const x = [1].at(-1), y = Object.hasOwn({}, "a"), w = new WeakRef({});'),
    [],
  );
  assert.deepEqual(problemsIn('export const c = typeof structuredClone == "function";'), []);
  // The same names on other objects are not the built-ins.
  assert.deepEqual(
    problemsIn('const P = { any: () => 1, timeout: () => 2 }; export const a = P.any(), t = P.timeout();'),
    [],
  );
});
