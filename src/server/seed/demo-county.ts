import type { Insertable } from 'kysely';
import type { Db } from '../db/types.js';
import type { ConsultationTable } from '../consultations/tables.js';
import { roomNameFor } from '../consultations/consultations.js';
import type { OrganisationTable, PatientTable, UserTable } from '../directory/tables.js';
import { hashPassword, type HashCost } from '../identity/passwords.js';
import { seedPharmacy } from '../pharmacy/seed.js';
import { seedSchedule } from '../schedule/seed.js';
import { seedReadings } from '../readings/seed.js';
import { seedCareHomeResidents } from '../directory/seed.js';

/**
 * A fictional county for demos and tests: 青山县 with its lead hospital, two township health
 * centres, village clinics, a care home and the cloud pharmacy; doctors, specialists, a pharmacist,
 * and elderly residents with hypertension and/or type 2 diabetes. Names and ids are invented.
 */
const organisations: Insertable<OrganisationTable>[] = [
  { id: 'qingshan-county', kind: 'county', name: '青山县卫生健康局', parentId: null },
  { id: 'county-hospital', kind: 'hospital', name: '青山县人民医院', parentId: 'qingshan-county' },
  { id: 'cloud-pharmacy', kind: 'pharmacy', name: '青山县云药房', parentId: 'county-hospital' },
  { id: 'donghe-health-centre', kind: 'health_centre', name: '东河镇卫生院', parentId: 'qingshan-county' },
  { id: 'xiling-health-centre', kind: 'health_centre', name: '西岭乡卫生院', parentId: 'qingshan-county' },
  {
    id: 'liushu-village-clinic',
    kind: 'village_clinic',
    name: '柳树村卫生室',
    parentId: 'donghe-health-centre',
  },
  {
    id: 'shiqiao-village-clinic',
    kind: 'village_clinic',
    name: '石桥村卫生室',
    parentId: 'donghe-health-centre',
  },
  {
    id: 'nanshan-village-clinic',
    kind: 'village_clinic',
    name: '南山村卫生室',
    parentId: 'xiling-health-centre',
  },
  { id: 'donghe-care-home', kind: 'care_home', name: '东河镇敬老院', parentId: 'donghe-health-centre' },
];

/** Demo secrets, printed by `npm start` in development mode. Never used outside the seed. */
export const DEMO_PASSWORD = 'qingshan-demo';
export const DEMO_PINS: Record<string, string> = { 'staff-ma-li': '246810', 'staff-he-jun': '135790' };

type SeedUser = Omit<Insertable<UserTable>, 'createdAt' | 'username' | 'passwordHash' | 'pinHash'> & {
  username?: string;
};
const users: SeedUser[] = [
  {
    id: 'admin-zhou-lei',
    username: 'zhoulei',
    role: 'admin',
    displayName: '周磊',
    organisationId: 'qingshan-county',
    title: '信息科管理员',
    department: null,
  },
  {
    id: 'dr-zhang-wei',
    username: 'zhangwei',
    role: 'doctor',
    displayName: '张伟',
    organisationId: 'liushu-village-clinic',
    title: '乡村医生',
    department: null,
  },
  {
    id: 'dr-li-fang',
    username: 'lifang',
    role: 'doctor',
    displayName: '李芳',
    organisationId: 'donghe-health-centre',
    title: '全科主治医师',
    department: '全科',
  },
  {
    id: 'dr-zhao-min',
    username: 'zhaomin',
    role: 'doctor',
    displayName: '赵敏',
    organisationId: 'xiling-health-centre',
    title: '全科医师',
    department: '全科',
  },
  {
    id: 'sp-chen-jianguo',
    username: 'chenjianguo',
    role: 'specialist',
    displayName: '陈建国',
    organisationId: 'county-hospital',
    title: '主任医师',
    department: '心血管内科',
  },
  {
    id: 'sp-liu-yan',
    username: 'liuyan',
    role: 'specialist',
    displayName: '刘艳',
    organisationId: 'county-hospital',
    title: '副主任医师',
    department: '内分泌科',
  },
  {
    id: 'ph-sun-li',
    username: 'sunli',
    role: 'pharmacist',
    displayName: '孙丽',
    organisationId: 'cloud-pharmacy',
    title: '主管药师',
    department: null,
  },
  // Care-home staff sign in on the kiosk with a PIN (role kiosk).
  {
    id: 'staff-ma-li',
    role: 'kiosk',
    displayName: '马丽',
    organisationId: 'donghe-care-home',
    title: '护理员',
    department: null,
  },
  {
    id: 'staff-he-jun',
    role: 'kiosk',
    displayName: '何军',
    organisationId: 'donghe-care-home',
    title: '护理组长',
    department: null,
  },
  {
    id: 'res-wang-xiuying',
    role: 'resident',
    displayName: '王秀英',
    organisationId: 'liushu-village-clinic',
    title: null,
    department: null,
  },
  {
    id: 'res-liu-changshan',
    role: 'resident',
    displayName: '刘长山',
    organisationId: 'liushu-village-clinic',
    title: null,
    department: null,
  },
  {
    id: 'res-zhao-guilan',
    role: 'resident',
    displayName: '赵桂兰',
    organisationId: 'donghe-care-home',
    title: null,
    department: null,
  },
  {
    id: 'res-sun-fugui',
    role: 'resident',
    displayName: '孙富贵',
    organisationId: 'donghe-care-home',
    title: null,
    department: null,
  },
  {
    id: 'res-qian-yumei',
    role: 'resident',
    displayName: '钱玉梅',
    organisationId: 'nanshan-village-clinic',
    title: null,
    department: null,
  },
];

const patients: Insertable<PatientTable>[] = [
  {
    userId: 'res-wang-xiuying',
    birthDate: '1946-03-12',
    sex: 'female',
    familyDoctorId: 'dr-zhang-wei',
    careHomeId: null,
    address: '东河镇柳树村三组12号',
    conditions: '["hypertension"]',
  },
  {
    userId: 'res-liu-changshan',
    birthDate: '1942-11-02',
    sex: 'male',
    familyDoctorId: 'dr-zhang-wei',
    careHomeId: null,
    address: '东河镇柳树村一组5号',
    conditions: '["hypertension","type2_diabetes"]',
  },
  {
    userId: 'res-zhao-guilan',
    birthDate: '1950-07-21',
    sex: 'female',
    familyDoctorId: 'dr-li-fang',
    careHomeId: 'donghe-care-home',
    address: '东河镇敬老院2号楼105室',
    conditions: '["type2_diabetes"]',
  },
  {
    userId: 'res-sun-fugui',
    birthDate: '1939-01-30',
    sex: 'male',
    familyDoctorId: 'dr-li-fang',
    careHomeId: 'donghe-care-home',
    address: '东河镇敬老院1号楼203室',
    conditions: '["hypertension"]',
  },
  {
    userId: 'res-qian-yumei',
    birthDate: '1948-05-08',
    sex: 'female',
    familyDoctorId: 'dr-zhao-min',
    careHomeId: null,
    address: '西岭乡南山村四组8号',
    conditions: '["type2_diabetes"]',
  },
];

const consultations: Omit<Insertable<ConsultationTable>, 'roomName' | 'createdAt'>[] = [
  {
    id: 'c-demo-wang',
    patientId: 'res-wang-xiuying',
    doctorId: 'dr-zhang-wei',
    kind: 'scheduled',
    status: 'scheduled',
    reason: '高血压随访',
  },
  {
    id: 'c-demo-liu',
    patientId: 'res-liu-changshan',
    doctorId: 'dr-zhang-wei',
    kind: 'scheduled',
    status: 'scheduled',
    reason: '血糖控制复诊',
  },
];

/** Inserts the demo county into an empty database. Returns false when it was already there. */
/** Whether this database holds the demo county (its accounts have published passwords). */
export async function holdsDemoCounty(db: Db): Promise<boolean> {
  const ids = organisations.map((o) => o.id);
  const row = await db.selectFrom('organisations').select('id').where('id', 'in', ids).executeTakeFirst();
  return row !== undefined;
}

export async function seedDemoCounty(db: Db, cost: HashCost): Promise<boolean> {
  const existing = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const now = new Date().toISOString();
  const rows = await Promise.all(
    users.map(async (u) => ({
      ...u,
      username: u.username ?? null,
      passwordHash: u.username ? await hashPassword(DEMO_PASSWORD, cost) : null,
      pinHash: DEMO_PINS[u.id] ? await hashPassword(DEMO_PINS[u.id] as string, cost) : null,
      createdAt: now,
    })),
  );
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organisations').values(organisations).execute();
    await trx.insertInto('users').values(rows).execute();
    await trx.insertInto('patients').values(patients).execute();
    await seedCareHomeResidents(trx, now);
    await seedReadings(trx);
    await trx
      .insertInto('consultations')
      .values(
        consultations.map((c) => ({ ...c, roomName: roomNameFor(c.id), createdAt: now, endedAt: null })),
      )
      .execute();
    await seedPharmacy(trx, new Date(now));
  });
  await seedSchedule(db, cost, new Date(now));
  return true;
}
