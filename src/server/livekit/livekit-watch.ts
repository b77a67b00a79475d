import type { Db } from '../db/types.js';
import { OPEN_CONSULTATION_STATUSES } from '../consultations/tables.js';
import type { Logger } from '../logger.js';
import { CallRooms } from './call-rooms.js';
import type { LiveKitService } from './livekit-service.js';

/** How often LiveKit is asked whether it answers, once it has. */
const WATCH_EVERY_MS = 1000;
const FIRST_RETRY_MS = 250;
const ANSWER_WITHIN_MS = 2000;

/**
 * Keeps asking LiveKit whether it answers, from the API's start (issue 18 §5: the API does not
 * fail for want of it; /healthz says 503 and calls wait) and for as long as it runs, saying in the
 * log when it stops and starts answering. A LiveKit restarted (an update, a crash) has forgotten
 * every room, and rooms exist only when the API makes them (`auto_create: false`): the rooms of
 * calls still open that it held before are made again at once, so the participants' clients,
 * which reconnect by themselves with the tokens they hold, find their room and carry on.
 */
export class LiveKitWatch {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** null until LiveKit first answers; then whether it answered last time. */
  private up: boolean | null = null;
  private downSince = Date.now();
  private attempts = 0;
  /** The rooms at the last answer, with how many were in each. */
  private knownRooms = new Map<string, number>();
  private readonly rooms: CallRooms;

  constructor(
    private readonly livekit: LiveKitService,
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly url: string,
  ) {
    this.rooms = new CallRooms(livekit, logger);
  }

  start(): void {
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async check(): Promise<void> {
    const rooms = await this.listRooms();
    if (this.stopped) return;
    if (rooms) await this.answered(rooms);
    else this.silent();
    if (this.stopped) return;
    const wait = this.up ? WATCH_EVERY_MS : Math.min(FIRST_RETRY_MS * 2 ** this.attempts, WATCH_EVERY_MS);
    this.timer = setTimeout(() => void this.check(), wait);
    this.timer.unref();
  }

  private async answered(rooms: Map<string, number>): Promise<void> {
    const seconds = Math.round((Date.now() - this.downSince) / 100) / 10;
    if (this.up === null) {
      this.logger.info({ livekit: this.url, seconds }, 'LiveKit answers: calls can start');
    } else if (!this.up) {
      const reopened = await this.reopen([...this.knownRooms.keys()], rooms);
      this.logger.warn(
        { livekit: this.url, seconds, reopened },
        `LiveKit answers again after ${seconds} s: ${reopened.length} call rooms made again; their calls reconnect`,
      );
    } else {
      // A restart quicker than one look: a room with people in it a second ago does not vanish
      // by itself (LiveKit keeps an emptied room 20 s, departure_timeout), so LiveKit lost it.
      this.downSince = Date.now();
      const occupied = [...this.knownRooms].filter(([, people]) => people > 0).map(([name]) => name);
      const reopened = await this.reopen(occupied, rooms);
      if (reopened.length)
        this.logger.warn(
          { livekit: this.url, reopened },
          `LiveKit lost ${reopened.length} call rooms with people in them (a restart): made again; their calls reconnect`,
        );
    }
    this.up = true;
    this.attempts = 0;
    this.knownRooms = rooms;
  }

  private silent(): void {
    this.attempts++;
    if (this.up === null) {
      this.logger.warn(
        {
          livekit: this.url,
          attempt: this.attempts,
          seconds: Math.round((Date.now() - this.downSince) / 1000),
        },
        'waiting for LiveKit: it does not answer yet, so calls cannot start; everything else works',
      );
      return;
    }
    if (this.up) {
      this.downSince = Date.now();
      this.logger.error(
        { livekit: this.url, callRooms: this.knownRooms.size },
        'LiveKit stopped answering: calls under way are reconnecting, new calls cannot start',
      );
    }
    this.up = false;
  }

  /** The rooms LiveKit held before it went, of consultations still open: made again. */
  private async reopen(candidates: string[], present: Map<string, number>): Promise<string[]> {
    const missing = candidates.filter((name) => !present.has(name));
    if (missing.length === 0) return [];
    const open = await this.db
      .selectFrom('consultations')
      .select('roomName')
      .where('roomName', 'in', missing)
      .where('status', 'in', OPEN_CONSULTATION_STATUSES)
      .execute();
    // Nobody was in those rooms after LiveKit went (its participant_left never came): the call
    // record ends their times there when it stopped answering; the rejoins start new ones.
    const wentAt = new Date(this.downSince).toISOString();
    await this.db
      .updateTable('callParticipants')
      .set({ leftAt: wentAt })
      .where('leftAt', 'is', null)
      .where('joinedAt', '<=', wentAt)
      .where('consultationId', 'in', (eb) =>
        eb.selectFrom('consultations').select('id').where('roomName', 'in', missing),
      )
      .execute();
    const reopened: string[] = [];
    for (const { roomName } of open) {
      try {
        await this.rooms.open(roomName);
        reopened.push(roomName);
      } catch (error) {
        this.logger.error({ err: error, roomName }, 'a call room could not be made again');
      }
    }
    return reopened;
  }

  private async listRooms(): Promise<Map<string, number> | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ANSWER_WITHIN_MS);
    });
    try {
      return await Promise.race([
        this.livekit.rooms
          .listRooms()
          .then((rooms) => new Map(rooms.map((room) => [room.name, room.numParticipants]))),
        timeout,
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
