// Rules about the client's source that no linter knows.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../scripts/lib/paths.mjs';

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

test('@localized() sits below @customElement, so it is applied before the element is defined', () => {
  // Decorators apply bottom-up. A lazily loaded screen's element is already in the page when its
  // module runs, and it upgrades inside customElements.define(): an initializer added after that
  // (by @localized() above @customElement) never reaches it, and it stays in the old language.
  const wrong: string[] = [];
  let localized = 0;
  for (const file of sourceFiles(join(ROOT, 'src/app'))) {
    const code = readFileSync(file, 'utf8');
    localized += (code.match(/@localized\(\)/g) ?? []).length;
    if (/@localized\(\)\s*\n\s*@customElement\(/.test(code)) wrong.push(relative(ROOT, file));
  }
  assert.ok(localized >= 10, `found ${localized} localized elements`);
  assert.deepEqual(wrong, []);
});

/** Static import specifiers of an ES module (dynamic import() calls are not resolved up front). */
function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /^\s*(?:import\s+(?:[\w*{}\s,$]+\s+from\s+)?|export\s+[\w*{}\s,$]+\s+from\s+)['"]([^'"]+)['"]/gm;
  for (const match of code.matchAll(pattern)) if (match[1]) specifiers.push(match[1]);
  return specifiers;
}

test('npm start and npm test load nothing from node_modules before their bootstrap has installed it', () => {
  // ES module imports are resolved before any code runs: one package in an entry's static import
  // graph and a fresh clone fails with ERR_MODULE_NOT_FOUND before bootstrap() can install it.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const entries = ['start', 'test'].map((name) => {
    const file = /^node (scripts\/\S+\.mjs)$/.exec(manifest.scripts[name] ?? '')?.[1];
    assert.ok(file, `npm ${name} runs one plain Node script`);
    return join(ROOT, file);
  });
  const packages: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) visit(join(file, '..', specifier));
      else packages.push(`${relative(ROOT, file)} imports ${specifier}`);
    }
  };
  entries.forEach(visit);
  assert.ok(seen.size >= 5, `followed ${seen.size} files`);
  assert.deepEqual(packages, []);
});
