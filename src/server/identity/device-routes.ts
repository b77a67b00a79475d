import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { renderSVG } from 'uqr';
import {
  DeviceIdParam,
  DeviceList,
  DeviceSummary,
  PairingApproveRequest,
  PairingPollRequest,
  PairingStart,
  PairingStartRequest,
  SessionInfo,
  UserCode,
} from '../../shared/identity/schemas.js';
import { ResidentDirectory } from '../../shared/directory/schemas.js';
import { recordAudit } from '../access/audit.js';
import { auditDenied } from '../access/audit-reads.js';
import {
  authorize,
  bindableCareHomes,
  canBindDevice,
  canConfirmDevice,
  canManageDevice,
  needsFamilyDoctorConfirmation,
  residentDirectory,
  visibleDevices,
} from '../access/policy.js';
import type { Context } from 'hono';
import type { Db } from '../db/types.js';
import type { Actor } from './actor.js';
import { CallRooms } from '../livekit/call-rooms.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import {
  approvePairing,
  confirmDevice,
  createPairingRequest,
  findPendingPairing,
  PAIRING_POLL_INTERVAL_S,
  PAIRING_TTL_MS,
  pollPairing,
  renewDeviceCredential,
  revokeDevice,
  type Device,
} from './devices.js';
import { tellFamilyDoctor } from './device-confirmation.js';
import { LIMITS, reserveAttempt } from './limits.js';
import { normaliseUserCode } from './secrets.js';
import { clearCookies, readDeviceCookie, resolveSession, setDeviceCookie, startSession } from './sessions.js';
import { sessionInfo } from './auth-routes.js';
import { AutoAnswerRequest } from '../../shared/consultations/schemas.js';

const PAIR_PAGE = '/console/pair';

/** Devices as the API shows them, with the name of whoever approved each pairing. */
async function summaries(db: Db, devices: Device[]): Promise<DeviceSummary[]> {
  const ids = [
    ...new Set(devices.flatMap((d) => (d.residentId ? [d.pairedBy, d.residentId] : [d.pairedBy]))),
  ];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute()).map(
          (u) => [u.id, u.displayName] as const,
        ),
  );
  return devices.map((device) => ({
    ...summary(device, names.get(device.pairedBy) ?? ''),
    residentName: device.residentId ? (names.get(device.residentId) ?? null) : null,
  }));
}

async function summaryOf(db: Db, device: Device): Promise<DeviceSummary> {
  return (await summaries(db, [device]))[0] as DeviceSummary;
}

function summary(device: Device, pairedByName: string): Omit<DeviceSummary, 'residentName'> {
  return {
    id: device.id,
    kind: device.kind,
    name: device.name,
    residentId: device.residentId,
    careHomeId: device.careHomeId,
    pairedAt: device.pairedAt,
    lastSeenAt: device.lastSeenAt,
    revokedAt: device.revokedAt,
    autoAnswer: device.autoAnswer === 1,
    pairedByName,
    confirmed: device.confirmedAt !== null,
  };
}

const startRoute = createRoute({
  method: 'post',
  path: '/api/devices/pairing',
  summary: 'A TV or kiosk asks to be paired (RFC 8628 device authorisation request)',
  tags: ['devices'],
  request: { body: { required: true, ...json(PairingStartRequest) } },
  responses: {
    200: { description: 'Codes to show and poll with', ...json(PairingStart) },
    ...errorResponses(400, 413, 429),
  },
});

const qrRoute = createRoute({
  method: 'get',
  path: '/api/devices/pairing/qr.svg',
  summary: 'QR code of the console address that approves this user code',
  tags: ['devices'],
  request: { query: z.object({ code: UserCode }) },
  responses: {
    200: { description: 'SVG image', content: { 'image/svg+xml': { schema: z.string() } } },
    ...errorResponses(400),
  },
});

const pollRoute = createRoute({
  method: 'post',
  path: '/api/devices/pairing/poll',
  summary: 'The device polls until a person has approved it (RFC 8628 §3.4)',
  description:
    'Until approval: 400 authorization_pending (or slow_down when polling faster than the interval); 400 expired_token when the code has expired or was used. On approval: 200 with the session, and HttpOnly cookies for the session and the long-lived rotating device credential.',
  tags: ['devices'],
  request: { body: { required: true, ...json(PairingPollRequest) } },
  responses: { 200: { description: 'Paired', ...json(SessionInfo) }, ...errorResponses(400, 413) },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/api/devices/pairing/approve',
  summary: 'Bind the device showing this code to a resident (TV) or a care home (kiosk)',
  tags: ['devices'],
  request: { body: { required: true, ...json(PairingApproveRequest) } },
  responses: {
    200: { description: 'Paired device', ...json(DeviceSummary) },
    ...errorResponses(400, 401, 403, 404, 413, 429),
  },
});

const renewRoute = createRoute({
  method: 'post',
  path: '/api/devices/session',
  summary: 'A paired device starts a session with its device credential (which rotates)',
  tags: ['devices'],
  responses: { 200: { description: 'Signed in', ...json(SessionInfo) }, ...errorResponses(401) },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/devices',
  summary: 'Paired devices this clinician manages',
  tags: ['devices'],
  responses: { 200: { description: 'Devices', ...json(DeviceList) }, ...errorResponses(401, 403) },
});

const revokeRoute = createRoute({
  method: 'post',
  path: '/api/devices/{id}/revoke',
  summary: "Revoke a device ('this TV was lost'): its credential and sessions stop working at once",
  tags: ['devices'],
  request: { params: DeviceIdParam },
  responses: {
    200: { description: 'Revoked', ...json(DeviceSummary) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const autoAnswerRoute = createRoute({
  method: 'put',
  path: '/api/devices/{id}/auto-answer',
  summary: "Trust a TV or kiosk to answer a doctor's ring by itself after a visible countdown",
  tags: ['devices'],
  request: { params: DeviceIdParam, body: { required: true, ...json(AutoAnswerRequest) } },
  responses: {
    200: { description: 'The device', ...json(DeviceSummary) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/api/devices/{id}/confirm',
  summary: "The resident's family doctor confirms a TV an administrator paired to them",
  description: 'Until confirmed the TV gets no session: its pairing poll stays authorization_pending.',
  tags: ['devices'],
  request: { params: DeviceIdParam },
  responses: {
    200: { description: 'Confirmed', ...json(DeviceSummary) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/api/devices/mine',
  summary: "A resident's TV: every device bound to this resident (so that one paired without them shows)",
  tags: ['devices'],
  responses: { 200: { description: 'Devices', ...json(DeviceList) }, ...errorResponses(401, 403) },
});

const residentsRoute = createRoute({
  method: 'get',
  path: '/api/directory/residents',
  summary: 'Residents this clinician may bind a TV to (names and addresses, no health data)',
  tags: ['devices'],
  responses: { 200: { description: 'Residents', ...json(ResidentDirectory) }, ...errorResponses(401, 403) },
});

/**
 * What revoking a device reaches beyond its sessions: its open push streams close, and it leaves
 * every call room it is in, its rights there revoked first (docs/ARCHITECTURE.md, Revocation).
 */
async function endDeviceAccess(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'livekit' | 'logger' | 'streams'>,
  deviceId: string,
): Promise<void> {
  const { streams, livekit, logger } = deps;
  await streams.recheck({ deviceId });
  try {
    await new CallRooms(livekit, logger).evictDevice(deviceId);
  } catch (error) {
    // LiveKit down: its rooms are gone with it; the device cannot get a new token either way.
    logger.warn({ err: error, deviceId }, 'revoked device not evicted from rooms');
  }
}

export function registerDeviceRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'config' | 'db' | 'limiter' | 'livekit' | 'logger' | 'push' | 'streams'>,
): void {
  app.openapi(startRoute, async (c) => {
    const { kind } = c.req.valid('json');
    const key: [string, typeof LIMITS.pairingStartPerAddress] = [
      `pairing-start:${c.var.address}`,
      LIMITS.pairingStartPerAddress,
    ];
    // Every request counts: making codes is cheap, storing them is not.
    reserveAttempt(c, deps, [key]);
    const { deviceCode, userCode } = await createPairingRequest(deps.db, kind);
    const origin = deps.config.publicOrigin;
    return c.json(
      {
        deviceCode,
        userCode,
        verificationUri: `${origin}${PAIR_PAGE}`,
        verificationUriComplete: `${origin}${PAIR_PAGE}?code=${userCode}`,
        expiresIn: PAIRING_TTL_MS / 1000,
        interval: PAIRING_POLL_INTERVAL_S,
      },
      200,
    );
  });

  app.openapi(qrRoute, (c) => {
    const code = normaliseUserCode(c.req.valid('query').code);
    const svg = renderSVG(`${deps.config.publicOrigin}${PAIR_PAGE}?code=${code}`, { border: 2 });
    c.header('Cache-Control', 'no-store');
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' });
  });

  app.openapi(pollRoute, async (c) => {
    const { db } = deps;
    const result = await pollPairing(db, c.req.valid('json').deviceCode);
    if (result.status !== 'approved') {
      const messages = {
        authorization_pending: 'Not approved yet: keep polling at the interval.',
        confirmation_pending: "Approved; waiting for the resident's family doctor to confirm: keep polling.",
        slow_down: 'Polling too fast: wait longer between polls.',
        expired_token: 'This code has expired or was used: request a new one.',
      };
      throw new ApiError(400, result.status, messages[result.status]);
    }
    setDeviceCookie(c, deps, result.credential);
    const { secret } = await startSession(c, deps, 'device', { userId: null, deviceId: result.device.id });
    const actor = await resolveSession(db, secret);
    if (!actor) throw new Error('a new device session did not resolve');
    await recordAudit(db, actor, c.var.address, {
      action: 'device.paired',
      outcome: 'allowed',
      target: result.device.id,
    });
    return c.json(sessionInfo(actor), 200);
  });

  app.openapi(approveRoute, async (c) => {
    const actor = authorize(c, 'devices:manage');
    const body = c.req.valid('json');
    const { db } = deps;
    const limit: [string, typeof LIMITS.pairingCodePerUser] = [
      `pairing-code:${actor.id}`,
      LIMITS.pairingCodePerUser,
    ];
    // Counted before the lookup, given back when the code exists: concurrency buys no guesses.
    const reservation = reserveAttempt(c, deps, [limit]);
    const request = await findPendingPairing(db, normaliseUserCode(body.userCode));
    if (!request || request.kind !== body.kind) {
      throw new ApiError(404, 'not_found', 'No device is waiting with this code, or it has expired.');
    }
    deps.limiter.refund(reservation);
    const binding = {
      kind: body.kind,
      residentId: body.residentId ?? null,
      careHomeId: body.careHomeId ?? null,
    };
    if (!(await canBindDevice(db, actor, binding))) {
      await auditDenied(c, deps, actor, { action: 'device.pair', patientId: binding.residentId });
      throw new ApiError(403, 'forbidden', 'You may not bind a device to this resident or care home.');
    }
    const target = binding.residentId
      ? await db
          .selectFrom('patients')
          .select('userId as id')
          .where('userId', '=', binding.residentId)
          .executeTakeFirst()
      : await db
          .selectFrom('organisations')
          .select('id')
          .where('id', '=', binding.careHomeId as string)
          .where('kind', '=', 'care_home')
          .executeTakeFirst();
    if (!target) throw new ApiError(404, 'not_found', 'No such resident or care home.');
    const device = await approvePairing(db, request.id, {
      ...binding,
      name: body.name ?? (body.kind === 'tv' ? '客厅电视' : '自助终端'),
      approvedBy: actor.id,
      confirmed: !needsFamilyDoctorConfirmation(actor, binding),
    });
    await recordAudit(db, actor, c.var.address, {
      action: 'device.pair',
      outcome: 'allowed',
      patientId: binding.residentId,
      target: device.id,
    });
    const shown = await summaryOf(db, device);
    if (!shown.confirmed) await tellFamilyDoctor(deps, shown);
    return c.json(shown, 200);
  });

  app.openapi(renewRoute, async (c) => {
    const { db } = deps;
    const credential = readDeviceCookie(c);
    const result = credential ? await renewDeviceCredential(db, credential) : { status: 'unknown' as const };
    if (result.status !== 'renewed') {
      clearCookies(c, deps, 'all');
      if (result.status === 'reused') await endDeviceAccess(c, deps, result.device.id);
      if (result.status === 'reused') {
        await recordAudit(db, { kind: 'anonymous', id: null }, c.var.address, {
          action: 'device.credential-reused',
          outcome: 'denied',
          patientId: result.device.residentId,
          target: result.device.id,
          device: { id: result.device.id, pairedBy: result.device.pairedBy },
        });
      }
      throw new ApiError(
        401,
        'unauthenticated',
        'This device is not paired (or was revoked). Pair it again.',
      );
    }
    setDeviceCookie(c, deps, result.credential);
    const { secret } = await startSession(c, deps, 'device', { userId: null, deviceId: result.device.id });
    const actor = await resolveSession(db, secret);
    if (!actor)
      throw new ApiError(401, 'unauthenticated', 'This device is bound to nobody any more. Pair it again.');
    return c.json(sessionInfo(actor), 200);
  });

  app.openapi(listRoute, async (c) => {
    const actor = authorize(c, 'devices:manage');
    const devices = await visibleDevices(deps.db, actor)
      .selectAll('devices')
      .orderBy('devices.pairedAt', 'desc')
      .execute();
    return c.json({ devices: await summaries(deps.db, devices) }, 200);
  });

  app.openapi(mineRoute, async (c) => {
    const actor = authorize(c, 'devices:list-own');
    if (actor.kind !== 'tv') throw new ApiError(403, 'forbidden', 'Only a resident’s TV lists its devices.');
    const devices = await deps.db
      .selectFrom('devices')
      .selectAll()
      .where('residentId', '=', actor.id)
      .where('revokedAt', 'is', null)
      .orderBy('pairedAt', 'desc')
      .execute();
    return c.json({ devices: await summaries(deps.db, devices) }, 200);
  });

  app.openapi(confirmRoute, async (c) => {
    const actor = authorize(c, 'devices:manage');
    const { db } = deps;
    const device = await manageableDevice(db, actor, c.req.valid('param').id);
    if (!(await canConfirmDevice(db, actor, device))) {
      await recordAudit(db, actor, c.var.address, {
        action: 'device.confirm',
        outcome: 'denied',
        patientId: device.residentId,
        target: device.id,
      });
      throw new ApiError(403, 'forbidden', "Only the resident's family doctor confirms this TV.");
    }
    if (!(await confirmDevice(db, device.id, actor.id)))
      throw new ApiError(409, 'conflict', 'This device is already confirmed, or was revoked.');
    await recordAudit(db, actor, c.var.address, {
      action: 'device.confirm',
      outcome: 'allowed',
      patientId: device.residentId,
      target: device.id,
    });
    return c.json(await summaryOf(db, await storedDevice(db, device.id)), 200);
  });

  app.openapi(autoAnswerRoute, async (c) => {
    const actor = authorize(c, 'devices:manage');
    const { db } = deps;
    const id = c.req.valid('param').id;
    const device = await manageableDevice(db, actor, id);
    if (device.revokedAt) throw new ApiError(404, 'not_found', 'No such device among yours.');
    const autoAnswer = c.req.valid('json').autoAnswer ? 1 : 0;
    await db.updateTable('devices').set({ autoAnswer }).where('id', '=', id).execute();
    await recordAudit(db, actor, c.var.address, {
      action: autoAnswer ? 'device.auto-answer.on' : 'device.auto-answer.off',
      outcome: 'allowed',
      patientId: device.residentId,
      target: device.id,
    });
    return c.json(await summaryOf(db, { ...device, autoAnswer }), 200);
  });

  app.openapi(revokeRoute, async (c) => {
    const actor = authorize(c, 'devices:manage');
    const { db } = deps;
    const device = await manageableDevice(db, actor, c.req.valid('param').id);
    await revokeDevice(db, device.id, actor.id, 'revoked from the console');
    await endDeviceAccess(c, deps, device.id);
    await recordAudit(db, actor, c.var.address, {
      action: 'device.revoke',
      outcome: 'allowed',
      patientId: device.residentId,
      target: device.id,
    });
    return c.json(await summaryOf(db, await storedDevice(db, device.id)), 200);
  });

  app.openapi(residentsRoute, async (c) => {
    const actor = authorize(c, 'residents:directory');
    const { db } = deps;
    const residents = await residentDirectory(db, actor).orderBy('users.displayName').execute();
    const careHomes = await bindableCareHomes(db, actor).orderBy('name').execute();
    return c.json({ residents, careHomes }, 200);
  });
}

/** A device the actor may manage; a 404 that says nothing about anyone else's devices otherwise. */
async function manageableDevice(db: Db, actor: Actor, id: string) {
  const device = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!device || !(await canManageDevice(db, actor, device)))
    throw new ApiError(404, 'not_found', 'No such device among yours.');
  return device;
}

/** The device as stored now (after a change made to it). */
function storedDevice(db: Db, id: string) {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
