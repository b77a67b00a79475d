// Builds the client: Vite (target chrome76), then the Workbox service worker, then the syntax check.
import { spawnSync } from 'node:child_process';
import { generateSW } from 'workbox-build';
import { checkBuildTarget } from './check-build-target.mjs';
import { DIST_DIR, ROOT } from './lib/paths.mjs';

/**
 * The offline shell: the app's own files in `dir` precached by a Workbox service worker written to
 * `dir`/sw.js. livekit-client's chunk is left out of the precache: a call needs the network anyway,
 * and TVs have little storage. The benchmarks write one into their own build the same way.
 */
export async function writeServiceWorker(dir) {
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ['**/*.{html,js,css,svg,woff2}'],
    globIgnores: ['**/livekit-client*', '**/*.map', 'sw.js', 'workbox-*.js'],
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
