import type { Context } from 'hono';
import type { Consultation } from '../consultations/consultations.js';
import type { UserWithOrganisation } from '../directory/users.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';

/**
 * The one place that says who may do what. Routes ask here; nothing else decides access.
 * (The identity work grows this into the full role-by-resource table.)
 */
export function requireUser(c: Context<AppEnv>): UserWithOrganisation {
  const user = c.var.user;
  if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return user;
}

/** A call is open to the consultation's patient and doctor while it has not ended. */
export function canJoinConsultationCall(user: UserWithOrganisation, consultation: Consultation): boolean {
  if (consultation.status === 'ended') return false;
  return user.id === consultation.patientId || user.id === consultation.doctorId;
}
