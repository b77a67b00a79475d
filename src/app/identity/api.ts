import type {
  DeviceList,
  DeviceSummary,
  PairingStart,
  SessionInfo,
  StaffList,
} from '../../shared/identity/schemas.js';
import type { Aged, ApiClient } from '../api/api-client.js';

/** Identity's API calls (sessions, sign-in, pairing, devices, a kiosk's staff) over the one API client. */

export function session(api: ApiClient): Promise<SessionInfo> {
  return api.request('GET', '/api/auth/session');
}

export function login(api: ApiClient, username: string, password: string): Promise<SessionInfo> {
  return api.request('POST', '/api/auth/login', { username, password });
}

/** The session, and when it was kept if the API was out of reach and the TV's kept copy answered. */
export function sessionWithAge(api: ApiClient): Promise<Aged<SessionInfo>> {
  return api.read('/api/auth/session');
}

/** Signs out this browser, or with `everywhere` every session of this clinician. */
export async function logout(api: ApiClient, everywhere = false): Promise<void> {
  await api.request('POST', everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout');
  api.forgetSession();
}

/** A paired TV or kiosk signs in with its device credential cookie. */
export function deviceSession(api: ApiClient): Promise<SessionInfo> {
  return api.request('POST', '/api/devices/session');
}

export function startPairing(api: ApiClient, kind: 'tv' | 'kiosk'): Promise<PairingStart> {
  return api.request('POST', '/api/devices/pairing', { kind });
}

export function pollPairing(api: ApiClient, deviceCode: string): Promise<SessionInfo> {
  return api.request('POST', '/api/devices/pairing/poll', { deviceCode });
}

export function approvePairing(
  api: ApiClient,
  body: {
    userCode: string;
    kind: 'tv' | 'kiosk';
    residentId?: string;
    careHomeId?: string;
  },
): Promise<DeviceSummary> {
  return api.request('POST', '/api/devices/pairing/approve', body);
}

export function devices(api: ApiClient): Promise<DeviceList> {
  return api.request('GET', '/api/devices');
}

export function confirmDevice(api: ApiClient, id: string): Promise<DeviceSummary> {
  return api.request('POST', `/api/devices/${encodeURIComponent(id)}/confirm`);
}

/** A resident's TV: every device bound to this resident. */
export function myDevices(api: ApiClient): Promise<DeviceList> {
  return api.request('GET', '/api/devices/mine');
}

export function revokeDevice(api: ApiClient, id: string): Promise<DeviceSummary> {
  return api.request('POST', `/api/devices/${encodeURIComponent(id)}/revoke`);
}

export function kioskStaff(api: ApiClient): Promise<StaffList> {
  return api.request('GET', '/api/kiosk/staff');
}

export function staffSignIn(api: ApiClient, staffId: string, pin: string): Promise<SessionInfo> {
  return api.request('POST', '/api/kiosk/staff-session', { staffId, pin });
}

export function staffSignOut(api: ApiClient): Promise<SessionInfo> {
  return api.request('DELETE', '/api/kiosk/staff-session');
}

export function setAutoAnswer(api: ApiClient, deviceId: string, autoAnswer: boolean): Promise<DeviceSummary> {
  return api.request('PUT', `/api/devices/${encodeURIComponent(deviceId)}/auto-answer`, { autoAnswer });
}
