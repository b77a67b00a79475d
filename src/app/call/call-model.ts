import { msg, str } from '@lit/localize';
import type { ConsultationDetail } from '../../shared/consultations/schemas.js';
import { personOfIdentity } from '../../shared/consultations/participant.js';
import { kioskOriginWords } from '../consultations/kiosk-rules.js';
import type { Surface } from '../state/session.js';

/**
 * What a call is, as plain data: who is in it, how well their video gets through, what the screen
 * should show. A reducer turns LiveKit's events (translated by call-session.ts) into this state,
 * and chooseLayout() turns it into a layout, so both are tested without LiveKit or a browser's
 * media stack (test/unit/call-model.test.ts).
 */

/** A Poor (or Lost) connection for this long and video gives way to voice. */
export const POOR_FOR_MS = 6000;
/** A remote video paused by the server (bandwidth) for this long counts as not sustained. */
export const PAUSED_FOR_MS = 2000;
/** Good again for this long before video comes back, so it does not flap. */
export const RECOVERED_FOR_MS = 4000;
/** Back online: how long LiveKit has to start its own reconnection before the call counts as recovered. */
export const ONLINE_GRACE_MS = 3000;

/** LiveKit's ConnectionQuality values. */
export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';
/** What the screen says about the connection. */
export type Phase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';
/** LiveKit's own view of its connection (signal and media). */
export type Link = 'connecting' | 'connected' | 'reconnecting';
/** Why the call ended, as far as the person in front of the screen needs to know. */
export type EndReason = 'hung-up' | 'ended-by-host' | 'duplicate' | 'network' | 'server';
export type PartyRole = 'doctor' | 'specialist' | 'resident' | 'kiosk';
const PARTY_ROLES: readonly string[] = ['doctor', 'specialist', 'resident', 'kiosk'];
/** A remote camera: none published, sending, or switched off by its owner. */
export type RemoteCamera = 'none' | 'on' | 'muted';
/** A local device: working and on, switched off, or missing (or refused). */
export type LocalDevice = 'on' | 'off' | 'none';

/** Who a remote participant is: identity is LiveKit's (a user id, with a TV's device), the rest is for the screen. */
export interface PartyInfo {
  identity: string;
  name: string;
  role: PartyRole | null;
  /** Department or organisation, '' when unknown. */
  detail: string;
}

interface QualityTrack {
  quality: Quality;
  /** Since when the quality has been Poor or Lost; null while it is not. */
  poorSince: number | null;
  /** Since when the quality has been fine; null while it is Poor or Lost. */
  goodSince: number | null;
}

export interface Party extends PartyInfo, QualityTrack {
  camera: RemoteCamera;
  /** The server paused this camera for our bandwidth (adaptive stream), since then; null while flowing. */
  pausedSince: number | null;
  /** A screen share of theirs is subscribed. */
  screenShare: boolean;
  /**
   * Voice only for this party's camera, and why: the server paused it ('paused': it resumes by
   * itself), or a connection stayed poor ('quality': we stop receiving it until things recover).
   */
  fallback: 'paused' | 'quality' | null;
}

export interface LocalState extends QualityTrack {
  mic: LocalDevice;
  camera: LocalDevice;
  sharing: boolean;
}

export interface CallState {
  phase: Phase;
  link: Link | null;
  /** The browser says the network is gone. */
  offline: boolean;
  /** Back online at this time, until LiveKit confirms its connection. */
  onlineSince: number | null;
  endReason: EndReason | null;
  /** Words for a failed start. */
  failure: string | null;
  /** Remote participants in the order they joined. */
  parties: readonly Party[];
  local: LocalState;
  /** The browser refused to play audio until the user does something (autoplay policy). */
  audioBlocked: boolean;
}

export type CallAction =
  /** A (new) attempt to join starts: everything is forgotten. */
  | { type: 'join' }
  | { type: 'link'; link: Link }
  | { type: 'network'; online: boolean }
  | { type: 'ended'; reason: EndReason }
  | { type: 'failed'; message: string }
  /** A participant joined, or what we know about them changed. */
  | { type: 'party'; info: PartyInfo }
  | { type: 'party-left'; identity: string }
  | { type: 'camera'; identity: string; camera: RemoteCamera }
  | { type: 'stream'; identity: string; paused: boolean }
  | { type: 'screen-share'; identity: string; on: boolean }
  /** identity null: our own connection. */
  | { type: 'quality'; identity: string | null; quality: Quality }
  | { type: 'audio'; blocked: boolean }
  | { type: 'local'; media: Partial<Pick<LocalState, 'mic' | 'camera' | 'sharing'>> }
  /** Time passed: fallbacks and grace periods are re-evaluated. */
  | { type: 'tick' };

export function initialCallState(now = 0): CallState {
  return {
    phase: 'idle',
    link: null,
    offline: false,
    onlineSince: null,
    endReason: null,
    failure: null,
    parties: [],
    // On until publishing says otherwise: the buttons offer to switch them off from the start.
    local: { mic: 'on', camera: 'on', sharing: false, quality: 'unknown', poorSince: null, goodSince: now },
    audioBlocked: false,
  };
}

const isPoor = (quality: Quality) => quality === 'poor' || quality === 'lost';

function withQuality<T extends QualityTrack>(track: T, quality: Quality, now: number): T {
  if (track.quality === quality) return track;
  if (isPoor(quality)) return { ...track, quality, poorSince: track.poorSince ?? now, goodSince: null };
  return { ...track, quality, poorSince: null, goodSince: track.goodSince ?? now };
}

const poorFor = (track: QualityTrack, now: number) => (track.poorSince === null ? 0 : now - track.poorSince);
const goodFor = (track: QualityTrack, now: number) => (track.goodSince === null ? 0 : now - track.goodSince);

/** Whether this party's camera is shown or replaced by voice only, with hysteresis. */
function withFallback(party: Party, local: LocalState, now: number): Party {
  let fallback = party.fallback;
  const poor = poorFor(party, now) >= POOR_FOR_MS || poorFor(local, now) >= POOR_FOR_MS;
  const paused = party.pausedSince !== null && now - party.pausedSince >= PAUSED_FOR_MS;
  if (party.camera !== 'on') {
    // A camera switched off or missing has its own words; there is nothing to fall back from.
    fallback = null;
  } else if (fallback === 'quality') {
    if (goodFor(party, now) >= RECOVERED_FOR_MS && goodFor(local, now) >= RECOVERED_FOR_MS) fallback = null;
  } else if (poor) {
    fallback = 'quality';
  } else if (fallback === 'paused') {
    if (party.pausedSince === null) fallback = null;
  } else if (paused) {
    fallback = 'paused';
  }
  if (fallback === party.fallback) return party;
  // Coming back from 'quality' we ask for the video again: it counts as flowing until the server says otherwise.
  const pausedSince = party.fallback === 'quality' && fallback === null ? null : party.pausedSince;
  return { ...party, fallback, pausedSince };
}

function phaseOf(state: CallState, now: number): Phase {
  if (state.phase === 'ended' || state.phase === 'failed') return state.phase;
  if (state.link === null) return 'idle';
  if (state.link === 'connecting') return 'connecting';
  if (state.link === 'reconnecting' || state.offline) return 'reconnecting';
  if (state.onlineSince !== null && now - state.onlineSince < ONLINE_GRACE_MS) return 'reconnecting';
  return 'connected';
}

function updateParty(state: CallState, identity: string, change: (party: Party) => Party): CallState {
  let changed = false;
  const parties = state.parties.map((party) => {
    if (party.identity !== identity) return party;
    const next = change(party);
    if (next !== party) changed = true;
    return next;
  });
  return changed ? { ...state, parties } : state;
}

function newParty(info: PartyInfo, now: number): Party {
  return {
    ...info,
    camera: 'none',
    pausedSince: null,
    screenShare: false,
    quality: 'unknown',
    poorSince: null,
    goodSince: now,
    fallback: null,
  };
}

function apply(state: CallState, action: CallAction, now: number): CallState {
  switch (action.type) {
    case 'join':
      return { ...initialCallState(now), link: 'connecting', offline: state.offline };
    case 'link': {
      if (state.phase === 'ended' || state.phase === 'failed' || state.link === action.link) return state;
      // LiveKit confirmed its connection after a reconnection: no need to wait out the grace period.
      const confirmed = action.link === 'connected' && state.link === 'reconnecting';
      return { ...state, link: action.link, onlineSince: confirmed ? null : state.onlineSince };
    }
    case 'network':
      if (action.online === !state.offline) return state;
      return action.online
        ? { ...state, offline: false, onlineSince: now }
        : { ...state, offline: true, onlineSince: null };
    case 'ended':
      if (state.phase === 'ended') return state;
      return { ...state, phase: 'ended', endReason: action.reason, link: null };
    case 'failed':
      return { ...state, phase: 'failed', failure: action.message, link: null };
    case 'party': {
      const existing = state.parties.find((p) => p.identity === action.info.identity);
      if (!existing) return { ...state, parties: [...state.parties, newParty(action.info, now)] };
      const { identity, name, role, detail } = action.info;
      if (existing.name === name && existing.role === role && existing.detail === detail) return state;
      return updateParty(state, identity, (p) => ({ ...p, name, role, detail }));
    }
    case 'party-left':
      if (!state.parties.some((p) => p.identity === action.identity)) return state;
      return { ...state, parties: state.parties.filter((p) => p.identity !== action.identity) };
    case 'camera':
      return updateParty(state, action.identity, (p) =>
        p.camera === action.camera
          ? p
          : { ...p, camera: action.camera, pausedSince: action.camera === 'on' ? p.pausedSince : null },
      );
    case 'stream':
      return updateParty(state, action.identity, (p) => {
        if (action.paused === (p.pausedSince !== null)) return p;
        return { ...p, pausedSince: action.paused ? now : null };
      });
    case 'screen-share':
      return updateParty(state, action.identity, (p) =>
        p.screenShare === action.on ? p : { ...p, screenShare: action.on },
      );
    case 'quality':
      if (action.identity === null) {
        const local = withQuality(state.local, action.quality, now);
        return local === state.local ? state : { ...state, local };
      }
      return updateParty(state, action.identity, (p) => withQuality(p, action.quality, now));
    case 'audio':
      return state.audioBlocked === action.blocked ? state : { ...state, audioBlocked: action.blocked };
    case 'local': {
      const local = { ...state.local, ...action.media };
      const same = (Object.keys(action.media) as (keyof typeof action.media)[]).every(
        (key) => state.local[key] === local[key],
      );
      return same ? state : { ...state, local };
    }
    case 'tick':
      return state;
  }
}

/**
 * The call's next state. Returns the very same object when nothing changed, so a caller can
 * skip re-rendering (a tick arrives every second).
 */
export function reduceCall(state: CallState, action: CallAction, now: number): CallState {
  let next = apply(state, action, now);
  const parties = next.parties.map((party) => withFallback(party, next.local, now));
  if (parties.some((party, i) => party !== next.parties[i])) next = { ...next, parties };
  const phase = phaseOf(next, now);
  if (phase !== next.phase) next = { ...next, phase };
  // The grace period is over (or LiveKit confirmed): forget when we came back online.
  if (next.onlineSince !== null && phase === 'connected') next = { ...next, onlineSince: null };
  return next;
}

/** Whether this party's camera should be received at all (not while it is replaced by voice for quality). */
export function wantsVideo(party: Party): boolean {
  return party.fallback !== 'quality';
}

// --- Layout -------------------------------------------------------------------------------------

export interface Tile {
  identity: string;
  source: 'camera' | 'screen';
}

export interface Layout {
  /**
   * waiting: nobody else is here yet. single: one remote party large. side-by-side: two or more
   * large side by side (doctor and specialist). share: a clinician's screen share replaces the
   * main area. grid: the console's grid of remote parties.
   */
  kind: 'waiting' | 'single' | 'side-by-side' | 'share' | 'grid';
  /** Large tiles, in order. */
  main: Tile[];
  /** Small tiles beside the main area (the sharer's camera, the others' cameras). */
  small: Tile[];
  /** The self-view: small in a corner (TV, kiosk), or one tile of the grid (console). */
  self: 'corner' | 'tile';
}

const ROLE_ORDER: Record<PartyRole, number> = { doctor: 0, specialist: 1, resident: 2, kiosk: 2 };

/** Clinicians first (the doctor, then specialists), otherwise in the order they joined. */
export function orderedParties(parties: readonly Party[]): Party[] {
  const rank = (p: Party) => (p.role ? ROLE_ORDER[p.role] : 3);
  return parties
    .map((party, index) => ({ party, index }))
    .sort((a, b) => rank(a.party) - rank(b.party) || a.index - b.index)
    .map(({ party }) => party);
}

/** Which tiles go where, from who is in the call and what they send. */
export function chooseLayout(surface: Surface, parties: readonly Party[]): Layout {
  const self = surface === 'console' ? 'tile' : 'corner';
  const remotes = orderedParties(parties);
  const cameras = remotes.map((p): Tile => ({ identity: p.identity, source: 'camera' }));
  if (!remotes.length) return { kind: 'waiting', main: [], small: [], self };
  const sharer = remotes.find((p) => p.screenShare);
  if (sharer) {
    // The shared screen is what everyone should look at: large; the sharer's camera first among the small.
    const small = [
      ...cameras.filter((t) => t.identity === sharer.identity),
      ...cameras.filter((t) => t.identity !== sharer.identity),
    ];
    return { kind: 'share', main: [{ identity: sharer.identity, source: 'screen' }], small, self };
  }
  if (surface === 'console') return { kind: 'grid', main: cameras, small: [], self };
  return { kind: remotes.length === 1 ? 'single' : 'side-by-side', main: cameras, small: [], self };
}

// --- Who is who ---------------------------------------------------------------------------------

export interface DirectoryEntry {
  name: string;
  role: PartyRole;
  detail: string;
}

/** The consultation's people by user id (= LiveKit identity), from the API's consultation detail. */
export function directoryOf(detail: ConsultationDetail): Map<string, DirectoryEntry> {
  const directory = new Map<string, DirectoryEntry>();
  directory.set(detail.patient.id, { name: detail.patient.displayName, role: 'resident', detail: '' });
  directory.set(detail.doctor.id, {
    name: detail.doctor.displayName,
    role: detail.doctor.role,
    detail: detail.doctor.organisationName,
  });
  // Asked at a care-home kiosk: the kiosk (its device id is its identity) is the resident, there.
  if (detail.kiosk) {
    directory.set(detail.kiosk.deviceId, {
      name: detail.patient.displayName,
      role: 'kiosk',
      detail: kioskOriginWords(detail.kiosk),
    });
  }
  for (const specialist of detail.specialists) {
    directory.set(specialist.id, {
      name: specialist.displayName,
      role: specialist.role,
      detail: specialist.department ?? specialist.organisationName,
    });
  }
  return directory;
}

function asRole(value: unknown): PartyRole | null {
  return typeof value === 'string' && PARTY_ROLES.includes(value) ? (value as PartyRole) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Who a participant is, from what LiveKit tells us (the token's name; a role in the participant's
 * attributes or JSON metadata when the API puts one there) and, failing that, the consultation's
 * directory, by the identity's person (a TV's names its device: participant.ts).
 */
export function partyInfo(
  participant: {
    identity: string;
    name?: string | undefined;
    attributes?: Readonly<Record<string, string>> | undefined;
    metadata?: string | undefined;
  },
  directory: ReadonlyMap<string, DirectoryEntry> = new Map(),
): PartyInfo {
  let metadata: Record<string, unknown> = {};
  if (participant.metadata) {
    try {
      const parsed: unknown = JSON.parse(participant.metadata);
      if (parsed && typeof parsed === 'object') metadata = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: nothing for us in it.
    }
  }
  const attributes = participant.attributes ?? {};
  const known = directory.get(participant.identity) ?? directory.get(personOfIdentity(participant.identity));
  const role = asRole(attributes['role']) ?? asRole(metadata['role']) ?? known?.role ?? null;
  const detail =
    text(attributes['department']) ||
    text(metadata['department']) ||
    text(attributes['organisationName']) ||
    text(metadata['organisationName']) ||
    known?.detail ||
    '';
  // A kiosk's token carries its care home's name; the directory knows who sits in front of it.
  const kioskResident = known?.role === 'kiosk' ? known.name : '';
  return {
    identity: participant.identity,
    name: kioskResident || participant.name || known?.name || participant.identity,
    role,
    detail,
  };
}

// --- Words --------------------------------------------------------------------------------------

/** Connection quality in words (colour is never the only cue). '' when not known yet. */
export function qualityWords(quality: Quality): string {
  switch (quality) {
    case 'excellent':
      return msg('信号很好');
    case 'good':
      return msg('信号一般');
    case 'poor':
      return msg('信号较差');
    case 'lost':
      return msg('信号中断');
    case 'unknown':
      return '';
  }
}

/** A participant's role in words, with their department or organisation when known. */
export function roleWords(info: Pick<PartyInfo, 'role' | 'detail'>): string {
  switch (info.role) {
    case 'doctor':
      return info.detail ? msg(str`医生，${info.detail}`) : msg('医生');
    case 'specialist':
      return info.detail ? msg(str`专家，${info.detail}`) : msg('专家');
    case 'resident':
      return msg('居民');
    case 'kiosk':
      return info.detail || msg('养老院');
    case null:
      return '';
  }
}

/** The state of the call in words, for the big status line. */
export function phaseWords(phase: Phase, surface: Surface): string {
  switch (phase) {
    case 'idle':
    case 'connecting':
      return msg('正在接通…');
    case 'connected':
      return surface === 'console' ? msg('正在等待对方加入…') : msg('正在等待医生加入…');
    case 'reconnecting':
      return msg('网络不稳定，正在重新连接…');
    case 'ended':
      return msg('通话已结束。');
    case 'failed':
      return msg('没能接通。');
  }
}

/** Why the call ended and what to do now. */
export function endWords(reason: EndReason | null, surface: Surface): { heading: string; advice: string } {
  const home = surface === 'console' ? msg('可以回到工作台。') : msg('按确认键回到首页。');
  switch (reason) {
    case 'hung-up':
    case null:
      return { heading: msg('通话已结束。'), advice: home };
    case 'ended-by-host':
      return { heading: msg('医生已经结束了这次通话。'), advice: home };
    case 'duplicate':
      return {
        heading: msg('您在另一台设备上接入了这次通话，这里已经断开。'),
        advice: home,
      };
    case 'network':
      return {
        heading: msg('网络断开了，没能重新连上。'),
        advice: msg('请检查网线或无线网络，然后选“再试一次”。如果一直不行，请打电话给医生。'),
      };
    case 'server':
      return {
        heading: msg('视频服务暂时停止了。'),
        advice: msg('请稍等一会儿再选“再试一次”，或打电话给医生。'),
      };
  }
}

/** Whether trying again could help. */
export function canRetry(state: Pick<CallState, 'phase' | 'endReason'>): boolean {
  return (
    state.phase === 'failed' ||
    (state.phase === 'ended' && (state.endReason === 'network' || state.endReason === 'server'))
  );
}
