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
