// Builds the client: Vite (target chrome76), then the Workbox service worker, then the syntax check.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSW, getManifest } from 'workbox-build';
import { checkBuildTarget } from './check-build-target.mjs';
import { DIST_DIR, ROOT } from './lib/paths.mjs';

/** The service worker's precache repair, beside sw.js (not precached: the worker imports it). */
const REPAIR_SCRIPT = 'sw-repair.js';

/**
 * The offline shell: the app's own files in `dir` precached by a Workbox service worker written to
 * `dir`/sw.js. livekit-client's chunk is left out of the precache: a call needs the network anyway,
 * and TVs have little storage. The benchmarks write one into their own build the same way.
 */
export async function writeServiceWorker(dir) {
  const precache = {
    globDirectory: dir,
    globPatterns: ['**/*.{html,js,css,svg,woff2}'],
    globIgnores: ['**/livekit-client*', '**/*.map', 'sw.js', 'workbox-*.js', REPAIR_SCRIPT],
  };
  // The precache's repair (scripts/lib/sw-precache-repair.js) with this version's entries.
  const { manifestEntries } = await getManifest(precache);
  writeFileSync(
    join(dir, REPAIR_SCRIPT),
    `var PRECACHE_ENTRIES = ${JSON.stringify(manifestEntries.map(({ url, revision }) => ({ url, revision })))};\n` +
      readFileSync(join(ROOT, 'scripts', 'lib', 'sw-precache-repair.js'), 'utf8'),
  );
  const { count, size, warnings } = await generateSW({
    ...precache,
    importScripts: [REPAIR_SCRIPT],
    swDest: `${dir}/sw.js`,
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
  });
  for (const warning of warnings) console.warn(`[build] workbox: ${warning}`);
  return { count, size };
}

export async function buildClient() {
  console.log('[build] bundling the client with Vite…');
  const vite = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (vite.status !== 0) throw new Error('vite build failed');

  const { count, size } = await writeServiceWorker(DIST_DIR);
  console.log(`[build] service worker precaches ${count} files (${Math.round(size / 1024)} KiB)`);

  const { count: files, failures } = checkBuildTarget();
  if (failures.length)
    throw new Error(`Built client is not Chromium 76 compatible:\n  ${failures.join('\n  ')}`);
  console.log(`[build] ${files} JavaScript files parse for Chromium 76`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildClient().catch((error) => {
    console.error(`[build] ${error.message}`);
    process.exit(1);
  });
}
