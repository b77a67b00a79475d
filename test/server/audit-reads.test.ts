// The audit log (issue 12 §3): every read of health data with the ids read, call tokens minted,
// and refusals bounded per session so the append-only log cannot be flooded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIMITS } from '../../src/server/identity/limits.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.stop());

async function rows(actorId: string, action: string) {
  return stack.api.db
    .selectFrom('auditLog')
    .select(['outcome', 'patientId', 'target'])
    .where('actorId', '=', actorId)
    .where('action', '=', action)
    .execute();
}

describe('audited reads', () => {
  test('a patient list is audited with the id of every patient in it', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const list = (await (await doctor.send('GET', '/api/patients')).json()) as { patients: { id: string }[] };
    assert.ok(list.patients.length >= 2);
    const audited = await rows('dr-zhang-wei', 'patient.list');
    assert.deepEqual(audited.map((r) => r.patientId).sort(), list.patients.map((p) => p.id).sort());
    assert.ok(audited.every((r) => r.outcome === 'allowed'));
  });

  test('reading a consultation (it holds the diagnosis) is audited with its patient; a refused read too', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    assert.equal((await doctor.send('GET', '/api/consultations/c-demo-wang')).status, 200);
    assert.deepEqual(await rows('dr-zhang-wei', 'consultation.read'), [
      { outcome: 'allowed', patientId: 'res-wang-xiuying', target: 'c-demo-wang' },
    ]);
    const stranger = await signIn(stack, 'zhaomin');
    assert.equal((await stranger.send('GET', '/api/consultations/c-demo-wang')).status, 404);
    assert.deepEqual(await rows('dr-zhao-min', 'consultation.read'), [
      { outcome: 'denied', patientId: 'res-wang-xiuying', target: 'c-demo-wang' },
    ]);
  });

  test('a TV listing its consultations is audited per consultation', async () => {
    const tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
      kind: 'tv',
      residentId: 'res-wang-xiuying',
    });
    const mine = (await (await tv.send('GET', '/api/consultations/mine')).json()) as {
      consultations: { id: string }[];
    };
    assert.ok(mine.consultations.length >= 1);
    const audited = await rows('res-wang-xiuying', 'consultation.list');
    assert.deepEqual(audited.map((r) => r.target).sort(), mine.consultations.map((c) => c.id).sort());
  });

  test('minting a call token is audited: who, for which patient’s call', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    assert.equal(
      (await doctor.send('POST', '/api/calls/token', { consultationId: 'c-demo-wang' })).status,
      200,
    );
    const minted = await rows('dr-zhang-wei', 'call.token');
    assert.deepEqual(minted.at(-1), {
      outcome: 'allowed',
      patientId: 'res-wang-xiuying',
      target: 'c-demo-wang',
    });
    const stranger = await signIn(stack, 'zhaomin');
    assert.equal(
      (await stranger.send('POST', '/api/calls/token', { consultationId: 'c-demo-wang' })).status,
      404,
    );
    assert.equal((await rows('dr-zhao-min', 'call.token')).filter((r) => r.outcome === 'denied').length, 1);
  });
});

describe('refusals cannot flood the log', () => {
  let prober: ApiSession;
  before(async () => {
    prober = await signIn(stack, 'zhaomin');
  });

  test('300 refused reads at once from one session: 30 rows, one notice, the rest 429', async () => {
    const limit = LIMITS.deniedPerSession.maxFailures;
    const started = new Date().toISOString();
    // Dr Zhao works in 西岭乡: 王秀英 of 东河镇 is not hers, and the consultations do not exist.
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        prober.send('GET', i % 2 ? '/api/patients/res-wang-xiuying' : `/api/consultations/c-probe-${i}`),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 404).length, limit);
    assert.equal(statuses.filter((s) => s === 429).length, 300 - limit);
    const denied = await stack.api.db
      .selectFrom('auditLog')
      .select(['action'])
      .where('actorId', '=', 'dr-zhao-min')
      .where('outcome', '=', 'denied')
      .where('occurredAt', '>=', started)
      .execute();
    assert.equal(denied.filter((r) => r.action !== 'audit.denied-limit').length, limit);
    assert.equal(denied.filter((r) => r.action === 'audit.denied-limit').length, 1);
  });

  test('the limited session still reads what it may; another session of the same doctor is not limited', async () => {
    assert.equal((await prober.send('GET', '/api/patients/res-qian-yumei')).status, 200);
    const other = await signIn(stack, 'zhaomin');
    assert.equal((await other.send('GET', '/api/patients/res-wang-xiuying')).status, 404);
  });
});
