/** The directory's shapes: residents to bind a device to, patients and their records. Plain zod. */
import { z } from 'zod';
import { EntityId } from '../api-schemas.js';

export const ResidentDirectory = z
  .object({
    residents: z.array(
      z.object({
        id: EntityId,
        displayName: z.string(),
        address: z.string(),
        careHomeName: z.string().nullable(),
      }),
    ),
    /** Care homes a kiosk may be bound to (administrators only). */
    careHomes: z.array(z.object({ id: EntityId, name: z.string() })),
  })
  .meta({ id: 'ResidentDirectory' });
export type ResidentDirectory = z.infer<typeof ResidentDirectory>;

export const PatientIdParam = z.object({ id: EntityId });

export const PatientRecord = z
  .object({
    id: EntityId,
    displayName: z.string(),
    birthDate: z.iso.date(),
    sex: z.enum(['female', 'male']),
    address: z.string(),
    conditions: z.array(z.string()),
    /** Known allergy groups, e.g. sulfonamide (the pharmacy's pre-screen checks them). */
    allergies: z.array(z.string()),
    /** The ID card's last characters, when on record: the kiosk finds a resident by them. */
    idCardSuffix: z.string().nullable().optional(),
    careHomeName: z.string().nullable(),
    familyDoctor: z.object({ id: EntityId, displayName: z.string(), organisationName: z.string() }),
  })
  .meta({ id: 'PatientRecord' });
export type PatientRecord = z.infer<typeof PatientRecord>;

export const PatientList = z.object({ patients: z.array(PatientRecord) }).meta({ id: 'PatientList' });
export type PatientList = z.infer<typeof PatientList>;
