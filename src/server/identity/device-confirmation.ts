import type { DeviceSummary } from '../../shared/identity/schemas.js';
import type { AppDeps } from '../deps.js';

/**
 * A TV an administrator paired to a resident waits for the resident's family doctor (issue 12 §2,
 * docs/ARCHITECTURE.md "Who may pair a resident's TV"): that doctor, and nobody else, hears of it
 * at once on their console, where they can confirm it (POST /api/devices/{id}/confirm).
 */
export async function tellFamilyDoctor(
  deps: Pick<AppDeps, 'db' | 'push'>,
  device: DeviceSummary,
): Promise<void> {
  if (!device.residentId) return;
  const patient = await deps.db
    .selectFrom('patients')
    .select('familyDoctorId')
    .where('userId', '=', device.residentId)
    .executeTakeFirst();
  if (!patient?.familyDoctorId) return;
  await deps.push.publish([patient.familyDoctorId], { type: 'device-awaits-confirmation', device });
}
