/** Who a user is in the county model. Access rules per role live in src/server/access. */
/** nurse: the family-doctor team's nurse (home visits, 上门护理); signs in at the console. */
export const ROLES = ['resident', 'kiosk', 'doctor', 'nurse', 'specialist', 'pharmacist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work at a desktop browser in the clinician console. */
export const CLINICIAN_ROLES: readonly Role[] = ['doctor', 'nurse', 'specialist', 'pharmacist', 'admin'];

/**
 * A staff member signed in on a shared care-home kiosk is signed out after this long without
 * activity: by the API (its session) and by the kiosk itself (its screen), so residents' data does
 * not stay on a screen nobody watches.
 */
export const STAFF_IDLE_MS = 15 * 60 * 1000;
