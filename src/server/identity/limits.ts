import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import type { RateLimitRule } from './rate-limit.js';

const MINUTE = 60_000;
/** Brute-force limits (OWASP Authentication Cheat Sheet: per account and per source address). */
export const LIMITS = {
  loginPerAccount: { maxFailures: 5, windowMs: 15 * MINUTE },
  loginPerAddress: { maxFailures: 20, windowMs: 15 * MINUTE },
  /** A kiosk PIN locks after five wrong tries. */
  pinPerStaff: { maxFailures: 5, windowMs: 15 * MINUTE },
  pinPerDevice: { maxFailures: 15, windowMs: 15 * MINUTE },
  /** Entering pairing codes that do not exist. */
  pairingCodePerUser: { maxFailures: 10, windowMs: 15 * MINUTE },
  /** New pairing requests are cheap to make: count every one, not only failures. */
  pairingStartPerAddress: { maxFailures: 30, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimitRule>;

/** Refuses with 429 and Retry-After while any of the keys is locked. */
export function refuseIfLocked(c: Context<AppEnv>, checks: [string, RateLimitRule][]): void {
  const { limiter } = c.var.deps;
  const waitMs = Math.max(0, ...checks.map(([key, rule]) => limiter.retryAfter(key, rule)));
  if (waitMs > 0) {
    c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
    throw new ApiError(
      429,
      'too_many_attempts',
      `Too many attempts. Try again in ${Math.ceil(waitMs / 60_000)} minutes.`,
    );
  }
}

export function recordFailures(c: Context<AppEnv>, checks: [string, RateLimitRule][]): void {
  for (const [key, rule] of checks) c.var.deps.limiter.recordFailure(key, rule);
}
