/**
 * Request and response shapes of the API. The server validates with these and generates
 * /api/openapi.json from them; the client uses the same types. Plain zod: no server code.
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

export const CurrentUser = z
  .object({
    id: EntityId,
    role: z.enum(ROLES),
    displayName: z.string(),
    organisationName: z.string(),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof CurrentUser>;

export const ConsultationSummary = z
  .object({
    id: EntityId,
    status: z.enum(['scheduled', 'waiting', 'active', 'ended']),
    reason: z.string(),
    patient: z.object({ id: EntityId, displayName: z.string() }),
    doctor: z.object({ id: EntityId, displayName: z.string(), organisationName: z.string() }),
  })
  .meta({ id: 'ConsultationSummary' });
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const ConsultationList = z
  .object({ consultations: z.array(ConsultationSummary) })
  .meta({ id: 'ConsultationList' });
export type ConsultationList = z.infer<typeof ConsultationList>;

export const CallTokenRequest = z
  .object({ consultationId: EntityId })
  .strict()
  .meta({ id: 'CallTokenRequest' });
export type CallTokenRequest = z.infer<typeof CallTokenRequest>;

export const CallToken = z
  .object({
    token: z.string().meta({ description: 'LiveKit access token (JWT), valid for a few minutes' }),
    url: z.string().meta({ description: 'LiveKit WebSocket URL the client connects to' }),
    room: z.string(),
    identity: EntityId,
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'CallToken' });
export type CallToken = z.infer<typeof CallToken>;

export const DemoAccount = z.object({
  id: EntityId,
  role: z.enum(ROLES),
  displayName: z.string(),
  organisationName: z.string(),
});
export const DemoAccounts = z.object({ accounts: z.array(DemoAccount) }).meta({ id: 'DemoAccounts' });
export type DemoAccounts = z.infer<typeof DemoAccounts>;
