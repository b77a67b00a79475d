// Deployment settings (docs/DEPLOYMENT.md): the trusted proxy, the public origin, the modes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openSqlite } from '../../src/server/db/database.js';
import { TrustedProxies } from '../../src/server/http/client-address.js';
import { seedDemoCounty } from '../../src/server/seed/demo-county.js';
import { startApi } from '../../src/server/server.js';
import { fetchFrom } from '../support/from-address.js';
import {
  ApiSession,
  DEMO_PASSWORD,
  TEST_API_KEY,
  TEST_API_SECRET,
  startStack,
  type TestStack,
} from '../support/stack.js';

const PUBLIC_ORIGIN = 'https://doctor.qingshan.example';
let plain: TestStack;
let proxied: TestStack;
let tmp: string;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dah-deployment-'));
  plain = await startStack();
  proxied = await startStack({ env: { TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8', PUBLIC_ORIGIN } });
});
after(async () => {
  await plain?.stop();
  await proxied?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const login = (
  session: ApiSession,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) =>
  session.fetch('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
    headers: { origin: session.baseUrl === proxied.api.url ? PUBLIC_ORIGIN : session.baseUrl, ...headers },
  });

async function lastLoginAddress(stack: TestStack, username: string): Promise<string | null> {
  const row = await stack.api.db
    .selectFrom('auditLog')
    .select('address')
    .where('action', '=', 'auth.login')
    .where('target', '=', username)
    .orderBy('occurredAt', 'desc')
    .executeTakeFirstOrThrow();
  return row.address;
}

describe('trusted proxy', () => {
  test('X-Forwarded-For is read only from a listed proxy, right to left, up to the first address that is not one', () => {
    const proxies = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    // Not from a proxy: the header is the client's own invention.
    assert.equal(proxies.clientAddress('198.51.100.4', '203.0.113.9'), '198.51.100.4');
    // From the proxy: the hop it appended.
    assert.equal(proxies.clientAddress('127.0.0.1', '203.0.113.9'), '203.0.113.9');
    // The client wrote its own header first; the proxy appended the real address on the right.
    assert.equal(proxies.clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.9'), '203.0.113.9');
    // Two proxies of ours in a row are skipped.
    assert.equal(proxies.clientAddress('::ffff:127.0.0.1', '203.0.113.9, 10.1.2.3'), '203.0.113.9');
    assert.equal(proxies.clientAddress('fd00::1', '2001:db8::7'), '2001:db8::7');
    // Garbage where a proxy would have written an address: the last proxy that passed it on.
    assert.equal(proxies.clientAddress('127.0.0.1', 'evil, 10.1.2.3'), '10.1.2.3');
    // Off by default: nobody is trusted.
    assert.equal(new TrustedProxies([]).clientAddress('127.0.0.1', '203.0.113.9'), '127.0.0.1');
    assert.throws(() => new TrustedProxies(['proxy.example']), /not an IP address/);
  });

  test('off by default: a forged X-Forwarded-For neither hides the client nor escapes its lock', async () => {
    const browser = new ApiSession(plain.api.url);
    const statuses = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (await login(browser, 'zhaomin', 'wrong', { 'x-forwarded-for': `203.0.113.${i}` })).status,
      );
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    assert.equal(await lastLoginAddress(plain, 'zhaomin'), '127.0.0.1');
  });

  test('behind a listed proxy, each client has its own address: one locked out, another signs in', async () => {
    const viaProxy = new ApiSession(proxied.api.url);
    for (let i = 0; i < 5; i += 1) {
      const response = await login(viaProxy, 'lifang', 'wrong', {
        'x-forwarded-for': '1.1.1.1, 203.0.113.7',
      });
      assert.equal(response.status, 401);
    }
    assert.equal(await lastLoginAddress(proxied, 'lifang'), '203.0.113.7');
    assert.equal(
      (await login(viaProxy, 'lifang', DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.7' })).status,
      429,
    );
    // Another client behind the same proxy: a spoofed left part does not make it the locked one.
    const other = new ApiSession(proxied.api.url);
    assert.equal(
      (await login(other, 'lifang', DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.8' })).status,
      200,
    );
  });

  test('a request that does not come from a listed proxy cannot choose its address with the header', async () => {
    const direct = new ApiSession(proxied.api.url, fetchFrom('127.0.0.9'));
    assert.equal(
      (await login(direct, 'zhangwei', 'wrong', { 'x-forwarded-for': '203.0.113.50' })).status,
      401,
    );
    assert.equal(await lastLoginAddress(proxied, 'zhangwei'), '127.0.0.9');
  });
});

describe('public origin', () => {
  test('state-changing requests must come from PUBLIC_ORIGIN, not from whatever the Host header says', async () => {
    const browser = new ApiSession(proxied.api.url);
    // The API's own address (what Host says) is not the public origin behind a proxy.
    const hostOrigin = await login(browser, 'zhangwei', DEMO_PASSWORD, { origin: proxied.api.url });
    assert.equal(hostOrigin.status, 403);
    assert.equal(((await hostOrigin.json()) as { error: { code: string } }).error.code, 'csrf_failed');
    assert.equal(
      (await login(browser, 'zhangwei', DEMO_PASSWORD, { origin: 'https://evil.example' })).status,
      403,
    );
    assert.equal((await login(browser, 'zhangwei', DEMO_PASSWORD, { origin: PUBLIC_ORIGIN })).status, 200);
  });

  test('the pairing QR code points at the public origin', async () => {
    const start = await new ApiSession(proxied.api.url).fetch('/api/devices/pairing', {
      method: 'POST',
      body: JSON.stringify({ kind: 'tv' }),
      headers: { origin: PUBLIC_ORIGIN },
    });
    const body = (await start.json()) as { verificationUriComplete: string };
    assert.ok(body.verificationUriComplete.startsWith(`${PUBLIC_ORIGIN}/console/pair?code=`));
  });
});

describe('modes', () => {
  const env = {
    LIVEKIT_API_KEY: TEST_API_KEY,
    LIVEKIT_API_SECRET: TEST_API_SECRET,
    LOG_LEVEL: 'silent' as const,
    PORT: '0',
  };

  test('the server refuses to start without an explicit APP_MODE, and says what to set', () => {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /APP_MODE: not set/);
        assert.match(error.message, /development.*test.*production/s);
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ ...env, APP_MODE: 'demo' }),
      /APP_MODE: must be development, test or production/,
    );
  });

  test('the API’s command line stops at once without APP_MODE: exit code 2 and the message', () => {
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      DATABASE_FILE: join(tmp, 'never.sqlite'),
    };
    delete environment.APP_MODE;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: environment,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /APP_MODE: not set/);
  });

  test('production refuses a database holding the demo county, and serves no development routes', async () => {
    const demoFile = join(tmp, 'demo.sqlite');
    const db = openSqlite(demoFile);
    await migrateToLatest(db);
    await seedDemoCounty(
      db,
      loadConfig({ ...env, APP_MODE: 'test', PASSWORD_HASH_COST: 'test' }).passwordHashCost,
    );
    await db.destroy();
    const production = { ...env, APP_MODE: 'production', PUBLIC_ORIGIN: 'https://doctor.example' };
    await assert.rejects(
      startApi(loadConfig({ ...production, DATABASE_FILE: demoFile })),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /demo county/);
        return true;
      },
    );

    const api = await startApi(loadConfig({ ...production, DATABASE_FILE: join(tmp, 'own.sqlite') }));
    try {
      assert.equal((await fetch(`${api.url}/api/dev/accounts`)).status, 404);
      const users = await api.db.selectFrom('users').select('id').execute();
      assert.deepEqual(users, [], 'production seeds nothing');
    } finally {
      await api.close();
    }
  });

  test('development serves the demo accounts; test mode does not', async () => {
    const api = await startApi(
      loadConfig({
        ...env,
        APP_MODE: 'development',
        PASSWORD_HASH_COST: 'test',
        DATABASE_FILE: join(tmp, 'dev.sqlite'),
      }),
    );
    try {
      assert.equal((await fetch(`${api.url}/api/dev/accounts`)).status, 200);
    } finally {
      await api.close();
    }
    assert.equal((await fetch(`${plain.api.url}/api/dev/accounts`)).status, 404);
  });
});
