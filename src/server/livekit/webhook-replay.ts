import { createHash } from 'node:crypto';

/** How far LiveKit's SDK lets a webhook's signature be past its expiry (TokenVerifier's default). */
export const WEBHOOK_CLOCK_TOLERANCE_MS = 10_000;

/**
 * The ids of webhook events already taken, each kept while its signature could still verify, so
 * a repeated event (LiveKit retrying a delivery, or a recorded request replayed) is acknowledged
 * and ignored. After that the signature itself refuses a replay. In memory: right for the one API
 * process of the embedded default; several processes would share it through Redis (SET NX EX).
 */
export class SeenWebhooks {
  /** Event id → until when it is remembered (ms). Insertion order is nearly expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.seen.size;
  }

  /** True the first time an event is offered within its signature's validity, false after. */
  firstTime(eventId: string, signatureExpiresAtMs: number): boolean {
    const now = this.now();
    for (const [id, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(id);
    }
    const until = this.seen.get(eventId);
    if (until !== undefined && until > now) return false;
    this.seen.set(eventId, signatureExpiresAtMs + WEBHOOK_CLOCK_TOLERANCE_MS);
    return true;
  }
}

/** The expiry (ms) of a verified webhook's Authorization token: its `exp` claim. */
export function signatureExpiry(authorization: string): number {
  const token = authorization.replace(/^Bearer\s+/i, '');
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp?: unknown;
  };
  if (typeof payload.exp !== 'number') throw new Error('a verified webhook token without exp');
  return payload.exp * 1000;
}

/** LiveKit gives every event an id; a body without one is known by its hash. */
export function eventKey(eventId: string | undefined, body: string): string {
  return eventId || `sha256:${createHash('sha256').update(body).digest('base64url')}`;
}
