import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { QueueEntry, QueuePlace, QueueRequest } from '../../shared/consultation-schemas.js';
import { areaDoctorsOf } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { PushHub } from '../push/push-hub.js';
import type { QueueEntryTable } from './tables.js';

type QueueEntryRow = Selectable<QueueEntryTable>;

/** How long a consultation takes, for the estimate the resident sees (a typical village visit). */
export const TYPICAL_CONSULTATION_MINUTES = 8;
/** A place is kept this long without a heartbeat: a TV in standby or a short power cut keeps it. */
export const PLACE_KEPT_WITHOUT_HEARTBEAT_MS = 10 * 60 * 1000;

/** The township centre of a patient's family doctor: the area whose doctors see the patient. */
const areaCentreOfPatient = sql<string>`(
  select case when o.kind = 'village_clinic' then o.parent_id else o.id end
  from patients p join users d on d.id = p.family_doctor_id join organisations o on o.id = d.organisation_id
  where p.user_id = queue_entries.patient_id)`;

/** Urgent first, then who came first: the order of every queue. */
function comesBefore(a: QueueEntryRow, b: QueueEntryRow): boolean {
  if (a.urgency !== b.urgency) return a.urgency === 'urgent';
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

export class WaitingRoom {
  constructor(
    private readonly db: Db,
    private readonly push: PushHub,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The resident asks for a doctor; asking again while waiting keeps the place (and can make it urgent). */
  async join(patientId: string, request: QueueRequest): Promise<{ place: QueuePlace; created: boolean }> {
    const now = this.now().toISOString();
    const open = await this.openEntryOf(patientId);
    if (open) {
      const urgency = request.urgency === 'urgent' ? 'urgent' : open.urgency;
      const doctorChoice = urgency === 'urgent' ? 'on-duty' : open.doctorChoice;
      await this.db
        .updateTable('queueEntries')
        .set({
          urgency,
          doctorChoice,
          doctorId: doctorChoice === 'family' ? open.doctorId : null,
          heartbeatAt: now,
        })
        .where('id', '=', open.id)
        .execute();
      if (urgency !== open.urgency) await this.changed(patientId, true);
      return { place: await this.requirePlace(patientId), created: false };
    }
    const familyDoctor = await this.db
      .selectFrom('patients')
      .select('familyDoctorId')
      .where('userId', '=', patientId)
      .executeTakeFirstOrThrow();
    // An urgent call goes to whoever is on duty: the family doctor may be out on rounds.
    const doctorChoice = request.urgency === 'urgent' ? 'on-duty' : request.doctor;
    await this.db
      .insertInto('queueEntries')
      .values({
        id: `q-${randomUUID()}`,
        patientId,
        doctorChoice,
        doctorId: doctorChoice === 'family' ? familyDoctor.familyDoctorId : null,
        urgency: request.urgency,
        reason: request.reason,
        status: 'waiting',
        createdAt: now,
        heartbeatAt: now,
        closedAt: null,
        consultationId: null,
      })
      .execute();
    await this.changed(patientId, request.urgency === 'urgent');
    return { place: await this.requirePlace(patientId), created: true };
  }

  /** The resident's place while waiting, or just admitted (with the consultation to join). */
  async placeOf(patientId: string): Promise<QueuePlace | null> {
    const entry =
      (await this.openEntryOf(patientId)) ??
      (await this.db
        .selectFrom('queueEntries')
        .selectAll()
        .where('patientId', '=', patientId)
        .where('status', '=', 'admitted')
        .where('consultationId', 'in', (eb) =>
          eb.selectFrom('consultations').select('id').where('status', 'in', ['active', 'scheduled']),
        )
        .orderBy('createdAt', 'desc')
        .executeTakeFirst());
    if (!entry) return null;
    const ahead =
      entry.status === 'waiting'
        ? (await this.competitors(entry)).filter((e) => comesBefore(e, entry)).length
        : 0;
    return {
      id: entry.id,
      status: entry.status,
      urgency: entry.urgency,
      doctor: entry.doctorChoice,
      position: ahead + 1,
      estimatedWaitMinutes: ahead * TYPICAL_CONSULTATION_MINUTES,
      consultationId: entry.consultationId,
      createdAt: entry.createdAt,
    };
  }

  private async requirePlace(patientId: string): Promise<QueuePlace> {
    const place = await this.placeOf(patientId);
    if (!place) throw new Error(`no place for ${patientId} right after joining`);
    return place;
  }

  async heartbeat(patientId: string): Promise<QueuePlace | null> {
    await this.db
      .updateTable('queueEntries')
      .set({ heartbeatAt: this.now().toISOString() })
      .where('patientId', '=', patientId)
      .where('status', '=', 'waiting')
      .execute();
    return this.placeOf(patientId);
  }

  /** The resident leaves the waiting room; false when they were not in it. */
  async leave(patientId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('queueEntries')
      .set({ status: 'left', closedAt: this.now().toISOString() })
      .where('patientId', '=', patientId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.changed(patientId, false);
    return true;
  }

  /** Waiting entries a doctor may see: their area's patients who asked for them or for anyone on duty. */
  async listFor(doctorId: string, visiblePatientIds: string[]): Promise<QueueEntry[]> {
    if (visiblePatientIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('queueEntries')
      .innerJoin('patients', 'patients.userId', 'queueEntries.patientId')
      .innerJoin('users as patient', 'patient.id', 'queueEntries.patientId')
      .selectAll('queueEntries')
      .select(['patient.displayName', 'patients.birthDate', 'patients.sex', 'patients.address'])
      .where('queueEntries.status', '=', 'waiting')
      .where('queueEntries.patientId', 'in', visiblePatientIds)
      .where((eb) =>
        eb.or([
          eb('queueEntries.doctorId', 'is', null),
          eb('queueEntries.doctorId', '=', doctorId),
          eb('queueEntries.urgency', '=', 'urgent'),
        ]),
      )
      .execute();
    const today = this.now();
    return rows
      .sort((a, b) => (comesBefore(a, b) ? -1 : comesBefore(b, a) ? 1 : 0))
      .map((row) => ({
        id: row.id,
        urgency: row.urgency,
        doctor: row.doctorChoice,
        reason: row.reason,
        patient: {
          id: row.patientId,
          displayName: row.displayName,
          age: ageOn(row.birthDate, today),
          sex: row.sex,
          village: villageOf(row.address),
        },
        latestReadings: [],
        waitingSince: row.createdAt,
      }));
  }

  /** Marks an entry admitted into a consultation; null when it is no longer waiting (someone else was faster). */
  async admit(entryId: string, consultationId: string): Promise<QueueEntryRow | null> {
    const entry = await this.db
      .selectFrom('queueEntries')
      .selectAll()
      .where('id', '=', entryId)
      .executeTakeFirst();
    if (!entry || entry.status !== 'waiting') return null;
    const result = await this.db
      .updateTable('queueEntries')
      .set({ status: 'admitted', closedAt: this.now().toISOString(), consultationId })
      .where('id', '=', entryId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? { ...entry, status: 'admitted', consultationId } : null;
  }

  async entry(entryId: string): Promise<QueueEntryRow | undefined> {
    return this.db.selectFrom('queueEntries').selectAll().where('id', '=', entryId).executeTakeFirst();
  }

  /** Places whose TV has not been heard from for too long are given up. */
  async expireStale(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - PLACE_KEPT_WITHOUT_HEARTBEAT_MS).toISOString();
    const stale = await this.db
      .selectFrom('queueEntries')
      .select(['id', 'patientId'])
      .where('status', '=', 'waiting')
      .where('heartbeatAt', '<', cutoff)
      .execute();
    for (const entry of stale) {
      await this.db
        .updateTable('queueEntries')
        .set({ status: 'expired', closedAt: this.now().toISOString() })
        .where('id', '=', entry.id)
        .execute();
      await this.changed(entry.patientId, false);
    }
    return stale.length;
  }

  /**
   * After any change in a patient's area: every waiting resident there gets their new place,
   * and the area's doctors a nudge to refresh (with an alert when it is urgent).
   */
  async changed(patientId: string, urgent: boolean): Promise<void> {
    const doctors = (await areaDoctorsOf(this.db, patientId).execute()).map((d) => d.id);
    const centre = await this.db
      .selectFrom('queueEntries')
      .select(areaCentreOfPatient.as('centre'))
      .where('patientId', '=', patientId)
      .executeTakeFirst();
    const waiting = await this.db
      .selectFrom('queueEntries')
      .select('patientId')
      .where('status', '=', 'waiting')
      .where(areaCentreOfPatient, '=', centre?.centre ?? '')
      .execute();
    // Those waiting, and the one whose place just changed (admitted, left, expired) if not among them.
    for (const resident of new Set([...waiting.map((w) => w.patientId), patientId])) {
      await this.push.publish([resident], { type: 'queue', place: await this.placeOf(resident) });
    }
    await this.push.publish(doctors, { type: 'queue-changed', urgent });
  }

  private openEntryOf(patientId: string): Promise<QueueEntryRow | undefined> {
    return this.db
      .selectFrom('queueEntries')
      .selectAll()
      .where('patientId', '=', patientId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
  }

  /** Waiting entries of the same area that compete for the same doctors. */
  private async competitors(entry: QueueEntryRow): Promise<QueueEntryRow[]> {
    const centre = await this.db
      .selectFrom('queueEntries')
      .select(areaCentreOfPatient.as('centre'))
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('queueEntries')
      .selectAll()
      .where('status', '=', 'waiting')
      .where('id', '!=', entry.id)
      .where(areaCentreOfPatient, '=', centre.centre)
      .execute();
    // Someone waiting for their own family doctor is not ahead of a request for whoever is on duty,
    // unless it is urgent (every doctor of the area answers those first).
    return rows.filter(
      (other) =>
        other.urgency === 'urgent' ||
        entry.doctorId === null ||
        other.doctorId === null ||
        other.doctorId === entry.doctorId,
    );
  }
}

function ageOn(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday =
    today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day);
  return today.getFullYear() - year - (hadBirthday ? 0 : 1);
}

/** 东河镇柳树村三组12号 → 柳树村: the village, which a doctor recognises at a glance. */
function villageOf(address: string): string {
  return /([^镇乡]+村)/.exec(address)?.[1] ?? address;
}
