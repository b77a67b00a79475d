// Prescribing and reminders against the real API and SQLite (issue 15): what a prescription must
// be, the pre-screen's findings on the order, reminder answers recorded once, adherence over 30
// days for the doctor, and missed doses for the family doctor and the care home's kiosk.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json } from '../support/consultations.js';
import {
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type ApiSession,
  type TestStack,
} from '../support/stack.js';
import type { CurrentMedicine, Order } from '../../src/shared/pharmacy/schemas.js';

let stack: TestStack;
let zhang: ApiSession;
let zhao: ApiSession;
let tvWang: ApiSession;
let tvQian: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  zhao = await signIn(stack, 'zhaomin');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  tvQian = await pairDevice(stack, zhao, { kind: 'tv', residentId: 'res-qian-yumei' });
});
after(() => stack?.stop());

const medicinesOf = async (tv: ApiSession) =>
  (
    await json<{ medicines: CurrentMedicine[]; serverTime: string }>(
      await tv.send('GET', '/api/pharmacy/medicines/mine'),
      200,
    )
  ).medicines;
/** A consultation of Zhang's with this patient that has ended (prescribing after the call). */
async function endedConsultation(patientId: string, id: string): Promise<string> {
  const now = new Date().toISOString();
  await stack.api.db
    .insertInto('consultations')
    .values({
      id,
      patientId,
      doctorId: 'dr-zhang-wei',
      kind: 'follow-up',
      status: 'ended',
      reason: '复诊',
      roomName: `consultation-${id}`,
      createdAt: now,
      answeredAt: now,
      endedAt: now,
      summaryDiagnosis: '高血压',
      summaryAdvice: null,
    })
    .execute();
  return id;
}

describe('prescribing is checked', () => {
  test('only the consultation’s doctor, only in or after the call, only the medicine’s unit', async () => {
    const line = {
      medicineId: 'amlodipine-5mg',
      doseAmount: 1,
      doseUnit: 'tablet',
      frequency: 'qd',
      daysSupply: 28,
    };
    // The seeded consultation is only scheduled.
    assert.equal(
      (await zhang.send('POST', '/api/consultations/c-demo-wang/prescriptions', { lines: [line] })).status,
      409,
    );
    assert.equal(
      (await zhao.send('POST', '/api/consultations/c-demo-wang/prescriptions', { lines: [line] })).status,
      404,
    );
    const n = (await stack.api.db.selectFrom('prescriptions').select('id').execute()).length;
    const id = await endedConsultation('res-wang-xiuying', 'c-wang-ended-for-rx');
    for (const bad of [
      { ...line, doseUnit: 'capsule' },
      { ...line, medicineId: 'no-such-medicine' },
      { ...line, medicineId: 'insulin-glargine-pen-300iu', doseUnit: 'iu', doseAmount: 10.5 },
      { ...line, doseAmount: 0.25 },
      { ...line, daysSupply: 0 },
    ]) {
      const r = await zhang.send('POST', `/api/consultations/${id}/prescriptions`, { lines: [bad] });
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
    assert.equal((await stack.api.db.selectFrom('prescriptions').select('id').execute()).length, n);
  });
  test("the order carries the pre-screen: Liu's sulfonamide allergy, a second ARB beside his valsartan", async () => {
    const id = await endedConsultation('res-liu-changshan', 'c-liu-ended-for-rx');
    const result = await json<{ order: Order }>(
      await zhang.send('POST', `/api/consultations/${id}/prescriptions`, {
        lines: [
          {
            medicineId: 'gliclazide-mr-30mg',
            doseAmount: 1,
            doseUnit: 'tablet',
            frequency: 'qd',
            daysSupply: 28,
          },
          { medicineId: 'losartan-50mg', doseAmount: 1, doseUnit: 'tablet', frequency: 'qd', daysSupply: 28 },
        ],
      }),
      201,
    );
    const found = result.order.findings
      .map((f) => `${f.rule}:${f.severity}:${String(f.params.medicine)}`)
      .sort();
    assert.deepEqual(found, ['allergy:block:格列齐特缓释片', 'duplicate_therapy:warn:氯沙坦钾片']);
    assert.ok(result.order.findings.every((f) => f.citation.includes('《')));
  });
});

describe('reminders: answers, adherence, missed doses', () => {
  test('taken is recorded once under 50 concurrent retries; later after taken changes nothing; off-schedule refused', async () => {
    const rx = 'rx-demo-wang-amlodipine';
    const dose = (await medicinesOf(tvWang)).find((m) => m.prescription.id === rx);
    const next = new Date(dose?.nextDoseAt as string).getTime();
    const DAY = 24 * 60 * 60 * 1000;
    // Two days back: inside the supply, whatever the time of day the test runs.
    const past = new Date(next - 2 * DAY).toISOString();
    await stack.api.db
      .deleteFrom('doseAnswers')
      .where('prescriptionId', '=', rx)
      .where('scheduledAt', '=', past)
      .execute();
    const answer = (a: string, at: string) =>
      tvWang.send('POST', '/api/pharmacy/doses', { prescriptionId: rx, scheduledAt: at, answer: a });
    const bodies = await Promise.all(
      Array.from({ length: 50 }, async () =>
        json<{ answeredAt: string; answer: string }>(await answer('taken', past), 200),
      ),
    );
    assert.equal(new Set(bodies.map((b) => b.answeredAt)).size, 1);
    assert.equal((await json<{ answer: string }>(await answer('later', past), 200)).answer, 'taken');
    const rows = await stack.api.db
      .selectFrom('doseAnswers')
      .selectAll()
      .where('prescriptionId', '=', rx)
      .where('scheduledAt', '=', past)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.answer),
      ['taken'],
    );

    // 'later' pressed twice keeps one row with the latest press.
    const other = new Date(next - 3 * DAY).toISOString();
    await stack.api.db
      .deleteFrom('doseAnswers')
      .where('prescriptionId', '=', rx)
      .where('scheduledAt', '=', other)
      .execute();
    const first = await json<{ answeredAt: string }>(await answer('later', other), 200);
    await new Promise((r) => setTimeout(r, 5));
    const second = await json<{ answeredAt: string }>(await answer('later', other), 200);
    assert.ok(second.answeredAt > first.answeredAt);
    const laters = await stack.api.db
      .selectFrom('doseAnswers')
      .selectAll()
      .where('prescriptionId', '=', rx)
      .where('scheduledAt', '=', other)
      .execute();
    assert.deepEqual(
      laters.map((r) => [r.answer, r.answeredAt]),
      [['later', second.answeredAt]],
    );

    assert.equal(
      (await answer('taken', new Date(next + DAY).toISOString())).status,
      400,
      'more than an hour ahead',
    );
    assert.equal(
      (await answer('taken', new Date(next - 2 * DAY - 3 * 60 * 60 * 1000).toISOString())).status,
      400,
      'not a dose time',
    );
    assert.equal(
      (
        await tvQian.send('POST', '/api/pharmacy/doses', {
          prescriptionId: rx,
          scheduledAt: past,
          answer: 'taken',
        })
      ).status,
      404,
    );
  });

  test('a past dose answered late counts as late; adherence over 30 days for the doctor', async () => {
    const report = await json<{
      medicines: {
        prescriptionId: string;
        scheduled: number;
        onTime: number;
        late: number;
        missed: number;
        onTimePercent: number;
      }[];
    }>(await zhang.send('GET', '/api/pharmacy/patients/res-wang-xiuying/adherence'), 200);
    const amlodipine = report.medicines.find((m) => m.prescriptionId === 'rx-demo-wang-amlodipine');
    assert.ok(amlodipine && amlodipine.scheduled >= 23);
    // The seed: every ninth dose missed, every fifth late.
    assert.ok(amlodipine.missed >= 2 && amlodipine.late >= 4);
    assert.equal(amlodipine.onTime + amlodipine.late + amlodipine.missed, amlodipine.scheduled);
    assert.equal((await zhao.send('GET', '/api/pharmacy/patients/res-wang-xiuying/adherence')).status, 404);
  });

  test('missed doses: the family doctor and the care home kiosk see theirs only', async () => {
    // Mark every answer of 赵桂兰's metformin in the last day as never given: its doses then are missed.
    // Twice a day (08:00 and 20:00 Shanghai), so the last 24 hours always hold a dose more than an hour
    // old at any time of day; her once-nightly insulin (21:00) had none from 13:00 to 14:00 UTC.
    await stack.api.db
      .deleteFrom('doseAnswers')
      .where('prescriptionId', '=', 'rx-demo-zhao-metformin')
      .where('scheduledAt', '>=', new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString())
      .execute();
    const admin = await signIn(stack, 'zhoulei');
    const kiosk = await kioskWithStaff(stack, admin);
    const lifang = await signIn(stack, 'lifang');
    const ofKiosk = await json<{ doses: { patient: { id: string }; prescriptionId: string }[] }>(
      await kiosk.send('GET', '/api/pharmacy/missed-doses'),
      200,
    );
    assert.ok(ofKiosk.doses.some((d) => d.prescriptionId === 'rx-demo-zhao-metformin'));
    assert.ok(ofKiosk.doses.every((d) => ['res-zhao-guilan', 'res-sun-fugui'].includes(d.patient.id)));
    const ofLi = await json<{ doses: { prescriptionId: string }[] }>(
      await lifang.send('GET', '/api/pharmacy/missed-doses'),
      200,
    );
    assert.ok(ofLi.doses.some((d) => d.prescriptionId === 'rx-demo-zhao-metformin'));
    const ofZhang = await json<{ doses: { patient: { id: string } }[] }>(
      await zhang.send('GET', '/api/pharmacy/missed-doses'),
      200,
    );
    assert.ok(ofZhang.doses.every((d) => ['res-wang-xiuying', 'res-liu-changshan'].includes(d.patient.id)));
  });
});
