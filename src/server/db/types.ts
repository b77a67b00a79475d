import type { Kysely } from 'kysely';
import type { AuditTables } from '../access/tables.js';
import type { ConsultationTables } from '../consultations/tables.js';
import type { DirectoryTables } from '../directory/tables.js';
import type { IdentityTables } from '../identity/tables.js';
import type { LiveKitTables } from '../livekit/tables.js';
import type { PharmacyTables } from '../pharmacy/tables.js';
import type { ReadingTables } from '../readings/tables.js';
import type { ScheduleTables } from '../schedule/tables.js';

/**
 * Every table, as each feature declares its own. This file imports table types only (and they
 * import nothing of ours but shared enums), so any module may import `Db` without a cycle.
 */
export type Database = DirectoryTables &
  ConsultationTables &
  LiveKitTables &
  IdentityTables &
  AuditTables &
  PharmacyTables &
  ScheduleTables &
  ReadingTables;
export type Db = Kysely<Database>;
