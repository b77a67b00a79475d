// Rows for the focus benchmark's list screens (bench/focus-screens.ts). The bench's TV is Wang
// Xiuying's, whom the demo seed gives one current medicine and no booking: a press on those lists
// would only move between one row and a button. The rows are made as they are in the field,
// through the API: Dr Zhang prescribes two more medicines in a consultation with her, and her TV
// books two more places in the slots it is offered. Once per bench (a stack is fresh each run).
import type { SlotList } from '../src/shared/schedule/schedule-schemas.js';
import { endConsultation, ringWang, type CallBench } from './call-support.js';

async function expect201(response: Response, what: string): Promise<Response> {
  if (response.status !== 201)
    throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response;
}

const medicinesMade = new WeakMap<CallBench, Promise<void>>();
const bookingsMade = new WeakMap<CallBench, Promise<void>>();

/**
 * Wang's current medicines become three (the seed's amlodipine, then aspirin and atorvastatin).
 * A doctor prescribes during a call or after it (routes-prescribing.ts): here after a 随访 call
 * that her TV answers and the doctor ends.
 */
export function withThreeMedicines(bench: CallBench): Promise<void> {
  let made = medicinesMade.get(bench);
  if (!made) {
    made = (async () => {
      const consultationId = await ringWang(bench, '随访：用药');
      const answered = await bench.tv.send('POST', `/api/consultations/${consultationId}/answer`);
      if (answered.status !== 200) throw new Error(`answering the ring: HTTP ${answered.status}`);
      await endConsultation(bench, consultationId);
      const line = { doseAmount: 1, doseUnit: 'tablet', daysSupply: 28 };
      await expect201(
        await bench.doctor.send('POST', `/api/consultations/${consultationId}/prescriptions`, {
          lines: [
            { ...line, medicineId: 'aspirin-ec-100mg', frequency: 'qd' },
            { ...line, medicineId: 'atorvastatin-20mg', frequency: 'qn' },
          ],
        }),
        'prescribing',
      );
    })();
    medicinesMade.set(bench, made);
  }
  return made;
}

/**
 * Wang's TV books the soonest place of each kind it is offered that has room (a video call with
 * her doctor, the health centre, the mobile clinic), at times that do not overlap: three rows
 * under 我的预约.
 */
export function withThreeBookings(bench: CallBench): Promise<void> {
  let made = bookingsMade.get(bench);
  if (!made) {
    made = (async () => {
      const offered = await bench.tv.send('GET', '/api/slots');
      if (offered.status !== 200) throw new Error(`the TV's slots: HTTP ${offered.status}`);
      const { slots } = (await offered.json()) as SlotList;
      const now = new Date().toISOString();
      const chosen: SlotList['slots'] = [];
      for (const kind of ['video', 'health-centre', 'mobile-clinic'] as const) {
        const slot = slots
          .filter((s) => s.kind === kind && s.booked < s.capacity && s.startsAt > now)
          .filter((s) => chosen.every((c) => s.endsAt <= c.startsAt || s.startsAt >= c.endsAt))
          .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))[0];
        if (slot) chosen.push(slot);
      }
      if (chosen.length < 3) throw new Error(`only ${chosen.length} kinds of slot to book for Wang`);
      for (const slot of chosen)
        await expect201(await bench.tv.send('POST', '/api/appointments', { slotId: slot.id }), 'booking');
    })();
    bookingsMade.set(bench, made);
  }
  return made;
}
