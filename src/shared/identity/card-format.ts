/**
 * What a family doctor's QR card (二维码卡) holds: `DAH1:` and a 256-bit random secret in
 * base64url (43 characters). The prefix names the format and its version, so a kiosk's scanner
 * (a keyboard wedge that types the code and Enter) is never mistaken for a person typing, and a
 * card of a later format is recognised as one. Pure and free of zod: the kiosk's bundle uses it.
 */
export const CARD_PREFIX = 'DAH1:';

/** base64url of 32 random bytes (identity/secrets.ts newSecret): 43 characters, no padding. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The longest text a card holds; a scanner burst longer than this is not a card. */
export const CARD_CONTENT_LENGTH = CARD_PREFIX.length + 43;

/** The text encoded in the QR code of a card with this secret. */
export function cardContent(secret: string): string {
  return `${CARD_PREFIX}${secret}`;
}

/** The secret a scanned text carries, or null when the text is not a card of this format. */
export function cardSecretOf(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(CARD_PREFIX)) return null;
  const secret = trimmed.slice(CARD_PREFIX.length);
  return SECRET.test(secret) ? secret : null;
}
