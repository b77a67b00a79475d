/** Who may pair, confirm, see and revoke which devices, and bind them to whom. */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import type { DeviceTable } from '../identity/tables.js';
import { mayDo } from './roles.js';

type Device = Selectable<DeviceTable>;

/** Who may bind a device: admins anything; a doctor only a TV for one of their own patients. */
export async function canBindDevice(
  db: Db,
  actor: Actor,
  binding: { kind: 'tv' | 'kiosk'; residentId: string | null },
): Promise<boolean> {
  if (!mayDo(actor, 'devices:manage') || actor.kind !== 'clinician') return false;
  if (actor.role === 'admin') return true;
  if (binding.kind !== 'tv' || !binding.residentId) return false;
  const patient = await db
    .selectFrom('patients')
    .select('userId')
    .where('userId', '=', binding.residentId)
    .where('familyDoctorId', '=', actor.id)
    .executeTakeFirst();
  return patient !== undefined;
}

/**
 * The rule for pairing a resident's TV (docs/ARCHITECTURE.md, Identity): the resident's family
 * doctor binds it at once; a TV an administrator binds to a resident waits until the family
 * doctor confirms it (canConfirmDevice), since whoever approves a code gets the resident's identity.
 */
export function needsFamilyDoctorConfirmation(
  actor: Actor,
  binding: { kind: 'tv' | 'kiosk'; residentId: string | null },
): boolean {
  return (
    binding.kind === 'tv' &&
    binding.residentId !== null &&
    !(actor.kind === 'clinician' && actor.role === 'doctor')
  );
}

/** Only the resident's own family doctor confirms a TV bound to them. */
export async function canConfirmDevice(db: Db, actor: Actor, device: Device): Promise<boolean> {
  if (actor.kind !== 'clinician' || actor.role !== 'doctor' || !device.residentId) return false;
  const patient = await db
    .selectFrom('patients')
    .select('userId')
    .where('userId', '=', device.residentId)
    .where('familyDoctorId', '=', actor.id)
    .executeTakeFirst();
  return patient !== undefined;
}

/** Devices an actor may list and revoke: all for admins, their own patients' TVs for doctors. */
export function visibleDevices(db: Db, actor: Actor) {
  const devices = db.selectFrom('devices');
  if (actor.kind === 'clinician' && actor.role === 'admin') return devices;
  if (actor.kind === 'clinician' && actor.role === 'doctor') {
    return devices.where(
      'devices.residentId',
      'in',
      db.selectFrom('patients').select('userId').where('familyDoctorId', '=', actor.id),
    );
  }
  return devices.where(sql<boolean>`1 = 0`);
}

export async function canManageDevice(db: Db, actor: Actor, device: Device): Promise<boolean> {
  if (!mayDo(actor, 'devices:manage')) return false;
  const row = await visibleDevices(db, actor)
    .select('devices.id')
    .where('devices.id', '=', device.id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Residents an actor may bind a TV to: all for admins, own patients for doctors. Names only. */
export function residentDirectory(db: Db, actor: Actor) {
  const residents = db
    .selectFrom('patients')
    .innerJoin('users', 'users.id', 'patients.userId')
    .leftJoin('organisations as careHome', 'careHome.id', 'patients.careHomeId')
    .select(['users.id', 'users.displayName', 'patients.address', 'careHome.name as careHomeName']);
  if (actor.kind === 'clinician' && actor.role === 'admin') return residents;
  if (actor.kind === 'clinician' && actor.role === 'doctor')
    return residents.where('patients.familyDoctorId', '=', actor.id);
  return residents.where(sql<boolean>`1 = 0`);
}

/** Care homes an actor may bind a kiosk to: administrators only. */
export function bindableCareHomes(db: Db, actor: Actor) {
  const careHomes = db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'care_home');
  return actor.kind === 'clinician' && actor.role === 'admin'
    ? careHomes
    : careHomes.where(sql<boolean>`1 = 0`);
}
