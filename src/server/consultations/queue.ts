import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { QueueEntry, QueuePlace, QueueRequest } from '../../shared/consultations/schemas.js';
import { ageOn } from '../../shared/schedule/shanghai-time.js';
import { areaDoctorsOf, centreOfOrganisation } from '../directory/area.js';
import type { Database, Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import type { Actor } from '../identity/actor.js';
import type { PushHub } from '../push/push-hub.js';
import type { QueueEntryTable } from './tables.js';
import { readingStates } from '../readings/colour-view.js';

type QueueEntryRow = Selectable<QueueEntryTable>;

/** How long a consultation takes, for the estimate the resident sees (a typical village visit). */
export const TYPICAL_CONSULTATION_MINUTES = 8;
/** A place is kept this long without a heartbeat: a TV in standby or a short power cut keeps it. */
export const PLACE_KEPT_WITHOUT_HEARTBEAT_MS = 10 * 60 * 1000;

/** The township centre of a patient's family doctor: the area whose doctors see the patient. */
const areaCentreOfPatient = sql<string>`(
  select ${centreOfOrganisation('o')}
  from patients p join users d on d.id = p.family_doctor_id join organisations o on o.id = d.organisation_id
  where p.user_id = queue_entries.patient_id)`;

/**
 * Who holds a place, hears about it and keeps it alive: a resident's own TV (any of the resident's
 * TVs), or the kiosk that asked for the resident (its device id): with a nurse signed in (visitId
 * null), or in one self-service visit, whose places are that visit's alone (the next resident at
 * the kiosk never sees them).
 */
export type PlaceHolder =
  { kind: 'resident'; patientId: string } | { kind: 'kiosk'; kioskId: string; visitId: string | null };

/** A request made at a kiosk: the kiosk and the staff member signed in on it, or its self-service visit. */
export interface KioskRequest {
  kioskId: string;
  staffId: string | null;
  visitId: string | null;
}

/** The place holder a signed-in TV or kiosk acts as (a kiosk without a nurse: its visit's). */
export function placeHolderOf(actor: Actor): PlaceHolder {
  if (actor.kind === 'kiosk') {
    return {
      kind: 'kiosk',
      kioskId: actor.deviceId,
      visitId: actor.staff ? null : (actor.visit?.id ?? null),
    };
  }
  return { kind: 'resident', patientId: actor.id };
}

function holderOfEntry(entry: Pick<QueueEntryRow, 'patientId' | 'kioskId' | 'visitId'>): PlaceHolder {
  return entry.kioskId
    ? { kind: 'kiosk', kioskId: entry.kioskId, visitId: entry.visitId }
    : { kind: 'resident', patientId: entry.patientId };
}

/** Where a holder hears of its place: the push channel publishes by actor id (a kiosk's is its device id). */
function recipientOf(holder: PlaceHolder): string {
  return holder.kind === 'kiosk' ? holder.kioskId : holder.patientId;
}

/** The holder's entries: a TV's are its resident's own requests (not those a kiosk made). */
function heldBy(eb: ExpressionBuilder<Database, 'queueEntries'>, holder: PlaceHolder) {
  if (holder.kind === 'kiosk') {
    return eb.and([
      eb('queueEntries.kioskId', '=', holder.kioskId),
      holder.visitId === null
        ? eb('queueEntries.visitId', 'is', null)
        : eb('queueEntries.visitId', '=', holder.visitId),
    ]);
  }
  return eb.and([
    eb('queueEntries.patientId', '=', holder.patientId),
    eb('queueEntries.kioskId', 'is', null),
  ]);
}

const kioskBusy = () =>
  new ApiError(
    409,
    'conflict',
    'This kiosk is already waiting for a doctor for another resident: leave that place or finish that consultation first.',
  );
const residentBusy = () =>
  new ApiError(
    409,
    'conflict',
    'This resident is already waiting for a doctor elsewhere (on their own TV or at another kiosk).',
  );

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

  /**
   * The resident (or a care-home kiosk for one of its residents) asks for a doctor; asking again
   * while waiting keeps the place (and can make it urgent). One open place per resident and one per
   * kiosk: a kiosk already waiting for someone else, or a resident already waiting elsewhere, is a 409.
   */
  async join(
    patientId: string,
    request: QueueRequest,
    kiosk: KioskRequest | null = null,
  ): Promise<{ place: QueuePlace; created: boolean }> {
    const now = this.now().toISOString();
    const holder: PlaceHolder = kiosk
      ? { kind: 'kiosk', kioskId: kiosk.kioskId, visitId: kiosk.visitId }
      : { kind: 'resident', patientId };
    const held = await this.openEntryOf(holder);
    if (held && held.patientId !== patientId) throw kioskBusy();
    const open = held ?? (await this.openEntryOfPatient(patientId));
    if (open && open.kioskId !== (kiosk?.kioskId ?? null)) throw residentBusy();
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
      return { place: await this.requirePlace(holder), created: false };
    }
    const familyDoctor = await this.db
      .selectFrom('patients')
      .select('familyDoctorId')
      .where('userId', '=', patientId)
      .executeTakeFirstOrThrow();
    // An urgent call goes to whoever is on duty: the family doctor may be out on rounds.
    const doctorChoice = request.urgency === 'urgent' ? 'on-duty' : request.doctor;
    try {
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
          kioskId: kiosk?.kioskId ?? null,
          staffId: kiosk?.staffId ?? null,
          visitId: kiosk?.visitId ?? null,
        })
        .execute();
    } catch (error) {
      // Two requests at once: the unique indexes let only one place per resident and per kiosk in.
      // The same holder asking twice at once (a double tap) gets the one place that went in.
      if (!/UNIQUE/i.test(String(error))) throw error;
      const won = await this.openEntryOf(holder);
      if (won?.patientId === patientId) return { place: await this.requirePlace(holder), created: false };
      throw kiosk ? kioskBusy() : residentBusy();
    }
    await this.changed(patientId, request.urgency === 'urgent');
    return { place: await this.requirePlace(holder), created: true };
  }

  /** The holder's place while waiting, or just admitted (with the consultation to join). */
  async placeOf(holder: PlaceHolder, endedEntryId?: string): Promise<QueuePlace | null> {
    const entry =
      (await this.openEntryOf(holder)) ??
      (await this.db
        .selectFrom('queueEntries')
        .selectAll()
        .where((eb) => heldBy(eb, holder))
        .where('status', '=', 'admitted')
        .where('consultationId', 'in', (eb) =>
          eb.selectFrom('consultations').select('id').where('status', 'in', ['active', 'scheduled']),
        )
        .orderBy('createdAt', 'desc')
        .executeTakeFirst()) ??
      // A place that has just ended (expired, left), so its holder is told how, not only that it
      // is gone: a TV back after longer than a place is kept says so in words (issue 18 §6).
      (endedEntryId
        ? await this.db
            .selectFrom('queueEntries')
            .selectAll()
            .where('id', '=', endedEntryId)
            .where('status', 'in', ['expired', 'left'])
            .executeTakeFirst()
        : undefined);
    if (!entry) return null;
    const ahead =
      entry.status === 'waiting'
        ? (await this.competitors(entry)).filter((e) => comesBefore(e, entry)).length
        : 0;
    const patient = await this.db
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('id', '=', entry.patientId)
      .executeTakeFirstOrThrow();
    return {
      id: entry.id,
      status: entry.status,
      urgency: entry.urgency,
      doctor: entry.doctorChoice,
      position: ahead + 1,
      estimatedWaitMinutes: ahead * TYPICAL_CONSULTATION_MINUTES,
      consultationId: entry.consultationId,
      createdAt: entry.createdAt,
      patient,
    };
  }

  private async requirePlace(holder: PlaceHolder): Promise<QueuePlace> {
    const place = await this.placeOf(holder);
    if (!place) throw new Error(`no place for ${recipientOf(holder)} right after joining`);
    return place;
  }

  async heartbeat(holder: PlaceHolder): Promise<QueuePlace | null> {
    await this.db
      .updateTable('queueEntries')
      .set({ heartbeatAt: this.now().toISOString() })
      .where((eb) => heldBy(eb, holder))
      .where('status', '=', 'waiting')
      .execute();
    return this.placeOf(holder);
  }

  /** The holder leaves the waiting room; false when it was not in it. */
  async leave(holder: PlaceHolder): Promise<boolean> {
    const entry = await this.openEntryOf(holder);
    if (!entry) return false;
    const result = await this.db
      .updateTable('queueEntries')
      .set({ status: 'left', closedAt: this.now().toISOString() })
      .where('id', '=', entry.id)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.changed(entry.patientId, false);
    return true;
  }

  /** Waiting entries a doctor may see: their area's patients who asked for them or for anyone on duty. */
  async listFor(doctorId: string, visiblePatientIds: string[]): Promise<QueueEntry[]> {
    if (visiblePatientIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('queueEntries')
      .innerJoin('patients', 'patients.userId', 'queueEntries.patientId')
      .innerJoin('users as patient', 'patient.id', 'queueEntries.patientId')
      .leftJoin('devices as kiosk', 'kiosk.id', 'queueEntries.kioskId')
      .leftJoin('organisations as careHome', 'careHome.id', 'kiosk.careHomeId')
      .leftJoin('users as staff', 'staff.id', 'queueEntries.staffId')
      .selectAll('queueEntries')
      .select([
        'patient.displayName',
        'patients.birthDate',
        'patients.sex',
        'patients.address',
        'patients.conditions',
      ])
      .select(['careHome.name as careHomeName', 'staff.displayName as staffName'])
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
    // Each waiting resident's latest readings and colour: a red one is flagged in every queue.
    const readings = await readingStates(
      this.db,
      rows.map((r) => ({ id: r.patientId, conditions: JSON.parse(r.conditions) as string[] })),
      today.getTime(),
    );
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
        latestReadings: readings.get(row.patientId)?.latestReadings ?? [],
        colour: readings.get(row.patientId)?.colour ?? null,
        waitingSince: row.createdAt,
        kiosk: row.kioskId
          ? {
              deviceId: row.kioskId,
              careHomeName: row.careHomeName ?? '',
              staff: row.staffId ? { id: row.staffId, displayName: row.staffName ?? '' } : null,
            }
          : null,
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

  /**
   * Places whose TV has not been heard from for too long are given up, and so are those of a kiosk
   * visit that is over (run out: nobody ended it, so nobody withdrew its place).
   */
  async expireStale(): Promise<number> {
    const now = this.now().toISOString();
    const cutoff = new Date(this.now().getTime() - PLACE_KEPT_WITHOUT_HEARTBEAT_MS).toISOString();
    const stale = await this.db
      .selectFrom('queueEntries')
      .leftJoin('kioskVisits', 'kioskVisits.id', 'queueEntries.visitId')
      .select(['queueEntries.id', 'queueEntries.patientId'])
      .where('queueEntries.status', '=', 'waiting')
      .where((eb) =>
        eb.or([
          eb('queueEntries.heartbeatAt', '<', cutoff),
          eb('kioskVisits.endedAt', 'is not', null),
          eb('kioskVisits.expiresAt', '<=', now),
        ]),
      )
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
   * After any change in a patient's area: every waiting resident there gets their new place (on
   * the kiosk that asked for them, or on their own TV), and the area's doctors a nudge to refresh
   * (with an alert when it is urgent).
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
      .select(['patientId', 'kioskId', 'visitId'])
      .where('status', '=', 'waiting')
      .where(areaCentreOfPatient, '=', centre?.centre ?? '')
      .execute();
    // The one whose place just changed (admitted, left, expired): their latest entry says where.
    const latest = await this.db
      .selectFrom('queueEntries')
      .select(['id', 'patientId', 'kioskId', 'visitId'])
      .where('patientId', '=', patientId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const holders = new Map<string, { holder: PlaceHolder; endedEntryId?: string }>();
    for (const entry of waiting) {
      const holder = holderOfEntry(entry);
      holders.set(`${holder.kind}:${recipientOf(holder)}`, { holder });
    }
    if (latest) {
      const holder = holderOfEntry(latest);
      holders.set(`${holder.kind}:${recipientOf(holder)}`, { holder, endedEntryId: latest.id });
    }
    for (const { holder, endedEntryId } of holders.values()) {
      const place = await this.placeOf(holder, endedEntryId);
      await this.push.publish([recipientOf(holder)], { type: 'queue', place });
    }
    await this.push.publish(doctors, { type: 'queue-changed', urgent });
  }

  /** The holder's waiting entry. */
  private openEntryOf(holder: PlaceHolder): Promise<QueueEntryRow | undefined> {
    return this.db
      .selectFrom('queueEntries')
      .selectAll()
      .where((eb) => heldBy(eb, holder))
      .where('status', '=', 'waiting')
      .executeTakeFirst();
  }

  /** The patient's waiting entry, whoever asked (their TV or a kiosk). */
  private openEntryOfPatient(patientId: string): Promise<QueueEntryRow | undefined> {
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

/** 东河镇柳树村三组12号 → 柳树村: the village, which a doctor recognises at a glance. */
function villageOf(address: string): string {
  return /([^镇乡]+村)/.exec(address)?.[1] ?? address;
}
