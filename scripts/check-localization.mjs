// English must be complete: every message in the code has an English <target> in locales/en.xlf.
// Runs lit-localize extract (which keeps existing translations) and then build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/paths.mjs';

function run(args) {
  const result = spawnSync('npx', ['lit-localize', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    process.exit(1);
  }
}

run(['extract']);
const xliff = readFileSync(join(ROOT, 'locales', 'en.xlf'), 'utf8');
const units = xliff.match(/<trans-unit [\s\S]*?<\/trans-unit>/g) ?? [];
const missing = units.filter((unit) => !/<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(unit));
if (units.length === 0 || missing.length > 0) {
  console.error(
    `locales/en.xlf: ${missing.length} of ${units.length} messages have no English translation:\n` +
      missing.map((unit) => `  ${/<source>([\s\S]*?)<\/source>/.exec(unit)?.[1]}`).join('\n'),
  );
  process.exit(1);
}
run(['build']);
console.log(`check-localization: ${units.length} messages, all translated to English`);
