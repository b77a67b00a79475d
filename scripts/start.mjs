// `npm start`: bootstraps, builds the client, starts LiveKit and the API (SQLite default, serving
// the client) on loopback, and prints where to go. Ctrl-C stops everything.
// Static imports are Node built-ins and local files that need nothing installed: ES modules are
// resolved before any code runs, so anything from node_modules is imported only after bootstrap()
// has installed it (test/server/source-rules.test.ts checks this).
import { spawn } from 'node:child_process';
import { bootstrap } from './lib/bootstrap.mjs';
import { startLiveKit } from './lib/livekit.mjs';
import { DIST_DIR, ROOT } from './lib/paths.mjs';

bootstrap();
const { buildClient } = await import('./build.mjs');

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
  const clinicians = accounts.filter((a) => a.username);
  const staff = accounts.filter((a) => a.role === 'kiosk');
  const residents = accounts.filter((a) => a.role === 'resident');
  console.log(`
临医在家 is running (development mode, SQLite at data/doctor-at-home.sqlite)

  TV app            ${apiOrigin}/tv
  Kiosk             ${apiOrigin}/kiosk
  Clinician console ${apiOrigin}/console
  API description   ${apiOrigin}/api/openapi.json
  LiveKit           ${livekit.url}

Console log-ins (password for all: ${clinicians[0]?.demoSecret ?? ''}):
${clinicians.map((a) => `  ${a.username.padEnd(12)} ${a.displayName}（${a.organisationName}，${a.role}）`).join('\n')}

Kiosk staff PINs (after the kiosk is paired by an administrator):
${staff.map((a) => `  ${a.demoSecret}  ${a.displayName}（${a.organisationName}）`).join('\n')}

Residents: ${residents.map((a) => a.displayName).join('、')}

Try it: open the TV app; it shows a pairing code. In another window sign in to the console as
zhangwei, open 设备绑定, enter the code and choose 王秀英. The TV goes to Home. On the TV choose
视频问诊 → 家庭医生: she appears in the console's queue; 接诊 starts the call. The red key (F1 on a
keyboard) is an urgent call; chenjianguo can be invited into a call as the specialist.
A care-home kiosk: open the kiosk app, pair it from the console as zhoulei (东河镇敬老院), sign in
马丽 with PIN 246810, choose 赵桂兰 → 家庭医生; lifang sees her in the queue with the nurse's name.
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`[start] ${error.message}`);
  await stopAll(1);
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
