import type { Db } from '../db/types.js';

/**
 * The demo care home full (issue 17: a kiosk's list holds a whole care home, up to 150): 148
 * residents besides 赵桂兰 and 孙富贵 (demo-county.ts), in three buildings, with rooms, birth
 * dates and ID cards' last 4 characters, so the kiosk's grid and its finder (room number, name,
 * ID card) are seen at full size. Invented names; no consultations, readings or orders.
 */
export const CARE_HOME_RESIDENTS = 148;

const SURNAMES = '王李张刘陈杨黄吴周徐胡朱高林何郭马罗梁宋郑谢韩唐冯';
const GIVEN = [
  '秀英',
  '淑珍',
  '建国',
  '凤英',
  '德胜',
  '兰英',
  '玉兰',
  '振华',
  '桂芳',
  '福来',
  '淑华',
  '国强',
];

export async function seedCareHomeResidents(db: Db, createdAt: string): Promise<void> {
  const residents = Array.from({ length: CARE_HOME_RESIDENTS }, (_, i) => {
    const building = 1 + (i % 3);
    const floor = 1 + (Math.floor(i / 3) % 4);
    const room = floor * 100 + 1 + Math.floor(i / 12);
    return {
      id: `res-care-${String(i + 1).padStart(3, '0')}`,
      displayName: `${SURNAMES[i % SURNAMES.length] ?? '王'}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] ?? '秀英'}`,
      sex: i % 2 === 0 ? ('female' as const) : ('male' as const),
      birthDate: `19${30 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      address: `东河镇敬老院${building}号楼${room}室`,
      // Distinct from the other demo residents' (readings/seed.ts).
      idCardSuffix: `${String(7000 + i * 13).slice(-3)}${i % 10 === 9 ? 'X' : String(i % 10)}`,
    };
  });
  await db
    .insertInto('users')
    .values(
      residents.map((r) => ({
        id: r.id,
        role: 'resident' as const,
        displayName: r.displayName,
        organisationId: 'donghe-care-home',
        title: null,
        department: null,
        username: null,
        passwordHash: null,
        pinHash: null,
        createdAt,
      })),
    )
    .execute();
  await db
    .insertInto('patients')
    .values(
      residents.map((r) => ({
        userId: r.id,
        birthDate: r.birthDate,
        sex: r.sex,
        familyDoctorId: 'dr-li-fang',
        careHomeId: 'donghe-care-home',
        address: r.address,
        conditions: conditionsOf(r.id),
        idCardSuffix: r.idCardSuffix,
      })),
    )
    .execute();
}

/** Most residents have hypertension and/or type 2 diabetes (the programme's two diseases). */
function conditionsOf(id: string): string {
  const n = Number(id.slice(-3));
  return ['["hypertension"]', '["type2_diabetes"]', '["hypertension","type2_diabetes"]', '[]'][n % 4] ?? '[]';
}
