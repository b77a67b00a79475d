import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { AccessToken } from 'livekit-server-sdk';
import { freeTcpPort } from '../../scripts/lib/ports.mjs';
import { API_ERROR_CODES } from '../../src/shared/api-errors.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openSqlite } from '../../src/server/db/database.js';
import { seedDemoCounty } from '../../src/server/seed/demo-county.js';
import { startApi } from '../../src/server/server.js';
import { ApiSession, TEST_API_KEY, TEST_API_SECRET, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let tmp: string;
before(async () => {
  stack = await startStack();
  tmp = mkdtempSync(join(tmpdir(), 'dah-platform-'));
});
after(async () => {
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const TEST_COST = loadConfig({
  APP_MODE: 'test',
  LIVEKIT_API_KEY: 'k'.repeat(5),
  LIVEKIT_API_SECRET: 's'.repeat(32),
  PASSWORD_HASH_COST: 'test',
}).passwordHashCost;

describe('health', () => {
  test('/healthz answers ok when the database and LiveKit both answer', async () => {
    const response = await fetch(`${stack.api.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', checks: { database: 'ok', livekit: 'ok' } });
  });

  test('/healthz answers 503 naming LiveKit when LiveKit does not answer', async () => {
    const closedPort = await freeTcpPort();
    const api = await startApi(
      loadConfig({
        APP_MODE: 'test',
        PORT: '0',
        DATABASE_FILE: join(tmp, 'health.sqlite'),
        LIVEKIT_URL: `http://127.0.0.1:${closedPort}`,
        LIVEKIT_API_KEY: TEST_API_KEY,
        LIVEKIT_API_SECRET: TEST_API_SECRET,
        LOG_LEVEL: 'silent',
        PASSWORD_HASH_COST: 'test',
      }),
    );
    try {
      const response = await fetch(`${api.url}/healthz`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), {
        status: 'failing',
        checks: { database: 'ok', livekit: 'failing' },
      });
    } finally {
      await api.close();
    }
  });
});

describe('OpenAPI', () => {
  test('the document is OpenAPI 3.1, generated from the validating schemas, and lists every route', async () => {
    const doc = (await (await fetch(`${stack.api.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: {
        schemas: Record<
          string,
          {
            required?: string[];
            additionalProperties?: unknown;
            properties?: Record<
              string,
              { enum?: string[]; properties?: Record<string, { enum?: string[] }> }
            >;
          }
        >;
      };
    };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/healthz',
      '/api/auth/session',
      '/api/auth/login',
      '/api/devices/pairing',
      '/api/devices/pairing/poll',
      '/api/devices/pairing/approve',
      '/api/devices/{id}/revoke',
      '/api/kiosk/staff-session',
      '/api/patients/{id}',
      '/api/calls/token',
      '/api/livekit/webhook',
      '/api/audit',
      '/api/queue',
      '/api/queue/mine',
      '/api/queue/{id}/admit',
      '/api/consultations',
      '/api/consultations/{id}/end',
      '/api/consultations/{id}/invitations',
      '/api/invitations/{id}/accept',
      '/api/events',
      '/api/speech',
    ]) {
      assert.ok(doc.paths[path], `${path} is described`);
    }
    assert.equal(doc.paths['/api/dev/accounts'], undefined, 'development routes are not in test mode');
    const tokenRequest = doc.components.schemas['CallTokenRequest'];
    assert.deepEqual(tokenRequest?.required, ['consultationId']);
    assert.equal(tokenRequest?.additionalProperties, false);
    const errorCodes = doc.components.schemas['Error']?.properties?.['error']?.properties?.['code']?.enum;
    assert.deepEqual(errorCodes, [...API_ERROR_CODES]);
  });
});

describe('database', () => {
  test('SQLite runs in WAL mode with foreign keys; migrations and the seed run once', async () => {
    const db = openSqlite(join(tmp, 'fresh.sqlite'));
    try {
      await migrateToLatest(db);
      await migrateToLatest(db);
      const { rows } = await sql<{ journalMode: string }>`pragma journal_mode`.execute(db);
      assert.equal(rows[0]?.journalMode, 'wal');
      assert.equal(await seedDemoCounty(db, TEST_COST), true);
      assert.equal(await seedDemoCounty(db, TEST_COST), false);
      const users = await db
        .selectFrom('users')
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // 14 in the directory seed, and the schedule's two team nurses and Nanshan's village doctor.
      assert.equal(Number(users.n), 165);
      await assert.rejects(
        db
          .insertInto('patients')
          .values({
            userId: 'admin-zhou-lei',
            birthDate: '1950-01-01',
            sex: 'male',
            familyDoctorId: 'no-such-doctor',
            careHomeId: null,
            address: 'x',
            conditions: '[]',
          })
          .execute(),
        /FOREIGN KEY/,
      );
      const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        db,
      );
      assert.deepEqual(
        migrations.rows.map((r) => r.name),
        [
          '0001-foundation',
          '0002-identity',
          '0003-consultations',
          '0004-kiosk-consultations',
          '0005-access-ends',
          '0007-readings',
          '0008-pharmacy',
          '0009-schedule',
          '0010-reading-series',
          '0011-resident-cards',
          '0012-visit-channels',
          '0013-kiosk-staff-shifts',
        ],
      );
    } finally {
      await db.destroy();
    }
  });
});

describe('configuration', () => {
  const base = { APP_MODE: 'test', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: 's'.repeat(40) };

  test('production needs an https public origin and production-strength hashing', () => {
    assert.throws(() => loadConfig({ ...base, APP_MODE: 'production' }), ConfigError);
    assert.throws(
      () =>
        loadConfig({
          ...base,
          APP_MODE: 'production',
          PUBLIC_ORIGIN: 'https://a.example',
          PASSWORD_HASH_COST: 'test',
        }),
      /test suites only/,
    );
    const config = loadConfig({ ...base, APP_MODE: 'production', PUBLIC_ORIGIN: 'https://a.example/' });
    assert.equal(config.cookieSecure, true);
    assert.equal(config.publicOrigin, 'https://a.example');
    assert.equal(config.passwordHashCost.N, 2 ** 17);
  });

  test('a short LiveKit secret is refused; the public LiveKit URL defaults to ws://', () => {
    assert.throws(() => loadConfig({ ...base, LIVEKIT_API_SECRET: 'short' }), /at least 32/);
    assert.equal(
      loadConfig({ ...base, LIVEKIT_URL: 'http://127.0.0.1:7880' }).livekit.publicUrl,
      'ws://127.0.0.1:7880',
    );
  });
});

describe('hardening', () => {
  test('responses carry a CSP without inline script, and no-sniff', async () => {
    const response = await fetch(`${stack.api.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('LiveKit webhooks', () => {
  async function livekitEvents(room: string) {
    return stack.api.db.selectFrom('livekitEvents').selectAll().where('roomName', '=', room).execute();
  }

  test('events from the real LiveKit server arrive signed and are recorded', async () => {
    await stack.api.livekit.rooms.createRoom({ name: 'webhook-test-room' });
    const deadline = Date.now() + 10_000;
    let events = await livekitEvents('webhook-test-room');
    while (!events.some((e) => e.event === 'room_started') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await livekitEvents('webhook-test-room');
    }
    assert.ok(
      events.some((e) => e.event === 'room_started'),
      'room_started recorded',
    );
    await stack.api.livekit.rooms.deleteRoom('webhook-test-room');
  });

  async function signedBy(secret: string, body: string): Promise<string> {
    const token = new AccessToken(TEST_API_KEY, secret);
    token.sha256 = createHash('sha256').update(body).digest('base64');
    return token.toJwt();
  }

  const post = (payload: string, authorization?: string) =>
    new ApiSession(stack.api.url).fetch('/api/livekit/webhook', {
      method: 'POST',
      body: payload,
      headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
    });

  test('unsigned, forged or tampered webhooks are refused and not stored', async () => {
    const body = JSON.stringify({
      event: 'room_finished',
      room: { name: 'forged-room' },
      id: 'EV_1',
      createdAt: '1',
    });
    assert.equal((await post(body)).status, 401);
    assert.equal((await post(body, 'garbage')).status, 401);
    assert.equal((await post(body, await signedBy('w'.repeat(40), body))).status, 401);
    assert.equal(
      (await post(body.replace('forged', 'other'), await signedBy(TEST_API_SECRET, body))).status,
      401,
    );
    assert.equal((await livekitEvents('forged-room')).length, 0);
    assert.equal((await post(body, await signedBy(TEST_API_SECRET, body))).status, 200);
    assert.equal((await livekitEvents('forged-room')).length, 1);
  });

  test('a TV standing by (hidden) joining the room is not in the call record; a visible one is', async () => {
    const { roomName } = await stack.api.db
      .selectFrom('consultations')
      .select('roomName')
      .where('id', '=', 'c-demo-wang')
      .executeTakeFirstOrThrow();
    const callParticipants = () =>
      stack.api.db
        .selectFrom('callParticipants')
        .selectAll()
        .where('consultationId', '=', 'c-demo-wang')
        .execute();
    const deliver = async (event: string, permission?: { hidden: boolean }) => {
      const body = JSON.stringify({
        event,
        room: { name: roomName },
        participant: { identity: 'res-wang-xiuying', ...(permission ? { permission } : {}) },
        id: `EV_${event}_${permission?.hidden ?? 'none'}`,
        createdAt: String(Math.floor(Date.now() / 1000)),
      });
      assert.equal((await post(body, await signedBy(TEST_API_SECRET, body))).status, 200);
    };

    await deliver('participant_joined', { hidden: true });
    assert.deepEqual(await callParticipants(), []);
    // The event itself is still logged.
    assert.equal((await livekitEvents(roomName)).length, 1);

    await deliver('participant_joined');
    const joined = await callParticipants();
    assert.deepEqual(
      joined.map((p) => [p.userId, p.leftAt]),
      [['res-wang-xiuying', null]],
    );
    await deliver('participant_left');
    const left = await callParticipants();
    assert.equal(left.length, 1);
    assert.ok(left[0]?.leftAt, 'leaving is recorded');
  });
});
