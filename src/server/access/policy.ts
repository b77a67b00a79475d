/**
 * Access is one module: the role table (what a role may do at all, roles.ts) and the object rules
 * of each feature (which patients, consultations, devices, orders, readings), re-exported here so
 * routes import access from one place. Another's object answers 404 exactly like a missing one.
 */
export * from './roles.js';
export * from './patients.js';
export * from './consultations.js';
export * from './devices.js';
export * from './pharmacy.js';
export * from './readings.js';
export * from './cards.js';
