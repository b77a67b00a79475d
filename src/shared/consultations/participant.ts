/**
 * A call participant's LiveKit identity. LiveKit allows one participant per identity in a room and
 * a second join with the same identity pushes the first out, so each device of a resident has its
 * own (`<personId>#<deviceId>`): a replayed standby token of one TV cannot displace another TV
 * answering the call (issue 12 §2). Clinicians (one person, one browser tab in a call) and kiosks
 * (the device is the party) keep their plain id. User and device ids never contain '#'.
 */
const DEVICE_SEPARATOR = '#';

export function participantIdentity(personId: string, deviceId: string | null = null): string {
  return deviceId === null || deviceId === personId ? personId : `${personId}${DEVICE_SEPARATOR}${deviceId}`;
}

/** Whose participant this is: the person (or kiosk) id, for the call record and the screen. */
export function personOfIdentity(identity: string): string {
  const at = identity.indexOf(DEVICE_SEPARATOR);
  return at === -1 ? identity : identity.slice(0, at);
}
