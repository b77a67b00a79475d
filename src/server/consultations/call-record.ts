import { sql } from 'kysely';
import type { Db } from '../db/types.js';

/**
 * The call record: who was in each consultation's call and when (user ids: the person of a participant
 * identity, shared/consultations/participant.ts), one row per time in the room. LiveKit's webhooks write it (livekit/webhook-routes.ts); so does answering, for a TV
 * that stood by in the room (no webhook says when it came out of hiding).
 *
 * Webhooks come in any order (LiveKit sends each from its own goroutine and retries failures
 * later: a participant_left can arrive before its participant_joined, a room_finished before the
 * last participant_left), so every rule goes by the times the events carry, never by arrival:
 * a time in the room is known by its participant's `joinedAt` (the same in its joined and its
 * left event), a leave keeps the earliest time reported, and a room that finished ends every
 * time in it that began before.
 */

/** One time in the room as an event reports it: when it began (if the event says) and the event's moment. */
export interface ParticipantMoment {
  consultationId: string;
  userId: string;
  /** The participant's own joinedAt, when LiveKit sent it: it names this time in the room. */
  joinedAt: Date | null;
  /** When the event happened (its createdAt). */
  at: Date;
}

export async function recordJoined(db: Db, consultationId: string, userId: string, at: Date): Promise<void> {
  await recordJoin(db, { consultationId, userId, joinedAt: null, at });
}

/** A participant_joined (or an answer): opens a time in the room unless it is already recorded. */
export async function recordJoin(db: Db, moment: ParticipantMoment): Promise<void> {
  const joinedAt = (moment.joinedAt ?? moment.at).toISOString();
  await db.transaction().execute(async (trx) => {
    const rows = trx
      .selectFrom('callParticipants')
      .select(['joinedAt', 'leftAt'])
      .where('consultationId', '=', moment.consultationId)
      .where('userId', '=', moment.userId);
    // Already recorded: by its own left event that came first, or a repeat.
    if (await rows.where('joinedAt', '=', joinedAt).executeTakeFirst()) return;
    // Its left event came first without saying when it began (joinedAt = leftAt marks that): this
    // join is its beginning.
    const leftFirst = await rows
      .where('leftAt', '>=', joinedAt)
      .whereRef('leftAt', '=', 'joinedAt')
      .orderBy('joinedAt')
      .executeTakeFirst();
    if (leftFirst) {
      await trx
        .updateTable('callParticipants')
        .set({ joinedAt })
        .where('consultationId', '=', moment.consultationId)
        .where('userId', '=', moment.userId)
        .where('joinedAt', '=', leftFirst.joinedAt)
        .execute();
      return;
    }
    // The room may have finished already (its room_finished came first): then this time ended there.
    const finished = await trx
      .selectFrom('livekitEvents')
      .innerJoin('consultations', 'consultations.roomName', 'livekitEvents.roomName')
      .select('livekitEvents.occurredAt')
      .where('consultations.id', '=', moment.consultationId)
      .where('livekitEvents.event', '=', 'room_finished')
      // Event times are whole seconds: a finish in the same second as the join counts.
      .where('livekitEvents.occurredAt', '>=', wholeSecond(joinedAt))
      .orderBy('livekitEvents.occurredAt')
      .executeTakeFirst();
    await trx
      .insertInto('callParticipants')
      .values({
        consultationId: moment.consultationId,
        userId: moment.userId,
        joinedAt,
        leftAt: finished ? latest(finished.occurredAt, joinedAt) : null,
      })
      .execute();
  });
}

/** The person's open time in the room ends now (no event says when it began: evicted, hung up). */
export async function recordLeft(db: Db, consultationId: string, userId: string, at: Date): Promise<void> {
  await recordLeave(db, { consultationId, userId, joinedAt: null, at }, true);
}

/**
 * A participant_left: ends its time in the room at the event's moment, or earlier if a
 * room_finished already ended it earlier. `visible`: a hidden participant (a TV standing by) that
 * left before it was ever shown is not in the record, so nothing is written for it.
 */
export async function recordLeave(db: Db, moment: ParticipantMoment, visible: boolean): Promise<void> {
  const leftAt = moment.at.toISOString();
  await db.transaction().execute(async (trx) => {
    if (moment.joinedAt) {
      const joinedAt = moment.joinedAt.toISOString();
      const updated = await trx
        .updateTable('callParticipants')
        .set({ leftAt })
        .where('consultationId', '=', moment.consultationId)
        .where('userId', '=', moment.userId)
        .where('joinedAt', '=', joinedAt)
        .where((eb) => eb.or([eb('leftAt', 'is', null), eb('leftAt', '>', leftAt)]))
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) return;
      const known = await trx
        .selectFrom('callParticipants')
        .select('joinedAt')
        .where('consultationId', '=', moment.consultationId)
        .where('userId', '=', moment.userId)
        .where('joinedAt', '=', joinedAt)
        .executeTakeFirst();
      if (known) return;
    }
    // Not known by its beginning (the event did not say, or answering recorded it at the
    // answer's moment): the open times that began by then end now.
    const closed = await trx
      .updateTable('callParticipants')
      .set({ leftAt })
      .where('consultationId', '=', moment.consultationId)
      .where('userId', '=', moment.userId)
      .where('leftAt', 'is', null)
      .where('joinedAt', '<=', leftAt)
      .executeTakeFirst();
    if (closed.numUpdatedRows > 0n || !visible) return;
    // The leave came before its join: recorded now, the join completes it. Without a joinedAt
    // it begins at the leave (joinedAt = leftAt), which the join recognises and moves back.
    await trx
      .insertInto('callParticipants')
      .values({
        consultationId: moment.consultationId,
        userId: moment.userId,
        joinedAt: (moment.joinedAt ?? moment.at).toISOString(),
        leftAt,
      })
      .execute();
  });
}

/** A room_finished: every time in the room still open that began by then ended then. */
export async function recordRoomFinished(db: Db, consultationId: string, at: Date): Promise<void> {
  const leftAt = at.toISOString();
  await db
    .updateTable('callParticipants')
    // Never before its own beginning (a join in the finish's second, with milliseconds).
    .set({
      leftAt: sql<string>`case when ${sql.ref('joinedAt')} > ${leftAt} then ${sql.ref('joinedAt')} else ${leftAt} end`,
    })
    .where('consultationId', '=', consultationId)
    .where('leftAt', 'is', null)
    // Whole seconds: a join in the finish's second began before it.
    .where('joinedAt', '<', new Date(at.getTime() + 1000).toISOString())
    .execute();
}

function wholeSecond(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
}

function latest(a: string, b: string): string {
  return a > b ? a : b;
}
