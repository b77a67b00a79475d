import type { Db } from '../db/types.js';

/**
 * The call record: who was in each consultation's call and when (user ids). LiveKit's webhooks
 * write it (routes/livekit-webhook.ts); so does answering, for a TV that stood by in the room
 * (no webhook says when it came out of hiding).
 */
export async function recordJoined(db: Db, consultationId: string, userId: string, at: Date): Promise<void> {
  await db
    .insertInto('callParticipants')
    .values({ consultationId, userId, joinedAt: at.toISOString(), leftAt: null })
    .execute();
}

export async function recordLeft(db: Db, consultationId: string, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('callParticipants')
    .set({ leftAt: at.toISOString() })
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .where('leftAt', 'is', null)
    .execute();
}
