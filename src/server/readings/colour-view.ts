/**
 * The doctor's colour view (分色管理) and the latest readings a queue entry shows: each resident's
 * newest reading per measure and their rolling colour (src/shared/readings/rolling.ts).
 */
import { residentColour, type ResidentColour } from '../../shared/readings/rolling.js';
import type { ColourViewEntry, LatestReading, Reading } from '../../shared/readings/schemas.js';
import type { Db } from '../db/types.js';
import { activeReadingsOf } from './readings.js';

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The latest readings look back further than the colour's window: a resident silent for a month still shows their last one. */
const LATEST_LOOKBACK_MS = 90 * 24 * 60 * 60 * 1000;

function latestPerMeasure(readings: readonly Reading[]): LatestReading[] {
  const seen = new Map<string, LatestReading>();
  for (const r of readings) {
    // Newest first: the first of each measure is its latest.
    if (seen.has(r.values.measure)) continue;
    seen.set(r.values.measure, {
      id: r.id,
      values: r.values,
      takenAt: r.takenAt,
      colour: r.colour,
      messageKey: r.messageKey,
    });
  }
  return [...seen.values()];
}

export interface ResidentReadingState {
  colour: ResidentColour;
  latestReadings: LatestReading[];
}

/** Colour and latest readings for each of these patients (conditions as stored, JSON arrays). */
export async function readingStates(
  db: Db,
  patients: readonly { id: string; conditions: readonly string[] }[],
  now = Date.now(),
): Promise<Map<string, ResidentReadingState>> {
  const readings = await activeReadingsOf(
    db,
    patients.map((p) => p.id),
    new Date(now - LATEST_LOOKBACK_MS).toISOString(),
  );
  const byPatient = new Map<string, Reading[]>();
  for (const r of readings) {
    const list = byPatient.get(r.patientId) ?? [];
    list.push(r);
    byPatient.set(r.patientId, list);
  }
  const states = new Map<string, ResidentReadingState>();
  for (const p of patients) {
    const own = byPatient.get(p.id) ?? [];
    const recent = own.filter((r) => Date.parse(r.takenAt) >= now - WINDOW_MS);
    states.set(p.id, {
      colour: residentColour(recent, p.conditions, now),
      latestReadings: latestPerMeasure(own),
    });
  }
  return states;
}

const RANK = { red: 0, yellow: 1, green: 2 } as const;

/** Residents of the given ids, red first, then yellow, then green; by name within a colour. */
export async function colourView(
  db: Db,
  patientIds: readonly string[],
  filter: { colour?: 'green' | 'yellow' | 'red'; condition?: string },
  now = Date.now(),
): Promise<ColourViewEntry[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('patients')
    .innerJoin('users', 'users.id', 'patients.userId')
    .select(['users.id', 'users.displayName', 'patients.conditions'])
    .where('patients.userId', 'in', patientIds)
    .execute();
  const patients = rows.map((r) => ({
    id: r.id,
    displayName: r.displayName,
    conditions: JSON.parse(r.conditions) as string[],
  }));
  const wanted = patients.filter((p) => !filter.condition || p.conditions.includes(filter.condition));
  const states = await readingStates(db, wanted, now);
  return wanted
    .map((p) => {
      const state = states.get(p.id) as ResidentReadingState;
      return { patient: p, colour: state.colour, latestReadings: state.latestReadings };
    })
    .filter((entry) => !filter.colour || entry.colour.colour === filter.colour)
    .sort(
      (a, b) =>
        RANK[a.colour.colour] - RANK[b.colour.colour] ||
        a.patient.displayName.localeCompare(b.patient.displayName, 'zh-CN'),
    );
}
