/** The readings feature's tables (migration 0007-readings). */

export interface ReadingTable {
  /** Made on the device that took it: a retry carries the same id. */
  id: string;
  patientId: string;
  measure: 'blood_pressure' | 'glucose' | 'spo2' | 'weight' | 'temperature';
  /** JSON of ReadingValues (src/shared/readings/schemas.ts): special values stay markers. */
  valuesJson: string;
  takenAt: string;
  receivedAt: string;
  source: 'device' | 'manual';
  setting: 'home' | 'office';
  /** JSON of ReadingDevice, or null for entry by hand. */
  deviceJson: string | null;
  /**
   * device | user | sequence number (or device time): a meter replaying stored records (RACP)
   * under new ids is still recognised. Null when the device gives neither.
   */
  naturalKey: string | null;
  consultationId: string | null;
  dangerSymptoms: number;
  colour: 'green' | 'yellow' | 'red' | null;
  messageKey: string | null;
  adviceKey: string | null;
  status: 'active' | 'corrected' | 'withdrawn';
  /** A correction names the reading it replaces; both stay in the history. */
  replacesId: string | null;
  /** Who entered it: the resident (TV), the staff member (kiosk), a visit's resident, a clinician. */
  authorId: string;
  /** Hash of what the author sent: the same id with another body is a conflict, not a retry. */
  bodyHash: string;
  changedAt: string | null;
  /** The kiosk protocol's series (migration 0010): its three parts and its result share this id. */
  seriesId: string | null;
  /** part: one of the three readings (kept, never counted); result: the mean of the last two. */
  seriesRole: 'part' | 'result' | null;
  /** A part's place in its series (1-3). */
  seriesIndex: number | null;
}

/** A self-service kiosk visit: one identified resident on one kiosk session, for a few minutes. */
export interface KioskVisitTable {
  id: string;
  /** The kiosk session (sessions.id_hash) the visit belongs to: nowhere else. */
  sessionIdHash: string;
  deviceId: string;
  patientId: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export interface ReadingTables {
  readings: ReadingTable;
  kioskVisits: KioskVisitTable;
}
