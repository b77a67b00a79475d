/** Who may issue and revoke a resident's QR card for self-service kiosks (issue 14 §9). */
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import { canSeePatient } from './patients.js';
import { mayDo } from './roles.js';

/**
 * A card lets anyone holding it act as the resident at a kiosk, so, as for binding a TV
 * (devices.ts canBindDevice), only the resident's own doctors hand one out: the contracted family
 * doctor and the doctors of the family-doctor team (签约团队: team doctor, village doctor). Another
 * doctor of the area sees the record but is refused (403); a resident outside the actor's view
 * answers like one that does not exist (404).
 */
export async function cardAccessOf(
  db: Db,
  actor: Actor,
  patientId: string,
): Promise<'allowed' | 'refused' | 'hidden'> {
  if (!(await canSeePatient(db, actor, patientId))) return 'hidden';
  if (!mayDo(actor, 'cards:manage') || actor.kind !== 'clinician') return 'refused';
  const familyDoctor = await db
    .selectFrom('patients')
    .select('userId')
    .where('userId', '=', patientId)
    .where('familyDoctorId', '=', actor.id)
    .executeTakeFirst();
  if (familyDoctor) return 'allowed';
  const teamDoctor = await db
    .selectFrom('careTeamMembers')
    .select('memberId')
    .where('patientId', '=', patientId)
    .where('memberId', '=', actor.id)
    .where('teamRole', 'in', ['doctor', 'village-doctor'])
    .executeTakeFirst();
  return teamDoctor ? 'allowed' : 'refused';
}
