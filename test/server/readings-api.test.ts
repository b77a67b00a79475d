// The readings API against real SQLite and the real LiveKit server: stored once whatever the
// retries (a few hundred at once), RACP replays, conflicts, plausibility, corrections and
// withdrawals, trends, the colour view, the queue's colour, live readings in a call, the
// self-service kiosk visit (rate-limited under concurrency) and the FHIR export.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { endWithSummary } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';
const LIU = 'res-liu-changshan';
const SUN = 'res-sun-fugui';

let stack: TestStack;
let admin: ApiSession;
let zhang: ApiSession;
let tvWang: ApiSession;
let tvLiu: ApiSession;
let pharmacist: ApiSession;

before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
  zhang = await signIn(stack, 'zhangwei');
  pharmacist = await signIn(stack, 'sunli');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: WANG });
  tvLiu = await pairDevice(stack, zhang, { kind: 'tv', residentId: LIU });
});
after(() => stack?.stop());

let counter = 0;
const newId = (prefix = 'r') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-test`;
const bp = (id: string, systolic = 128, diastolic = 82, extra: Record<string, unknown> = {}) => ({
  id,
  patientId: WANG,
  values: { measure: 'blood_pressure', systolic, diastolic, pulse: 70 },
  takenAt: new Date().toISOString(),
  source: 'manual',
  setting: 'home',
  ...extra,
});
const rowsWithId = async (id: string) =>
  (await stack.api.db.selectFrom('readings').select('id').where('id', '=', id).execute()).length;
async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('stored once', () => {
  test('a retry answers the stored reading; another body under the same id is 409', async () => {
    const body = bp(newId());
    const first = await tvWang.send('POST', '/api/readings', body);
    assert.equal(first.status, 201);
    const stored = (await first.json()) as { colour: string; messageKey: string; authorId: string };
    assert.equal(stored.colour, 'green');
    assert.equal(stored.messageKey, 'bp_home_in_target');
    assert.equal(stored.authorId, WANG);
    const again = await tvWang.send('POST', '/api/readings', body);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), stored);
    const changed = await tvWang.send('POST', '/api/readings', {
      ...body,
      values: { ...body.values, systolic: 150 },
    });
    assert.equal(changed.status, 409);
    assert.equal(await errorCode(changed), 'reading_conflict');
    assert.equal(await rowsWithId(body.id), 1);
  });

  test('300 concurrent posts of the same reading store it once', async () => {
    const body = bp(newId('burst'));
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => tvWang.send('POST', '/api/readings', body)),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1);
    assert.equal(statuses.filter((s) => s === 200).length, 299);
    assert.equal(await rowsWithId(body.id), 1);
  });

  test('a glucose meter replaying its records (RACP) under new ids never duplicates', async () => {
    const device = {
      id: 'AA:BB:CC:00:11:22',
      name: 'Accu-Chek Instant',
      userId: null,
      sequenceNumber: 41,
      deviceTime: '2026-12-04T07:10:00',
    };
    const record = (id: string, value = 6.4) => ({
      id,
      patientId: LIU,
      values: { measure: 'glucose', value, context: 'fasting' },
      takenAt: new Date().toISOString(),
      source: 'device',
      setting: 'home',
      device,
    });
    const first = await tvLiu.send('POST', '/api/readings', record(newId('racp')));
    assert.equal(first.status, 201);
    const firstId = ((await first.json()) as { id: string }).id;
    // Concurrent replays of the same record under fresh ids: all answer the one stored.
    const replays = await Promise.all(
      Array.from({ length: 200 }, () => tvLiu.send('POST', '/api/readings', record(newId('racp')))),
    );
    assert.ok(replays.every((r) => r.status === 200));
    const ids = new Set(await Promise.all(replays.map(async (r) => ((await r.json()) as { id: string }).id)));
    assert.deepEqual([...ids], [firstId]);
    const natural = await stack.api.db
      .selectFrom('readings')
      .select('id')
      .where('naturalKey', 'like', 'AA:BB:CC:00:11:22|%')
      .execute();
    assert.equal(natural.length, 1);
    // The same record number with another value is not a replay.
    const clash = await tvLiu.send('POST', '/api/readings', record(newId('racp'), 9.9));
    assert.equal(clash.status, 409);
    assert.equal(await errorCode(clash), 'reading_conflict');
    // The next record number is a new reading.
    const next = await tvLiu.send('POST', '/api/readings', {
      ...record(newId('racp')),
      device: { ...device, sequenceNumber: 42 },
    });
    assert.equal(next.status, 201);
  });

  test('implausible values are refused, unusual ones need confirmation, nothing stored meanwhile', async () => {
    const typo = bp(newId(), 1200, 80);
    const refused = await tvWang.send('POST', '/api/readings', typo);
    assert.equal(refused.status, 400);
    assert.equal(await errorCode(refused), 'reading_implausible');
    assert.equal(await rowsWithId(typo.id), 0);
    const upsideDown = await tvWang.send('POST', '/api/readings', bp(newId(), 80, 120));
    assert.equal(await errorCode(upsideDown), 'reading_implausible');
    const unusual = bp(newId(), 240, 100);
    const ask = await tvWang.send('POST', '/api/readings', unusual);
    assert.equal(ask.status, 400);
    assert.equal(await errorCode(ask), 'reading_needs_confirmation');
    assert.equal(await rowsWithId(unusual.id), 0);
    const confirmed = await tvWang.send('POST', '/api/readings', { ...unusual, confirmed: true });
    assert.equal(confirmed.status, 201);
    assert.equal(((await confirmed.json()) as { colour: string }).colour, 'red');
    // A meter's HI is stored as HI, never as a number.
    const hi = await tvLiu.send('POST', '/api/readings', {
      id: newId(),
      patientId: LIU,
      values: { measure: 'glucose', value: { meter: 'hi' }, context: 'random' },
      takenAt: new Date().toISOString(),
      source: 'device',
      setting: 'home',
    });
    assert.equal(hi.status, 201);
    const hiReading = (await hi.json()) as { values: { value: unknown }; messageKey: string };
    assert.deepEqual(hiReading.values.value, { meter: 'hi' });
    assert.equal(hiReading.messageKey, 'glucose_meter_hi');
    const number = await tvLiu.send('POST', '/api/readings', {
      id: newId(),
      patientId: LIU,
      values: { measure: 'glucose', value: 40, context: 'random' },
      takenAt: new Date().toISOString(),
      source: 'manual',
      setting: 'home',
    });
    assert.equal(await errorCode(number), 'reading_implausible');
  });
});

describe('corrections and withdrawals', () => {
  test('the author corrects within the window; both stay in the history', async () => {
    const original = bp(newId(), 182, 95);
    assert.equal((await tvWang.send('POST', '/api/readings', original)).status, 201);
    const fixId = newId('fix');
    const correction = {
      id: fixId,
      values: { measure: 'blood_pressure', systolic: 132, diastolic: 85, pulse: 70 },
    };
    const byDoctor = await zhang.send('POST', `/api/readings/${original.id}/correction`, correction);
    assert.equal(byDoctor.status, 403);
    assert.equal(await errorCode(byDoctor), 'reading_not_editable');
    const fixed = await tvWang.send('POST', `/api/readings/${original.id}/correction`, correction);
    assert.equal(fixed.status, 201);
    const fixedReading = (await fixed.json()) as { replacesId: string; colour: string; status: string };
    assert.equal(fixedReading.replacesId, original.id);
    assert.equal(fixedReading.status, 'active');
    assert.equal(
      (await tvWang.send('POST', `/api/readings/${original.id}/correction`, correction)).status,
      200,
    );
    const other = await tvWang.send('POST', `/api/readings/${original.id}/correction`, {
      ...correction,
      id: newId('fix'),
    });
    assert.equal(other.status, 409);
    const history = (await (await tvWang.send('GET', `/api/patients/${WANG}/readings?days=7`)).json()) as {
      readings: { id: string; status: string }[];
    };
    assert.equal(history.readings.find((r) => r.id === original.id)?.status, 'corrected');
    assert.equal(history.readings.find((r) => r.id === fixId)?.status, 'active');
  });

  test('withdrawal is idempotent, visible, and closed after 10 minutes', async () => {
    const reading = bp(newId());
    await tvWang.send('POST', '/api/readings', reading);
    const first = await tvWang.send('POST', `/api/readings/${reading.id}/withdrawal`);
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as { status: string }).status, 'withdrawn');
    assert.equal((await tvWang.send('POST', `/api/readings/${reading.id}/withdrawal`)).status, 200);
    const late = bp(newId());
    await tvWang.send('POST', '/api/readings', late);
    await stack.api.db
      .updateTable('readings')
      .set({ receivedAt: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('id', '=', late.id)
      .execute();
    const closed = await tvWang.send('POST', `/api/readings/${late.id}/withdrawal`);
    assert.equal(closed.status, 403);
    assert.equal(await errorCode(closed), 'reading_not_editable');
  });
});

describe('trends, colour view and queue', () => {
  test('7/30/90-day ranges with the trend numbers and the colour', async () => {
    const answer = (await (await zhang.send('GET', `/api/patients/${WANG}/readings?days=90`)).json()) as {
      summaries: { measure: string; daysWithReadings: number; daysInRange: number }[];
      colour: { colour: string };
    };
    const bpSummary = answer.summaries.find((s) => s.measure === 'blood_pressure');
    assert.ok(bpSummary && bpSummary.daysWithReadings >= 6, JSON.stringify(answer.summaries));
    assert.equal((await zhang.send('GET', `/api/patients/${WANG}/readings?days=14`)).status, 400);
  });

  test('the colour view: the area only, red first, filtered by colour and condition', async () => {
    const view = (await (await zhang.send('GET', '/api/readings/colour-view')).json()) as {
      residents: { patient: { id: string }; colour: { colour: string; reasons: string[] } }[];
    };
    const colours = view.residents.map((r) => r.colour.colour);
    const rank = { red: 0, yellow: 1, green: 2 } as Record<string, number>;
    assert.deepEqual(
      [...colours].sort((a, b) => rank[a]! - rank[b]!),
      colours,
    );
    assert.equal(colours[0], 'red');
    assert.ok(!view.residents.some((r) => r.patient.id === 'res-qian-yumei'));
    const sun = view.residents.find((r) => r.patient.id === SUN);
    assert.deepEqual(sun?.colour.reasons, ['no_recent_reading']);
    const yellow = (await (
      await zhang.send('GET', '/api/readings/colour-view?colour=yellow&condition=hypertension')
    ).json()) as {
      residents: { colour: { colour: string }; patient: { conditions: string[] } }[];
    };
    assert.ok(yellow.residents.length > 0);
    assert.ok(
      yellow.residents.every(
        (r) => r.colour.colour === 'yellow' && r.patient.conditions.includes('hypertension'),
      ),
    );
  });

  test("a red reading flags the waiting resident in the doctor's queue", async () => {
    assert.equal((await tvLiu.send('POST', '/api/queue', { doctor: 'family' })).status, 201);
    const events = await openEvents(zhang);
    try {
      const red = await tvLiu.send('POST', '/api/readings', {
        ...bp(newId(), 186, 112),
        patientId: LIU,
      });
      assert.equal(red.status, 201);
      await events.next((e) => e.type === 'queue-changed', 2000);
      const queue = (await (await zhang.send('GET', '/api/queue')).json()) as {
        entries: {
          patient: { id: string };
          colour: { colour: string };
          latestReadings: { values: { measure: string } }[];
        }[];
      };
      const liu = queue.entries.find((e) => e.patient.id === LIU);
      assert.equal(liu?.colour.colour, 'red');
      assert.deepEqual(liu?.latestReadings.map((r) => r.values.measure).sort(), [
        'blood_pressure',
        'glucose',
      ]);
    } finally {
      events.close();
    }
  });

  test('a reading taken during a consultation reaches the doctor within a second and is in its detail', async () => {
    const events = await openEvents(zhang);
    // A follow-up call the TV answers: the consultation is in progress.
    const ringing = (await (
      await zhang.send('POST', '/api/consultations', { patientId: WANG, reason: '血压随访' })
    ).json()) as { id: string };
    assert.equal((await tvWang.send('POST', `/api/consultations/${ringing.id}/answer`)).status, 200);
    try {
      const started = Date.now();
      const body = bp(newId(), 138, 86, { consultationId: ringing.id });
      const during = await tvWang.send('POST', '/api/readings', body);
      assert.equal(during.status, 201);
      const received = await events.next((e) => e.type === 'reading', 1000);
      assert.ok(Date.now() - started < 1000);
      assert.equal(received.event.type === 'reading' && received.event.consultationId, ringing.id);
      const detail = (await (await zhang.send('GET', `/api/consultations/${ringing.id}`)).json()) as {
        readings: { consultationId: string; values: { systolic: number } }[];
      };
      assert.ok(detail.readings.some((r) => r.values.systolic === 138 && r.consultationId === ringing.id));
      await endWithSummary(zhang, ringing.id, { diagnosis: '高血压 1 级', advice: '继续服药' });
      // A retry of the stored reading after the end answers it again (the outbox's exactly-once).
      assert.equal((await tvWang.send('POST', '/api/readings', body)).status, 200);
    } finally {
      events.close();
    }
  });

  test('a reading taken during the call and delivered after its end (an outbox that waited) joins that call', async () => {
    const call = (await (
      await zhang.send('POST', '/api/consultations', { patientId: WANG, reason: '血压随访' })
    ).json()) as { id: string };
    assert.equal((await tvWang.send('POST', `/api/consultations/${call.id}/answer`)).status, 200);
    const duringCall = new Date().toISOString();
    await endWithSummary(zhang, call.id, { diagnosis: '稳定', advice: '' });
    const late = await tvWang.send(
      'POST',
      '/api/readings',
      bp(newId(), 141, 88, { consultationId: call.id, takenAt: duringCall }),
    );
    assert.equal(late.status, 201);
    const detail = (await (await zhang.send('GET', `/api/consultations/${call.id}`)).json()) as {
      readings: { values: { systolic: number } }[];
    };
    assert.deepEqual(
      detail.readings.map((r) => r.values.systolic),
      [141],
    );
  });

  test('a reading naming another patient’s or a finished consultation is refused and nothing is stored', async () => {
    const stored = async () => (await stack.api.db.selectFrom('readings').select('id').execute()).length;
    const before = await stored();
    // Liu's booked consultation: not Wang's, answers like a missing one.
    const wrongPatient = await tvWang.send(
      'POST',
      '/api/readings',
      bp(newId(), 120, 80, { consultationId: 'c-demo-liu' }),
    );
    assert.equal(wrongPatient.status, 404);
    assert.equal(await errorCode(wrongPatient), 'not_found');
    // Wang's own booked consultation, not yet in progress.
    const booked = await tvWang.send(
      'POST',
      '/api/readings',
      bp(newId(), 120, 80, { consultationId: 'c-demo-wang' }),
    );
    assert.equal(booked.status, 409);
    assert.equal(await errorCode(booked), 'conflict');
    // A call that has ended.
    const call = (await (
      await zhang.send('POST', '/api/consultations', { patientId: WANG, reason: '复查' })
    ).json()) as { id: string };
    assert.equal((await tvWang.send('POST', `/api/consultations/${call.id}/answer`)).status, 200);
    await endWithSummary(zhang, call.id, { diagnosis: '稳定', advice: '' });
    const ended = await tvWang.send(
      'POST',
      '/api/readings',
      bp(newId(), 120, 80, { consultationId: call.id }),
    );
    assert.equal(ended.status, 409);
    assert.equal(await errorCode(ended), 'conflict');
    const unknown = await tvWang.send(
      'POST',
      '/api/readings',
      bp(newId(), 120, 80, { consultationId: 'c-nope-1' }),
    );
    assert.equal(unknown.status, 404);
    assert.equal(await stored(), before);
    const detail = (await (await zhang.send('GET', `/api/consultations/${call.id}`)).json()) as {
      readings: unknown[];
    };
    assert.deepEqual(detail.readings, []);
  });
});

describe('self-service kiosk visit', () => {
  test('identifies one resident for this kiosk only; ending it leaves no access', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const other = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const wrong = await kiosk.send('POST', '/api/kiosk/visits', {
      idCardSuffix: '3426',
      birthDate: '1946-03-13',
    });
    assert.equal(wrong.status, 401);
    assert.equal(await errorCode(wrong), 'identification_failed');
    const visit = await kiosk.send('POST', '/api/kiosk/visits', {
      idCardSuffix: '3426',
      birthDate: '1946-03-12',
    });
    assert.equal(visit.status, 200);
    assert.equal(((await visit.json()) as { patient: { id: string } }).patient.id, WANG);
    const reading = { ...bp(newId('kiosk'), 142, 88), setting: 'home' };
    assert.equal((await kiosk.send('POST', '/api/readings', reading)).status, 201);
    assert.equal((await kiosk.send('POST', '/api/readings', { ...bp(newId()), patientId: LIU })).status, 404);
    assert.equal((await other.send('POST', '/api/readings', bp(newId()))).status, 404);
    assert.equal((await kiosk.send('GET', `/api/patients/${WANG}/readings`)).status, 200);
    assert.equal((await kiosk.send('DELETE', '/api/kiosk/visits')).status, 200);
    assert.equal((await kiosk.send('GET', `/api/patients/${WANG}/readings`)).status, 404);
    assert.equal((await kiosk.send('POST', '/api/readings', bp(newId()))).status, 404);
  });

  test('300 concurrent guesses: 20 are tried, the rest refused with 429, and then the right one too', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        kiosk.send('POST', '/api/kiosk/visits', { idCardSuffix: String(1000 + i), birthDate: '1946-03-12' }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, 20);
    assert.equal(statuses.filter((s) => s === 429).length, 280);
    const right = await kiosk.send('POST', '/api/kiosk/visits', {
      idCardSuffix: '3426',
      birthDate: '1946-03-12',
    });
    assert.equal(right.status, 429);
    assert.ok(Number(right.headers.get('retry-after')) > 0);
  });
});

describe('FHIR R4 export', () => {
  test('a Bundle of Observations with LOINC codes, UCUM units and dataAbsentReason', async () => {
    await tvLiu.send('POST', '/api/readings', {
      id: newId('fhir'),
      patientId: LIU,
      values: { measure: 'spo2', spo2: { special: 'nan' }, pulse: 76 },
      takenAt: new Date().toISOString(),
      source: 'device',
      setting: 'home',
      device: { id: 'oxi-1', name: 'Nonin 3230', userId: null, sequenceNumber: null, deviceTime: null },
    });
    const response = await zhang.send('GET', `/api/patients/${LIU}/fhir`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/fhir\+json/);
    const bundle = (await response.json()) as Bundle<Observation>;
    validateBundle(bundle);
    const observations = (bundle.entry ?? []).map((e) => e.resource as Observation);
    const codes = new Set(observations.flatMap((o) => (o.code.coding ?? []).map((c) => c.code)));
    for (const code of ['85354-9', '8867-4', '15074-8', '59408-5']) assert.ok(codes.has(code), code);
    const panel = observations.find((o) => o.code.coding?.[0]?.code === '85354-9');
    assert.deepEqual(
      panel?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.code]),
      [
        ['8480-6', 'mm[Hg]'],
        ['8462-4', 'mm[Hg]'],
      ],
    );
    const spo2 = observations.find((o) => o.code.coding?.[0]?.code === '59408-5' && o.dataAbsentReason);
    assert.equal(spo2?.valueQuantity, undefined);
    assert.equal(spo2?.dataAbsentReason?.coding?.[0]?.code, 'not-a-number');
    assert.equal(spo2?.device?.display, 'Nonin 3230');
    const hi = observations.find((o) => o.dataAbsentReason?.coding?.[0]?.code === 'positive-infinity');
    assert.ok(hi, 'the meter HI is a dataAbsentReason');
    assert.equal((await pharmacist.send('GET', `/api/patients/${LIU}/fhir`)).status, 403);
    assert.equal((await tvWang.send('GET', `/api/patients/${LIU}/fhir`)).status, 404);
  });
});

/** A structural check of what the R4 type definitions cannot enforce at run time. */
function validateBundle(bundle: Bundle<Observation>): void {
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'searchset');
  assert.equal(bundle.total, bundle.entry?.length);
  const statuses = [
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    'entered-in-error',
    'unknown',
  ];
  const ids = new Set<string>();
  for (const entry of bundle.entry ?? []) {
    const o = entry.resource as Observation;
    assert.match(entry.fullUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/fhir\/Observation\//);
    assert.equal(o.resourceType, 'Observation');
    assert.match(o.id ?? '', /^[A-Za-z0-9\-.]{1,64}$/);
    assert.ok(!ids.has(o.id!), `duplicate id ${o.id}`);
    ids.add(o.id!);
    assert.ok(statuses.includes(o.status));
    assert.ok(
      o.category?.[0]?.coding?.[0]?.system === 'http://terminology.hl7.org/CodeSystem/observation-category',
    );
    assert.ok(o.code.coding?.every((c) => c.system === 'http://loinc.org' && /^\d+-\d$/.test(c.code ?? '')));
    assert.match(o.subject?.reference ?? '', /^Patient\/[a-z0-9-]+$/);
    assert.ok(!Number.isNaN(Date.parse(o.effectiveDateTime ?? '')));
    const holders = o.component ?? [o];
    for (const h of holders) {
      // Exactly one of a value and the reason it is absent (obs-6).
      assert.notEqual(h.valueQuantity === undefined, h.dataAbsentReason === undefined, JSON.stringify(h));
      if (h.valueQuantity) {
        assert.equal(h.valueQuantity.system, 'http://unitsofmeasure.org');
        assert.equal(typeof h.valueQuantity.value, 'number');
        assert.ok(h.valueQuantity.code);
      } else {
        assert.equal(
          h.dataAbsentReason?.coding?.[0]?.system,
          'http://terminology.hl7.org/CodeSystem/data-absent-reason',
        );
      }
    }
    if (o.component) assert.equal(o.valueQuantity, undefined);
  }
}
