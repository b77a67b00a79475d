import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from '../../identity/migration-0002.js';
import * as m0003 from '../../consultations/migration-0003.js';
import * as m0004 from '../../consultations/migration-0004.js';
import * as m0005 from './0005-access-ends.js';
import * as m0008 from '../../pharmacy/migration-0008.js';
import * as m0009 from '../../schedule/migration-0009.js';
import * as m0007 from '../../readings/migration-0007.js';
import * as m0010 from '../../readings/migration-0010.js';
import * as m0011 from '../../identity/migration-0011.js';
import * as m0012 from '../../readings/migration-0012.js';
import * as m0013 from '../../access/migration-0013.js';

/** Versioned migrations, applied in name order on start. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-identity': m0002,
  '0003-consultations': m0003,
  '0004-kiosk-consultations': m0004,
  '0005-access-ends': m0005,
  '0008-pharmacy': m0008,
  '0009-schedule': m0009,
  '0007-readings': m0007,
  '0010-reading-series': m0010,
  '0011-resident-cards': m0011,
  '0012-visit-channels': m0012,
  '0013-kiosk-staff-shifts': m0013,
};
