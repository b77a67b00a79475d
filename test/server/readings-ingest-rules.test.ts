// The readings ingest's fast paths (issue 14, docs/PERFORMANCE.md) keep every rule: the body read
// straight from the socket (http/request-body.ts) still refuses what is too large or malformed and
// stores nothing; the precompiled access check (access/patients.ts isVisiblePatient) answers as
// visiblePatients for every actor and patient; a revoked device or an ended session is refused on
// its very next post, under a burst too; the security headers set once (http/security-headers.ts)
// are Hono's; and the body hash of a stored reading never changes (a retry must not become a conflict).
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { openSqlite } from '../../src/server/db/database.js';
import type { Db } from '../../src/server/db/types.js';
import { isVisiblePatient, visiblePatients } from '../../src/server/access/patients.js';
import type { AppEnv } from '../../src/server/http/app-env.js';
import { handleError } from '../../src/server/http/errors.js';
import { readRequestBody } from '../../src/server/http/request-body.js';
import { securityHeaders } from '../../src/server/http/security-headers.js';
import { resolveSession, SESSION_COOKIE } from '../../src/server/identity/sessions.js';
import { createLogger } from '../../src/server/logger.js';
import { canonical, hashOf } from '../../src/server/readings/readings.js';
import {
  ApiSession,
  deviceIdOf,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

const LIU = 'res-liu-changshan';

let stack: TestStack;
let doctor: ApiSession;
let admin: ApiSession;
let tv: ApiSession;
let observer: Db;

before(async () => {
  stack = await startStack();
  doctor = await signIn(stack, 'zhangwei');
  admin = await signIn(stack, 'zhoulei');
  tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: LIU });
  // Another connection: it sees only what was committed.
  observer = openSqlite(stack.databaseFile);
});
after(async () => {
  await observer?.destroy();
  await stack?.stop();
});

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-rules`;
const cuffReading = (id: string, systolic = 126, patientId = LIU) => ({
  id,
  patientId,
  values: { measure: 'blood_pressure', systolic, diastolic: 82, pulse: 70 },
  takenAt: new Date().toISOString(),
  source: 'device',
  setting: 'home',
  device: { id: `cuff-${id}`, name: 'Cuff', userId: 1, sequenceNumber: counter, deviceTime: null },
});
async function storedIds(ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await observer.selectFrom('readings').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id).sort();
}
async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** A POST over node:http, the body sent in the given pieces (chunked when no length is declared). */
function rawPost(
  session: ApiSession,
  path: string,
  pieces: (string | Buffer)[],
  options: { declareLength?: boolean; abortAfterFirst?: boolean } = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(session.baseUrl);
  const body = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: {
          cookie: [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          'x-csrf-token': session.csrfToken ?? '',
          'content-type': 'application/json',
          ...(options.declareLength ? { 'content-length': body.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => (options.abortAfterFirst ? resolve({ status: 0, text: '' }) : reject(error)));
    if (options.abortAfterFirst) {
      req.write(pieces[0]);
      // Gone mid-body: the server must not hang or fall over.
      setTimeout(() => req.destroy(), 50);
      return;
    }
    if (options.declareLength) {
      req.end(body);
      return;
    }
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

describe('the body read from the socket', () => {
  test('a body over the limit is refused with 413 whether its length is declared or not, and nothing is stored', async () => {
    const id = newId('large');
    const large = JSON.stringify({ ...cuffReading(id), padding: 'x'.repeat(70 * 1024) });
    const declared = await rawPost(tv, '/api/readings', [large], { declareLength: true });
    assert.equal(declared.status, 413, declared.text);
    assert.equal(JSON.parse(declared.text).error.code, 'payload_too_large');
    const pieces = Array.from({ length: 20 }, (_, i) => large.slice(i * 4000, (i + 1) * 4000));
    pieces.push(large.slice(80_000));
    const chunked = await rawPost(tv, '/api/readings', pieces);
    assert.equal(chunked.status, 413, chunked.text);
    assert.deepEqual(await storedIds([id]), []);
    // The connection pool and the API are fine afterwards.
    assert.equal((await tv.send('POST', '/api/readings', cuffReading(newId('after-large')))).status, 201);
  });

  test('a body in many small chunks, or with a byte order mark, is read whole and stored once', async () => {
    const id = newId('pieces');
    const text = JSON.stringify(cuffReading(id));
    const pieces = Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => text.slice(i * 7, i * 7 + 7));
    const chunked = await rawPost(tv, '/api/readings', pieces);
    assert.equal(chunked.status, 201, chunked.text);
    assert.equal(JSON.parse(chunked.text).id, id);
    const bomId = newId('bom');
    const withBom = await rawPost(tv, '/api/readings', ['\uFEFF' + JSON.stringify(cuffReading(bomId))], {
      declareLength: true,
    });
    assert.equal(withBom.status, 201, withBom.text);
    // Multi-byte characters split across chunks are joined before decoding.
    const nameId = newId('split-utf8');
    const named = Buffer.from(
      JSON.stringify({
        ...cuffReading(nameId),
        device: { ...cuffReading(nameId).device, name: '欧姆龙血压计' },
      }),
    );
    const cut = named.indexOf(Buffer.from('欧')) + 1;
    const split = await rawPost(tv, '/api/readings', [named.subarray(0, cut), named.subarray(cut)]);
    assert.equal(split.status, 201, split.text);
    assert.equal(JSON.parse(split.text).device.name, '欧姆龙血压计');
    assert.deepEqual(await storedIds([id, bomId, nameId]), [bomId, id, nameId].sort());
  });

  test('malformed JSON (400), a wrong media type (415) or an invalid reading (400): nothing stored', async () => {
    const id = newId('bad');
    const malformed = await rawPost(tv, '/api/readings', [JSON.stringify(cuffReading(id)).slice(0, 40)]);
    assert.equal(malformed.status, 400, malformed.text);
    assert.equal(JSON.parse(malformed.text).error.code, 'malformed_json');
    const textPlain = await tv.fetch('/api/readings', {
      method: 'POST',
      body: JSON.stringify(cuffReading(id)),
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(textPlain.status, 415);
    const invalid = await tv.send('POST', '/api/readings', { ...cuffReading(id), source: 'guess' });
    assert.equal(invalid.status, 400);
    assert.equal(await errorCode(invalid), 'validation_failed');
    assert.deepEqual(await storedIds([id]), []);
  });

  test('a client gone mid-body stores nothing and the API answers the next post', async () => {
    const id = newId('gone');
    const text = JSON.stringify(cuffReading(id));
    await Promise.all(
      Array.from({ length: 20 }, () =>
        rawPost(tv, '/api/readings', [text.slice(0, 30), text.slice(30)], { abortAfterFirst: true }),
      ),
    );
    assert.deepEqual(await storedIds([id]), []);
    assert.equal((await tv.send('POST', '/api/readings', cuffReading(newId('after-gone')))).status, 201);
  });

  test('outside Node (app.request) Hono’s bodyLimit keeps the same limit', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', readRequestBody(100));
    app.post('/echo', async (c) => c.json(await c.req.json()));
    app.onError(handleError(createLogger('silent')));
    const small = await app.request('/echo', { method: 'POST', body: '{"a":1}' });
    assert.deepEqual(await small.json(), { a: 1 });
    const large = await app.request('/echo', {
      method: 'POST',
      body: JSON.stringify({ a: 'x'.repeat(200) }),
    });
    assert.equal(large.status, 413);
  });
});

describe('the rules on every post', () => {
  test('a conflicting body for a known id: 409, the stored reading unchanged; the same body again: 200', async () => {
    const id = newId('conflict');
    const body = cuffReading(id, 130);
    assert.equal((await tv.send('POST', '/api/readings', body)).status, 201);
    const before = await observer
      .selectFrom('readings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const conflicting = await tv.send('POST', '/api/readings', {
      ...body,
      values: { ...body.values, systolic: 131 },
    });
    assert.equal(conflicting.status, 409);
    assert.equal(await errorCode(conflicting), 'reading_conflict');
    assert.equal((await tv.send('POST', '/api/readings', body)).status, 200);
    const afterwards = await observer
      .selectFrom('readings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(afterwards, before);
  });

  test('a TV posting for another resident: 404, nothing stored', async () => {
    const id = newId('other');
    const response = await tv.send('POST', '/api/readings', cuffReading(id, 126, 'res-wang-xiuying'));
    assert.equal(response.status, 404);
    assert.deepEqual(await storedIds([id]), []);
  });

  test('without the CSRF token, or with another session’s: 403, nothing stored', async () => {
    const id = newId('csrf');
    const other = await pairDevice(stack, doctor, { kind: 'tv', residentId: LIU });
    for (const token of ['', 'not-the-token', other.csrfToken ?? '']) {
      const response = await tv.fetch('/api/readings', {
        method: 'POST',
        body: JSON.stringify(cuffReading(id)),
        headers: { 'x-csrf-token': token },
      });
      assert.equal(response.status, 403, token);
    }
    assert.deepEqual(await storedIds([id]), []);
  });

  test('a device revoked during a burst of 200 posts: every post after the revocation is refused (401) and not stored', async () => {
    const burstTv = await pairDevice(stack, doctor, { kind: 'tv', residentId: LIU });
    const deviceId = await deviceIdOf(burstTv);
    const during = Array.from({ length: 200 }, () => cuffReading(newId('revoke-burst')));
    const sends = during.map((body) => burstTv.send('POST', '/api/readings', body));
    const revoked = await doctor.send('POST', `/api/devices/${deviceId}/revoke`);
    assert.equal(revoked.status, 200);
    const answered = await Promise.all(sends);
    // Each post of the burst was either checked before the revocation and stored, or refused.
    const stored = new Set(await storedIds(during.map((b) => b.id)));
    answered.forEach((response, i) => {
      const id = during[i]?.id as string;
      if (response.status === 201) assert.ok(stored.has(id), `${id} answered 201 but not stored`);
      else {
        assert.equal(response.status, 401, `${id}: ${response.status}`);
        assert.ok(!stored.has(id), `${id} refused but stored`);
      }
    });
    const afterwards = Array.from({ length: 100 }, () => cuffReading(newId('revoked')));
    const refused = await Promise.all(afterwards.map((body) => burstTv.send('POST', '/api/readings', body)));
    assert.deepEqual(
      refused.map((r) => r.status),
      afterwards.map(() => 401),
    );
    assert.deepEqual(await storedIds(afterwards.map((b) => b.id)), []);
  });

  test('after sign-out the very next post is refused (401) and not stored', async () => {
    const signedOut = await pairDevice(stack, doctor, { kind: 'tv', residentId: LIU });
    assert.equal(
      (await signedOut.send('POST', '/api/readings', cuffReading(newId('before-out')))).status,
      201,
    );
    // Keep the old cookie and token: a copy of them must not write any more.
    const copy = new ApiSession(stack.api.url);
    for (const [name, value] of signedOut.cookies) copy.cookies.set(name, value);
    copy.csrfToken = signedOut.csrfToken;
    assert.equal((await signedOut.send('POST', '/api/auth/logout')).status, 204);
    const id = newId('after-out');
    const response = await copy.send('POST', '/api/readings', cuffReading(id));
    assert.equal(response.status, 401);
    assert.deepEqual(await storedIds([id]), []);
  });
});

describe('the precompiled access check', () => {
  test('isVisiblePatient answers as visiblePatients for every kind of actor and every patient', async () => {
    const db = stack.api.db;
    const kiosk = await kioskWithStaff(stack, admin);
    const bareKiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const sessions = [tv, kiosk, bareKiosk, doctor, admin];
    for (const username of ['lifang', 'zhaomin', 'chenjianguo', 'sunli'])
      sessions.push(await signIn(stack, username));
    const patients = (await db.selectFrom('patients').select('userId').execute()).map((p) => p.userId);
    const candidates = [...patients, 'no-such-patient', "x' or 1=1 --"];
    let seen = 0;
    for (const session of sessions) {
      const actor = await resolveSession(db, session.cookies.get(SESSION_COOKIE) ?? '');
      assert.ok(actor, 'a signed-in actor');
      const visible = new Set((await visiblePatients(db, actor).execute()).map((p) => p.userId));
      seen += visible.size;
      for (const patientId of candidates) {
        assert.equal(
          await isVisiblePatient(db, actor, patientId),
          visible.has(patientId),
          `${actor.kind} ${actor.id} / ${patientId}`,
        );
      }
    }
    // Not a vacuous comparison: some actors see some patients.
    assert.ok(seen > 0);
  });
});

describe('security headers and body hashes', () => {
  const options = {
    contentSecurityPolicy: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] },
    permissionsPolicy: { camera: ['self'], geolocation: [] },
  };
  const security = (headers: Headers) => {
    const list: string[] = [];
    headers.forEach((value, name) => {
      if (!['content-type', 'content-length', 'date', 'connection', 'keep-alive'].includes(name))
        list.push(`${name}: ${value}`);
    });
    return list.sort();
  };

  test('set once on the Node response, they are exactly what Hono’s secureHeaders sets, on answers and errors', async () => {
    const ours = new Hono<AppEnv>().use(securityHeaders(options));
    ours.get('/ok', (c) => c.json({ ok: true }, 201));
    ours.get('/fails', () => {
      throw new Error('boom');
    });
    ours.onError((_, c) => c.json({ error: 'x' }, 500));
    const hono = new Hono().use(secureHeaders(options)).get('/ok', (c) => c.json({ ok: true }, 201));
    const expected = security((await hono.request('/ok')).headers);
    assert.ok(expected.some((h) => h.startsWith('content-security-policy: ')) && expected.length >= 10);
    const server = serve({ fetch: ours.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      for (const path of ['/ok', '/fails', '/nowhere']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        await response.arrayBuffer();
        assert.deepEqual(security(response.headers), expected, path);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // And through app.request (no Node response), Hono's own middleware.
    assert.deepEqual(security((await ours.request('/ok')).headers), expected);
  });

  test('the API’s answers to a reading post carry them', async () => {
    const response = await tv.send('POST', '/api/readings', cuffReading(newId('headers')));
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(response.headers.get('content-type'), 'application/json');
  });

  test('the body hash of a stored reading is pinned: the same content hashes as it always did', () => {
    const fixture = {
      id: 'tv-7f3k-reading',
      patientId: 'res-liu-changshan',
      confirmed: false,
      dangerSymptoms: false,
      consultationId: null,
      values: {
        measure: 'blood_pressure',
        systolic: 142,
        diastolic: 91,
        pulse: { kind: 'nan' },
        unit: 'mmHg',
      },
      takenAt: '2026-12-05T07:30:00.000Z',
      source: 'device',
      setting: 'home',
      skipped: undefined,
      device: {
        id: 'cuff-1',
        name: '欧姆龙 U30 "cuff"',
        userId: 1,
        sequenceNumber: 42,
        deviceTime: null,
        flags: ['irregular_pulse', 'body_movement'],
      },
      series: null,
      B: 1,
      a: 2,
      é: 3,
      '10': 4,
      '9': 5,
    };
    // Worked out by the implementation that stored the readings so far (keys sorted by code unit,
    // undefined left out).
    assert.equal(
      canonical(fixture),
      '{"10":4,"9":5,"B":1,"a":2,"confirmed":false,"consultationId":null,"dangerSymptoms":false,"device":{"deviceTime":null,"flags":["irregular_pulse","body_movement"],"id":"cuff-1","name":"欧姆龙 U30 \\"cuff\\"","sequenceNumber":42,"userId":1},"id":"tv-7f3k-reading","patientId":"res-liu-changshan","series":null,"setting":"home","source":"device","takenAt":"2026-12-05T07:30:00.000Z","values":{"diastolic":91,"measure":"blood_pressure","pulse":{"kind":"nan"},"systolic":142,"unit":"mmHg"},"é":3}',
    );
    assert.equal(hashOf(fixture), '_kfIaM6uhllvnGwlvAsQJuzROS1qu6OF_8PRY2ClK7Q');
  });
});
