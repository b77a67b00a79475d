import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { endSessionsOf } from './sessions.js';
import { hashSecret, newSecret, newUserCode } from './secrets.js';
import type { DeviceKind, DeviceTable } from './tables.js';

export type Device = Selectable<DeviceTable>;

/** RFC 8628 §3.2: expires_in and interval. Ten minutes is enough to walk to the phone and call the doctor. */
export const PAIRING_TTL_MS = 10 * 60 * 1000;
export const PAIRING_POLL_INTERVAL_S = 3;
/**
 * A rotated-away credential presented again within this window is a lost response or a double
 * reload, not theft: the device gets a fresh credential instead of being revoked.
 */
export const ROTATION_GRACE_MS = 2 * 60 * 1000;

export async function createPairingRequest(db: Db, kind: DeviceKind) {
  const deviceCode = newSecret();
  const now = new Date();
  let userCode = newUserCode();
  // A user code must identify one pending request; collisions are rare, so retry.
  while (
    await db
      .selectFrom('pairingRequests')
      .select('id')
      .where('userCode', '=', userCode)
      .where('expiresAt', '>', now.toISOString())
      .executeTakeFirst()
  ) {
    userCode = newUserCode();
  }
  const expiresAt = new Date(now.getTime() + PAIRING_TTL_MS);
  await db
    .insertInto('pairingRequests')
    .values({
      id: randomUUID(),
      deviceCodeHash: hashSecret(deviceCode),
      userCode,
      kind,
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      lastPolledAt: null,
      deviceId: null,
    })
    .execute();
  return { deviceCode, userCode, expiresAt };
}

export type PollResult =
  | { status: 'authorization_pending' | 'slow_down' | 'expired_token' }
  | { status: 'approved'; device: Device; credential: string };

/** The device's side (RFC 8628 §3.4-3.5): pending, too fast, gone, or approved with a credential, once. */
export async function pollPairing(db: Db, deviceCode: string): Promise<PollResult> {
  const request = await db
    .selectFrom('pairingRequests')
    .selectAll()
    .where('deviceCodeHash', '=', hashSecret(deviceCode))
    .executeTakeFirst();
  const now = Date.now();
  if (!request || request.status === 'consumed' || now >= Date.parse(request.expiresAt)) {
    return { status: 'expired_token' };
  }
  const tooFast =
    request.lastPolledAt !== null &&
    now - Date.parse(request.lastPolledAt) < PAIRING_POLL_INTERVAL_S * 1000 - 500;
  await db
    .updateTable('pairingRequests')
    .set({ lastPolledAt: new Date(now).toISOString() })
    .where('id', '=', request.id)
    .execute();
  if (request.status === 'pending' || !request.deviceId) {
    return { status: tooFast ? 'slow_down' : 'authorization_pending' };
  }
  const credential = newSecret();
  const device = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pairingRequests')
      .set({ status: 'consumed' })
      .where('id', '=', request.id)
      .execute();
    return trx
      .updateTable('devices')
      .set({ credentialHash: hashSecret(credential), credentialRotatedAt: new Date(now).toISOString() })
      .where('id', '=', request.deviceId as string)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { status: 'approved', device, credential };
}

export function findPendingPairing(db: Db, userCode: string) {
  return db
    .selectFrom('pairingRequests')
    .selectAll()
    .where('userCode', '=', userCode)
    .where('status', '=', 'pending')
    .where('expiresAt', '>', new Date().toISOString())
    .executeTakeFirst();
}

/** The person's side (RFC 8628 §3.3): binds the waiting device to a resident or a care home. */
export async function approvePairing(
  db: Db,
  requestId: string,
  binding: {
    kind: DeviceKind;
    name: string;
    residentId: string | null;
    careHomeId: string | null;
    approvedBy: string;
  },
): Promise<Device> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const device = await trx
      .insertInto('devices')
      .values({
        id: `dev-${randomUUID()}`,
        kind: binding.kind,
        name: binding.name,
        residentId: binding.residentId,
        careHomeId: binding.careHomeId,
        pairedBy: binding.approvedBy,
        pairedAt: now,
        // Unusable until the device collects its real credential by polling.
        credentialHash: hashSecret(newSecret()),
        previousCredentialHash: null,
        credentialRotatedAt: now,
        lastSeenAt: now,
        revokedAt: null,
        revokedBy: null,
        revokedReason: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('pairingRequests')
      .set({ status: 'approved', deviceId: device.id })
      .where('id', '=', requestId)
      .execute();
    return device;
  });
}

export type RenewResult =
  { status: 'renewed'; device: Device; credential: string } | { status: 'reused' | 'unknown' };

/**
 * Exchanges the device credential for a new one (rotation, as OAuth refresh tokens do). The
 * previous credential presented after the grace window means it was copied: revoke the device.
 */
export async function renewDeviceCredential(db: Db, credential: string): Promise<RenewResult> {
  const hash = hashSecret(credential);
  const now = Date.now();
  const current = await db
    .selectFrom('devices')
    .selectAll()
    .where('credentialHash', '=', hash)
    .executeTakeFirst();
  const previous = current
    ? undefined
    : await db
        .selectFrom('devices')
        .selectAll()
        .where('previousCredentialHash', '=', hash)
        .executeTakeFirst();
  const device = current ?? previous;
  if (!device || device.revokedAt) return { status: 'unknown' };
  if (previous && now - Date.parse(previous.credentialRotatedAt) > ROTATION_GRACE_MS) {
    await revokeDevice(db, previous.id, null, 'credential reused after rotation');
    return { status: 'reused' };
  }
  const next = newSecret();
  const updated = await db
    .updateTable('devices')
    .set({
      credentialHash: hashSecret(next),
      // Within the grace window keep the older credential as "previous": both retries succeed.
      previousCredentialHash: current ? hash : device.previousCredentialHash,
      credentialRotatedAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
    })
    .where('id', '=', device.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { status: 'renewed', device: updated, credential: next };
}

/** 'This TV was lost': the credential stops working and every session the device holds ends. */
export async function revokeDevice(
  db: Db,
  deviceId: string,
  byUserId: string | null,
  reason: string,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({ revokedAt: new Date().toISOString(), revokedBy: byUserId, revokedReason: reason })
    .where('id', '=', deviceId)
    .where('revokedAt', 'is', null)
    .execute();
  await endSessionsOf(db, { deviceId });
}
