/** Which orders and which patients' missed doses an actor may see. */
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import { visiblePatients } from './patients.js';
import { mayDo, residentActedFor } from './roles.js';

/** Orders an actor may see: a resident their own (on their TV or in a kiosk visit), a doctor their area's patients', pharmacists all. */
export function visibleOrders(db: Db, actor: Actor) {
  const orders = db.selectFrom('orders');
  if (!mayDo(actor, 'orders:read')) return orders.where(sql<boolean>`1 = 0`);
  // A resident's TV, or a self-service kiosk visit, sees the resident's own orders.
  const resident = residentActedFor(actor);
  if (resident) return orders.where('orders.patientId', '=', resident);
  if (actor.kind === 'clinician' && actor.role === 'pharmacist') return orders;
  if (actor.kind === 'clinician' && actor.role === 'doctor') {
    return orders.where('orders.patientId', 'in', visiblePatients(db, actor));
  }
  return orders.where(sql<boolean>`1 = 0`);
}

/**
 * Whose missed doses an actor is shown: a doctor their own patients' (the family doctor), a kiosk
 * with a nurse signed in its care home's residents.
 */
export function missedDoseWatchlist(db: Db, actor: Actor) {
  const patients = db.selectFrom('patients').select('patients.userId');
  if (!mayDo(actor, 'doses:missed')) return patients.where(sql<boolean>`1 = 0`);
  if (actor.kind === 'kiosk') return patients.where('patients.careHomeId', '=', actor.careHomeId);
  if (actor.kind === 'clinician' && actor.role === 'doctor') {
    return patients.where('patients.familyDoctorId', '=', actor.id);
  }
  return patients.where(sql<boolean>`1 = 0`);
}

/**
 * The residents whose doses today a care home's kiosk lists (issue 15 §5): its own care home's,
 * with a nurse signed in (mayDo); nobody for anyone else.
 */
export function careHomeDoseWatch(db: Db, actor: Actor) {
  const patients = db.selectFrom('patients').select('patients.userId');
  if (!mayDo(actor, 'doses:care-home') || actor.kind !== 'kiosk') return patients.where(sql<boolean>`1 = 0`);
  return patients.where('patients.careHomeId', '=', actor.careHomeId);
}
