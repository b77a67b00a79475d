// `npm test`: bootstraps, then runs every check and suite, and ends with `N passed, N failed`.
// A suite that cannot run (no LiveKit, no Chromium) fails loudly: it is never skipped.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from './lib/bootstrap.mjs';
import { ROOT } from './lib/paths.mjs';

bootstrap({ browser: true });

const countsDir = mkdtempSync(join(tmpdir(), 'dah-counts-'));
const testFiles = (dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => join(dir, name));

const nodeSuite = (dir) => {
  const countFile = join(countsDir, `${dir.replaceAll('/', '-')}.json`);
  return {
    countFile,
    command: [
      'node',
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/lib/node-test-count-reporter.mjs',
      `--test-reporter-destination=${countFile}`,
      ...testFiles(dir),
    ],
  };
};

const MINUTE = 60_000;
const steps = [
  {
    name: 'typecheck: client',
    command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'],
    timeout: 5 * MINUTE,
  },
  {
    name: 'typecheck: server',
    command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.server.json'],
    timeout: 5 * MINUTE,
  },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings=0', '.'], timeout: 5 * MINUTE },
  { name: 'format', command: ['npx', 'prettier', '--check', '.'], timeout: 5 * MINUTE },
  // Every folder under src/: no import cycle, no source file over 500 lines.
  { name: 'structure', command: ['node', 'scripts/check-structure.mjs', 'src'], timeout: 5 * MINUTE },
  { name: 'localisation complete', command: ['node', 'scripts/check-localization.mjs'], timeout: 5 * MINUTE },
  { name: 'build for TV engines', command: ['node', 'scripts/build.mjs'], timeout: 10 * MINUTE },
  { name: 'server suite', suite: true, ...nodeSuite('test/server'), timeout: 15 * MINUTE },
  {
    name: 'browser suite',
    suite: true,
    countFile: join(countsDir, 'browser.json'),
    command: ['npx', 'web-test-runner', '--config', 'web-test-runner.config.mjs'],
    timeout: 15 * MINUTE,
  },
  { name: 'end-to-end suite', suite: true, ...nodeSuite('test/e2e'), timeout: 20 * MINUTE },
];

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.command[0], step.command.slice(1), {
      cwd: ROOT,
      // Suites stream their output; checks are quiet unless they fail.
      stdio: step.suite ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TEST_COUNT_FILE: step.countFile ?? '', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[test] ${step.name} exceeded ${step.timeout / MINUTE} minutes and was stopped`;
      child.kill('SIGKILL');
    }, step.timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

function suiteCounts(step, code) {
  if (!existsSync(step.countFile))
    return { passed: 0, failed: 1, note: 'the suite did not report its results' };
  const counts = JSON.parse(readFileSync(step.countFile, 'utf8'));
  if (counts.passed + counts.failed === 0) return { passed: 0, failed: 1, note: 'the suite ran no test' };
  // A runner that exits non-zero with every test passed still failed (a crash, a hook error).
  if (code !== 0 && counts.failed === 0) return { ...counts, failed: 1, note: `exit code ${code}` };
  if (counts.skipped > 0)
    return { ...counts, failed: counts.failed + counts.skipped, note: `${counts.skipped} skipped` };
  return counts;
}

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  console.log(`\n[test] ▶ ${step.name}`);
  const { code, output, seconds } = await run(step);
  const counts = step.suite
    ? suiteCounts(step, code)
    : code === 0
      ? { passed: 1, failed: 0 }
      : { passed: 0, failed: 1 };
  if (!step.suite && code !== 0) console.log(output.trim());
  passed += counts.passed;
  failed += counts.failed;
  summary.push(
    `  ${counts.failed ? '✗' : '✓'} ${step.name}: ${counts.passed} passed, ${counts.failed} failed` +
      `${counts.note ? ` (${counts.note})` : ''} in ${seconds}s`,
  );
}
rmSync(countsDir, { recursive: true, force: true });

console.log(`\n[test] summary\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
