/**
 * Error codes the API answers with, as `{ error: { code, message } }`. The message is for
 * developers and logs; the client shows its own localised text for each code.
 */
export const API_ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'csrf_failed',
  'too_many_attempts',
  'invalid_credentials',
  // Push channel: too many open event streams for this session or person
  'too_many_streams',
  // Device pairing (RFC 8628 §3.5 error names)
  'authorization_pending',
  'slow_down',
  'expired_token',
  'access_denied',
  // Approved by an administrator, waiting for the resident's family doctor to confirm (issue 12 §2)
  'confirmation_pending',
  'livekit_unavailable',
  // Readings (issue 14)
  'reading_conflict',
  'reading_implausible',
  'reading_needs_confirmation',
  'reading_not_editable',
  'reading_series_mismatch',
  'identification_failed',
  // The family doctor's QR card: not a card of ours, or one revoked (a newer card replaced it)
  'card_unknown',
  'card_revoked',
  'speech_unavailable',
  // Cloud pharmacy (issue 15)
  'illegal_transition',
  'idempotency_key_reused',
  'no_refills_left',
  'order_in_progress',
  // The schedule: the last place went to someone else; the resident has another booking then; the
  // slot has started (bookings close at its start); the appointment can no longer be cancelled.
  'slot_full',
  'double_booking',
  'booking_closed',
  'not_cancellable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
