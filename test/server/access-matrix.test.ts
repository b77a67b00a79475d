// Every endpoint tried as every kind of actor, including another resident (IDOR). A refusal must
// be 401/403/404 with nothing in the body but the error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ApiSession,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';
import { prepareSchedule, scheduleCases } from '../support/schedule-access-cases.js';
import { CARE_HOME_RESIDENTS } from '../../src/server/directory/seed.js';

const CARE_HOME_IDS = Array.from(
  { length: CARE_HOME_RESIDENTS },
  (_, i) => `res-care-${String(i + 1).padStart(3, '0')}`,
);

type ActorName =
  | 'anonymous'
  | 'tvWang'
  | 'tvQian'
  | 'kioskNoStaff'
  | 'kioskStaff'
  | 'doctorZhang'
  | 'doctorZhao'
  | 'nurse'
  | 'specialist'
  | 'pharmacist'
  | 'admin';

let stack: TestStack;
const actors = {} as Record<ActorName, ApiSession>;
let wangTvId = '';
/** Liu's QR card, issued by his family doctor before the matrix runs (the identify rows use it). */
let liuCard = '';
before(async () => {
  stack = await startStack();
  actors.anonymous = new ApiSession(stack.api.url);
  actors.doctorZhang = await signIn(stack, 'zhangwei');
  actors.doctorZhao = await signIn(stack, 'zhaomin');
  actors.nurse = await signIn(stack, 'wuhong');
  actors.specialist = await signIn(stack, 'chenjianguo');
  actors.pharmacist = await signIn(stack, 'sunli');
  actors.admin = await signIn(stack, 'zhoulei');
  actors.tvWang = await pairDevice(stack, actors.doctorZhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  actors.tvQian = await pairDevice(stack, actors.doctorZhao, { kind: 'tv', residentId: 'res-qian-yumei' });
  actors.kioskNoStaff = await pairDevice(stack, actors.admin, {
    kind: 'kiosk',
    careHomeId: 'donghe-care-home',
  });
  actors.kioskStaff = await kioskWithStaff(stack, actors.admin);
  const devices = (await (await actors.doctorZhang.send('GET', '/api/devices')).json()) as {
    devices: { id: string }[];
  };
  wangTvId = devices.devices[0]?.id ?? '';
  await prepareSchedule(actors);
  const issued = await actors.doctorZhang.send('POST', '/api/patients/res-liu-changshan/card');
  liuCard = ((await issued.json()) as { content: string }).content;
});

after(() => stack?.stop());

interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The expected status for each actor; actors not listed must be refused (401/403/404). */
  allowed: Partial<Record<ActorName, number>>;
  /** Run once before the case's first actor: finds the objects made by the cases before. */
  prepare?: () => Promise<void>;
}

/** The self-service visit's queue entry and the consultation it led to (kioskNoStaff visits Sun Fugui). */
const visitObjects = { entry: '', consultation: '' };
async function findVisitObjects(): Promise<void> {
  const row = await stack.api.db
    .selectFrom('queueEntries')
    .select(['id', 'consultationId'])
    .where('patientId', '=', 'res-sun-fugui')
    .where('visitId', 'is not', null)
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  visitObjects.entry = row?.id ?? 'q-none';
  visitObjects.consultation = row?.consultationId ?? 'c-none';
}

/** When the shift reading was taken: on first use, inside the staffed kiosk's shift. */
let shiftReadingAt: string | undefined;

const cases: Case[] = [
  {
    name: 'session',
    method: 'GET',
    path: () => '/api/auth/session',
    allowed: {
      tvWang: 200,
      tvQian: 200,
      kioskNoStaff: 200,
      kioskStaff: 200,
      doctorZhang: 200,
      doctorZhao: 200,
      nurse: 200,
      specialist: 200,
      pharmacist: 200,
      admin: 200,
    },
  },
  {
    name: 'my consultations',
    method: 'GET',
    path: () => '/api/consultations/mine',
    allowed: { tvWang: 200, tvQian: 200, doctorZhang: 200, doctorZhao: 200, specialist: 200 },
  },
  {
    name: "call token for Wang's consultation",
    method: 'POST',
    path: () => '/api/calls/token',
    body: { consultationId: 'c-demo-wang' },
    allowed: { tvWang: 200, doctorZhang: 200 },
  },
  {
    name: "call token for Liu's consultation",
    method: 'POST',
    path: () => '/api/calls/token',
    body: { consultationId: 'c-demo-liu' },
    allowed: { doctorZhang: 200 },
  },
  {
    // Only the TV being rung may stand by; Wang's demo consultation does not ring, so even hers is 409.
    name: "standby in Wang's consultation",
    method: 'POST',
    path: () => '/api/consultations/c-demo-wang/standby',
    allowed: { tvWang: 409 },
  },
  {
    name: 'patient list',
    method: 'GET',
    path: () => '/api/patients',
    allowed: {
      tvWang: 200,
      tvQian: 200,
      kioskStaff: 200,
      doctorZhang: 200,
      doctorZhao: 200,
      nurse: 200,
      specialist: 200,
    },
  },
  {
    name: "Wang's record",
    method: 'GET',
    path: () => '/api/patients/res-wang-xiuying',
    // The township's nurse cares for its residents too (home visits).
    allowed: { tvWang: 200, doctorZhang: 200, nurse: 200 },
  },
  {
    name: "Zhao Guilan's record (care home)",
    method: 'GET',
    path: () => '/api/patients/res-zhao-guilan',
    allowed: { kioskStaff: 200, doctorZhang: 200, nurse: 200 },
  },
  {
    name: "Qian's record (other township)",
    method: 'GET',
    path: () => '/api/patients/res-qian-yumei',
    allowed: { tvQian: 200, doctorZhao: 200 },
  },
  {
    name: 'resident directory',
    method: 'GET',
    path: () => '/api/directory/residents',
    allowed: { doctorZhang: 200, doctorZhao: 200, admin: 200 },
  },
  {
    name: 'device list',
    method: 'GET',
    path: () => '/api/devices',
    allowed: { doctorZhang: 200, doctorZhao: 200, admin: 200 },
  },
  {
    // Each resident's TV lists the devices bound to that resident, no one else's.
    name: 'devices bound to me',
    method: 'GET',
    path: () => '/api/devices/mine',
    allowed: { tvWang: 200, tvQian: 200 },
  },
  {
    // Her family doctor paired it, so it is confirmed already (409); the administrator, who may
    // see it, may not confirm (refused); everyone else does not see it.
    name: "confirm Wang's TV",
    method: 'POST',
    path: () => `/api/devices/${wangTvId}/confirm`,
    allowed: { doctorZhang: 409 },
  },
  {
    name: "approve pairing (unknown code) for Wang's TV",
    method: 'POST',
    path: () => '/api/devices/pairing/approve',
    body: { userCode: 'AAAA-AAAA', kind: 'tv', residentId: 'res-wang-xiuying' },
    // Allowed roles reach the code check and learn only that no device waits with it.
    allowed: { doctorZhang: 404, doctorZhao: 404, admin: 404 },
  },
  {
    name: 'kiosk staff list',
    method: 'GET',
    path: () => '/api/kiosk/staff',
    allowed: { kioskNoStaff: 200, kioskStaff: 200 },
  },
  { name: 'audit log', method: 'GET', path: () => '/api/audit', allowed: { admin: 200 } },
  {
    name: 'waiting list',
    method: 'GET',
    path: () => '/api/queue',
    allowed: { doctorZhang: 200, doctorZhao: 200 },
  },
  {
    name: 'queue Zhao Guilan (care home) for a doctor',
    method: 'POST',
    path: () => '/api/queue',
    body: { doctor: 'family', patientId: 'res-zhao-guilan' },
    // A kiosk with a nurse signed in, for its care home's residents; a TV only for its own resident.
    allowed: { kioskStaff: 201 },
  },
  {
    name: 'queue Wang (at home) for a doctor with her id',
    method: 'POST',
    path: () => '/api/queue',
    body: { doctor: 'family', patientId: 'res-wang-xiuying' },
    allowed: { tvWang: 201 },
  },
  {
    name: 'my place in the queue',
    method: 'GET',
    path: () => '/api/queue/mine',
    // Each holds its own place: Wang's TV hers, the kiosk the one it asked for.
    allowed: { tvWang: 200, kioskStaff: 200 },
  },
  {
    name: 'specialists',
    method: 'GET',
    path: () => '/api/specialists',
    allowed: { doctorZhang: 200, doctorZhao: 200 },
  },
  {
    name: 'my invitations',
    method: 'GET',
    path: () => '/api/invitations/mine',
    allowed: { specialist: 200 },
  },
  {
    name: "Wang's consultation",
    method: 'GET',
    path: () => '/api/consultations/c-demo-wang',
    allowed: { tvWang: 200, doctorZhang: 200 },
  },
  {
    name: "ringing Wang's TV",
    method: 'POST',
    path: () => '/api/consultations',
    body: { patientId: 'res-wang-xiuying', reason: '随访' },
    // Her family doctor's area only; everyone else is refused before anything rings.
    allowed: { doctorZhang: 201 },
  },
  {
    name: 'read aloud',
    method: 'GET',
    path: () => `/api/speech?text=${encodeURIComponent('您好')}`,
    allowed: { tvWang: 200, tvQian: 200, kioskStaff: 200 },
  },
  // The cloud pharmacy (issue 15): residents their own, pharmacists orders (never records), doctors
  // their patients'. The seeded order is delivered, so review steps reach the status machine: 409.
  {
    name: 'catalogue search',
    method: 'GET',
    path: () => '/api/pharmacy/catalogue?q=adp',
    allowed: { doctorZhang: 200, doctorZhao: 200, specialist: 200, pharmacist: 200 },
  },
  {
    name: "prescribing in Wang's (scheduled) consultation",
    method: 'POST',
    path: () => '/api/consultations/c-demo-wang/prescriptions',
    body: {
      lines: [
        { medicineId: 'amlodipine-5mg', doseAmount: 1, doseUnit: 'tablet', frequency: 'qd', daysSupply: 28 },
      ],
    },
    allowed: { doctorZhang: 409 },
  },
  {
    name: 'my medicines',
    method: 'GET',
    path: () => '/api/pharmacy/medicines/mine',
    allowed: { tvWang: 200, tvQian: 200 },
  },
  {
    name: "reorder Wang's amlodipine",
    method: 'POST',
    path: () => '/api/pharmacy/orders',
    headers: { 'idempotency-key': 'access-matrix-reorder' },
    body: { prescriptionIds: ['rx-demo-wang-amlodipine'] },
    // Another resident's prescription is not found for them.
    allowed: { tvWang: 201 },
  },
  {
    name: 'orders',
    method: 'GET',
    path: () => '/api/pharmacy/orders',
    allowed: { tvWang: 200, tvQian: 200, doctorZhang: 200, doctorZhao: 200, pharmacist: 200 },
  },
  {
    name: "Wang's delivered order",
    method: 'GET',
    path: () => '/api/pharmacy/orders/ord-demo-wang-amlodipine',
    allowed: { tvWang: 200, doctorZhang: 200, pharmacist: 200 },
  },
  ...(
    [
      ['review', undefined],
      ['approve', undefined],
      ['return', { reason: '请核对剂量' }],
      ['reject', { reason: '请先复诊' }],
      ['dispatch', { courier: '邮政EMS', trackingNumber: 'EMS123456789' }],
      ['deliver', undefined],
    ] as const
  ).map(([step, body]): Case => ({
    name: `${step} Wang's delivered order`,
    method: 'POST',
    path: () => `/api/pharmacy/orders/ord-demo-wang-amlodipine/${step}`,
    body,
    allowed: { pharmacist: 409 },
  })),
  {
    name: "resubmit Wang's delivered order",
    method: 'POST',
    path: () => '/api/pharmacy/orders/ord-demo-wang-amlodipine/resubmit',
    body: { changes: [], note: '已修改' },
    allowed: { doctorZhang: 409 },
  },
  {
    name: "cancel Wang's delivered order",
    method: 'POST',
    path: () => '/api/pharmacy/orders/ord-demo-wang-amlodipine/cancel',
    allowed: { tvWang: 409 },
  },
  {
    name: "answer a reminder for Wang's amlodipine",
    method: 'POST',
    path: () => '/api/pharmacy/doses',
    body: {
      prescriptionId: 'rx-demo-wang-amlodipine',
      scheduledAt: yesterdaysMorningDose(),
      answer: 'taken',
    },
    allowed: { tvWang: 200 },
  },
  {
    name: "Wang's adherence",
    method: 'GET',
    path: () => '/api/pharmacy/patients/res-wang-xiuying/adherence',
    allowed: { doctorZhang: 200 },
  },
  {
    name: 'missed doses',
    method: 'GET',
    path: () => '/api/pharmacy/missed-doses',
    allowed: { kioskStaff: 200, doctorZhang: 200, doctorZhao: 200 },
  },
  {
    name: "today's doses of the kiosk's care home",
    method: 'GET',
    path: () => '/api/pharmacy/care-home/doses',
    allowed: { kioskStaff: 200 },
  },
  ...scheduleCases(),
  {
    name: 'a reading for Wang',
    method: 'POST',
    path: () => '/api/readings',
    body: {
      id: 'matrix-reading-wang',
      patientId: 'res-wang-xiuying',
      values: { measure: 'blood_pressure', systolic: 128, diastolic: 82, pulse: 70 },
      takenAt: '2026-12-04T08:00:00+08:00',
      source: 'manual',
      setting: 'home',
    },
    // Her TV stores it; her area's doctor may add readings too (here: the same id, so a replay).
    allowed: { tvWang: 201, doctorZhang: 200 },
  },
  {
    name: 'a reading for Zhao Guilan (care home)',
    method: 'POST',
    path: () => '/api/readings',
    body: {
      id: 'matrix-reading-zhao',
      patientId: 'res-zhao-guilan',
      values: { measure: 'glucose', value: 6.2, context: 'fasting' },
      takenAt: '2026-12-04T07:30:00+08:00',
      source: 'manual',
      setting: 'office',
    },
    allowed: { kioskStaff: 201, doctorZhang: 200 },
  },
  {
    // A write naming the nurse signed in on the staffed kiosk (what its outbox keeps): that kiosk
    // stores it as hers; another kiosk may not deliver on her shift (access/readings.ts).
    name: "a reading for Zhao Guilan taken in 马丽's shift",
    method: 'POST',
    path: () => '/api/readings',
    get body() {
      shiftReadingAt ??= new Date().toISOString();
      return {
        id: 'matrix-reading-shift',
        patientId: 'res-zhao-guilan',
        values: { measure: 'blood_pressure', systolic: 136, diastolic: 86, pulse: 72 },
        takenAt: shiftReadingAt,
        source: 'manual',
        setting: 'office',
        staffId: 'staff-ma-li',
      };
    },
    allowed: { kioskStaff: 201, doctorZhang: 200 },
  },
  {
    // Named for her shift but taken a day before it began: no kiosk may deliver it; her area's
    // doctor may (a doctor's write is theirs, whatever it names).
    name: "a reading for Zhao Guilan named for 马丽's shift, taken before it",
    method: 'POST',
    path: () => '/api/readings',
    body: {
      id: 'matrix-reading-before-shift',
      patientId: 'res-zhao-guilan',
      values: { measure: 'blood_pressure', systolic: 134, diastolic: 84, pulse: 70 },
      takenAt: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString(),
      source: 'manual',
      setting: 'office',
      staffId: 'staff-ma-li',
    },
    allowed: { doctorZhang: 201 },
  },
  {
    name: "Wang's readings",
    method: 'GET',
    path: () => '/api/patients/res-wang-xiuying/readings?days=7',
    allowed: { tvWang: 200, doctorZhang: 200 },
  },
  {
    name: "Zhao Guilan's readings",
    method: 'GET',
    path: () => '/api/patients/res-zhao-guilan/readings?days=90',
    allowed: { kioskStaff: 200, doctorZhang: 200 },
  },
  {
    name: 'withdraw the matrix reading for Wang',
    method: 'POST',
    path: () => '/api/readings/matrix-reading-wang/withdrawal',
    // Only its author (Wang's TV) may; her doctor sees it but may not change it.
    allowed: { tvWang: 200, doctorZhang: 403 },
  },
  {
    name: 'colour view',
    method: 'GET',
    path: () => '/api/readings/colour-view',
    allowed: { doctorZhang: 200, doctorZhao: 200 },
  },
  {
    name: "Wang's FHIR bundle",
    method: 'GET',
    path: () => '/api/patients/res-wang-xiuying/fhir',
    // As for the record: the township's nurse reads it too.
    allowed: { tvWang: 200, doctorZhang: 200, nurse: 200 },
  },
  {
    name: 'self-service visit for Sun Fugui',
    method: 'POST',
    path: () => '/api/kiosk/visits',
    body: { idCardSuffix: '0031', birthDate: '1939-01-30' },
    allowed: { kioskNoStaff: 200, kioskStaff: 200 },
  },
  {
    name: "Sun Fugui's readings during the visit",
    method: 'GET',
    path: () => '/api/patients/res-sun-fugui/readings',
    // The visiting kiosk without staff sees this resident only (and staff their care home's).
    allowed: { kioskNoStaff: 200, kioskStaff: 200, doctorZhang: 200 },
  },
  // What the self-service visit may do beyond readings (issue 14 §9), for its resident only.
  {
    name: 'ask a doctor for the visited resident',
    method: 'POST',
    path: () => '/api/queue',
    body: { doctor: 'on-duty', patientId: 'res-sun-fugui', reason: '自助测量' },
    // The kiosk with a nurse already waits for Zhao Guilan: one resident at a time.
    allowed: { kioskNoStaff: 201, kioskStaff: 409 },
  },
  {
    name: 'ask a doctor for another resident from the visit',
    method: 'POST',
    path: () => '/api/queue',
    body: { doctor: 'family', patientId: 'res-zhao-guilan' },
    // The nurse's kiosk asked for her already: its same place.
    allowed: { kioskStaff: 200 },
  },
  {
    name: "the visit's place",
    method: 'GET',
    path: () => '/api/queue/mine',
    allowed: { tvWang: 200, kioskStaff: 200, kioskNoStaff: 200 },
  },
  {
    name: "the visit's heartbeat",
    method: 'POST',
    path: () => '/api/queue/mine/heartbeat',
    allowed: { tvWang: 200, kioskStaff: 200, kioskNoStaff: 200 },
  },
  {
    name: "admit the visit's request",
    method: 'POST',
    path: () => `/api/queue/${visitObjects.entry}/admit`,
    prepare: findVisitObjects,
    allowed: { doctorZhang: 200 },
  },
  {
    name: "the visit's consultation",
    method: 'GET',
    path: () => `/api/consultations/${visitObjects.consultation}`,
    prepare: findVisitObjects,
    // The care home's nurse reads its residents' consultations (as before); the resident's own TV is not here.
    allowed: { kioskNoStaff: 200, kioskStaff: 200, doctorZhang: 200 },
  },
  {
    name: "call token for the visit's consultation",
    method: 'POST',
    path: () => '/api/calls/token',
    prepare: findVisitObjects,
    body: {
      get consultationId() {
        return visitObjects.consultation;
      },
    },
    allowed: { kioskNoStaff: 200, doctorZhang: 200 },
  },
  {
    name: "the visited resident's medicines",
    method: 'GET',
    path: () => '/api/pharmacy/medicines/mine',
    allowed: { tvWang: 200, tvQian: 200, kioskNoStaff: 200 },
  },
  {
    name: "the visited resident's orders",
    method: 'GET',
    path: () => '/api/pharmacy/orders',
    allowed: {
      tvWang: 200,
      tvQian: 200,
      kioskNoStaff: 200,
      doctorZhang: 200,
      doctorZhao: 200,
      pharmacist: 200,
    },
  },
  {
    name: "reorder Wang's amlodipine during Sun Fugui's visit",
    method: 'POST',
    path: () => '/api/pharmacy/orders',
    headers: { 'idempotency-key': 'access-matrix-visit-reorder' },
    body: { prescriptionIds: ['rx-demo-wang-amlodipine'] },
    // Hers is on its way already (the reorder above); the visit finds no such prescription of Sun's.
    allowed: { tvWang: 409 },
  },
  {
    name: "Wang's readings from the visiting kiosk",
    method: 'GET',
    path: () => '/api/patients/res-wang-xiuying/readings',
    allowed: { tvWang: 200, doctorZhang: 200 },
  },
  {
    name: 'end the visit',
    method: 'DELETE',
    path: () => '/api/kiosk/visits',
    allowed: { kioskNoStaff: 200, kioskStaff: 200 },
  },
  {
    name: "Sun Fugui's readings after the visit",
    method: 'GET',
    path: () => '/api/patients/res-sun-fugui/readings',
    allowed: { kioskStaff: 200, doctorZhang: 200 },
  },
  // The visit's end took every right it gave away (readings/visit-channels.ts).
  {
    name: "the visit's consultation after the visit",
    method: 'GET',
    path: () => `/api/consultations/${visitObjects.consultation}`,
    allowed: { kioskStaff: 200, doctorZhang: 200 },
  },
  {
    name: "call token for the visit's consultation after the visit",
    method: 'POST',
    path: () => '/api/calls/token',
    body: {
      get consultationId() {
        return visitObjects.consultation;
      },
    },
    allowed: { doctorZhang: 200 },
  },
  {
    name: "the visit's place after the visit",
    method: 'GET',
    path: () => '/api/queue/mine',
    allowed: { tvWang: 200, kioskStaff: 200 },
  },
  {
    name: "the visited resident's medicines after the visit",
    method: 'GET',
    path: () => '/api/pharmacy/medicines/mine',
    allowed: { tvWang: 200, tvQian: 200 },
  },
  {
    name: "the visited resident's orders after the visit",
    method: 'GET',
    path: () => '/api/pharmacy/orders',
    allowed: { tvWang: 200, tvQian: 200, doctorZhang: 200, doctorZhao: 200, pharmacist: 200 },
  },
  {
    name: "Wang's QR card",
    method: 'GET',
    path: () => '/api/patients/res-wang-xiuying/card',
    // Only her own doctors (cards.ts cardAccessOf): the nurse sees her record but is refused.
    allowed: { doctorZhang: 200 },
  },
  {
    name: 'issue a QR card for Wang',
    method: 'POST',
    path: () => '/api/patients/res-wang-xiuying/card',
    allowed: { doctorZhang: 201 },
  },
  {
    name: 'revoke QR card of Sun Fugui (not Zhang’s patient)',
    method: 'DELETE',
    path: () => '/api/patients/res-sun-fugui/card',
    // His family doctor is Li Fang, who is not among the matrix's actors: everyone is refused.
    allowed: {},
  },
  {
    name: 'self-service visit by QR card for Liu',
    method: 'POST',
    path: () => '/api/kiosk/visits/card',
    get body() {
      return { card: liuCard };
    },
    allowed: { kioskNoStaff: 200, kioskStaff: 200 },
  },
  {
    name: 'revoke QR card of Wang',
    method: 'DELETE',
    path: () => '/api/patients/res-wang-xiuying/card',
    allowed: { doctorZhang: 200 },
  },
  {
    name: 'end the card visit',
    method: 'DELETE',
    path: () => '/api/kiosk/visits',
    allowed: { kioskNoStaff: 200, kioskStaff: 200 },
  },
  { name: 'log out everywhere', method: 'POST', path: () => '/api/auth/logout-everywhere', allowed: {} },
];

/** Yesterday's 08:00 in Shanghai (00:00 UTC): a qd dose inside the seeded supply. */
function yesterdaysMorningDose(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString();
}

const actorNames: ActorName[] = [
  'anonymous',
  'tvWang',
  'tvQian',
  'kioskNoStaff',
  'kioskStaff',
  'doctorZhang',
  'doctorZhao',
  'nurse',
  'specialist',
  'pharmacist',
  'admin',
];

describe('role-by-endpoint access', () => {
  for (const c of cases) {
    for (const name of actorNames) {
      // Logging out everywhere would end the sessions the other cases use: only refusals are tried here.
      if (c.name === 'log out everywhere' && !['anonymous', 'tvWang', 'kioskStaff'].includes(name)) continue;
      const expected = c.allowed[name];
      test(`${c.name} as ${name}: ${expected ?? 'refused'}`, async () => {
        if (name === actorNames[0]) await c.prepare?.();
        const response = c.headers
          ? await actors[name].fetch(c.path(), {
              method: c.method,
              headers: c.headers,
              body: JSON.stringify(c.body),
            })
          : await actors[name].send(c.method, c.path(), c.body);
        const text = await response.text();
        if (expected !== undefined) {
          assert.equal(response.status, expected, text);
          return;
        }
        assert.ok([401, 403, 404].includes(response.status), `${response.status}: ${text}`);
        const body = JSON.parse(text) as Record<string, unknown>;
        assert.deepEqual(Object.keys(body), ['error'], 'a refusal carries nothing but the error');
        assert.doesNotMatch(text, /王秀英|刘长山|赵桂兰|孙富贵|钱玉梅|token/);
      });
    }
  }
});

describe('object-level rules in the answers themselves', () => {
  test('each actor sees exactly the patients it should', async () => {
    const idsOf = async (name: ActorName) =>
      (
        (await (await actors[name].send('GET', '/api/patients')).json()) as { patients: { id: string }[] }
      ).patients
        .map((p) => p.id)
        .sort();
    assert.deepEqual(await idsOf('tvWang'), ['res-wang-xiuying']);
    assert.deepEqual(await idsOf('tvQian'), ['res-qian-yumei']);
    // The care home is full (directory/seed.ts): its 150 residents, and no one else.
    const careHome = [...CARE_HOME_IDS, 'res-sun-fugui', 'res-zhao-guilan'].sort();
    assert.equal(careHome.length, 150);
    assert.deepEqual(await idsOf('kioskStaff'), careHome);
    // Donghe's township area: its centre, village clinics and care home.
    const donghe = [...careHome, 'res-liu-changshan', 'res-wang-xiuying'].sort();
    assert.deepEqual(await idsOf('doctorZhang'), donghe);
    assert.deepEqual(await idsOf('doctorZhao'), ['res-qian-yumei']);
    // A township's nurse: the same area as its doctors.
    assert.deepEqual(await idsOf('nurse'), donghe);
    // A specialist sees patients only through an invitation, and there is none.
    assert.deepEqual(await idsOf('specialist'), []);
  });

  test("a doctor lists and revokes only their own patients' devices", async () => {
    const devicesOf = async (name: ActorName) =>
      (
        (await (await actors[name].send('GET', '/api/devices')).json()) as { devices: { id: string }[] }
      ).devices.map((d) => d.id);
    assert.deepEqual(await devicesOf('doctorZhang'), [wangTvId]);
    assert.ok(!(await devicesOf('doctorZhao')).includes(wangTvId));
    assert.equal((await devicesOf('admin')).length, 4);
    const response = await actors.doctorZhao.send('POST', `/api/devices/${wangTvId}/revoke`);
    assert.equal(response.status, 404);
    assert.equal((await actors.tvWang.send('GET', '/api/auth/session')).status, 200, "Wang's TV still works");
  });

  test('a doctor may bind a TV only to their own patient', async () => {
    const device = new ApiSession(stack.api.url);
    const { userCode } = (await (
      await device.send('POST', '/api/devices/pairing', { kind: 'tv' })
    ).json()) as {
      userCode: string;
    };
    const refused = await actors.doctorZhao.send('POST', '/api/devices/pairing/approve', {
      userCode,
      kind: 'tv',
      residentId: 'res-wang-xiuying',
    });
    assert.equal(refused.status, 403);
    const kiosk = await actors.doctorZhang.send('POST', '/api/devices/pairing/approve', {
      userCode,
      kind: 'tv',
      residentId: 'res-sun-fugui', // in Zhang's area, but Li Fang's patient
    });
    assert.equal(kiosk.status, 403);
  });
});
