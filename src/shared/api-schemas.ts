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
  })
  .meta({ id: 'DeviceSummary' });
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export const DeviceList = z.object({ devices: z.array(DeviceSummary) }).meta({ id: 'DeviceList' });
export type DeviceList = z.infer<typeof DeviceList>;
export const DeviceIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^dev-[a-f0-9-]+$/),
});

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

export const StaffList = z
  .object({ staff: z.array(z.object({ id: EntityId, displayName: z.string() })) })
  .meta({ id: 'StaffList' });
export type StaffList = z.infer<typeof StaffList>;
export const StaffSignInRequest = z
  .object({ staffId: EntityId, pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits') })
  .strict()
  .meta({ id: 'StaffSignInRequest' });

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
    careHomeName: z.string().nullable(),
    familyDoctor: z.object({ id: EntityId, displayName: z.string(), organisationName: z.string() }),
    /** The ID card's last characters, when on record: the kiosk finds a resident by them. */
    idCardSuffix: z.string().nullable().optional(),
  })
  .meta({ id: 'PatientRecord' });
export type PatientRecord = z.infer<typeof PatientRecord>;
export const PatientList = z.object({ patients: z.array(PatientRecord) }).meta({ id: 'PatientList' });
export type PatientList = z.infer<typeof PatientList>;

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

export const ConsultationSummary = z
  .object({
    id: EntityId,
    status: z.enum(['scheduled', 'ringing', 'active', 'ended', 'declined', 'missed']),
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
