// Fails when the built client uses syntax that Chromium 76 (TV engines, shared/design/tv-ui.md)
// cannot parse. acorn at ES2020 also accepts `import()` and `import.meta` (Chromium 63/64), so the
// two ES2020 operators Chromium 76 lacks, optional chaining and `??` (both Chromium 80), are
// rejected by walking the tree. Anything newer than ES2020 fails to parse at all.
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

export function problemsIn(code) {
  const problems = [];
  let ast;
  try {
    ast = parse(code, { ecmaVersion: 2020, sourceType: 'module', locations: true });
  } catch (error) {
    return [`does not parse as ES2020: ${error.message}`];
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
