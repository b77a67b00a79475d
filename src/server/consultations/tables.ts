export type ConsultationStatus = 'scheduled' | 'waiting' | 'active' | 'ended';

export interface ConsultationTable {
  id: string;
  patientId: string;
  doctorId: string;
  status: ConsultationStatus;
  reason: string;
  /** The LiveKit room; only people the access rules admit get a token for it. */
  roomName: string;
  createdAt: string;
  endedAt: string | null;
}

export interface ConsultationTables {
  consultations: ConsultationTable;
}
