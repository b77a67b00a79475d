import { http, HttpResponse, type RequestHandler } from 'msw';
import type { ConsultationDetail, QueuePlace } from '../../../src/shared/consultations/schemas.js';
import type { CareHomeDoses } from '../../../src/shared/pharmacy/schemas.js';
import type { Reading } from '../../../src/shared/readings/schemas.js';
import { mockApi } from './msw.js';
import { kioskWithoutStaff, sessionOf } from './sessions.js';

// The care-home kiosk with a nurse signed in, as the unit suites' msw API answers it: the
// consultation flow (kiosk-consultation.test.ts) and the screen checks that every TV screen gets
// (tv-navigation, design-tokens, text-overlap) share these.

export const kioskWithNurse = sessionOf({
  ...kioskWithoutStaff.actor,
  staff: { id: 'staff-ma-li', displayName: '马丽' },
});
export const zhaoRecord = {
  id: 'res-z',
  displayName: '赵桂兰',
  birthDate: '1950-07-21',
  sex: 'female',
  address: '东河镇敬老院2号楼105室',
  conditions: ['type2_diabetes'],
  allergies: [],
  careHomeName: '东河镇敬老院',
  familyDoctor: { id: 'dr-l', displayName: '李芳', organisationName: '东河镇卫生院' },
};
export const sunRecord = {
  ...zhaoRecord,
  id: 'res-s',
  displayName: '孙富贵',
  sex: 'male',
  address: '东河镇敬老院1号楼203室',
};

export const placeFor = (patient: { id: string; displayName: string }, extra: Partial<QueuePlace> = {}) =>
  ({
    id: 'q-k1',
    status: 'waiting',
    urgency: 'routine',
    doctor: 'family',
    position: 3,
    estimatedWaitMinutes: 16,
    consultationId: null,
    createdAt: '2025-01-01T08:00:00.000Z',
    patient,
    ...extra,
  }) satisfies QueuePlace;
export const zhao = { id: 'res-z', displayName: '赵桂兰' };
export const sun = { id: 'res-s', displayName: '孙富贵' };

export const origin = {
  deviceId: 'dev-k',
  careHomeName: '东河镇敬老院',
  staff: { id: 'staff-ma-li', displayName: '马丽' },
};
/** A reading taken during consultation c-k1, as the API answers it. */
export function callReading(
  id: string,
  values: Reading['values'],
  colour: Reading['colour'],
  messageKey: string,
  extra: Partial<Reading> = {},
): Reading {
  return {
    id,
    patientId: 'res-z',
    values,
    takenAt: '2025-03-01T08:10:00.000Z',
    receivedAt: '2025-03-01T08:10:01.000Z',
    source: 'manual',
    setting: 'office',
    device: null,
    consultationId: 'c-k1',
    colour,
    messageKey,
    adviceKey: null,
    status: 'active',
    replacesId: null,
    authorId: 'staff-ma-li',
    series: null,
    ...extra,
  };
}

export const detail: ConsultationDetail = {
  id: 'c-k1',
  kind: 'request',
  status: 'ended',
  reason: '血糖偏高',
  patient: zhao,
  doctor: {
    id: 'dr-l',
    displayName: '李芳',
    role: 'doctor',
    organisationName: '东河镇卫生院',
    department: null,
  },
  specialists: [],
  summary: { diagnosis: '血糖偏高', advice: '晚饭少吃主食' },
  createdAt: '2025-03-01T08:00:00.000Z',
  endedAt: '2025-03-01T08:20:00.000Z',
  kiosk: origin,
  // Measured during the call: the summary screens show them (the screen suites check them too).
  readings: [
    callReading(
      'r-k1-bp',
      { measure: 'blood_pressure', systolic: 186, diastolic: 112, pulse: 88 },
      'red',
      'bp_grade_3',
    ),
    callReading(
      'r-k1-glu',
      { measure: 'glucose', value: 6.2, context: 'fasting' },
      'green',
      'glucose_in_target',
    ),
  ],
};

export const notWaiting = () =>
  HttpResponse.json({ error: { code: 'not_found', message: 'not waiting' } }, { status: 404 });

export const kioskToken = {
  token: 'kiosk-jwt',
  url: 'ws://127.0.0.1:1',
  room: 'consultation-c-k1',
  identity: 'dev-kiosk',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

/** The API as a kiosk with a nurse sees it; the kiosk is not waiting; the call stops at its door. */
export function kioskApi(...overrides: RequestHandler[]) {
  return mockApi(
    ...overrides,
    http.get('/api/auth/session', () => HttpResponse.json(kioskWithNurse)),
    http.get('/api/patients', () => HttpResponse.json({ patients: [zhaoRecord, sunRecord] })),
    http.get('/api/patients/res-z', () => HttpResponse.json(zhaoRecord)),
    http.get('/api/queue/mine', notWaiting),
    http.post('/api/calls/token', () =>
      HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
    ),
    http.get('/api/consultations/c-k1', () => HttpResponse.json(detail)),
  );
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['秀英', '桂兰', '富贵', '玉梅', '长山', '淑珍', '建国', '凤英', '德胜', '兰英'];

/**
 * A whole care home (issue 17: up to 150 residents): 赵桂兰 and 孙富贵 first, then residents in
 * 3 buildings with rooms 101-350 and ID cards ending in distinct 4 digits.
 */
export function wholeCareHome(count = 150) {
  const others = Array.from({ length: count - 2 }, (_, i) => {
    const building = 1 + (i % 3);
    const room = 101 + Math.floor(i / 3) + 50 * (Math.floor(i / 60) % 5);
    return {
      ...zhaoRecord,
      id: `res-g${i}`,
      displayName: `${SURNAMES[i % SURNAMES.length]!}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!}`,
      address: `东河镇敬老院${building}号楼${room}室`,
      // Ending in 8: a room number typed never matches these by accident.
      idCardSuffix: `${String(i).padStart(3, '0')}8`,
    };
  });
  return [{ ...zhaoRecord, idCardSuffix: '0427' }, { ...sunRecord, idCardSuffix: '301X' }, ...others];
}

/**
 * Today's doses not taken at the care home, as the kiosk reads them at 20:40 in Shanghai:
 * 赵桂兰's morning metformin missed and her evening one overdue, 孙富贵's insulin overdue.
 */
export const careHomeDoses: CareHomeDoses = {
  serverTime: '2026-12-05T12:40:00.000Z',
  residents: [
    {
      patient: { id: 'res-z', displayName: '赵桂兰', address: '东河镇敬老院2号楼105室' },
      doses: [
        {
          prescriptionId: 'rx-z-met',
          genericNameZh: '二甲双胍片',
          genericNameEn: 'Metformin',
          doseAmount: 1,
          doseUnit: 'tablet',
          scheduledAt: '2026-12-05T00:00:00.000Z',
          state: 'missed',
        },
        {
          prescriptionId: 'rx-z-met',
          genericNameZh: '二甲双胍片',
          genericNameEn: 'Metformin',
          doseAmount: 1,
          doseUnit: 'tablet',
          scheduledAt: '2026-12-05T12:00:00.000Z',
          state: 'overdue',
        },
      ],
    },
    {
      patient: { id: 'res-s', displayName: '孙富贵', address: '东河镇敬老院1号楼203室' },
      doses: [
        {
          prescriptionId: 'rx-s-ins',
          genericNameZh: '甘精胰岛素注射液',
          genericNameEn: 'Insulin glargine',
          doseAmount: 10,
          doseUnit: 'iu',
          scheduledAt: '2026-12-05T12:30:00.000Z',
          state: 'overdue',
        },
      ],
    },
  ],
};

/** The kiosk's API with a whole care home in its resident list. */
export function kioskApiWithCareHome(...overrides: RequestHandler[]) {
  const residents = wholeCareHome();
  return kioskApi(
    ...overrides,
    http.get('/api/patients', () => HttpResponse.json({ patients: residents })),
    http.get('/api/pharmacy/care-home/doses', () => HttpResponse.json(careHomeDoses)),
    http.get('/api/patients/:id', ({ params }) => {
      const found = residents.find((r) => r.id === params.id);
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 });
    }),
  );
}
