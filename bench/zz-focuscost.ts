import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CLIENT_DIR } from './client-build.js';
import { newTvPage, startCallBench } from './call-support.js';
import { SCREENS } from './focus-screens.js';
const code = readFileSync('/tmp/lists16-focuscost.js', 'utf8');
const bench = await startCallBench({ dir: BENCH_CLIENT_DIR, manifestFile: join(BENCH_CLIENT_DIR, '.vite', 'manifest.json') });
try {
  for (const name of process.argv.slice(2)) {
    const screen = SCREENS.find((s) => s.name.toLowerCase().startsWith(name))!;
    const page = await newTvPage(bench);
    await screen.open(page, bench);
    await page.keyboard.press(screen.keys[0]!);
    await page.waitForTimeout(300);
    console.log(name, await page.evaluate(code));
    await page.context().close();
  }
} finally {
  await bench.stop();
}
