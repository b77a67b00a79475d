// The access matrix's rows for the schedule (issue 16), kept apart so the matrix stays readable:
// the objects the cases act on (made once the actors exist) and the cases themselves.
import { localDateOf } from '../../src/shared/schedule/shanghai-time.js';
import type { ApiSession } from './stack.js';

type Actors = Record<'tvWang' | 'kioskStaff' | 'doctorZhang', ApiSession>;

export interface ScheduleCase {
  name: string;
  method: string;
  path: () => string;
  body?: unknown;
  allowed: Partial<Record<string, number>>;
}

/** Schedule objects the cases act on, made in before(). */
const ids = {
  liushuVisit: '',
  cancellableVisit: '',
  wangSlot: '',
  zhaoVisitSlot: '',
  donghelSlot: '',
  wangAppointment: '',
  wangHomeVisit: '',
  wangCancellableHomeVisit: '',
};
const tomorrow = () => localDateOf(new Date(Date.now() + 24 * 60 * 60 * 1000));
const visitBody = (days: number) => ({
  villageId: 'liushu-village-clinic',
  vehicle: 'rounds-car',
  date: localDateOf(new Date(Date.now() + days * 24 * 60 * 60 * 1000)),
  startTime: '09:00',
  endTime: '11:30',
  place: '村委会',
  teamIds: ['dr-zhang-wei'],
});
const homeVisitBody = () => ({
  service: 'home-nursing',
  reason: 'injection',
  preferredDate: tomorrow(),
  preferredHalfDay: 'morning',
});

export async function prepareSchedule(actors: Actors): Promise<void> {
  const read = async <T>(response: Response): Promise<T> => {
    if (response.status >= 300) throw new Error(`${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  type Listed = { visits: { id: string }[] };
  type Slots = { slots: { id: string; kind: string; organisation: { id: string } }[] };
  ids.liushuVisit = (await read<Listed>(await actors.tvWang.send('GET', '/api/visits'))).visits[0]?.id ?? '';
  ids.cancellableVisit = (
    await read<{ id: string }>(await actors.doctorZhang.send('POST', '/api/visits', visitBody(25)))
  ).id;
  const wangSlots = (await read<Slots>(await actors.tvWang.send('GET', '/api/slots?kind=health-centre')))
    .slots;
  ids.wangSlot = wangSlots[0]?.id ?? '';
  ids.donghelSlot = wangSlots[1]?.id ?? '';
  const zhaoSlots = await read<Slots>(
    await actors.kioskStaff.send('GET', '/api/slots?kind=mobile-clinic&patientId=res-zhao-guilan'),
  );
  ids.zhaoVisitSlot = zhaoSlots.slots[0]?.id ?? '';
  ids.wangAppointment = (
    await read<{ id: string }>(
      await actors.tvWang.send('POST', '/api/appointments', { slotId: wangSlots[2]?.id }),
    )
  ).id;
  ids.wangHomeVisit = (
    await read<{ id: string }>(await actors.tvWang.send('POST', '/api/home-visits', homeVisitBody()))
  ).id;
  ids.wangCancellableHomeVisit = (
    await read<{ id: string }>(await actors.tvWang.send('POST', '/api/home-visits', homeVisitBody()))
  ).id;
}

/**
 * The schedule (issue 16). Cases that change something run in order: an actor after the one that
 * succeeded meets the changed object (409), which still proves it passed the access rules.
 */
export function scheduleCases(): ScheduleCase[] {
  const WANG = 'res-wang-xiuying';
  return [
    {
      name: 'visits of my village / township',
      method: 'GET',
      path: () => '/api/visits',
      allowed: { tvWang: 200, tvQian: 200, kioskStaff: 200, doctorZhang: 200, doctorZhao: 200, nurse: 200 },
    },
    {
      name: "my township's villages and staff (the visit form)",
      method: 'GET',
      path: () => '/api/township',
      allowed: { doctorZhang: 200, doctorZhao: 200 },
    },
    {
      name: 'plan a visit to 柳树村',
      method: 'POST',
      path: () => '/api/visits',
      body: visitBody(26),
      // 西岭乡's doctor: not a village of his township (404).
      allowed: { doctorZhang: 201 },
    },
    {
      name: 'change a visit to 柳树村',
      method: 'PUT',
      path: () => `/api/visits/${ids.liushuVisit}`,
      body: { ...visitBody(27), place: '村卫生室' },
      allowed: { doctorZhang: 200 },
    },
    {
      name: 'call off a visit to 柳树村',
      method: 'POST',
      path: () => `/api/visits/${ids.cancellableVisit}/cancel`,
      allowed: { doctorZhang: 200 },
    },
    {
      name: 'slots offered to me / kept by my township',
      method: 'GET',
      path: () => '/api/slots',
      // A kiosk names the resident it books for (400 without).
      allowed: { tvWang: 200, tvQian: 200, kioskStaff: 400, doctorZhang: 200, doctorZhao: 200, nurse: 200 },
    },
    {
      name: 'slots offered to Zhao (care home)',
      method: 'GET',
      path: () => '/api/slots?patientId=res-zhao-guilan',
      allowed: { kioskStaff: 200, doctorZhang: 200, nurse: 200 },
    },
    {
      name: 'open a health-centre slot',
      method: 'POST',
      path: () => '/api/slots',
      body: {
        kind: 'health-centre',
        startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 86_400_000 + 1_800_000).toISOString(),
        capacity: 3,
      },
      // Each township's doctor opens it in their own township.
      allowed: { doctorZhang: 201, doctorZhao: 201 },
    },
    {
      name: 'bookings of a 东河 slot',
      method: 'GET',
      path: () => `/api/slots/${ids.donghelSlot}/bookings`,
      allowed: { doctorZhang: 200, nurse: 200 },
    },
    {
      name: 'book a slot offered to Wang',
      method: 'POST',
      path: () => '/api/appointments',
      // Getters: the ids exist only once before() has run.
      body: {
        get slotId() {
          return ids.wangSlot;
        },
      },
      allowed: { tvWang: 201, kioskStaff: 400 },
    },
    {
      name: 'book a visit slot for Zhao (care home)',
      method: 'POST',
      path: () => '/api/appointments',
      body: {
        get slotId() {
          return ids.zhaoVisitSlot;
        },
        patientId: 'res-zhao-guilan',
      },
      allowed: { kioskStaff: 201 },
    },
    {
      name: "Wang's appointments",
      method: 'GET',
      path: () => `/api/appointments?patientId=${WANG}`,
      allowed: { tvWang: 200, doctorZhang: 200, nurse: 200 },
    },
    {
      name: "cancel Wang's appointment",
      method: 'POST',
      path: () => `/api/appointments/${ids.wangAppointment}/cancel`,
      allowed: { tvWang: 200, doctorZhang: 409 },
    },
    {
      name: 'ask for a home visit',
      method: 'POST',
      path: () => '/api/home-visits',
      body: homeVisitBody(),
      allowed: { tvWang: 201, tvQian: 201, kioskStaff: 400 },
    },
    {
      name: 'home visits I may see',
      method: 'GET',
      path: () => '/api/home-visits',
      allowed: { tvWang: 200, tvQian: 200, kioskStaff: 200, doctorZhang: 200, doctorZhao: 200, nurse: 200 },
    },
    {
      name: "schedule Wang's home visit",
      method: 'POST',
      path: () => `/api/home-visits/${ids.wangHomeVisit}/schedule`,
      body: {
        assigneeId: 'nurse-wu-hong',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000 + 3_600_000).toISOString(),
      },
      allowed: { doctorZhang: 200, nurse: 200 },
    },
    {
      name: "record Wang's home visit",
      method: 'POST',
      path: () => `/api/home-visits/${ids.wangHomeVisit}/complete`,
      body: { visitNote: '血压平稳。' },
      allowed: { doctorZhang: 200, nurse: 409 },
    },
    {
      name: "call off Wang's home visit",
      method: 'POST',
      path: () => `/api/home-visits/${ids.wangCancellableHomeVisit}/cancel`,
      allowed: { tvWang: 200, doctorZhang: 409, nurse: 409 },
    },
    {
      name: "Wang's family-doctor team",
      method: 'GET',
      path: () => `/api/patients/${WANG}/team`,
      allowed: { tvWang: 200, doctorZhang: 200, nurse: 200 },
    },
    {
      name: 'my signed residents',
      method: 'GET',
      path: () => '/api/team/residents',
      allowed: { doctorZhang: 200, doctorZhao: 200, nurse: 200 },
    },
    {
      name: "Wang's record summary",
      method: 'GET',
      path: () => `/api/patients/${WANG}/summary`,
      allowed: { tvWang: 200, doctorZhang: 200, nurse: 200 },
    },
  ];
}
