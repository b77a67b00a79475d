import type { Generated } from 'kysely';

export type DeviceKind = 'tv' | 'kiosk';

/** A paired TV (bound to a resident) or kiosk (bound to a care home). */
export interface DeviceTable {
  id: string;
  kind: DeviceKind;
  name: string;
  residentId: string | null;
  careHomeId: string | null;
  pairedBy: string;
  pairedAt: string;
  /** Hash of the current long-lived device credential; it rotates at every use. */
  credentialHash: string;
  /** The one before: presenting it again means the credential was copied, and the device is revoked. */
  previousCredentialHash: string | null;
  credentialRotatedAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
  /** Trusted auto-answer (care homes, bedridden residents): 1 answers a ring after a countdown. */
  autoAnswer: Generated<number>;
}

export type PairingStatus = 'pending' | 'approved' | 'consumed';

/** RFC 8628 device authorisation: the TV holds the device code, a person enters the user code. */
export interface PairingRequestTable {
  id: string;
  deviceCodeHash: string;
  userCode: string;
  kind: DeviceKind;
  status: PairingStatus;
  createdAt: string;
  expiresAt: string;
  lastPolledAt: string | null;
  deviceId: string | null;
}

export type SessionKind = 'clinician' | 'device';

/** A signed-in browser: a clinician at the console, or a paired device (with an optional staff sign-in on kiosks). */
export interface SessionTable {
  idHash: string;
  kind: SessionKind;
  userId: string | null;
  deviceId: string | null;
  staffUserId: string | null;
  staffExpiresAt: string | null;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  endedAt: string | null;
}

export interface IdentityTables {
  devices: DeviceTable;
  pairingRequests: PairingRequestTable;
  sessions: SessionTable;
}
