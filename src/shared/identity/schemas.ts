/**
 * Identity's request and response shapes: sessions, sign-in, pairing, devices, kiosk staff.
 * Plain zod: no server code.
 */
import { z } from 'zod';
import { EntityId } from '../api-schemas.js';
import { ROLES } from '../roles.js';

/** Who this browser is signed in as: a clinician, a TV acting for its resident, or a kiosk (with its staff member). */
export const SessionActor = z
  .object({
    kind: z.enum(['clinician', 'tv', 'kiosk']),
    role: z.enum(ROLES),
    id: EntityId,
    displayName: z.string(),
    organisationName: z.string(),
    deviceId: z.string().nullable(),
    staff: z.object({ id: EntityId, displayName: z.string() }).nullable(),
  })
  .meta({ id: 'SessionActor' });
export type SessionActor = z.infer<typeof SessionActor>;

export const SessionInfo = z
  .object({
    actor: SessionActor,
    csrfToken: z
      .string()
      .meta({ description: 'Send as the x-csrf-token header on every POST, PUT, PATCH and DELETE' }),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginRequest = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict()
  .meta({ id: 'LoginRequest' });

/** RFC 8628 §3.1-3.2, in this API's JSON casing. */
export const PairingStartRequest = z
  .object({ kind: z.enum(['tv', 'kiosk']) })
  .strict()
  .meta({ id: 'PairingStartRequest' });

export const PairingStart = z
  .object({
    deviceCode: z.string().meta({ description: 'Secret: only the device holds it' }),
    userCode: z.string().meta({ description: 'Shown on screen, entered in the console, e.g. ACDE-FGHJ' }),
    verificationUri: z.string(),
    verificationUriComplete: z.string(),
    expiresIn: z.number().int(),
    interval: z.number().int(),
  })
  .meta({ id: 'PairingStart' });
export type PairingStart = z.infer<typeof PairingStart>;

export const PairingPollRequest = z
  .object({ deviceCode: z.string().min(1).max(128) })
  .strict()
  .meta({ id: 'PairingPollRequest' });

export const UserCode = z
  .string()
  .min(8)
  .max(12)
  .regex(/^[A-Za-z]{4}[\s-]?[A-Za-z]{4}$/, 'eight letters, e.g. ACDE-FGHJ');

export const PairingApproveRequest = z
  .object({
    userCode: UserCode,
    kind: z.enum(['tv', 'kiosk']),
    residentId: EntityId.optional(),
    careHomeId: EntityId.optional(),
    name: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .refine((b) => (b.kind === 'tv' ? b.residentId && !b.careHomeId : b.careHomeId && !b.residentId), {
    message: 'a TV is bound to residentId, a kiosk to careHomeId',
  })
  .meta({ id: 'PairingApproveRequest' });

export const DeviceSummary = z
  .object({
    id: z.string(),
    kind: z.enum(['tv', 'kiosk']),
    name: z.string(),
    residentId: z.string().nullable(),
    careHomeId: z.string().nullable(),
    pairedAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    /** Trusted auto-answer: a doctor's ring connects after a visible countdown (care homes, bedridden residents). */
    autoAnswer: z.boolean(),
    /** Who approved the pairing (display name), and whether the family doctor has confirmed it. */
    pairedByName: z.string(),
    confirmed: z.boolean(),
    /** The resident a TV is bound to, by name (null for a kiosk). */
    residentName: z.string().nullable(),
  })
  .meta({ id: 'DeviceSummary' });
export type DeviceSummary = z.infer<typeof DeviceSummary>;

/** Push events about devices (GET /api/events; the union is in consultations/schemas.ts). */
export const IdentityPushEvent = z.discriminatedUnion('type', [
  /** The family doctor: an administrator paired a TV to their patient; it waits for their confirmation. */
  z.object({ type: z.literal('device-awaits-confirmation'), device: DeviceSummary }),
]);

export const DeviceList = z.object({ devices: z.array(DeviceSummary) }).meta({ id: 'DeviceList' });
export type DeviceList = z.infer<typeof DeviceList>;

export const DeviceIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^dev-[a-f0-9-]+$/),
});

export const StaffList = z
  .object({ staff: z.array(z.object({ id: EntityId, displayName: z.string() })) })
  .meta({ id: 'StaffList' });
export type StaffList = z.infer<typeof StaffList>;

export const StaffSignInRequest = z
  .object({ staffId: EntityId, pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits') })
  .strict()
  .meta({ id: 'StaffSignInRequest' });
