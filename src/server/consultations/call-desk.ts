import { randomUUID } from 'node:crypto';
import type {
  ConsultationDetail,
  ConsultationSummaryNote,
  Invitation,
  PushEvent,
} from '../../shared/consultations/schemas.js';
import type { Db } from '../db/types.js';
import { areaDoctorsOf } from '../directory/area.js';
import { ApiError } from '../http/errors.js';
import { RESIDENT_CALL_PERMISSION } from '../livekit/grants.js';
import { CallRooms } from '../livekit/call-rooms.js';
import type { LiveKitService } from '../livekit/livekit-service.js';
import type { Logger } from '../logger.js';
import type { PushHub } from '../push/push-hub.js';
import { participantIdentity } from '../../shared/consultations/participant.js';
import { recordJoined } from './call-record.js';
import {
  clinicianOf,
  consultationDetail,
  createConsultation,
  findConsultation,
  type Consultation,
} from './consultations.js';
import { residentSideOf } from './kiosk-origin.js';
import type { WaitingRoom } from './queue.js';
import { OPEN_CONSULTATION_STATUSES, type InvitationTable } from './tables.js';

/** A ring nobody answers stops after this long and counts as missed. */
export const RING_TIMEOUT_MS = 60_000;
/** A trusted auto-answer device connects after this visible countdown unless Back is pressed. */
export const AUTO_ANSWER_SECONDS = 10;

const notFound = () => new ApiError(404, 'not_found', 'No such consultation for this user.');

/**
 * The life of a call, from the doctor's side and the resident's: admitting from the queue,
 * ringing a TV (follow-up), answering, inviting a specialist, ending with a summary. Every step
 * is stored first and then pushed to the people it concerns. Access checks happen in the routes
 * (access/policy.ts); this class checks that the step fits the consultation's state.
 */
export class CallDesk {
  constructor(
    private readonly db: Db,
    private readonly push: PushHub,
    private readonly waitingRoom: WaitingRoom,
    private readonly livekit: LiveKitService,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.rooms = new CallRooms(livekit, logger);
  }

  /** The call rooms in LiveKit: opened with the first token, closed when the call ends or never starts. */
  private readonly rooms: CallRooms;

  /** The doctor takes a waiting patient: a consultation opens and the waiting TV joins it. */
  async admit(doctorId: string, entryId: string): Promise<ConsultationDetail> {
    const entry = await this.waitingRoom.entry(entryId);
    if (!entry) throw new ApiError(404, 'not_found', 'No such queue entry.');
    if (entry.status !== 'waiting') throw new ApiError(409, 'conflict', 'This patient is no longer waiting.');
    const consultation = await createConsultation(this.db, {
      patientId: entry.patientId,
      doctorId,
      kind: entry.urgency === 'urgent' ? 'urgent' : 'request',
      status: 'active',
      reason: entry.reason,
    });
    if (!(await this.waitingRoom.admit(entryId, consultation.id))) {
      await this.db.deleteFrom('consultations').where('id', '=', consultation.id).execute();
      throw new ApiError(409, 'conflict', 'Another doctor admitted this patient first.');
    }
    await this.waitingRoom.changed(entry.patientId, false);
    return consultationDetail(this.db, consultation);
  }

  /**
   * A follow-up (随访): the doctor rings a patient who did not ask; the TV rings. The schedule
   * rings the same way at a booked video consultation's time (kind 'scheduled').
   */
  async ring(
    doctorId: string,
    patientId: string,
    reason: string,
    kind: 'follow-up' | 'scheduled' = 'follow-up',
  ): Promise<ConsultationDetail> {
    const busy = await this.db
      .selectFrom('consultations')
      .select('id')
      .where('patientId', '=', patientId)
      .where('status', 'in', ['ringing', 'active'])
      .executeTakeFirst();
    if (busy) throw new ApiError(409, 'conflict', 'The patient is already in a call or being called.');
    const consultation = await createConsultation(this.db, {
      patientId,
      doctorId,
      kind,
      status: 'ringing',
      reason,
    });
    await this.push.publish([patientId], await this.ringEvent(consultation));
    return consultationDetail(this.db, consultation);
  }

  /**
   * The ring a resident's screen should show now, if a doctor is calling: for a push stream that
   * has just opened, which would otherwise miss a ring sent a moment before it listened.
   */
  async currentRingFor(patientId: string): Promise<PushEvent | null> {
    const ringing = await this.db
      .selectFrom('consultations')
      .select('id')
      .where('patientId', '=', patientId)
      .where('status', '=', 'ringing')
      .executeTakeFirst();
    const consultation = ringing && (await findConsultation(this.db, ringing.id));
    return consultation ? this.ringEvent(consultation) : null;
  }

  /** The ring as stored and published: no auto-answer; each screen's stream decides its own (ringFor). */
  private async ringEvent(consultation: Consultation): Promise<PushEvent> {
    return {
      type: 'ring',
      consultationId: consultation.id,
      caller: await clinicianOf(this.db, consultation.doctorId),
      reason: consultation.reason,
      autoAnswerSeconds: null,
    };
  }

  /**
   * A ring as one screen receives it. Auto-answer is trusted per device, not per resident: only
   * the screen whose own setting is on answers by itself, and only when the caller is one of the
   * resident's care team (the doctors of their area, family doctor included: `areaDoctorsOf`),
   * never a doctor from elsewhere.
   */
  async ringFor(event: PushEvent, deviceId: string): Promise<PushEvent> {
    if (event.type !== 'ring') return event;
    const consultation = await findConsultation(this.db, event.consultationId);
    if (!consultation) return event;
    const trusted = await this.db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', deviceId)
      .where('residentId', '=', consultation.patientId)
      .where('revokedAt', 'is', null)
      .where('autoAnswer', '=', 1)
      .executeTakeFirst();
    const careTeam =
      trusted &&
      (await areaDoctorsOf(this.db, consultation.patientId)
        .where('users.id', '=', consultation.doctorId)
        .executeTakeFirst());
    return { ...event, autoAnswerSeconds: careTeam ? AUTO_ANSWER_SECONDS : null };
  }

  /**
   * The answered consultation, as stored now and as the API shows it. A TV that stood by in the
   * room while it rang (`standingBy`) gets its call grants there, before the doctor hears of the
   * answer; `standbyAdmitted` says whether it was found there (else it connects anew).
   */
  async answer(
    patientId: string,
    consultationId: string,
    standingBy = false,
    deviceId: string | null = null,
  ): Promise<{ consultation: Consultation; detail: ConsultationDetail; standbyAdmitted: boolean }> {
    const ringing = await this.ringingFor(patientId, consultationId);
    const consultation: Consultation = { ...ringing, status: 'active', answeredAt: this.now().toISOString() };
    await this.setStatus(ringing, 'active', { answeredAt: consultation.answeredAt });
    // Only the device that was given the standby may be admitted from it. Answered on another
    // screen: the standby there loses its rights and leaves before the answering one connects.
    const ownStandby = ringing.standbyDeviceId !== null && ringing.standbyDeviceId === deviceId;
    if (ringing.standbyDeviceId !== null && !ownStandby)
      await this.rooms.evict(consultation.roomName, participantIdentity(patientId, ringing.standbyDeviceId));
    const standbyAdmitted =
      standingBy && ownStandby && (await this.admitStandby(consultation, ringing.standbyDeviceId));
    await this.push.publish([consultation.doctorId], {
      type: 'ring-answered',
      consultationId,
      answered: true,
    });
    // The resident's other screens (a second TV in the bedroom) stop ringing.
    await this.push.publish([patientId], { type: 'ring-cancelled', consultationId, answeredElsewhere: true });
    return { consultation, detail: await consultationDetail(this.db, consultation), standbyAdmitted };
  }

  /** The resident's participant in the room, standing by: its call grants, visible to the others. */
  private async admitStandby(consultation: Consultation, deviceId: string | null): Promise<boolean> {
    try {
      const identity = participantIdentity(consultation.patientId, deviceId);
      await this.livekit.rooms.updateParticipant(consultation.roomName, identity, {
        permission: RESIDENT_CALL_PERMISSION,
      });
    } catch (error) {
      // Not there (it never connected, or left): the TV connects anew with the answer's token.
      this.logger.debug({ err: error, consultationId: consultation.id }, 'no standby to admit');
      return false;
    }
    await recordJoined(this.db, consultation.id, consultation.patientId, this.now());
    return true;
  }

  /**
   * A ring that ended unanswered (declined, missed, cancelled): the call never started, so a TV
   * standing by loses its rights and leaves, and the room is closed. Rooms are created only by the
   * API (LiveKit auto_create off), so the standby token, still valid for a few seconds, finds no
   * room to join nor to recreate.
   */
  private async dismissStandby(consultation: Consultation): Promise<void> {
    // Read again: the standby may have been claimed after the caller read the consultation.
    const stored = await findConsultation(this.db, consultation.id);
    const deviceId = stored?.standbyDeviceId ?? null;
    if (deviceId !== null)
      await this.rooms.evict(consultation.roomName, participantIdentity(consultation.patientId, deviceId));
    await this.rooms.close(consultation.roomName);
  }

  /**
   * LiveKit reported a participant joining: one standing by (hidden) in a room whose ring is over
   * came back with a standby token still valid (a ring answered on another screen leaves the room
   * open). It loses its rights and leaves at once. An admitted standby is visible by now: kept.
   */
  async refuseStaleStandby(roomName: string, identity: string): Promise<void> {
    const consultation = await this.db
      .selectFrom('consultations')
      .select('status')
      .where('roomName', '=', roomName)
      .executeTakeFirst();
    if (consultation?.status === 'ringing') return;
    const participant = await this.livekit.rooms.getParticipant(roomName, identity).catch(() => null);
    if (participant?.permission?.hidden) await this.rooms.evict(roomName, identity);
  }

  /**
   * The one standby of a ring: true for the first device that asks while it rings, false for any
   * later request (another screen, a replay), which then rings without standing by.
   */
  async claimStandby(consultation: Consultation, deviceId: string): Promise<boolean> {
    const claimed = await this.db
      .updateTable('consultations')
      .set({ standbyDeviceId: deviceId })
      .where('id', '=', consultation.id)
      .where('status', '=', 'ringing')
      .where('standbyDeviceId', 'is', null)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async decline(patientId: string, consultationId: string): Promise<void> {
    const consultation = await this.ringingFor(patientId, consultationId);
    await this.setStatus(consultation, 'declined', { endedAt: this.now().toISOString() });
    await this.dismissStandby(consultation);
    await this.push.publish([consultation.doctorId], {
      type: 'ring-answered',
      consultationId,
      answered: false,
    });
  }

  /** The doctor ends the call with a summary; it stays in the resident's record. */
  async end(consultation: Consultation, note: ConsultationSummaryNote): Promise<ConsultationDetail> {
    if (!OPEN_CONSULTATION_STATUSES.includes(consultation.status)) {
      throw new ApiError(409, 'conflict', 'This consultation has already ended.');
    }
    const wasRinging = consultation.status === 'ringing';
    const endedAt = this.now().toISOString();
    await this.setStatus(consultation, 'ended', {
      endedAt,
      summaryDiagnosis: note.diagnosis,
      summaryAdvice: note.advice,
    });
    const specialists = await this.db
      .selectFrom('invitations')
      .select('specialistId')
      .where('consultationId', '=', consultation.id)
      .where('status', '=', 'accepted')
      .execute();
    await this.db
      .updateTable('invitations')
      .set({ status: 'cancelled', answeredAt: endedAt })
      .where('consultationId', '=', consultation.id)
      .where('status', '=', 'pending')
      .execute();
    if (wasRinging)
      await this.push.publish([consultation.patientId], {
        type: 'ring-cancelled',
        consultationId: consultation.id,
        answeredElsewhere: false,
      });
    const summary = { diagnosis: note.diagnosis, advice: note.advice };
    // The resident's side: the kiosk that asked for the consultation, else the resident's TV.
    await this.push.publish(
      [
        await residentSideOf(this.db, consultation),
        consultation.doctorId,
        ...specialists.map((s) => s.specialistId),
      ],
      { type: 'ended', consultationId: consultation.id, summary },
    );
    await this.rooms.close(consultation.roomName);
    return consultationDetail(this.db, {
      ...consultation,
      status: 'ended',
      endedAt,
      summaryDiagnosis: summary.diagnosis,
      summaryAdvice: summary.advice,
    });
  }

  async invite(consultation: Consultation, specialistId: string): Promise<Invitation> {
    if (!OPEN_CONSULTATION_STATUSES.includes(consultation.status)) {
      throw new ApiError(409, 'conflict', 'This consultation has ended.');
    }
    const specialist = await this.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', specialistId)
      .where('role', '=', 'specialist')
      .executeTakeFirst();
    if (!specialist) throw new ApiError(404, 'not_found', 'No such specialist.');
    const open = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('consultationId', '=', consultation.id)
      .where('specialistId', '=', specialistId)
      .where('status', 'in', ['pending', 'accepted'])
      .executeTakeFirst();
    if (open) return this.invitation(open);
    const row: InvitationTable = {
      id: `inv-${randomUUID()}`,
      consultationId: consultation.id,
      specialistId,
      invitedBy: consultation.doctorId,
      status: 'pending',
      createdAt: this.now().toISOString(),
      answeredAt: null,
    };
    await this.db.insertInto('invitations').values(row).execute();
    const invitation = await this.invitation(row);
    await this.push.publish([specialistId], { type: 'invitation', invitation });
    return invitation;
  }

  async answerInvitation(specialistId: string, invitationId: string, accept: boolean): Promise<Invitation> {
    const row = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', invitationId)
      .where('specialistId', '=', specialistId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', 'No such invitation.');
    if (row.status !== 'pending')
      throw new ApiError(409, 'conflict', 'This invitation was already answered or withdrawn.');
    const status = accept ? 'accepted' : 'declined';
    const answeredAt = this.now().toISOString();
    await this.db
      .updateTable('invitations')
      .set({ status, answeredAt })
      .where('id', '=', invitationId)
      .execute();
    const invitation = await this.invitation({ ...row, status, answeredAt });
    await this.push.publish([row.invitedBy], { type: 'invitation-answered', invitation });
    return invitation;
  }

  /** Pending invitations of a specialist, newest first. */
  async invitationsFor(specialistId: string): Promise<Invitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('specialistId', '=', specialistId)
      .where('status', '=', 'pending')
      .orderBy('createdAt', 'desc')
      .execute();
    return Promise.all(rows.map((row) => this.invitation(row)));
  }

  /** Rings nobody answered stop; the doctor and the TV both hear of it. */
  async expireRings(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - RING_TIMEOUT_MS).toISOString();
    const stale = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('status', '=', 'ringing')
      .where('createdAt', '<', cutoff)
      .execute();
    for (const consultation of stale) await this.stopRinging(consultation);
    return stale.length;
  }

  /** The doctor hangs up before the resident answers: a missed call on the TV. */
  async cancelRing(consultation: Consultation): Promise<ConsultationDetail> {
    if (consultation.status !== 'ringing')
      throw new ApiError(409, 'conflict', 'This call is no longer ringing.');
    const endedAt = await this.stopRinging(consultation);
    return consultationDetail(this.db, { ...consultation, status: 'missed', endedAt });
  }

  private async stopRinging(consultation: Consultation): Promise<string> {
    const endedAt = this.now().toISOString();
    await this.setStatus(consultation, 'missed', { endedAt });
    await this.dismissStandby(consultation);
    await this.push.publish([consultation.patientId], {
      type: 'ring-cancelled',
      consultationId: consultation.id,
      answeredElsewhere: false,
    });
    await this.push.publish([consultation.doctorId], {
      type: 'ring-answered',
      consultationId: consultation.id,
      answered: false,
    });
    return endedAt;
  }

  private async ringingFor(patientId: string, consultationId: string): Promise<Consultation> {
    const consultation = await findConsultation(this.db, consultationId);
    if (!consultation || consultation.patientId !== patientId) throw notFound();
    if (consultation.status !== 'ringing')
      throw new ApiError(409, 'conflict', 'This call is no longer ringing.');
    return consultation;
  }

  private async setStatus(
    consultation: Consultation,
    status: Consultation['status'],
    extra: Partial<Pick<Consultation, 'answeredAt' | 'endedAt' | 'summaryDiagnosis' | 'summaryAdvice'>> = {},
  ): Promise<void> {
    await this.db
      .updateTable('consultations')
      .set({ status, ...extra })
      .where('id', '=', consultation.id)
      .where('status', '=', consultation.status)
      .execute();
  }

  private async invitation(row: InvitationTable): Promise<Invitation> {
    const consultation = await this.db
      .selectFrom('consultations')
      .innerJoin('users as patient', 'patient.id', 'consultations.patientId')
      .select(['consultations.reason', 'patient.id', 'patient.displayName'])
      .where('consultations.id', '=', row.consultationId)
      .executeTakeFirstOrThrow();
    const patient = { id: consultation.id, displayName: consultation.displayName };
    return {
      id: row.id,
      consultationId: row.consultationId,
      status: row.status,
      specialist: await clinicianOf(this.db, row.specialistId),
      invitedBy: await clinicianOf(this.db, row.invitedBy),
      patient,
      reason: consultation.reason,
      createdAt: row.createdAt,
    };
  }
}
