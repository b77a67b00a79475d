import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Actor } from '../identity/actor.js';
import { addressKey, LIMITS, reserveAttempt } from '../identity/limits.js';
import { recordAudit, type AuditEntry } from './audit.js';
import type { Db } from '../db/types.js';
import type { FailureLimiter } from '../identity/rate-limit.js';

/** What auditing a read needs: the log, and the limiter that caps denied rows per session. */
export interface AuditDeps {
  db: Db;
  limiter: FailureLimiter;
}

/**
 * Every read of health data leaves one audit row per patient read, with what was read (the
 * consultation, the queue entry), so `GET /api/audit?patientId=` shows who saw that patient's data
 * and a list answers for each id in it, not with a count (NHS DSPT / GB/T 39725 access logging).
 */
export async function auditReads(
  c: Context<AppEnv>,
  deps: AuditDeps,
  actor: Actor,
  action: string,
  reads: readonly { patientId: string; target?: string | null }[],
): Promise<void> {
  if (reads.length === 0) return;
  await deps.db.transaction().execute(async (trx) => {
    for (const read of reads) {
      await recordAudit(trx, actor, c.var.address, {
        action,
        outcome: 'allowed',
        patientId: read.patientId,
        target: read.target ?? null,
      });
    }
  });
}

/**
 * A refused attempt is audited, but the log is append-only (nothing can be deleted), so refusals
 * are bounded per session (per address without one): past LIMITS.deniedPerSession the request is
 * answered 429 and nothing more is written until the window ends, except one row saying so.
 */
export async function auditDenied(
  c: Context<AppEnv>,
  deps: AuditDeps,
  actor: Actor | null,
  entry: Omit<AuditEntry, 'outcome'>,
): Promise<void> {
  const who = actor ? `session:${actor.session.idHash}` : `address:${addressKey(c.var.address)}`;
  const subject = actor ?? { kind: 'anonymous' as const, id: null };
  try {
    reserveAttempt(c, deps, [[`audit-denied:${who}`, LIMITS.deniedPerSession]]);
  } catch (error) {
    // The first refusal past the limit is written once per window, so the flood itself shows.
    if ('entries' in deps.limiter.reserve([[`audit-denied-notice:${who}`, LIMITS.deniedNotice]])) {
      await recordAudit(deps.db, subject, c.var.address, {
        action: 'audit.denied-limit',
        outcome: 'denied',
        target: entry.action,
      });
    }
    throw error;
  }
  await recordAudit(deps.db, subject, c.var.address, { ...entry, outcome: 'denied' });
}
