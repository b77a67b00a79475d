// Benchmark 1: the JavaScript a TV downloads before it can show Home. From Vite's manifest: the
// entry chunk of index.html and every chunk it imports statically, transitively (what the browser
// fetches and preloads at start); dynamic imports load later and are not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import type { BenchBuild } from './client-build.js';
import { runContext, type BenchResult, type Machine } from './report.js';

/** 60 kB gzipped, in Vite's units (1 kB = 1000 bytes). */
export const INITIAL_JS_GOAL_BYTES = 60_000;

interface ChunkSize {
  key: string;
  file: string;
  raw: number;
  gzip: number;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function sizeOf(dir: string, key: string, file: string): ChunkSize {
  const code = readFileSync(join(dir, file));
  return { key, file, raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function isLiveKit(key: string, file: string): boolean {
  return key.includes('node_modules/livekit-client/') || /(^|\/)livekit-client[^/]*\.js$/.test(file);
}

/** The manifest keys of the entry and everything it imports statically, in load order. */
export function staticClosure(manifest: Manifest, entryKey: string): string[] {
  const seen: string[] = [];
  const visit = (key: string) => {
    if (seen.includes(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no entry ${key}`);
    seen.push(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  return seen;
}

export async function measureInitialJs(build: BenchBuild, machine: Machine): Promise<BenchResult> {
  // Sizes do not depend on how busy the machine is: no need to measure it.
  const started = await runContext(false);
  const manifest = JSON.parse(readFileSync(build.manifestFile, 'utf8')) as Manifest;
  const errors: string[] = [];
  const entryKey = 'index.html';
  if (!manifest[entryKey]?.isEntry) throw new Error(`no entry for index.html in ${build.manifestFile}`);

  const initialKeys = staticClosure(manifest, entryKey);
  const initial = initialKeys.map((key) => sizeOf(build.dir, key, (manifest[key] as { file: string }).file));
  const total = initial.reduce((sum, chunk) => sum + chunk.gzip, 0);
  const totalRaw = initial.reduce((sum, chunk) => sum + chunk.raw, 0);

  const liveKitKeys = Object.entries(manifest)
    .filter(([key, chunk]) => chunk.file.endsWith('.js') && isLiveKit(key, chunk.file))
    .map(([key]) => key);
  if (liveKitKeys.length === 0)
    errors.push('no livekit-client chunk in the manifest: is the call screen still built?');
  for (const key of liveKitKeys) {
    if (initialKeys.includes(key)) {
      errors.push(
        `livekit-client (${manifest[key]?.file}) is imported statically from index.html: it must load lazily`,
      );
    }
  }
  const liveKit = liveKitKeys.map((key) => sizeOf(build.dir, key, (manifest[key] as { file: string }).file));
  const importers = (key: string) =>
    Object.entries(manifest)
      .filter(([, chunk]) => chunk.dynamicImports?.includes(key))
      .map(([, chunk]) => `\`${chunk.file}\``);

  const css = (manifest[entryKey]?.css ?? []).map((file) => sizeOf(build.dir, file, file));

  const chunkRows = [
    ...initial.map((c) => `| \`${c.file}\` | static (initial) | ${kB(c.raw)} | ${kB(c.gzip)} |`),
    ...liveKit.map(
      (c) =>
        `| \`${c.file}\` | ${initialKeys.includes(c.key) ? '**static (initial): error**' : `lazy, \`import()\` from ${importers(c.key).join(', ') || 'a static import of a lazy chunk'}`} | ${kB(c.raw)} | ${kB(c.gzip)} |`,
    ),
    ...css.map(
      (c) => `| \`${c.file}\` | stylesheet of index.html (not counted) | ${kB(c.raw)} | ${kB(c.gzip)} |`,
    ),
  ];
  const lazyCount =
    Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js')).length - initial.length;

  return {
    title: 'Home screen: initial JavaScript',
    method:
      'The production build (`vite build` with `vite.config.ts`, target chrome76, plus `--manifest`). From ' +
      '`.vite/manifest.json`, the entry chunk of `index.html` and all of its static `imports`, transitively; ' +
      'not `dynamicImports`, which load only when a screen or a call opens. Each file is gzipped with ' +
      '`zlib.gzipSync` at level 9 and the sizes are summed (1 kB = 1000 bytes, as Vite prints). The build ' +
      'is deterministic, so it is measured once.',
    rows: [
      {
        measured: `Initial JS of index.html, gzip -9 (${initial.length} chunks, ${kB(totalRaw)} raw)`,
        runs: 1,
        median: kB(total),
        p95: kB(total),
        goal: `< ${kB(INITIAL_JS_GOAL_BYTES)}`,
        pass: total < INITIAL_JS_GOAL_BYTES && errors.length === 0,
      },
      ...liveKit.map((c) => ({
        measured: `livekit-client chunk, gzip -9 (${initialKeys.includes(c.key) ? 'static: error' : 'lazy'})`,
        runs: 1,
        median: kB(c.gzip),
        p95: kB(c.gzip),
        goal: 'not in the initial JS',
        pass: !initialKeys.includes(c.key),
      })),
    ],
    details: [
      `The files. ${lazyCount} further JavaScript chunks load on demand; of those only livekit-client's is listed.`,
      '',
      '| File | Loaded | Raw | gzip -9 |',
      '| --- | --- | --- | --- |',
      ...chunkRows,
    ].join('\n'),
    errors,
    machine,
    ...started,
  };
}
