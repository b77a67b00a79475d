// The client the benchmarks measure: the production Vite build (vite.config.ts, target chrome76),
// written with Vite's manifest to artifacts/bench-client/. dist/ is left alone, so a test run
// building or serving it at the same time is not disturbed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/paths.mjs';

export const BENCH_CLIENT_DIR = join(ROOT, 'artifacts', 'bench-client');

export interface BenchBuild {
  dir: string;
  /** dir/.vite/manifest.json */
  manifestFile: string;
}

export function buildClientForBench(): BenchBuild {
  console.log('[bench] building the client with Vite into artifacts/bench-client/…');
  // The command scripts/build.mjs runs, plus the manifest and another output directory. The
  // service worker is not generated: /sw.js is not found and the app runs without an offline
  // shell, as it does on an installed TV once its worker is idle.
  const vite = spawnSync(
    'npx',
    ['vite', 'build', '--logLevel', 'warn', '--manifest', '--outDir', BENCH_CLIENT_DIR, '--emptyOutDir'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (vite.status !== 0) throw new Error('vite build failed');
  return { dir: BENCH_CLIENT_DIR, manifestFile: join(BENCH_CLIENT_DIR, '.vite', 'manifest.json') };
}
