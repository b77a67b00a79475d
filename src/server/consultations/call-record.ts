import type { Db } from '../db/types.js';

/**
 * The call record: who was in each consultation's call and when (user ids: the person of a
 * participant identity, shared/consultations/participant.ts). LiveKit's webhooks write it
 * (livekit/webhook-routes.ts); so does answering, for a TV that stood by in the room
 * (no webhook says when it came out of hiding).
 */
export async function recordJoined(db: Db, consultationId: string, userId: string, at: Date): Promise<void> {
  await db
    .insertInto('callParticipants')
    .values({ consultationId, userId, joinedAt: at.toISOString(), leftAt: null })
    .execute();
}

/** One of the person's open rows ends (two of a resident's TVs may be in one call, each its own row). */
export async function recordLeft(db: Db, consultationId: string, userId: string, at: Date): Promise<void> {
  const open = await db
    .selectFrom('callParticipants')
    .select('joinedAt')
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .where('leftAt', 'is', null)
    .orderBy('joinedAt', 'desc')
    .executeTakeFirst();
  if (!open) return;
  await db
    .updateTable('callParticipants')
    .set({ leftAt: at.toISOString() })
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .where('joinedAt', '=', open.joinedAt)
    .where('leftAt', 'is', null)
    .execute();
}
