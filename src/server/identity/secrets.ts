import { hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A bearer secret: 32 random bytes, URL-safe. Only its hash is ever stored. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Stored form of a bearer secret; SHA-256 suffices for 256-bit random values (no dictionary). */
// crypto.hash is the one-shot form (Node 20.12+): every request hashes its session cookie.
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The short code a TV shows for pairing (RFC 8628 §6.1): 8 characters from an alphabet with no
 * look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), shown as XXXX-XXXX. 20^8 ≈ 2.6e10 codes, valid
 * for minutes and rate-limited, so guessing is hopeless.
 */
const USER_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY';
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts what a person types: any case, with or without the dash or spaces. */
export function normaliseUserCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}
