/**
 * The doctor's colour view (分色管理) kept live: when a reading of a resident is stored, corrected
 * or withdrawn, the doctors of the resident's area (those whose colour view shows them,
 * access/patients.ts visiblePatients) are told through the one push channel, and their console
 * reads the view again. Coalesced: readings come in bursts (a care home's morning round, a kiosk's
 * outbox after an outage, thousands a second at peak), so the residents noticed within
 * COLOUR_VIEW_PUSH_MS are gathered and each doctor gets one event for them; the POST itself only
 * adds an id to a set.
 */
import type { Db } from '../db/types.js';
import { areaDoctorsOf } from '../directory/area.js';
import type { PushHub } from '../push/push-hub.js';

/** How long a burst is gathered: live enough for a doctor watching (well under a second), one event per burst. */
export const COLOUR_VIEW_PUSH_MS = 300;
/** Patients per query (SQLite's bound parameters: 999 on old builds). */
const CHUNK = 500;

export class ColourViewNotifier {
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Db,
    private readonly push: Pick<PushHub, 'publish'>,
    private readonly delayMs = COLOUR_VIEW_PUSH_MS,
  ) {}

  /** A reading of this resident changed; their doctors hear of it within delayMs. */
  notice(patientId: string): void {
    this.pending.add(patientId);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A notice lost to an error is made good by the colour view's own minute refresh.
      this.flush().catch(() => undefined);
    }, this.delayMs);
    // Never what keeps a stopping API process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Tells the doctors of every resident noticed so far, one event each. */
  async flush(): Promise<void> {
    const patients = [...this.pending];
    this.pending.clear();
    const doctors = new Set<string>();
    for (let i = 0; i < patients.length; i += CHUNK) {
      const rows = await areaDoctorsOf(this.db, patients.slice(i, i + CHUNK)).execute();
      for (const row of rows) doctors.add(row.id);
    }
    if (doctors.size > 0) await this.push.publish([...doctors], { type: 'colour-view-changed' });
  }
}

const notifiers = new WeakMap<PushHub, ColourViewNotifier>();

/** The API's one notifier (one per push hub, so one per API process and per test stack). */
export function colourViewNotifier(deps: { db: Db; push: PushHub }): ColourViewNotifier {
  let notifier = notifiers.get(deps.push);
  if (!notifier) {
    notifier = new ColourViewNotifier(deps.db, deps.push);
    notifiers.set(deps.push, notifier);
  }
  return notifier;
}
