import type { Insertable } from 'kysely';
import { addDays, instantAt, localDateOf, weekdayOf } from '../../shared/schedule/shanghai-time.js';
import type { VehicleType } from '../../shared/schedule/schedule-schemas.js';
import type { Db } from '../db/types.js';
import type { UserTable } from '../directory/tables.js';
import { hashPassword, type HashCost } from '../identity/passwords.js';
import type { CareTeamMemberTable, MobileVisitTable, SlotTable } from './tables.js';

/**
 * The demo county's schedule, relative to the moment it is seeded (so a demo always has visits in
 * the coming weeks): the mobile clinic's visits per village with their slots, the township health
 * centres' morning slots, the family doctors' video slots, and each resident's family-doctor team
 * (the team's nurses and Nanshan's village doctor join the directory here). Invented people.
 */
const DEMO_PASSWORD = 'qingshan-demo';

const teamPeople: Omit<Insertable<UserTable>, 'createdAt' | 'passwordHash' | 'pinHash'>[] = [
  {
    id: 'nurse-wu-hong',
    username: 'wuhong',
    role: 'nurse',
    displayName: '吴红',
    organisationId: 'donghe-health-centre',
    title: '社区护士',
    department: '护理',
  },
  {
    id: 'nurse-zheng-li',
    username: 'zhengli',
    role: 'nurse',
    displayName: '郑丽',
    organisationId: 'xiling-health-centre',
    title: '社区护士',
    department: '护理',
  },
  {
    id: 'dr-huang-qiang',
    username: 'huangqiang',
    role: 'doctor',
    displayName: '黄强',
    organisationId: 'nanshan-village-clinic',
    title: '乡村医生',
    department: null,
  },
];

const teams: CareTeamMemberTable[] = [
  ...['res-wang-xiuying', 'res-liu-changshan'].flatMap((patientId) => [
    { patientId, teamRole: 'doctor' as const, memberId: 'dr-li-fang', phone: '0739-5550102' },
    { patientId, teamRole: 'nurse' as const, memberId: 'nurse-wu-hong', phone: '0739-5550105' },
    { patientId, teamRole: 'village-doctor' as const, memberId: 'dr-zhang-wei', phone: '0739-5550101' },
  ]),
  ...['res-zhao-guilan', 'res-sun-fugui'].flatMap((patientId) => [
    { patientId, teamRole: 'doctor' as const, memberId: 'dr-li-fang', phone: '0739-5550102' },
    { patientId, teamRole: 'nurse' as const, memberId: 'nurse-wu-hong', phone: '0739-5550105' },
  ]),
  { patientId: 'res-qian-yumei', teamRole: 'doctor', memberId: 'dr-zhao-min', phone: '0739-5550201' },
  { patientId: 'res-qian-yumei', teamRole: 'nurse', memberId: 'nurse-zheng-li', phone: '0739-5550205' },
  {
    patientId: 'res-qian-yumei',
    teamRole: 'village-doctor',
    memberId: 'dr-huang-qiang',
    phone: '0739-5550209',
  },
];

interface Round {
  villageId: string;
  townshipId: string;
  place: string;
  team: string[];
  createdBy: string;
}
const rounds: Round[] = [
  {
    villageId: 'liushu-village-clinic',
    townshipId: 'donghe-health-centre',
    place: '村委会',
    team: ['dr-li-fang', 'nurse-wu-hong', 'dr-zhang-wei'],
    createdBy: 'dr-li-fang',
  },
  {
    villageId: 'shiqiao-village-clinic',
    townshipId: 'donghe-health-centre',
    place: '村卫生室门口',
    team: ['dr-li-fang', 'nurse-wu-hong'],
    createdBy: 'dr-li-fang',
  },
  {
    villageId: 'donghe-care-home',
    townshipId: 'donghe-health-centre',
    place: '敬老院院子',
    team: ['dr-li-fang', 'nurse-wu-hong'],
    createdBy: 'dr-li-fang',
  },
  {
    villageId: 'nanshan-village-clinic',
    townshipId: 'xiling-health-centre',
    place: '村文化广场',
    team: ['dr-zhao-min', 'nurse-zheng-li', 'dr-huang-qiang'],
    createdBy: 'dr-zhao-min',
  },
];

/** Half-hour slots across a window, each for `capacity` people. */
function halfHours(
  base: Omit<SlotTable, 'id' | 'startsAt' | 'endsAt' | 'booked'>,
  idPrefix: string,
  startsAt: string,
  endsAt: string,
): SlotTable[] {
  const slots: SlotTable[] = [];
  for (let t = Date.parse(startsAt), i = 0; t < Date.parse(endsAt); t += 30 * 60_000, i += 1) {
    slots.push({
      ...base,
      id: `${idPrefix}-${i}`,
      startsAt: new Date(t).toISOString(),
      endsAt: new Date(Math.min(t + 30 * 60_000, Date.parse(endsAt))).toISOString(),
      booked: 0,
    });
  }
  return slots;
}

/** Inserts the schedule of the demo county; `now` is the seed time, from which everything is planned. */
export async function seedSchedule(db: Db, cost: HashCost, now: Date): Promise<void> {
  const createdAt = now.toISOString();
  const today = localDateOf(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD, cost);
  const visits: MobileVisitTable[] = [];
  const slots: SlotTable[] = [];

  rounds.forEach((round, r) => {
    // A rounds car weekly for four weeks, a health-check van once, and the CT van once, to Liushu.
    const plan: { vehicle: VehicleType; day: number; from: string; to: string }[] = [
      ...[0, 1, 2, 3].map((week) => ({
        vehicle: 'rounds-car' as const,
        day: 2 + r + 7 * week,
        from: '09:00',
        to: '11:30',
      })),
      { vehicle: 'health-check-van', day: 10 + r, from: '08:30', to: '11:30' },
      ...(r === 0 ? [{ vehicle: 'ct-van' as const, day: 20, from: '13:30', to: '16:30' }] : []),
    ];
    plan.forEach((p, i) => {
      const date = addDays(today, p.day);
      const id = `visit-${r}-${i}-${date}`;
      const window = { startsAt: instantAt(date, p.from), endsAt: instantAt(date, p.to) };
      visits.push({
        id,
        villageId: round.villageId,
        townshipId: round.townshipId,
        vehicle: p.vehicle,
        ...window,
        place: round.place,
        team: JSON.stringify(p.vehicle === 'ct-van' ? [...round.team, 'sp-chen-jianguo'] : round.team),
        createdBy: round.createdBy,
        updatedAt: createdAt,
        cancelledAt: null,
      });
      const base = {
        kind: 'mobile-clinic' as const,
        visitId: id,
        organisationId: round.villageId,
        doctorId: null,
      };
      slots.push(
        ...halfHours(
          { ...base, capacity: 5, createdBy: round.createdBy },
          `slot-${id}`,
          window.startsAt,
          window.endsAt,
        ),
      );
    });
  });

  // The township health centres: weekday mornings of the next two weeks, four people per half hour.
  for (let day = 1; day <= 14; day += 1) {
    const date = addDays(today, day);
    if (weekdayOf(date) === 0 || weekdayOf(date) === 6) continue;
    for (const [centre, doctor] of [
      ['donghe-health-centre', 'dr-li-fang'],
      ['xiling-health-centre', 'dr-zhao-min'],
    ] as const) {
      const base = { kind: 'health-centre' as const, visitId: null, organisationId: centre, doctorId: null };
      slots.push(
        ...halfHours(
          { ...base, capacity: 4, createdBy: doctor },
          `slot-${centre}-${date}`,
          instantAt(date, '08:30'),
          instantAt(date, '11:30'),
        ),
      );
    }
  }

  // Video consultations with the family doctors: two afternoon times a day for the next week.
  for (let day = 1; day <= 7; day += 1) {
    const date = addDays(today, day);
    for (const [doctor, organisation] of [
      ['dr-zhang-wei', 'liushu-village-clinic'],
      ['dr-li-fang', 'donghe-health-centre'],
      ['dr-zhao-min', 'xiling-health-centre'],
    ] as const) {
      const base = { kind: 'video' as const, visitId: null, organisationId: organisation, doctorId: doctor };
      slots.push(
        ...halfHours(
          { ...base, capacity: 1, createdBy: doctor },
          `slot-video-${doctor}-${date}`,
          instantAt(date, '15:00'),
          instantAt(date, '16:00'),
        ),
      );
    }
  }

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values(teamPeople.map((u) => ({ ...u, createdAt, passwordHash, pinHash: null })))
      .execute();
    await trx.insertInto('careTeamMembers').values(teams).execute();
    await trx.insertInto('mobileVisits').values(visits).execute();
    for (let i = 0; i < slots.length; i += 100) {
      await trx
        .insertInto('scheduleSlots')
        .values(slots.slice(i, i + 100))
        .execute();
    }
  });
}
