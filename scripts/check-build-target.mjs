// Fails when the built client uses syntax that Chromium 76 (TV engines, shared/design/tv-ui.md)
// cannot parse. acorn at ES2020 also accepts `import()` and `import.meta` (Chromium 63/64), so the
// two ES2020 operators Chromium 76 lacks, optional chaining and `??` (both Chromium 80), are
// rejected by walking the tree. Anything newer than ES2020 fails to parse at all.
// esbuild lowers syntax, not built-ins: every use of a built-in newer than Chromium 76 must be
// polyfilled (src/app/call/legacy-builtins.ts) or checked for by the code that uses it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import { DIST_DIR, ROOT } from './lib/paths.mjs';

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

/**
 * Built-ins newer than Chromium 76, how they appear in code, and who makes them safe. A new one
 * in the output fails the build until it is polyfilled or shown to be checked for.
 */
export const NEWER_BUILTINS = [
  { name: 'Object.hasOwn', since: 93, object: 'Object', property: 'hasOwn', safe: 'polyfilled' },
  { name: 'Array.prototype.at', since: 92, property: 'at', safe: 'polyfilled' },
  { name: 'crypto.randomUUID', since: 92, property: 'randomUUID', safe: 'polyfilled' },
  { name: 'WeakRef', since: 84, global: 'WeakRef', safe: 'polyfilled (a strong reference)' },
  {
    name: 'FinalizationRegistry',
    since: 84,
    global: 'FinalizationRegistry',
    safe: 'livekit-client checks typeof FinalizationRegistry first',
  },
  {
    name: 'structuredClone',
    since: 98,
    global: 'structuredClone',
    safe: 'livekit-client checks typeof structuredClone first',
  },
  { name: 'String.prototype.replaceAll', since: 85, property: 'replaceAll', safe: null },
  { name: 'Promise.any', since: 85, object: 'Promise', property: 'any', safe: null },
  { name: 'AggregateError', since: 85, global: 'AggregateError', safe: null },
  { name: 'Array.prototype.findLast', since: 97, property: 'findLast', safe: null },
  { name: 'Array.prototype.findLastIndex', since: 97, property: 'findLastIndex', safe: null },
  { name: 'Array.prototype.toSorted', since: 110, property: 'toSorted', safe: null },
  { name: 'AbortSignal.timeout', since: 103, object: 'AbortSignal', property: 'timeout', safe: null },
  { name: 'Intl.DisplayNames', since: 81, object: 'Intl', property: 'DisplayNames', safe: null },
];

/** The newer built-ins a piece of code uses, by name. */
export function newerBuiltinsIn(ast) {
  const used = new Set();
  simple(ast, {
    MemberExpression(node) {
      if (node.computed || node.property.type !== 'Identifier') return;
      for (const builtin of NEWER_BUILTINS) {
        if (builtin.property !== node.property.name) continue;
        if (builtin.object && !(node.object.type === 'Identifier' && node.object.name === builtin.object))
          continue;
        used.add(builtin.name);
      }
    },
    Identifier(node) {
      for (const builtin of NEWER_BUILTINS) if (builtin.global === node.name) used.add(builtin.name);
    },
  });
  return used;
}

export function problemsIn(code) {
  const problems = [];
  let ast;
  try {
    ast = parse(code, { ecmaVersion: 2020, sourceType: 'module', locations: true });
  } catch (error) {
    return [`does not parse as ES2020: ${error.message}`];
  }
  for (const name of newerBuiltinsIn(ast)) {
    const builtin = NEWER_BUILTINS.find((b) => b.name === name);
    if (!builtin.safe)
      problems.push(`${name} (Chromium ${builtin.since}) is used but neither polyfilled nor checked for`);
  }
  simple(ast, {
    ChainExpression(node) {
      problems.push(`optional chaining (Chromium 80) at line ${node.loc.start.line}`);
    },
    LogicalExpression(node) {
      if (node.operator === '??') problems.push(`?? (Chromium 80) at line ${node.loc.start.line}`);
    },
  });
  return problems;
}

export function checkBuildTarget(dir = DIST_DIR) {
  const failures = [];
  let count = 0;
  for (const file of jsFiles(dir)) {
    count += 1;
    for (const problem of problemsIn(readFileSync(file, 'utf8')))
      failures.push(`${relative(ROOT, file)}: ${problem}`);
  }
  if (count === 0) failures.push(`no JavaScript found in ${relative(ROOT, dir)}`);
  return { count, failures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { count, failures } = checkBuildTarget();
  if (failures.length) {
    console.error(`Built client is not Chromium 76 compatible:\n  ${failures.slice(0, 20).join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-build-target: ${count} files parse for Chromium 76`);
}
