// A fuzz pass over every JSON endpoint the OpenAPI document describes: malformed, oversized and
// wrong-typed bodies, sent by a signed-in clinician with a valid CSRF token (so validation, not
// authentication, is what answers). Every answer must be a 4xx JSON error with a known code, and
// nothing in the database may change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { API_ERROR_CODES } from '../../src/shared/api-errors.js';
import { signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

let stack: TestStack;
let admin: ApiSession;
before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
});
after(() => stack?.stop());

const TABLES = [
  'organisations',
  'users',
  'patients',
  'consultations',
  'devices',
  'pairingRequests',
  'livekitEvents',
  'prescriptions',
  'orders',
  'orderItems',
  'orderStatusHistory',
  'doseAnswers',
] as const;

async function snapshot() {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) rows[table] = await stack.api.db.selectFrom(table).selectAll().execute();
  // Sessions are touched (last seen), the audit log grows: neither is the data under test.
  return JSON.stringify(rows);
}

const BODIES: [string, string][] = [
  ['malformed JSON', '{"a":'],
  ['empty body', ''],
  ['null', 'null'],
  ['a number', '42'],
  ['a string', '"hello"'],
  ['an array', '[1,2,3]'],
  ['an empty object', '{}'],
  [
    'wrong types everywhere',
    '{"consultationId":5,"username":[],"password":{},"kind":true,"userCode":null,"deviceCode":1,"staffId":false,"pin":123456,"residentId":7}',
  ],
  ['unknown fields', '{"consultationId":"c-demo-wang","isAdmin":true,"role":"admin"}'],
  [
    'oversized strings',
    JSON.stringify({
      consultationId: 'a'.repeat(5000),
      username: 'b'.repeat(5000),
      password: 'c'.repeat(5000),
      deviceCode: 'd'.repeat(5000),
    }),
  ],
  [
    'control and SQL characters',
    JSON.stringify({
      consultationId: "c'; drop table users;--",
      userCode: '\u0000\u0001',
      kind: 'tv\n',
      staffId: '../../etc/passwd',
      pin: '1 OR 1=1',
    }),
  ],
  ['deeply nested', '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)],
  ['a body over the limit', JSON.stringify({ consultationId: 'x'.repeat(70 * 1024) })],
];

test('every JSON endpoint answers bad input with a 4xx error and changes nothing', async () => {
  const doc = (await (await fetch(`${stack.api.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
  };
  const endpoints = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.requestBody?.content?.['application/json'])
      .map(([method]) => ({ method: method.toUpperCase(), path })),
  );
  assert.ok(endpoints.length >= 6, `found ${endpoints.length} JSON endpoints`);

  const before = await snapshot();
  let tried = 0;
  for (const { method, path } of endpoints) {
    for (const [name, body] of BODIES) {
      for (const contentType of ['application/json', 'text/plain']) {
        const response = await admin.fetch(path, { method, body, headers: { 'content-type': contentType } });
        const text = await response.text();
        const where = `${method} ${path} with ${name} as ${contentType}`;
        assert.ok(
          response.status >= 400 && response.status < 500,
          `${where}: ${response.status} ${text.slice(0, 200)}`,
        );
        const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
        assert.ok(
          API_ERROR_CODES.includes(parsed.error?.code as never),
          `${where}: code ${parsed.error?.code}`,
        );
        assert.doesNotMatch(
          text,
          /\bat \S+ \(|\.ts:\d+|sqlite|SELECT |INSERT /i,
          `${where}: leaks internals`,
        );
        tried += 1;
      }
    }
  }
  assert.equal(await snapshot(), before, 'the database is unchanged');
  assert.ok(tried >= endpoints.length * BODIES.length * 2);
});

test('path and query parameters are validated too', async () => {
  for (const path of [
    '/api/patients/NOT-LOWERCASE',
    '/api/patients/' + 'a'.repeat(100),
    '/api/devices/pairing/qr.svg?code=x',
    '/api/audit?limit=100000',
    '/api/audit?limit=abc',
  ]) {
    const response = await admin.fetch(path);
    assert.ok(response.status === 400 || response.status === 404, `${path}: ${response.status}`);
  }
  const revoke = await admin.send('POST', '/api/devices/not-a-device/revoke');
  assert.equal(revoke.status, 400);
});
