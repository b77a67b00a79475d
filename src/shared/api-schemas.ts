/**
 * The API's platform shapes: the error body, health, the entity id every feature uses, audit
 * entries, demo accounts and read-aloud. Each feature's own shapes live in src/shared/<feature>/.
 * The server validates with these and generates /api/openapi.json from them; the client uses the
 * same types. Plain zod: no server code.
 */
import { z } from 'zod';
import { API_ERROR_CODES } from './api-errors.js';
import { ROLES } from './roles.js';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

const CheckStatus = z.enum(['ok', 'failing']);

export const Health = z
  .object({
    status: CheckStatus,
    checks: z.object({ database: CheckStatus, livekit: CheckStatus }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

/** An identifier as the seed and the API make them: short, lowercase, URL-safe. */
export const EntityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const AuditEntries = z
  .object({
    entries: z.array(
      z.object({
        occurredAt: z.iso.datetime(),
        actorKind: z.string(),
        actorId: z.string().nullable(),
        action: z.string(),
        outcome: z.string(),
        patientId: z.string().nullable(),
        target: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AuditEntries' });

export const DemoAccount = z.object({
  id: EntityId,
  role: z.enum(ROLES),
  displayName: z.string(),
  organisationName: z.string(),
  username: z.string().nullable(),
  /** The demo password (clinicians) or PIN (care-home staff); demo data only. */
  demoSecret: z.string().nullable(),
});

export const DemoAccounts = z.object({ accounts: z.array(DemoAccount) }).meta({ id: 'DemoAccounts' });
export type DemoAccounts = z.infer<typeof DemoAccounts>;

/** Read-aloud (voice guidance) for engines without a Chinese voice: GET /api/speech. */
export const SpeechQuery = z
  .object({
    text: z.string().trim().min(1).max(300),
    lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .strict();
export type SpeechQuery = z.infer<typeof SpeechQuery>;
