import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import type { AuditLogTable } from './tables.js';

export interface AuditEntry {
  action: string;
  outcome: AuditLogTable['outcome'];
  patientId?: string | null;
  target?: string | null;
  /** The device concerned, when the actor is not a device session (a reused credential). */
  device?: { id: string; pairedBy: string };
}

export async function recordAudit(
  db: Db,
  actor: Actor | { kind: 'anonymous'; id: string | null },
  address: string | null,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actorKind: actor.kind,
      actorId: actor.kind === 'kiosk' && actor.staff ? actor.staff.id : actor.id,
      action: entry.action,
      outcome: entry.outcome,
      patientId: entry.patientId ?? null,
      target: entry.target ?? null,
      address,
      // Who really acted: a device session acts as the resident (TV) or the care home (kiosk), so
      // the row names the device and who approved its pairing too.
      deviceId: actor.kind === 'tv' || actor.kind === 'kiosk' ? actor.deviceId : (entry.device?.id ?? null),
      devicePairedBy:
        actor.kind === 'tv' || actor.kind === 'kiosk'
          ? actor.devicePairedBy
          : (entry.device?.pairedBy ?? null),
    })
    .execute();
}
