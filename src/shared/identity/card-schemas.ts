/**
 * The family doctor's QR card for self-service kiosks (issue 14 §9): issued and revoked from the
 * console, presented at a health station's kiosk. Plain zod: no server code.
 */
import { z } from 'zod';
import { EntityId } from '../api-schemas.js';
import { CARD_CONTENT_LENGTH } from './card-format.js';

const Person = z.object({ id: EntityId, displayName: z.string() });

/** A resident's current card, without its secret (only its hash is stored). */
export const ResidentCardStatus = z
  .object({
    resident: Person.extend({
      /** The village clinic or care home the resident belongs to, as printed on the card. */
      village: z.string(),
    }),
    familyDoctor: Person.extend({ phone: z.string().nullable() }),
    card: z
      .object({ issuedAt: z.string(), issuedBy: Person })
      .nullable()
      .meta({ description: 'The card in use, or null when none was issued or the last one was revoked' }),
  })
  .meta({ id: 'ResidentCardStatus' });
export type ResidentCardStatus = z.infer<typeof ResidentCardStatus>;

/** A new card: the only answer that carries the QR code's content; it cannot be read again. */
export const IssuedResidentCard = ResidentCardStatus.extend({
  content: z.string().meta({ description: 'What the QR code holds (DAH1:<secret>); print it now' }),
}).meta({ id: 'IssuedResidentCard' });
export type IssuedResidentCard = z.infer<typeof IssuedResidentCard>;

/** A self-service kiosk starts a visit with what the scanner read from the card. */
export const CardVisitRequest = z
  .object({
    card: z
      .string()
      .trim()
      .min(1)
      .max(CARD_CONTENT_LENGTH + 16),
  })
  .strict()
  .meta({ id: 'CardVisitRequest' });
