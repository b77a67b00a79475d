/** Every verified LiveKit webhook, append-only: who joined or left which room and when. */
export interface LiveKitEventTable {
  id: string;
  event: string;
  roomName: string | null;
  participantIdentity: string | null;
  occurredAt: string;
  payload: string;
}

export interface LiveKitTables {
  livekitEvents: LiveKitEventTable;
}
