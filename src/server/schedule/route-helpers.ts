import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { EntityId } from '../../shared/api-schemas.js';
import { canSeePatient } from '../access/policy.js';
import type { Db } from '../db/types.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import type { Actor } from '../identity/actor.js';

export const IdParam = z.object({ id: EntityId });
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
export const notFound = (what: string) => new ApiError(404, 'not_found', `No such ${what} for this user.`);
export const invalid = (message: string) => new ApiError(400, 'validation_failed', message);

/** The resident a TV or kiosk means: a TV its own; anyone else must name one they may see. */
export async function patientFor(
  c: Context<AppEnv>,
  deps: { db: Db },
  actor: Actor,
  patientId: string | undefined,
): Promise<string> {
  const id = actor.kind === 'tv' ? (patientId ?? actor.id) : patientId;
  if (!id) throw invalid('patientId: required');
  if (!(await canSeePatient(deps.db, actor, id))) throw notFound('patient');
  return id;
}

/** A visit kept by this township, or 404. */
export async function visitOfTownship(c: Context<AppEnv>, deps: { db: Db }, township: string, id: string) {
  const visit = await deps.db.selectFrom('mobileVisits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!visit || visit.townshipId !== township) throw notFound('visit');
  return visit;
}
