// `npm run check:structure [folders…]`: fails on any import cycle and on any source file over
// 500 lines under the given folders (default: src/), naming them. Cycles count every relative
// import, `import type` and `export … from` included (a type-only cycle still ties the modules
// together for a reader and for the next refactor). Plain Node: a small import scanner, no build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './lib/paths.mjs';

const MAX_LINES = 500;
const SOURCE = /\.(ts|mts|js|mjs)$/;
/** Written by tools, not by us (lit-localize's output). */
const GENERATED = /[/\\]generated[/\\]/;

const folders = process.argv.slice(2);
const roots = (folders.length ? folders : ['src']).map((folder) => resolve(ROOT, folder));

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

// Static imports and re-exports (`import x from`, `import type`, `import './side-effect'`,
// `export … from`, `export type … from`) and dynamic `import('…')`. Comments are removed first so
// an example in a comment is not an import.
const SPECIFIER =
  /(?:^|[^\w$.])(?:import|export)\s*(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s*)?['"]([^'"]+)['"]|(?:^|[^\w$.])import\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

function stripComments(code) {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The file a relative specifier names: `./x.js` is `./x.ts` in TypeScript sources. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

const files = roots.flatMap((root) => [...sourceFiles(root)]).filter((file) => !GENERATED.test(file));
const inScope = new Set(files);
const graph = new Map();
const tooLong = [];
for (const file of files) {
  const code = readFileSync(file, 'utf8');
  const lines = code.split('\n').length - (code.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) tooLong.push(`${relative(ROOT, file)} (${lines} lines)`);
  const targets = new Set();
  for (const match of stripComments(code).matchAll(SPECIFIER)) {
    const target = resolveImport(file, match[1] ?? match[2]);
    if (target && inScope.has(target)) targets.add(target);
  }
  graph.set(file, [...targets].sort());
}

// Tarjan's strongly connected components: every component of more than one file (or a file that
// imports itself) is a cycle.
const cycles = [];
{
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node)) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node).includes(node)) cycles.push(component);
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
}

/** One concrete loop through a component, to show which import closes it. */
function loopThrough(component) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  const walk = (node) => {
    for (const target of graph.get(node)) {
      if (!members.has(target)) continue;
      if (target === start) return true;
      if (seen.has(target)) continue;
      seen.add(target);
      path.push(target);
      if (walk(target)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return [...path, start].map((file) => relative(ROOT, file)).join(' → ');
}

const scope = roots.map((root) => relative(ROOT, root) || '.').join(', ');
if (cycles.length === 0 && tooLong.length === 0) {
  console.log(
    `check:structure: ${files.length} files under ${scope}: no import cycle, none over ${MAX_LINES} lines`,
  );
  process.exit(0);
}
for (const component of cycles) {
  const names = component.map((file) => relative(ROOT, file)).sort();
  console.error(
    `import cycle among ${names.length} files: ${names.join(', ')}\n  for example ${loopThrough(component)}`,
  );
}
for (const file of tooLong) console.error(`over ${MAX_LINES} lines: ${file}`);
console.error(
  `check:structure: ${cycles.length} import cycle(s), ${tooLong.length} file(s) over ${MAX_LINES} lines under ${scope}`,
);
process.exit(1);
