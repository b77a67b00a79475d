/**
 * Who read or changed which patient's data, who signed in or failed to, which devices were
 * paired or revoked. Append-only: the database refuses UPDATE and DELETE (migration 0002).
 */
export interface AuditLogTable {
  id: string;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  outcome: 'allowed' | 'denied' | 'failed';
  patientId: string | null;
  target: string | null;
  address: string | null;
  /** The device the actor used (TV, kiosk), and who approved that device's pairing. */
  deviceId: string | null;
  devicePairedBy: string | null;
}

/**
 * A staff member's time signed in on a kiosk (from the PIN sign-in to the sign-out, the session's
 * end, or STAFF_IDLE_MS after the last activity): the history that lets a kiosk deliver, after the
 * shift, what was taken during it (access/readings.ts, access/kiosk-shifts.ts).
 */
export interface KioskStaffShiftTable {
  id: string;
  /** The kiosk session (sessions.id_hash) the staff member signed in on. */
  sessionIdHash: string;
  deviceId: string;
  careHomeId: string;
  staffUserId: string;
  startedAt: string;
  /** The last activity seen: a request of the session, or a write taken during the shift. */
  lastActiveAt: string;
  /** Signed out, or replaced by another staff member's sign-in on the same kiosk. */
  endedAt: string | null;
}

export interface AuditTables {
  auditLog: AuditLogTable;
  kioskStaffShifts: KioskStaffShiftTable;
}
