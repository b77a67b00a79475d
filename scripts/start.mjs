// `npm start`: bootstraps, builds the client, starts LiveKit and the API (SQLite default, serving
// the client) on loopback, and prints where to go. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { bootstrap } from './lib/bootstrap.mjs';
import { buildClient } from './build.mjs';
import { startLiveKit } from './lib/livekit.mjs';
import { DIST_DIR, ROOT } from './lib/paths.mjs';

bootstrap();

const API_PORT = Number(process.env.PORT ?? 8080);
const LIVEKIT_PORT = Number(process.env.LIVEKIT_PORT ?? 7880);
const apiOrigin = `http://127.0.0.1:${API_PORT}`;

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${apiOrigin}/healthz`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not become healthy on ${apiOrigin} within ${timeoutMs / 1000} s`);
}

const children = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of children.reverse()) await stop();
  process.exit(code);
}

try {
  await buildClient();
  console.log('[start] starting LiveKit…');
  const livekit = await startLiveKit({
    apiKey: process.env.LIVEKIT_API_KEY,
    apiSecret: process.env.LIVEKIT_API_SECRET,
    webhookUrl: `${apiOrigin}/api/livekit/webhook`,
    port: LIVEKIT_PORT,
    tcpPort: LIVEKIT_PORT + 1,
    udpPort: LIVEKIT_PORT + 2,
  });
  children.push(() => livekit.stop());

  console.log('[start] starting the API…');
  const api = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      APP_MODE: process.env.APP_MODE ?? 'development',
      PORT: String(API_PORT),
      LIVEKIT_URL: livekit.httpUrl,
      STATIC_DIR: DIST_DIR,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  const apiExited = new Promise((resolve) => api.once('exit', resolve));
  children.push(async () => {
    if (api.exitCode === null) api.kill('SIGTERM');
    await apiExited;
  });
  api.once('exit', (code) => {
    if (stopping) return;
    console.error(`[start] the API stopped (exit code ${code}); stopping everything.`);
    void stopAll(1);
  });
  await waitForHealth(30_000);

  const { accounts } = await (await fetch(`${apiOrigin}/api/dev/accounts`)).json();
  const link = (surface, id) => `${apiOrigin}/${surface}?as=${id}`;
  const surfaceOf = { resident: 'tv', kiosk: 'kiosk' };
  console.log(`
临医在家 is running (development mode, SQLite at data/doctor-at-home.sqlite)

  TV app            ${apiOrigin}/tv
  Kiosk             ${apiOrigin}/kiosk
  Clinician console ${apiOrigin}/console
  API description   ${apiOrigin}/api/openapi.json
  LiveKit           ${livekit.url}

Demo log-ins (development sign-in: open the link, the device remembers the user):
${accounts.map((a) => `  ${a.role.padEnd(11)} ${a.displayName}（${a.organisationName}）\n              ${link(surfaceOf[a.role] ?? 'console', a.id)}`).join('\n')}

Try it: open 王秀英's TV link and 张伟's console link in two windows and join the same consultation.
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`[start] ${error.message}`);
  await stopAll(1);
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
