import type { Generated } from 'kysely';

export type ConsultationKind = 'scheduled' | 'request' | 'urgent' | 'follow-up';
export type ConsultationStatus = 'scheduled' | 'ringing' | 'active' | 'ended' | 'declined' | 'missed';
/** Not over yet: booked, ringing the TV, or in the call. The others (ended, declined, missed) are final. */
export const OPEN_CONSULTATION_STATUSES: readonly ConsultationStatus[] = ['scheduled', 'ringing', 'active'];

export interface ConsultationTable {
  id: string;
  patientId: string;
  doctorId: string;
  kind: ConsultationKind;
  status: ConsultationStatus;
  reason: string;
  /** The LiveKit room; only people the access rules admit get a token for it. */
  roomName: string;
  /** The one device given a standby token for this ring (a standby is issued once per ring). */
  standbyDeviceId: string | null;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  summaryDiagnosis: string | null;
  summaryAdvice: string | null;
}

export type QueueEntryStatus = 'waiting' | 'admitted' | 'left' | 'expired';

/** A resident's place in the waiting room. Server-side, so it survives a reload or a power cut. */
export interface QueueEntryTable {
  id: string;
  patientId: string;
  doctorChoice: 'family' | 'on-duty';
  /** The family doctor asked for; null: any doctor of the area. */
  doctorId: string | null;
  urgency: 'routine' | 'urgent';
  reason: string;
  status: QueueEntryStatus;
  createdAt: string;
  /** The TV says it is still there; without one for a while the place expires. */
  heartbeatAt: string;
  closedAt: string | null;
  consultationId: string | null;
  /** The care-home kiosk that asked (its device id), which then holds the place; null: the resident's own TV. */
  kioskId: string | null;
  /** The staff member signed in on that kiosk who asked. */
  staffId: string | null;
  /** The self-service visit it was asked in (migration 0012); null: a nurse or the resident's TV asked. */
  visitId: string | null;
}

export interface InvitationTable {
  id: string;
  consultationId: string;
  specialistId: string;
  invitedBy: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  createdAt: string;
  answeredAt: string | null;
}

/** Who was in each call and when, from LiveKit's signed webhooks. */
export interface CallParticipantTable {
  consultationId: string;
  userId: string;
  joinedAt: string;
  leftAt: string | null;
}

export interface PushEventTable {
  id: Generated<number>;
  recipientId: string;
  payload: string;
  createdAt: string;
}

export interface ConsultationTables {
  consultations: ConsultationTable;
  queueEntries: QueueEntryTable;
  invitations: InvitationTable;
  callParticipants: CallParticipantTable;
  pushEvents: PushEventTable;
}
