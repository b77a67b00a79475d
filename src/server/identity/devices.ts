import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/types.js';
import { endSessionsOf } from './sessions.js';
import { hashSecret, newSecret, newUserCode } from './secrets.js';
import type { DeviceKind, DeviceTable } from './tables.js';

export type Device = Selectable<DeviceTable>;

/** RFC 8628 §3.2: expires_in and interval. Ten minutes is enough to walk to the phone and call the doctor. */
export const PAIRING_TTL_MS = 10 * 60 * 1000;
export const PAIRING_POLL_INTERVAL_S = 3;
/** How long a TV paired by an administrator keeps polling for the family doctor's confirmation. */
export const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * The credential just rotated away, presented again once within this window, is a lost answer
 * or a double reload, not theft: the device gets a fresh credential instead of being revoked.
 */
export const ROTATION_GRACE_MS = 30 * 1000;

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
  | { status: 'authorization_pending' | 'confirmation_pending' | 'slow_down' | 'expired_token' }
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
  const confirmed =
    request.deviceId !== null &&
    (await db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', request.deviceId)
      .where('confirmedAt', 'is not', null)
      .executeTakeFirst()) !== undefined;
  // Approved but not yet confirmed by the family doctor: still pending, and the device is told
  // whom it waits for, so that it can say so (RFC 8628 §3.5 allows further error codes).
  if (request.status === 'pending' || !confirmed) {
    if (tooFast) return { status: 'slow_down' };
    return { status: request.status === 'pending' ? 'authorization_pending' : 'confirmation_pending' };
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
    /** False: a resident's TV paired by an administrator, which the family doctor must confirm. */
    confirmed: boolean;
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
        credentialRotatedAt: now,
        lastSeenAt: now,
        revokedAt: null,
        revokedBy: null,
        revokedReason: null,
        confirmedAt: binding.confirmed ? now : null,
        confirmedBy: binding.confirmed ? binding.approvedBy : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('pairingRequests')
      .set({
        status: 'approved',
        deviceId: device.id,
        // Awaiting confirmation: the device keeps polling (and showing its code) meanwhile.
        ...(binding.confirmed ? {} : { expiresAt: new Date(Date.now() + CONFIRMATION_TTL_MS).toISOString() }),
      })
      .where('id', '=', requestId)
      .execute();
    return device;
  });
}

export type RenewResult =
  | { status: 'renewed'; device: Device; credential: string }
  | { status: 'reused'; device: Device }
  | { status: 'unknown' };

/**
 * Exchanges the device credential for a new one (rotation, as OAuth refresh tokens do; RFC 9700
 * §4.14.2: a refresh token presented twice means one copy is in the wrong hands). The credential
 * just replaced is accepted once more within ROTATION_GRACE_MS (the answer carrying the new one
 * was lost); that grace neither moves the rotation time nor can be used twice. Any other use of a
 * superseded credential is reuse: the device is revoked.
 */
export async function renewDeviceCredential(db: Db, credential: string): Promise<RenewResult> {
  const hash = hashSecret(credential);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('devices')
      .selectAll()
      .where('credentialHash', '=', hash)
      .executeTakeFirst();
    if (current) {
      if (current.revokedAt) return { status: 'unknown' };
      const next = newSecret();
      await trx
        .insertInto('supersededCredentials')
        .values({
          credentialHash: hash,
          deviceId: current.id,
          supersededAt: now.toISOString(),
          graceUsedAt: null,
        })
        .execute();
      const device = await trx
        .updateTable('devices')
        .set({
          credentialHash: hashSecret(next),
          credentialRotatedAt: now.toISOString(),
          lastSeenAt: now.toISOString(),
        })
        // Compare-and-set: of two requests with the same credential only one rotates it.
        .where('id', '=', current.id)
        .where('credentialHash', '=', hash)
        .returningAll()
        .executeTakeFirst();
      return device ? { status: 'renewed', device, credential: next } : { status: 'unknown' };
    }
    const superseded = await trx
      .selectFrom('supersededCredentials')
      .innerJoin('devices', 'devices.id', 'supersededCredentials.deviceId')
      .selectAll('devices')
      .select(['supersededCredentials.supersededAt', 'supersededCredentials.graceUsedAt'])
      .where('supersededCredentials.credentialHash', '=', hash)
      .executeTakeFirst();
    if (!superseded || superseded.revokedAt) return { status: 'unknown' };
    const { supersededAt, graceUsedAt, ...device } = superseded;
    const graceful =
      // The credential the current one replaced (not an older one), within the window, never graced.
      supersededAt === device.credentialRotatedAt &&
      now.getTime() - Date.parse(supersededAt) <= ROTATION_GRACE_MS &&
      graceUsedAt === null;
    if (graceful) {
      const used = await trx
        .updateTable('supersededCredentials')
        .set({ graceUsedAt: now.toISOString() })
        .where('credentialHash', '=', hash)
        .where('graceUsedAt', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) === 1) {
        const next = newSecret();
        // The credential issued in the lost answer is superseded too, already without a grace.
        await trx
          .insertInto('supersededCredentials')
          .values({
            credentialHash: device.credentialHash,
            deviceId: device.id,
            supersededAt: now.toISOString(),
            graceUsedAt: now.toISOString(),
          })
          .execute();
        const renewed = await trx
          .updateTable('devices')
          // credentialRotatedAt stays: the grace does not start a new window.
          .set({ credentialHash: hashSecret(next), lastSeenAt: now.toISOString() })
          .where('id', '=', device.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { status: 'renewed', device: renewed, credential: next };
      }
    }
    await revokeDevice(trx, device.id, null, 'superseded credential reused');
    return { status: 'reused', device };
  });
}

/**
 * The family doctor confirms a TV an administrator paired to their patient; the waiting TV's next
 * poll then receives its credential. False when there is nothing (left) to confirm.
 */
export async function confirmDevice(db: Db, deviceId: string, byUserId: string): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .updateTable('devices')
    .set({ confirmedAt: now, confirmedBy: byUserId })
    .where('id', '=', deviceId)
    .where('confirmedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
