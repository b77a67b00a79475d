// Starts the real pieces for server and end-to-end tests: the pinned LiveKit server on free
// loopback ports and the API in this process on a fresh SQLite file. Fails loudly when the
// LiveKit binary is missing: a suite that cannot run must not pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveKit } from '../../scripts/lib/livekit.mjs';
import { freeTcpPort } from '../../scripts/lib/ports.mjs';
import { loadConfig, type AppMode } from '../../src/server/config.js';
import { startApi, type RunningApi } from '../../src/server/server.js';

export interface TestStack {
  api: RunningApi;
  livekitUrl: string;
  livekitHttpUrl: string;
  apiKey: string;
  apiSecret: string;
  databaseFile: string;
  /**
   * Stops LiveKit and starts it again on the same ports (a restart: every room forgotten), after
   * `whileDown` has run.
   */
  restartLiveKit(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_API_KEY = 'APItest';
export const TEST_API_SECRET = 'test-secret-that-is-long-enough-for-hs256-000';

export async function startStack(
  options: { staticDir?: string; mode?: AppMode; env?: Record<string, string> } = {},
): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'dah-test-'));
  const databaseFile = join(dir, 'test.sqlite');
  const apiPort = await freeTcpPort();
  let livekit = await startLiveKit({
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    webhookUrl: `http://127.0.0.1:${apiPort}/api/livekit/webhook`,
  });
  let api: RunningApi;
  try {
    api = await startApi(
      loadConfig({
        APP_MODE: options.mode ?? 'test',
        PORT: String(apiPort),
        DATABASE_FILE: databaseFile,
        LIVEKIT_URL: livekit.httpUrl,
        LIVEKIT_API_KEY: TEST_API_KEY,
        LIVEKIT_API_SECRET: TEST_API_SECRET,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        PASSWORD_HASH_COST: 'test',
        ...(options.staticDir ? { STATIC_DIR: options.staticDir } : {}),
        ...options.env,
      }),
    );
  } catch (error) {
    await livekit.stop();
    throw error;
  }
  return {
    api,
    livekitUrl: livekit.url,
    livekitHttpUrl: livekit.httpUrl,
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    databaseFile,
    async restartLiveKit(whileDown) {
      await livekit.stop();
      await whileDown?.();
      livekit = await startLiveKit({
        apiKey: TEST_API_KEY,
        apiSecret: TEST_API_SECRET,
        webhookUrl: `http://127.0.0.1:${apiPort}/api/livekit/webhook`,
        port: livekit.port,
        tcpPort: livekit.tcpPort,
        udpPort: livekit.udpPort,
      });
    },
    async stop() {
      await api.close();
      await livekit.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser-like client of the API: keeps cookies, sends the CSRF token on state-changing
 * requests, as the app does.
 */
export class ApiSession {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;

  /** transport: how requests go out (fetchFrom in from-address.ts sends them from another address). */
  constructor(
    readonly baseUrl: string,
    private readonly transport: typeof fetch = fetch,
  ) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && this.csrfToken && !headers.has('x-csrf-token'))
      headers.set('x-csrf-token', this.csrfToken);
    if (init.body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    const response = await this.transport(this.baseUrl + path, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
    return response;
  }

  /** fetch with a JSON body; remembers the CSRF token of any session answer. */
  async send(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await this.fetch(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const copy = response.clone();
    if (copy.ok && copy.headers.get('content-type')?.includes('json')) {
      const payload = (await copy.json()) as { csrfToken?: string };
      if (payload.csrfToken) this.csrfToken = payload.csrfToken;
    }
    return response;
  }
}

export const DEMO_PASSWORD = 'qingshan-demo';

/** A clinician signed in at the console with the demo password. */
export async function signIn(stack: TestStack, username: string): Promise<ApiSession> {
  const session = new ApiSession(stack.api.url);
  const response = await session.send('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
  if (response.status !== 200)
    throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  return session;
}

/**
 * Pairs a new device through the real flow: the device asks for codes, `approver` enters the
 * user code, the device polls and receives its credential. Returns the device's session.
 */
export async function pairDevice(
  stack: TestStack,
  approver: ApiSession,
  binding: { kind: 'tv'; residentId: string } | { kind: 'kiosk'; careHomeId: string },
): Promise<ApiSession> {
  const device = new ApiSession(stack.api.url);
  const start = (await (
    await device.send('POST', '/api/devices/pairing', { kind: binding.kind })
  ).json()) as {
    deviceCode: string;
    userCode: string;
  };
  const approved = await approver.send('POST', '/api/devices/pairing/approve', {
    userCode: start.userCode,
    ...binding,
  });
  if (approved.status !== 200)
    throw new Error(`approval failed: ${approved.status} ${await approved.text()}`);
  const polled = await device.send('POST', '/api/devices/pairing/poll', { deviceCode: start.deviceCode });
  if (polled.status !== 200) throw new Error(`poll failed: ${polled.status} ${await polled.text()}`);
  return device;
}

/** The device a device's session (a TV's, a kiosk's) is signed in on. */
export async function deviceIdOf(session: ApiSession): Promise<string> {
  const body = (await (await session.send('GET', '/api/auth/session')).json()) as {
    actor: { deviceId: string };
  };
  return body.actor.deviceId;
}

/** A kiosk paired by the administrator, with a staff member signed in by PIN. */
export async function kioskWithStaff(stack: TestStack, admin: ApiSession): Promise<ApiSession> {
  const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
  const response = await kiosk.send('POST', '/api/kiosk/staff-session', {
    staffId: 'staff-ma-li',
    pin: '246810',
  });
  if (response.status !== 200) throw new Error(`staff sign-in failed: ${response.status}`);
  return kiosk;
}
