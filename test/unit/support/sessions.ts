import type { SessionActor, SessionInfo } from '../../../src/shared/identity/schemas.js';

export function sessionOf(
  actor: Partial<SessionActor> & Pick<SessionActor, 'kind' | 'role' | 'id'>,
): SessionInfo {
  return {
    actor: { displayName: '王秀英', organisationName: '柳树村卫生室', deviceId: null, staff: null, ...actor },
    csrfToken: 'csrf-test',
  };
}

export const residentTv = sessionOf({ kind: 'tv', role: 'resident', id: 'res-a', deviceId: 'dev-1' });
export const doctor = sessionOf({ kind: 'clinician', role: 'doctor', id: 'dr-a', displayName: '张伟' });
export const kioskWithoutStaff = sessionOf({
  kind: 'kiosk',
  role: 'kiosk',
  id: 'dev-k',
  displayName: '东河镇敬老院',
  organisationName: '东河镇敬老院',
  deviceId: 'dev-k',
});
