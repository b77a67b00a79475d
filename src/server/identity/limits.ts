import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import type { FailureLimiter, RateLimitRule, Reservation } from './rate-limit.js';

const MINUTE = 60_000;
/**
 * Brute-force limits (OWASP Authentication Cheat Sheet: per account and per source address).
 * Passwords and PINs lock per (account, address) first, so a stranger elsewhere cannot lock a
 * doctor or a nurse out; a slower limit per account catches guessing spread over many addresses.
 */
export const LIMITS = {
  /** Five wrong passwords from one address lock that account from that address. */
  loginPerAccountAndAddress: { maxFailures: 5, windowMs: 15 * MINUTE },
  /** The backstop: guessing one account from many addresses. */
  loginPerAccount: { maxFailures: 50, windowMs: 60 * MINUTE },
  /** One address guessing many accounts. */
  loginPerAddress: { maxFailures: 20, windowMs: 15 * MINUTE },
  /** A kiosk PIN (4 to 8 digits) locks after five wrong tries on one kiosk. */
  pinPerStaffAndKiosk: { maxFailures: 5, windowMs: 15 * MINUTE },
  /** The backstop for a staff member across the care home's kiosks. */
  pinPerStaff: { maxFailures: 15, windowMs: 60 * MINUTE },
  pinPerDevice: { maxFailures: 15, windowMs: 15 * MINUTE },
  /** Entering pairing codes that do not exist. */
  pairingCodePerUser: { maxFailures: 10, windowMs: 15 * MINUTE },
  /** New pairing requests are cheap to make: count every one, not only failures. */
  pairingStartPerAddress: { maxFailures: 30, windowMs: 10 * MINUTE },
  /**
   * Phrases read aloud that are not cached (each one an espeak-ng process): a TV reads a title
   * and one item per key press, so one new phrase a second is the most a person causes.
   */
  speechPerSession: { maxFailures: 60, windowMs: MINUTE },
  /** Refused reads written to the append-only audit log, per session (access/audit-reads.ts). */
  deniedPerSession: { maxFailures: 30, windowMs: 15 * MINUTE },
  /** The one row that says a session went past deniedPerSession, per window. */
  deniedNotice: { maxFailures: 1, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

function tooMany(c: Context<AppEnv>, waitMs: number): ApiError {
  c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  const minutes = Math.ceil(waitMs / 60_000);
  return new ApiError(
    429,
    'too_many_attempts',
    minutes > 1
      ? `Too many attempts. Try again in ${minutes} minutes.`
      : 'Too many attempts. Try again soon.',
  );
}

/**
 * Counts this attempt on every key before the slow check runs, or answers 429 with Retry-After
 * (FailureLimiter.reserve). The caller refunds the reservation when the attempt succeeds.
 */
export function reserveAttempt(
  c: Context<AppEnv>,
  deps: { limiter: FailureLimiter },
  checks: readonly (readonly [string, RateLimitRule])[],
): Reservation {
  const reserved = deps.limiter.reserve(checks);
  if ('retryAfterMs' in reserved) throw tooMany(c, reserved.retryAfterMs);
  return reserved;
}

/** The address as a rate-limit key: unknown only outside a real socket (app.request in tests). */
export function addressKey(address: string | null): string {
  return address ?? 'unknown';
}
