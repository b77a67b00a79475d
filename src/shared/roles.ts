/** Who a user is in the county model. Access rules per role live in src/server/access. */
export const ROLES = ['resident', 'kiosk', 'doctor', 'specialist', 'pharmacist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work at a desktop browser in the clinician console. */
export const CLINICIAN_ROLES: readonly Role[] = ['doctor', 'specialist', 'pharmacist', 'admin'];
