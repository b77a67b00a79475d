import { doseTimesBetween, MINUTE_MS, DAY_MS } from '../../shared/pharmacy/reminders.js';
import type { Frequency } from '../../shared/pharmacy/schemas.js';
import { validUntilOf } from '../../shared/pharmacy/review-rules.js';
import type { Db } from '../db/types.js';
import { CATALOGUE } from './catalogue.js';
import { pricedItems } from './orders.js';
import type { PrescriptionRow } from './prescriptions.js';

interface SeedPrescription {
  id: string;
  patientId: string;
  doctorId: string;
  medicineId: string;
  doseAmount: number;
  frequency: Frequency;
  daysSupply: number;
  refills: number;
  /** Issued (and its first supply delivered) this many days before the seed runs. */
  daysAgo: number;
}

/**
 * Current medicines of three demo residents, each with its first supply delivered and a month of
 * reminder answers (mostly on time, some late, some missed), so 我的药, adherence and the missed-dose
 * list have something to show. 王秀英's amlodipine has 4 days left: the TV offers the reorder.
 */
const PRESCRIPTIONS: SeedPrescription[] = [
  {
    id: 'rx-demo-wang-amlodipine',
    patientId: 'res-wang-xiuying',
    doctorId: 'dr-zhang-wei',
    medicineId: 'amlodipine-5mg',
    doseAmount: 1,
    frequency: 'qd',
    daysSupply: 28,
    refills: 2,
    daysAgo: 24,
  },
  {
    id: 'rx-demo-liu-valsartan',
    patientId: 'res-liu-changshan',
    doctorId: 'dr-zhang-wei',
    medicineId: 'valsartan-80mg',
    doseAmount: 1,
    frequency: 'qd',
    daysSupply: 28,
    refills: 2,
    daysAgo: 10,
  },
  {
    id: 'rx-demo-liu-metformin',
    patientId: 'res-liu-changshan',
    doctorId: 'dr-zhang-wei',
    medicineId: 'metformin-500mg',
    doseAmount: 1,
    frequency: 'bid',
    daysSupply: 28,
    refills: 2,
    daysAgo: 10,
  },
  {
    id: 'rx-demo-zhao-metformin',
    patientId: 'res-zhao-guilan',
    doctorId: 'dr-li-fang',
    medicineId: 'metformin-500mg',
    doseAmount: 1,
    frequency: 'bid',
    daysSupply: 28,
    refills: 2,
    daysAgo: 15,
  },
  {
    id: 'rx-demo-zhao-glargine',
    patientId: 'res-zhao-guilan',
    doctorId: 'dr-li-fang',
    medicineId: 'insulin-glargine-pen-300iu',
    doseAmount: 12,
    frequency: 'qn',
    daysSupply: 28,
    refills: 2,
    daysAgo: 15,
  },
];

/** 刘长山 reacts to sulfonamides: the pre-screen flags gliclazide, glimepiride and indapamide for him. */
const ALLERGIES: Record<string, string[]> = { 'res-liu-changshan': ['sulfonamide'] };

/** The pharmacy's demo data; runs inside the demo county's seed transaction. */
export async function seedPharmacy(db: Db, now: Date): Promise<void> {
  await db
    .insertInto('medicines')
    .values(
      CATALOGUE.map((m) => ({
        id: m.id,
        genericNameZh: m.genericNameZh,
        genericNameEn: m.genericNameEn,
        brandNameZh: m.brandNameZh,
        brandNameEn: m.brandNameEn,
        strength: m.strength,
        form: m.form,
        route: m.route,
        doseUnit: m.doseUnit,
        packSize: m.packSize,
        insuranceCategory: m.insuranceCategory,
        priceFen: m.priceFen,
        pinyinInitials: m.pinyinInitials,
        pinyin: m.pinyin,
        therapeuticClass: m.therapeuticClass,
        indications: JSON.stringify(m.indications),
        frequencies: JSON.stringify(m.frequencies),
        allergyGroups: JSON.stringify(m.allergyGroups),
        maxDailyUnits: m.maxDailyUnits,
        divisible: m.divisible ? 1 : 0,
      })),
    )
    .execute();
  for (const [patientId, allergies] of Object.entries(ALLERGIES)) {
    await db
      .updateTable('patients')
      .set({ allergies: JSON.stringify(allergies) })
      .where('userId', '=', patientId)
      .execute();
  }
  const catalogue = new Map(CATALOGUE.map((m) => [m.id, m]));
  for (const p of PRESCRIPTIONS) {
    const issued = new Date(now.getTime() - p.daysAgo * DAY_MS);
    const medicine = CATALOGUE.find((m) => m.id === p.medicineId);
    if (!medicine) throw new Error(`seed: no medicine ${p.medicineId}`);
    const row: PrescriptionRow = {
      id: p.id,
      patientId: p.patientId,
      doctorId: p.doctorId,
      consultationId: null,
      medicineId: p.medicineId,
      doseAmount: p.doseAmount,
      doseUnit: medicine.doseUnit,
      frequency: p.frequency,
      route: medicine.route,
      daysSupply: p.daysSupply,
      refills: p.refills,
      status: 'active',
      issuedAt: issued.toISOString(),
      validUntil: validUntilOf(issued, p.daysSupply, p.refills).toISOString(),
      updatedAt: issued.toISOString(),
    };
    await db.insertInto('prescriptions').values(row).execute();
    await seedDeliveredOrder(db, row, catalogue, issued);
    await seedAnswers(db, row, issued, now);
  }
}

async function seedDeliveredOrder(
  db: Db,
  prescription: PrescriptionRow,
  catalogue: Parameters<typeof pricedItems>[1],
  issued: Date,
): Promise<void> {
  const priced = pricedItems([prescription], catalogue);
  const address = await db
    .selectFrom('patients')
    .select('address')
    .where('userId', '=', prescription.patientId)
    .executeTakeFirstOrThrow();
  const id = `ord-demo-${prescription.id.slice(8)}`;
  const at = (hours: number) => new Date(issued.getTime() + hours * 60 * MINUTE_MS).toISOString();
  await db
    .insertInto('orders')
    .values({
      id,
      patientId: prescription.patientId,
      kind: 'new',
      status: 'delivered',
      idempotencyKey: null,
      requestHash: null,
      deliveryAddress: address.address,
      totalFen: priced.totalFen,
      patientShareFen: priced.patientShareFen,
      findings: '[]',
      reason: null,
      courier: '邮政EMS',
      trackingNumber: `EMS${prescription.id.length}${issued.getTime() % 100000000}`,
      createdAt: issued.toISOString(),
      updatedAt: at(20),
    })
    .execute();
  await db
    .insertInto('orderItems')
    .values(priced.items.map(({ share: _share, ...item }) => ({ ...item, orderId: id })))
    .execute();
  const steps = [
    ['submitted', prescription.doctorId, 'doctor', 0],
    ['under_review', 'ph-sun-li', 'pharmacist', 1],
    ['approved', 'ph-sun-li', 'pharmacist', 1.2],
    ['dispatched', 'ph-sun-li', 'pharmacist', 3],
    ['delivered', 'ph-sun-li', 'pharmacist', 20],
  ] as const;
  await db
    .insertInto('orderStatusHistory')
    .values(
      steps.map(([status, actorId, actorRole, h]) => ({
        orderId: id,
        status,
        actorId,
        actorRole,
        at: at(h),
        note: null,
      })),
    )
    .execute();
}

/** A month of answers: on time mostly, every fifth dose late, every ninth missed. */
async function seedAnswers(db: Db, prescription: PrescriptionRow, issued: Date, now: Date): Promise<void> {
  const doses = doseTimesBetween(
    prescription.frequency,
    { startsAt: issued, endsAt: now },
    issued,
    new Date(now.getTime() - 60 * MINUTE_MS),
  );
  const rows = doses
    .map((dose, i) => ({ dose, i }))
    .filter(({ i }) => i % 9 !== 8)
    .map(({ dose, i }) => ({
      prescriptionId: prescription.id,
      patientId: prescription.patientId,
      scheduledAt: dose.toISOString(),
      answer: 'taken' as const,
      answeredAt: new Date(dose.getTime() + (i % 5 === 4 ? 75 : 10) * MINUTE_MS).toISOString(),
      deviceId: null,
    }));
  if (rows.length) await db.insertInto('doseAnswers').values(rows).execute();
}
