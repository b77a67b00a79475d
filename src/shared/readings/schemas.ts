/**
 * The readings contract: a reading as a TV, kiosk or console sends it and as the API answers it.
 * Plain zod, shared with the client as types only.
 */
import { z } from 'zod';
import { EntityId } from '../api-schemas.js';

/**
 * How far ahead of the server's clock a reading's takenAt may be: devices stamp in server time
 * (the TV's and kiosk's ApiClient.serverNow, corrected by the API's Date header to whole seconds),
 * so a few seconds of rounding and request time; 5 minutes leaves room for that and no more. A
 * reading from the future would sort above every real one and make trends and colours lie.
 */
export const TAKEN_AT_MAX_SKEW_MS = 5 * 60 * 1000;

/** A reading's id is made on the device (so a retry carries the same one): a UUID or similar. */
export const ReadingId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const SpecialValue = z.enum([
  'nan',
  'nres',
  'positive_infinity',
  'negative_infinity',
  'measurement_unsuccessful',
]);
/** A number, or the reason a device sent none (IEEE 11073 special values): never a number in disguise. */
export const Quantity = z.union([z.number().finite(), z.object({ special: SpecialValue }).strict()]);
export type Quantity = z.infer<typeof Quantity>;

export const Measure = z.enum(['blood_pressure', 'glucose', 'spo2', 'weight', 'temperature']);
export type Measure = z.infer<typeof Measure>;

export const ReadingValues = z.discriminatedUnion('measure', [
  z
    .object({
      measure: z.literal('blood_pressure'),
      /** mmHg (a kPa cuff is converted on the device side with kpaToMmHg). */
      systolic: Quantity,
      diastolic: Quantity,
      pulse: Quantity.nullable(),
    })
    .strict(),
  z
    .object({
      measure: z.literal('glucose'),
      /** mmol/L, or the meter's HI/LO as a flag (never a number), or a special value. */
      value: z.union([
        z.number().finite(),
        z.object({ meter: z.enum(['hi', 'lo']) }).strict(),
        z.object({ special: SpecialValue }).strict(),
      ]),
      context: z.enum(['fasting', 'after_meal', 'random']),
    })
    .strict(),
  z.object({ measure: z.literal('spo2'), spo2: Quantity, pulse: Quantity.nullable() }).strict(),
  z
    .object({
      measure: z.literal('weight'),
      kg: Quantity,
      /** Metres, when the scale or the record knows it (BMI). */
      heightM: z.number().min(0.5).max(2.5).nullable(),
    })
    .strict(),
  z.object({ measure: z.literal('temperature'), celsius: Quantity }).strict(),
]);
export type ReadingValues = z.infer<typeof ReadingValues>;

/** The measuring device and what identifies this record on it (the natural key of a replay). */
export const ReadingDevice = z
  .object({
    /** Stable per device: its Bluetooth id or serial number, or 'simulated-…'. */
    id: z.string().min(1).max(128),
    name: z.string().max(128),
    /** The meter's user (1-254), when it has several. */
    userId: z.number().int().min(0).max(255).nullable(),
    /** Glucose meters number their records (0-65535). */
    sequenceNumber: z.number().int().min(0).max(65535).nullable(),
    /** The device's own clock, wall time without zone ('YYYY-MM-DDTHH:mm:ss'); null when unset. */
    deviceTime: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
      .nullable(),
  })
  .strict();
export type ReadingDevice = z.infer<typeof ReadingDevice>;

/**
 * A reading of the kiosk protocol (shared/readings/series.ts): a part (1-3) or the result (the
 * mean of parts 2 and 3), all under one series id made on the kiosk.
 */
export const ReadingSeries = z.discriminatedUnion('role', [
  z.object({ id: ReadingId, role: z.literal('part'), index: z.number().int().min(1).max(3) }).strict(),
  z.object({ id: ReadingId, role: z.literal('result') }).strict(),
]);
export type ReadingSeries = z.infer<typeof ReadingSeries>;

export const ReadingInput = z
  .object({
    id: ReadingId,
    patientId: EntityId,
    values: ReadingValues,
    /**
     * When it was taken (the receive time for device readings), ISO 8601 with zone, in server time
     * (the device's clock corrected by the API's Date header): never later than TAKEN_AT_MAX_SKEW_MS
     * ahead of the server's clock.
     */
    takenAt: z.iso
      .datetime({ offset: true })
      .refine((value) => Date.parse(value) <= Date.now() + TAKEN_AT_MAX_SKEW_MS, {
        message: "is in the future of the server's clock (more than 5 minutes ahead)",
      }),
    source: z.enum(['device', 'manual']),
    /** home: at home or a self-service kiosk (judged against 135/85); office: by staff or a clinician. */
    setting: z.enum(['home', 'office']),
    device: ReadingDevice.nullable().default(null),
    /** The consultation this was taken during (it then shows on the doctor's call screen). */
    consultationId: EntityId.nullable().default(null),
    /** The author confirmed an implausible but possible value. */
    confirmed: z.boolean().default(false),
    dangerSymptoms: z.boolean().default(false),
    series: ReadingSeries.nullable().default(null),
    /**
     * A care-home kiosk's write: the staff member signed in when it was taken. With it the kiosk
     * may deliver the write after the shift ended (access/readings.ts). Absent, not null, when
     * unused: the stored body hash of older writes stays the same.
     */
    staffId: EntityId.optional(),
    /** A self-service kiosk's write: the visit it was taken in (same purpose as staffId). */
    visitId: EntityId.optional(),
  })
  .strict()
  .refine((input) => !(input.staffId && input.visitId), {
    message: 'a write is taken by a staff member or in a visit, not both',
    path: ['visitId'],
  })
  .meta({ id: 'ReadingInput' });
export type ReadingInput = z.infer<typeof ReadingInput>;

export const Colour = z.enum(['green', 'yellow', 'red']);

export const Reading = z
  .object({
    id: ReadingId,
    patientId: EntityId,
    values: ReadingValues,
    takenAt: z.string(),
    receivedAt: z.string(),
    source: z.enum(['device', 'manual']),
    setting: z.enum(['home', 'office']),
    device: ReadingDevice.nullable(),
    consultationId: EntityId.nullable(),
    colour: Colour.nullable(),
    messageKey: z.string().nullable(),
    adviceKey: z.string().nullable(),
    /** active; corrected (a newer reading replaces it); withdrawn by its author. */
    status: z.enum(['active', 'corrected', 'withdrawn']),
    replacesId: ReadingId.nullable(),
    authorId: z.string(),
    series: ReadingSeries.nullable(),
  })
  .meta({ id: 'Reading' });
export type Reading = z.infer<typeof Reading>;

export const ReadingCorrection = z
  .object({ id: ReadingId, values: ReadingValues, confirmed: z.boolean().default(false) })
  .strict()
  .meta({ id: 'ReadingCorrection' });
export type ReadingCorrection = z.infer<typeof ReadingCorrection>;

export const ReadingIdParam = z.object({ id: ReadingId });
export const ReadingRange = z.object({ days: z.enum(['7', '30', '90']).default('30') });

/** The newest reading of one measure, as the queue and the colour view show it. */
export const LatestReading = z
  .object({
    id: ReadingId,
    values: ReadingValues,
    takenAt: z.string(),
    colour: Colour.nullable(),
    messageKey: z.string().nullable(),
  })
  .meta({ id: 'LatestReading' });
export type LatestReading = z.infer<typeof LatestReading>;

export const ColourReason = z.enum([
  'red_reading',
  'home_mean_above_target',
  'grade_2_reading',
  'glucose_out_of_range_days',
  'no_recent_reading',
  'in_target',
]);

export const ResidentColour = z
  .object({
    colour: Colour,
    reasons: z.array(ColourReason),
    homeMean: z.object({ systolic: z.number(), diastolic: z.number(), count: z.number().int() }).nullable(),
  })
  .meta({ id: 'ResidentColour' });

export const TrendSummary = z
  .object({
    measure: Measure,
    days: z.number().int(),
    daysWithReadings: z.number().int(),
    daysInRange: z.number().int(),
    readings: z.number().int(),
  })
  .meta({ id: 'TrendSummary' });

export const PatientReadings = z
  .object({
    readings: z.array(Reading),
    summaries: z.array(TrendSummary),
    colour: ResidentColour,
  })
  .meta({ id: 'PatientReadings' });
export type PatientReadings = z.infer<typeof PatientReadings>;

export const ColourViewQuery = z.object({
  colour: Colour.optional(),
  condition: z.enum(['hypertension', 'type2_diabetes']).optional(),
});

export const ColourViewEntry = z
  .object({
    patient: z.object({ id: EntityId, displayName: z.string(), conditions: z.array(z.string()) }),
    colour: ResidentColour,
    latestReadings: z.array(LatestReading),
  })
  .meta({ id: 'ColourViewEntry' });
export type ColourViewEntry = z.infer<typeof ColourViewEntry>;
export const ColourView = z.object({ residents: z.array(ColourViewEntry) }).meta({ id: 'ColourView' });
export type ColourView = z.infer<typeof ColourView>;

/** Self-service kiosk: the ID card's last 4 characters and the date of birth. */
export const VisitRequest = z
  .object({
    idCardSuffix: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{3}[\dX]$/, 'the last 4 characters of the ID card'),
    birthDate: z.iso.date(),
  })
  .strict()
  .meta({ id: 'VisitRequest' });

export const KioskVisit = z
  .object({
    id: z.string(),
    patient: z.object({ id: EntityId, displayName: z.string() }),
    expiresAt: z.string(),
  })
  .meta({ id: 'KioskVisit' });
export type KioskVisit = z.infer<typeof KioskVisit>;

/** Push events about readings (GET /api/events; the union is in consultations/schemas.ts). */
export const ReadingsPushEvent = z.discriminatedUnion('type', [
  /**
   * Doctors: readings of residents of their area were stored, corrected or withdrawn; the colour
   * view (分色管理) reads itself again. One per doctor for a burst (server/readings/colour-view-push.ts).
   */
  z.object({ type: z.literal('colour-view-changed') }),
]);
