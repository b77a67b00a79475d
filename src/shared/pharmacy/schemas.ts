/**
 * The cloud-pharmacy contract (issue 15): the catalogue, prescriptions, orders, the pharmacist's
 * review, reminders and adherence, and the events pushed to TVs and consoles. Money is integer fen
 * (1 yuan = 100 fen), never a float; quantities are whole packs and dose amounts are checked
 * against the medicine's own unit.
 */
import { z } from 'zod';
import { EntityId } from '../api-schemas.js';
import { ORDER_STATUSES } from './status.js';

/** Integer fen: a price can never pick up a binary fraction. */
export const Fen = z.number().int().min(0).max(100_000_000);

/** The unit one dose is counted in: tablets and capsules (halves allowed where scored), insulin units. */
export const DoseUnit = z.enum(['tablet', 'capsule', 'iu']);
export type DoseUnit = z.infer<typeof DoseUnit>;
export const MedicineForm = z.enum(['tablet', 'controlled_release_tablet', 'capsule', 'injection_pen']);
export type MedicineForm = z.infer<typeof MedicineForm>;
export const Route = z.enum(['oral', 'subcutaneous']);
export type Route = z.infer<typeof Route>;

/**
 * How often a dose is taken, with the clock times (Asia/Shanghai) the reminders use:
 * qd 每日一次 08:00, bid 每日两次 08:00 20:00, tid 每日三次 07:30 11:30 17:30 (with meals),
 * qn 每晚一次 21:00.
 */
export const Frequency = z.enum(['qd', 'bid', 'tid', 'qn']);
export type Frequency = z.infer<typeof Frequency>;

/** 医保目录 category: 甲类 (A) reimbursed in full within the scheme, 乙类 (B) after a co-payment share. */
export const InsuranceCategory = z.enum(['A', 'B']);

/**
 * A drawing of the pack shown on the reminder (what to look for in the cupboard), one per pack
 * form; drawn on the TV from its own code, so nothing is fetched.
 */
export const PackPicture = z.enum(['tablet_box', 'capsule_box', 'insulin_pen']);
export type PackPicture = z.infer<typeof PackPicture>;

export const Medicine = z
  .object({
    id: EntityId,
    genericNameZh: z.string(),
    genericNameEn: z.string(),
    brandNameZh: z.string().nullable(),
    brandNameEn: z.string().nullable(),
    strength: z.string().meta({ description: 'As printed on the pack, e.g. 5mg, 100IU/ml×3ml' }),
    form: MedicineForm,
    route: Route,
    doseUnit: DoseUnit,
    /** Units in one pack (tablets, capsules, or insulin units in a pen). */
    packSize: z.number().int().positive(),
    insuranceCategory: InsuranceCategory,
    priceFen: Fen.meta({ description: 'Price of one pack in fen' }),
    /** Initials of the generic name, then of the brand name: 'alddp nwx' (search by 'adp'). */
    pinyinInitials: z.string(),
    /** Toneless pinyin of the same names. */
    pinyin: z.string(),
    /** The pack's picture, where there is one (a medicine added outside the catalogue has none). */
    picture: PackPicture.nullable(),
  })
  .meta({ id: 'Medicine' });
export type Medicine = z.infer<typeof Medicine>;
export const MedicineList = z.object({ medicines: z.array(Medicine) }).meta({ id: 'MedicineList' });

export const CatalogueQuery = z.object({
  q: z.string().trim().min(1).max(40),
});

/** One line of a prescription as the doctor writes it. */
export const PrescriptionLine = z
  .object({
    medicineId: EntityId,
    /** Per dose, in the medicine's unit: tablets in halves, insulin in whole units. */
    doseAmount: z.number().positive().max(100).multipleOf(0.5),
    doseUnit: DoseUnit,
    frequency: Frequency,
    /** Days the supply lasts; the long-term limits (4 weeks, at most 12) are review findings. */
    daysSupply: z.number().int().min(1).max(180),
    /** Further supplies the resident may reorder from the TV. */
    refills: z.number().int().min(0).max(12).default(0),
    route: Route.optional(),
  })
  .strict()
  .meta({ id: 'PrescriptionLine' });
export type PrescriptionLine = z.infer<typeof PrescriptionLine>;

export const PrescribeRequest = z
  .object({ lines: z.array(PrescriptionLine).min(1).max(10) })
  .strict()
  .meta({ id: 'PrescribeRequest' });
export type PrescribeRequest = z.infer<typeof PrescribeRequest>;

export const PrescriptionStatus = z.enum(['active', 'stopped']);

export const Prescription = z
  .object({
    id: EntityId,
    patientId: EntityId,
    doctorId: EntityId,
    consultationId: EntityId.nullable(),
    medicine: Medicine,
    doseAmount: z.number(),
    doseUnit: DoseUnit,
    frequency: Frequency,
    route: Route,
    daysSupply: z.number().int(),
    refills: z.number().int(),
    refillsUsed: z.number().int(),
    status: PrescriptionStatus,
    issuedAt: z.iso.datetime(),
    validUntil: z.iso.datetime(),
  })
  .meta({ id: 'Prescription' });
export type Prescription = z.infer<typeof Prescription>;

/** A prescription as the consultation's summary lists it. */
export const PrescriptionBrief = z
  .object({
    id: EntityId,
    genericNameZh: z.string(),
    strength: z.string(),
    doseAmount: z.number(),
    doseUnit: DoseUnit,
    frequency: Frequency,
    daysSupply: z.number().int(),
    refills: z.number().int(),
  })
  .meta({ id: 'PrescriptionBrief' });
export type PrescriptionBrief = z.infer<typeof PrescriptionBrief>;

/** The resident's answer to a reminder: 已服药 (taken) or 稍后提醒 (later, again in 15 minutes). */
export const DoseAnswerRequest = z
  .object({
    prescriptionId: EntityId,
    /** The dose's scheduled time, as the schedule gave it. */
    scheduledAt: z.iso.datetime(),
    answer: z.enum(['taken', 'later']),
    /**
     * When it was given on the TV, in server time (the TV's clock and its known offset): an answer
     * kept in the offline outbox arrives late, and adherence counts when it was given. Absent:
     * the arrival time.
     */
    answeredAt: z.iso.datetime().optional(),
  })
  .strict()
  .meta({ id: 'DoseAnswerRequest' });
export type DoseAnswerRequest = z.infer<typeof DoseAnswerRequest>;

export const DoseAnswer = DoseAnswerRequest.extend({ answeredAt: z.iso.datetime() }).meta({
  id: 'DoseAnswer',
});
export type DoseAnswer = z.infer<typeof DoseAnswer>;

/** A current medicine on the resident's TV (我的药): when the next dose is, how long the supply lasts. */
export const CurrentMedicine = z
  .object({
    prescription: Prescription,
    nextDoseAt: z.iso.datetime().nullable(),
    doseTimes: z.array(z.string().regex(/^\d\d:\d\d$/)).meta({ description: 'Clock times, Asia/Shanghai' }),
    daysOfSupplyLeft: z.number().int().min(0),
    /** 7 days or fewer left, refills remain and no order is on its way: the TV offers 再次配药. */
    reorderOffered: z.boolean(),
    openOrderId: EntityId.nullable(),
  })
  .meta({ id: 'CurrentMedicine' });
export type CurrentMedicine = z.infer<typeof CurrentMedicine>;
export const CurrentMedicineList = z
  .object({
    medicines: z.array(CurrentMedicine),
    serverTime: z.iso.datetime(),
    /**
     * Answers to the doses in the reminder window (an hour back to an hour ahead), from any TV or
     * recorded by staff: this TV never reminds of a dose answered elsewhere.
     */
    answers: z.array(DoseAnswer),
  })
  .meta({ id: 'CurrentMedicineList' });
export type CurrentMedicineList = z.infer<typeof CurrentMedicineList>;

export const OrderStatus = z.enum(ORDER_STATUSES);
export const OrderKind = z.enum(['new', 'refill']);

export const ReviewRule = z.enum([
  'indication',
  'dose_range',
  'form_route',
  'duplicate_therapy',
  'interaction',
  'allergy',
  'refill_too_early',
  'supply_too_long',
  'expired',
]);
export type ReviewRule = z.infer<typeof ReviewRule>;

/** What the software's pre-screen found; the pharmacist decides. */
export const ReviewFinding = z
  .object({
    rule: ReviewRule,
    /** block: the pharmacist should not approve as written; warn: needs their judgement. */
    severity: z.enum(['block', 'warn']),
    prescriptionId: EntityId,
    /** e.g. the other medicine of an interaction, the daily amount against the label's maximum. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    detail: z.string(),
    citation: z.string(),
  })
  .meta({ id: 'ReviewFinding' });
export type ReviewFinding = z.infer<typeof ReviewFinding>;

export const OrderItem = z
  .object({
    prescriptionId: EntityId,
    medicine: Medicine,
    packs: z.number().int().positive(),
    unitPriceFen: Fen,
    lineTotalFen: Fen,
  })
  .meta({ id: 'OrderItem' });

export const OrderHistoryEntry = z
  .object({
    status: OrderStatus,
    at: z.iso.datetime(),
    by: z.object({ id: EntityId, displayName: z.string(), role: z.string() }),
    note: z.string().nullable(),
  })
  .meta({ id: 'OrderHistoryEntry' });

export const Order = z
  .object({
    id: EntityId,
    kind: OrderKind,
    status: OrderStatus,
    patient: z.object({ id: EntityId, displayName: z.string() }),
    deliveryAddress: z.string(),
    items: z.array(OrderItem),
    totalFen: Fen,
    /** An estimate: the insurer settles the exact reimbursement. */
    estimatedPatientShareFen: Fen,
    findings: z.array(ReviewFinding),
    /** Why it was returned or rejected, as the pharmacist wrote it. */
    reason: z.string().nullable(),
    courier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    createdAt: z.iso.datetime(),
    history: z.array(OrderHistoryEntry),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;
export const OrderList = z.object({ orders: z.array(Order) }).meta({ id: 'OrderList' });

export const PrescribeResult = z
  .object({ prescriptions: z.array(Prescription), order: Order })
  .meta({ id: 'PrescribeResult' });

export const ReorderRequest = z
  .object({ prescriptionIds: z.array(EntityId).min(1).max(10) })
  .strict()
  .meta({ id: 'ReorderRequest' });
export type ReorderRequest = z.infer<typeof ReorderRequest>;

/** Send with every reorder: the same key again returns the same order, never a second one. */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dashes and underscores');

export const ReasonRequest = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .meta({ id: 'ReasonRequest' });

export const DispatchRequest = z
  .object({
    courier: z.string().trim().min(1).max(40),
    trackingNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{6,40}$/, '6 to 40 letters, digits or dashes'),
  })
  .strict()
  .meta({ id: 'DispatchRequest' });

/** The doctor's changes to a returned order's prescriptions; then it is reviewed again. */
export const ResubmitRequest = z
  .object({
    changes: z
      .array(
        z
          .object({
            prescriptionId: EntityId,
            doseAmount: z.number().positive().max(100).multipleOf(0.5),
            frequency: Frequency,
            daysSupply: z.number().int().min(1).max(180),
          })
          .strict(),
      )
      .max(10),
    note: z.string().trim().min(1).max(500),
  })
  .strict()
  .meta({ id: 'ResubmitRequest' });
export type ResubmitRequest = z.infer<typeof ResubmitRequest>;

export const Adherence = z
  .object({
    patientId: EntityId,
    days: z.number().int(),
    medicines: z.array(
      z.object({
        prescriptionId: EntityId,
        genericNameZh: z.string(),
        scheduled: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        missed: z.number().int(),
        /** Doses taken on time over doses due, 0..100; null before any dose was due. */
        onTimePercent: z.number().int().min(0).max(100).nullable(),
      }),
    ),
  })
  .meta({ id: 'Adherence' });

export type Adherence = z.infer<typeof Adherence>;

export const MissedDose = z
  .object({
    patient: z.object({ id: EntityId, displayName: z.string() }),
    prescriptionId: EntityId,
    genericNameZh: z.string(),
    scheduledAt: z.iso.datetime(),
  })
  .meta({ id: 'MissedDose' });
export type MissedDose = z.infer<typeof MissedDose>;
export const MissedDoseList = z.object({ doses: z.array(MissedDose) }).meta({ id: 'MissedDoseList' });

/**
 * A care home's kiosk: today's doses (Asia/Shanghai) of its residents that are overdue (their time
 * has come, not yet taken, within the hour) or missed (an hour past without 已服药).
 */
export const CareHomeDose = z
  .object({
    prescriptionId: EntityId,
    genericNameZh: z.string(),
    genericNameEn: z.string(),
    doseAmount: z.number(),
    doseUnit: DoseUnit,
    scheduledAt: z.iso.datetime(),
    state: z.enum(['overdue', 'missed']),
  })
  .meta({ id: 'CareHomeDose' });
export type CareHomeDose = z.infer<typeof CareHomeDose>;
export const CareHomeDoses = z
  .object({
    serverTime: z.iso.datetime(),
    /** Residents with at least one such dose, the earliest dose first within each. */
    residents: z.array(
      z.object({
        patient: z.object({ id: EntityId, displayName: z.string(), address: z.string() }),
        doses: z.array(CareHomeDose),
      }),
    ),
  })
  .meta({ id: 'CareHomeDoses' });
export type CareHomeDoses = z.infer<typeof CareHomeDoses>;

/** Pushed to the resident's TV and the doctor on every status change (a toast and the order history). */
export const PharmacyPushEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pharmacy-order'),
    orderId: EntityId,
    status: OrderStatus,
    reason: z.string().nullable(),
    courier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
  }),
  /** Pharmacists: the review queue changed. */
  z.object({ type: z.literal('pharmacy-queue-changed') }),
  /** The resident's TVs: a dose was answered (on one of them): the others read the answers again. */
  z.object({
    type: z.literal('pharmacy-dose-answered'),
    prescriptionId: EntityId,
    scheduledAt: z.iso.datetime(),
  }),
]);
