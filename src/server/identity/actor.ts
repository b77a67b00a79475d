import type { Role } from '../../shared/roles.js';
import type { UserWithOrganisation } from '../directory/users.js';

export interface SessionRef {
  idHash: string;
  csrfToken: string;
  /** When it ends by itself (expiry, idling, a kiosk's staff idle sign-out), as epoch ms. */
  endsAt: number;
}

/**
 * Who is asking. Every route gets one of these from the session cookie (identity/middleware.ts)
 * and hands it to access/policy.ts; nothing else decides what it may see.
 */
export type Actor =
  | {
      kind: 'clinician';
      role: Exclude<Role, 'resident' | 'kiosk'>;
      id: string;
      user: UserWithOrganisation;
      session: SessionRef;
    }
  /** A TV paired to a resident: it acts as that resident. */
  | {
      kind: 'tv';
      role: 'resident';
      id: string;
      user: UserWithOrganisation;
      deviceId: string;
      /** Who approved this device's pairing (recorded with everything it does). */
      devicePairedBy: string;
      session: SessionRef;
    }
  /** A care-home kiosk; `staff` is set while a staff member is signed in with their PIN. */
  | {
      kind: 'kiosk';
      role: 'kiosk';
      id: string;
      deviceId: string;
      careHomeId: string;
      careHomeName: string;
      devicePairedBy: string;
      staff: UserWithOrganisation | null;
      /**
       * A self-service visit live on this session (a resident identified at a health station,
       * readings/visits.ts): without staff, the kiosk may act for that resident only.
       */
      visit: LiveVisit | null;
      session: SessionRef;
    };

/** A kiosk session's live self-service visit: which resident, until when (epoch ms). */
export interface LiveVisit {
  id: string;
  patientId: string;
  expiresAt: number;
}
