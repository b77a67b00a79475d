import { http, HttpResponse } from 'msw';
import type {
  Appointment,
  MobileVisit,
  RecordSummary,
  Slot,
} from '../../../src/shared/schedule/schedule-schemas.js';

/** The schedule as a resident's TV sees it (times are the county's: +08:00). */
const centre = { id: 'org-dh', name: '东河镇卫生院' };
export const slotOf = (kind: Slot['kind'], id: string, startsAt: string, booked = 0): Slot => ({
  id,
  kind,
  visitId: kind === 'mobile-clinic' ? 'v-1' : null,
  organisation: kind === 'mobile-clinic' ? { id: 'vil-ls', name: '柳树村' } : centre,
  doctor: kind === 'video' ? { id: 'dr-a', displayName: '张伟' } : null,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
  capacity: 5,
  booked,
});

export const scheduleSlots: Slot[] = [
  slotOf('health-centre', 'slot-hc', '2026-12-10T01:00:00.000Z'),
  slotOf('video', 'slot-video', '2026-12-10T02:00:00.000Z'),
  slotOf('mobile-clinic', 'slot-mc', '2026-12-10T03:00:00.000Z'),
];

export const visit: MobileVisit = {
  id: 'v-1',
  village: { id: 'vil-ls', name: '柳树村' },
  township: { id: 'tw-dh', name: '东河镇' },
  vehicle: 'health-check-van',
  startsAt: '2026-12-10T01:00:00.000Z',
  endsAt: '2026-12-10T03:30:00.000Z',
  place: '村委会',
  team: [],
  cancelled: false,
  description: {
    vehicle: 'health-check-van',
    villageName: '柳树村',
    place: '村委会',
    date: '2026-12-10',
    weekday: 4,
    dayOffset: 3,
    startTime: '09:00',
    endTime: '11:30',
  },
  reminders: [],
};

export function appointmentOf(slot: Slot, id = `a-${slot.id}`): Appointment {
  return {
    id,
    kind: slot.kind,
    slotId: slot.id,
    status: 'booked',
    patient: { id: 'res-a', displayName: '王秀英' },
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    organisation: slot.organisation,
    doctor: slot.doctor,
    visitId: slot.visitId,
    consultationId: null,
    bookedBy: { id: 'res-a', displayName: '王秀英' },
    createdAt: '2026-12-05T00:00:00.000Z',
  };
}

export const wangSummary: RecordSummary = {
  patient: { id: 'res-a', displayName: '王秀英', birthDate: '1946-03-12', sex: 'female' },
  conditions: ['hypertension'],
  allergies: [],
  latestReadings: [
    {
      id: 'rd-1',
      values: { measure: 'blood_pressure', systolic: 128, diastolic: 80, pulse: 72 },
      takenAt: '2026-12-04T23:00:00.000Z',
      colour: 'green',
      messageKey: null,
    },
  ],
  medicines: [],
  nextAppointment: null,
  consultations: [],
  homeVisits: [],
  notYetAvailable: [],
};

/** The schedule's default answers for a TV (tests put their own first). */
export const scheduleHandlers = [
  http.get('/api/visits', () => HttpResponse.json({ visits: [visit] })),
  http.get('/api/slots', () => HttpResponse.json({ slots: scheduleSlots })),
  http.get('/api/appointments', () => HttpResponse.json({ appointments: [] })),
  http.get('/api/home-visits', () => HttpResponse.json({ homeVisits: [] })),
  http.get('/api/patients/res-a/summary', () => HttpResponse.json(wangSummary)),
  http.get('/api/patients/res-a/team', () =>
    HttpResponse.json({
      patientId: 'res-a',
      members: [
        {
          id: 'dr-a',
          displayName: '张伟',
          teamRole: 'village-doctor',
          title: null,
          organisationName: '柳树村卫生室',
          phone: '13800000000',
          contracted: true,
        },
        {
          id: 'nurse-a',
          displayName: '吴红',
          teamRole: 'nurse',
          title: null,
          organisationName: '东河镇卫生院',
          phone: '13900000000',
          contracted: false,
        },
      ],
    }),
  ),
];
