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
  credentialRotatedAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
  /**
   * A resident's TV paired by an administrator stays unconfirmed (no session) until the
   * resident's family doctor confirms it; every other pairing is confirmed by whoever approved it.
   */
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** Trusted auto-answer (care homes, bedridden residents): 1 answers a ring after a countdown. */
  autoAnswer: Generated<number>;
}

/**
 * Every credential a device has had before its current one. Presenting one is reuse (it was
 * copied) and revokes the device, except the one just replaced, once, within the grace window.
 */
export interface SupersededCredentialTable {
  credentialHash: string;
  deviceId: string;
  supersededAt: string;
  graceUsedAt: string | null;
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

/** A family doctor's QR card for self-service kiosks: one in use per resident (migration 0011). */
export interface ResidentCardTable {
  id: string;
  patientId: string;
  /** SHA-256 of the card's 256-bit secret (secrets.ts hashSecret); the secret itself is only printed. */
  secretHash: string;
  issuedAt: string;
  issuedBy: string;
  /** Set when revoked by hand or replaced by a newer card. */
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface IdentityTables {
  devices: DeviceTable;
  pairingRequests: PairingRequestTable;
  sessions: SessionTable;
  supersededCredentials: SupersededCredentialTable;
  residentCards: ResidentCardTable;
}
