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

export interface AuditTables {
  auditLog: AuditLogTable;
}
