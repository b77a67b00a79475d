// The doctor's colour view is told through the one push channel when its residents' readings
// change (server/readings/colour-view-push.ts): the doctors of the resident's area hear it, a doctor
// of another area and everyone else do not, and a burst of readings is one event per doctor.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PushEvent } from '../../src/shared/consultations/schemas.js';
import { COLOUR_VIEW_PUSH_MS } from '../../src/server/readings/colour-view-push.js';
import { openEvents } from '../support/push-events.js';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying'; // Donghe's area (张伟's patient)

let stack: TestStack;
let zhang: ApiSession; // a Donghe doctor
let liFang: ApiSession; // another Donghe doctor
let zhao: ApiSession; // a doctor of another township
let nurse: ApiSession; // Donghe's nurse: no colour view
let tvWang: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  liFang = await signIn(stack, 'lifang');
  zhao = await signIn(stack, 'zhaomin');
  nurse = await signIn(stack, 'wuhong');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: WANG });
});
after(() => stack?.stop());

let counter = 0;
const reading = (systolic = 128) => ({
  id: `cv-${Date.now().toString(36)}-${(counter++).toString(36)}-test`,
  patientId: WANG,
  values: { measure: 'blood_pressure', systolic, diastolic: 82, pulse: 70 },
  takenAt: new Date().toISOString(),
  source: 'manual',
  setting: 'home',
});
const isColourView = (event: PushEvent) => event.type === 'colour-view-changed';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('colour view pushes', () => {
  test("a stored reading reaches the resident's area doctors, and no one else", async () => {
    const streams = await Promise.all([zhang, liFang, zhao, nurse, tvWang].map((s) => openEvents(s)));
    const [toZhang, toLi, toZhao, toNurse, toTv] = streams;
    try {
      assert.equal((await tvWang.send('POST', '/api/readings', reading(186))).status, 201);
      await toZhang!.next(isColourView);
      await toLi!.next(isColourView);
      // The one publish that reached them would have reached the others by now; wait past another burst too.
      await pause(COLOUR_VIEW_PUSH_MS * 3);
      for (const other of [toZhao, toNurse, toTv])
        assert.deepEqual(
          other!.received.filter((r) => isColourView(r.event)),
          [],
        );
    } finally {
      for (const s of streams) s.close();
    }
  });

  test('300 concurrent readings: stored each, the doctor told a few times, not 300', async () => {
    const toZhang = await openEvents(zhang);
    try {
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 300 }, () => tvWang.send('POST', '/api/readings', reading())),
      );
      assert.ok(answers.every((r) => r.status === 201));
      await toZhang.next(isColourView);
      await pause(COLOUR_VIEW_PUSH_MS * 3);
      const elapsed = Date.now() - started;
      const told = toZhang.received.filter((r) => isColourView(r.event)).length;
      // At most one event per gathering window, however fast the readings came (a busy machine
      // stores them over seconds: still far fewer events than readings).
      assert.ok(
        told >= 1 && told <= Math.ceil(elapsed / COLOUR_VIEW_PUSH_MS) + 1,
        `told ${told} times in ${elapsed} ms`,
      );
      assert.ok(told < answers.length / 2, `told ${told} times for ${answers.length} readings`);
    } finally {
      toZhang.close();
    }
  });

  test('a withdrawal is news too; a replay of a stored reading is not', async () => {
    const body = reading(150);
    assert.equal((await tvWang.send('POST', '/api/readings', body)).status, 201);
    await pause(COLOUR_VIEW_PUSH_MS * 3);
    const toZhang = await openEvents(zhang);
    try {
      assert.equal((await tvWang.send('POST', '/api/readings', body)).status, 200);
      await pause(COLOUR_VIEW_PUSH_MS * 3);
      assert.deepEqual(
        toZhang.received.filter((r) => isColourView(r.event)),
        [],
      );
      assert.equal((await tvWang.send('POST', `/api/readings/${body.id}/withdrawal`)).status, 200);
      await toZhang.next(isColourView);
    } finally {
      toZhang.close();
    }
  });
});
