// LiveKit restarted under a call (issue 18 §6): livekit-client ends its room with SERVER_SHUTDOWN;
// the session says 'reconnecting', takes a fresh token through the API's token call and joins a
// new room by itself, with backoff. An ended consultation (the token refused) and the other
// endings (hung up, removed, ended by the doctor) end the call as before. LiveKit's Room is faked
// here (FakeRoom); everything else, the enums included, is the real livekit-client.
import { expect, waitUntil } from '@open-wc/testing';
import * as livekit from 'livekit-client';
import { ConnectionState, DisconnectReason, RoomEvent } from 'livekit-client';
import { ApiRequestError } from '../../src/app/api/api-client.js';
import type { Phase } from '../../src/app/call/call-model.js';
import { rejoinDelay, refusedForGood } from '../../src/app/call/call-rejoin.js';
import { cameraProfile, roomOptions, type Sender } from '../../src/app/call/call-livekit.js';
import { CallSession } from '../../src/app/call/call-session.js';
import * as consultationsApi from '../../src/app/consultations/api.js';
import type { CallToken } from '../../src/shared/consultations/schemas.js';
import { fakeApi } from './support/fake-api.js';

const tokenOf = (n: number): CallToken => ({
  token: `jwt-${n}`,
  url: 'ws://127.0.0.1:1',
  room: 'consultation-c-demo-wang',
  identity: 'res-a',
  expiresAt: '2030-01-01T00:00:00.000Z',
});

interface FakeRemote {
  identity: string;
  name: string;
  metadata: string;
  attributes: Record<string, string>;
  trackPublications: Map<string, unknown>;
}
const remote = (identity: string, role: string): FakeRemote => ({
  identity,
  name: identity,
  metadata: '',
  attributes: { role },
  trackPublications: new Map(),
});

/** LiveKit's Room as the session uses it: events, connect and disconnect, our own devices. */
class FakeRoom {
  static rooms: FakeRoom[] = [];
  /** How many connects from now on fail (LiveKit not answering yet). */
  static refusals = 0;
  /** Who is in the room when a connect succeeds. */
  static present: FakeRemote[] = [];
  readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  readonly remoteParticipants = new Map<string, FakeRemote>();
  readonly canPlaybackAudio = true;
  token = '';
  connected = false;
  disconnects = 0;
  /** Our devices switched on in this room, in order ('microphone', 'camera': Track.Source). */
  readonly published: string[] = [];
  readonly localParticipant = {
    permissions: { canPublish: true },
    isScreenShareEnabled: false,
    isMicrophoneEnabled: false,
    isCameraEnabled: false,
    getTrackPublication: (source: string) => (this.published.includes(source) ? {} : undefined),
    setMicrophoneEnabled: async (on: boolean) => {
      if (on) this.published.push('microphone');
      this.localParticipant.isMicrophoneEnabled = on;
    },
    /** The capture options of each setCameraEnabled(true). */
    cameraOptions: [] as unknown[],
    setCameraEnabled: async (on: boolean, options?: unknown) => {
      if (on) this.published.push('camera');
      if (on) this.localParticipant.cameraOptions.push(options);
      this.localParticipant.isCameraEnabled = on;
    },
  };

  constructor(readonly options: livekit.RoomOptions) {
    FakeRoom.rooms.push(this);
  }

  on(event: string, listener: (...args: unknown[]) => void): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }

  off(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  async connect(_url: string, token: string): Promise<void> {
    this.token = token;
    this.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Connecting);
    await Promise.resolve();
    if (FakeRoom.refusals > 0) {
      FakeRoom.refusals -= 1;
      this.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Disconnected);
      throw new Error('could not establish signal connection');
    }
    for (const participant of FakeRoom.present)
      this.remoteParticipants.set(participant.identity, participant);
    this.connected = true;
    this.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Connected);
  }

  async disconnect(): Promise<void> {
    this.disconnects += 1;
  }

  /** LiveKit says goodbye with this reason, as livekit-client's handleDisconnect does. */
  goodbye(reason: DisconnectReason | undefined): void {
    this.remoteParticipants.clear();
    this.connected = false;
    this.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Disconnected);
    this.emit(RoomEvent.Disconnected, reason);
  }
}

const liveKit = { ...livekit, Room: FakeRoom as unknown as typeof livekit.Room };

/** The token call as the call screen makes it (consultations/api.ts), answered by `answer`. */
function tokenCall(answer: (n: number) => Promise<CallToken>) {
  const calls: string[] = [];
  const api = fakeApi((method, path) => {
    calls.push(`${method} ${path}`);
    return answer(calls.length);
  });
  return { calls, renew: () => consultationsApi.callToken(api, 'c-demo-wang') };
}

/** A session in a call with the doctor, and every phase it goes through from now on. */
async function inCall(renew: () => Promise<CallToken>, rejoinWithinMs?: number, sender: Sender = 'resident') {
  const session = new CallSession({
    sender,
    liveKit,
    ...(rejoinWithinMs ? { rejoinWithinMs } : {}),
  });
  session.rejoinWith(renew);
  await session.join(tokenOf(0));
  expect(session.state.phase).to.equal('connected');
  const phases: Phase[] = [];
  session.addEventListener('change', () => {
    if (phases[phases.length - 1] !== session.state.phase) phases.push(session.state.phase);
  });
  return { session, phases, first: FakeRoom.rooms[0]! };
}

const unavailable = () =>
  Promise.reject(new ApiRequestError(503, 'livekit_unavailable', 'The video service is not answering.'));

const enumerateDevices = navigator.mediaDevices.enumerateDevices;

describe('LiveKit restarted under a call: the session rejoins by itself', () => {
  beforeEach(() => {
    FakeRoom.rooms = [];
    FakeRoom.refusals = 0;
    FakeRoom.present = [remote('dr-a', 'doctor')];
    // A TV with a camera, whatever this browser has.
    navigator.mediaDevices.enumerateDevices = async () => [{ kind: 'videoinput' } as MediaDeviceInfo];
  });

  afterEach(() => {
    navigator.mediaDevices.enumerateDevices = enumerateDevices;
  });

  it('SERVER_SHUTDOWN: reconnecting in the meantime, a fresh token from the token call, and a new connect', async () => {
    const { calls, renew } = tokenCall(async (n) => tokenOf(n));
    const { session, phases, first } = await inCall(renew);
    first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
    expect(session.state.phase).to.equal('reconnecting');
    await waitUntil(() => session.state.phase === 'connected', 'back in the call', { timeout: 3000 });
    expect(calls).to.deep.equal(['POST /api/calls/token']);
    expect(FakeRoom.rooms).to.have.length(2);
    expect(FakeRoom.rooms[1]!.token).to.equal('jwt-1');
    expect(FakeRoom.rooms[1]!.connected).to.equal(true);
    // Our microphone and camera are sent again into the new room; the doctor is still there.
    await waitUntil(() => FakeRoom.rooms[1]!.published.includes('microphone'), 'microphone sent again');
    expect(session.state.parties.map((p) => p.identity)).to.deep.equal(['dr-a']);
    // Never 'connecting' (the screen would say 正在连接) nor ended on the way.
    expect(phases).to.deep.equal(['reconnecting', 'connected']);
    await session.leave();
  });

  it('LiveKit still away: retries with backoff (503 from the token call, a refused connect) and gets back in', async () => {
    const { calls, renew } = tokenCall((n) => (n <= 2 ? unavailable() : Promise.resolve(tokenOf(n))));
    FakeRoom.refusals = 0;
    const { session, phases, first } = await inCall(renew);
    first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
    // The first good token's connect fails too (the room is not there yet): one more try.
    FakeRoom.refusals = 1;
    await waitUntil(() => session.state.phase === 'connected', 'back in the call', { timeout: 8000 });
    expect(calls).to.have.length(4);
    expect(FakeRoom.rooms.map((room) => room.token)).to.deep.equal(['jwt-0', 'jwt-3', 'jwt-4']);
    expect(phases).to.deep.equal(['reconnecting', 'connected']);
    await session.leave();
  });

  it('the consultation ended meanwhile (token refused): no new connect, the call ends as the doctor’s', async () => {
    const { calls, renew } = tokenCall(() =>
      Promise.reject(new ApiRequestError(404, 'not_found', 'No such consultation for this user.')),
    );
    const { session, first } = await inCall(renew);
    first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
    await waitUntil(() => session.state.phase === 'ended', 'ended', { timeout: 3000 });
    expect(session.state.endReason).to.equal('ended-by-host');
    expect(calls).to.deep.equal(['POST /api/calls/token']);
    expect(FakeRoom.rooms).to.have.length(1);
  });

  it('LiveKit away for longer than the window: the words 视频服务暂时停止了 and 再试一次 (reason server)', async () => {
    const { calls, renew } = tokenCall(unavailable);
    const { session, first } = await inCall(renew, 1500);
    first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
    await waitUntil(() => session.state.phase === 'ended', 'gave up', { timeout: 5000 });
    expect(session.state.endReason).to.equal('server');
    expect(calls.length).to.be.greaterThan(1);
    expect(FakeRoom.rooms).to.have.length(1);
  });

  it('livekit-client gave up its own reconnection (no reason): rejoins too; still away, says 网络断开了', async () => {
    const { calls, renew } = tokenCall((n) => (n === 1 ? Promise.resolve(tokenOf(n)) : unavailable()));
    const { session, first } = await inCall(renew, 1500);
    first.goodbye(undefined);
    expect(session.state.phase).to.equal('reconnecting');
    await waitUntil(() => session.state.phase === 'connected', 'back in the call', { timeout: 3000 });
    expect(FakeRoom.rooms[1]!.token).to.equal('jwt-1');
    FakeRoom.rooms[1]!.goodbye(undefined);
    await waitUntil(() => session.state.phase === 'ended', 'gave up', { timeout: 5000 });
    expect(session.state.endReason).to.equal('network');
    expect(calls.length).to.be.greaterThan(2);
    await session.leave();
  });

  for (const [reason, words] of [
    [DisconnectReason.CLIENT_INITIATED, 'hung-up'],
    [DisconnectReason.PARTICIPANT_REMOVED, 'ended-by-host'],
    [DisconnectReason.ROOM_DELETED, 'ended-by-host'],
    [DisconnectReason.DUPLICATE_IDENTITY, 'duplicate'],
  ] as const) {
    it(`${DisconnectReason[reason]} still ends the call (${words}) with no new token`, async () => {
      const { calls, renew } = tokenCall(async (n) => tokenOf(n));
      const { session, first } = await inCall(renew);
      first.goodbye(reason);
      expect(session.state.phase).to.equal('ended');
      expect(session.state.endReason).to.equal(words);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(calls).to.deep.equal([]);
      expect(FakeRoom.rooms).to.have.length(1);
    });
  }

  it('hanging up while it rejoins stops the tries', async () => {
    const { calls, renew } = tokenCall(unavailable);
    const { session, first } = await inCall(renew);
    first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
    await waitUntil(() => calls.length >= 1, 'first try');
    await session.leave();
    expect(session.state.phase).to.equal('ended');
    expect(session.state.endReason).to.equal('hung-up');
    const tried = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(calls.length).to.equal(tried);
  });

  it('a microphone switched off stays off after the rejoin; someone who did not come back has left', async () => {
    FakeRoom.present = [remote('dr-a', 'doctor'), remote('sp-b', 'specialist')];
    const { renew } = tokenCall(async (n) => tokenOf(n));
    const { session, first } = await inCall(renew);
    await waitUntil(() => session.state.local.mic === 'on', 'microphone sent');
    // Switched off with the button: livekit-client says so with TrackMuted.
    await session.setMicrophone(false);
    first.emit(RoomEvent.TrackMuted, {}, first.localParticipant);
    expect(session.state.local.mic).to.equal('off');
    expect(session.state.parties.map((p) => p.identity)).to.deep.equal(['dr-a', 'sp-b']);
    FakeRoom.present = [remote('dr-a', 'doctor')];
    first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
    await waitUntil(() => session.state.phase === 'connected', 'back in the call', { timeout: 3000 });
    const again = FakeRoom.rooms[1]!;
    await waitUntil(
      () => session.state.local.camera !== 'on' || again.published.includes('camera'),
      'devices',
    );
    expect(again.published).to.not.include('microphone');
    expect(session.state.local.mic).to.equal('off');
    expect(session.state.parties.map((p) => p.identity)).to.deep.equal(['dr-a']);
    await session.leave();
  });

  it('each side’s camera goes out as its own (call-livekit.ts), in its first room and in the one it rejoins', async () => {
    for (const sender of ['resident', 'clinician'] as const) {
      FakeRoom.rooms = [];
      const { renew } = tokenCall(async (n) => tokenOf(n));
      const { session, first } = await inCall(renew, undefined, sender);
      await waitUntil(() => first.published.includes('camera'), `${sender}: camera sent`);
      first.goodbye(DisconnectReason.SERVER_SHUTDOWN);
      await waitUntil(
        () => !!FakeRoom.rooms[1]?.published.includes('camera'),
        `${sender}: camera sent again`,
        {
          timeout: 3000,
        },
      );
      for (const room of FakeRoom.rooms) {
        expect(room.options, sender).to.deep.equal(roomOptions(livekit.VideoPresets, sender));
        expect(room.localParticipant.cameraOptions, sender).to.deep.equal([
          { resolution: cameraProfile(sender).capture },
        ]);
      }
      await session.leave();
    }
  });
});

describe('call-rejoin rules', () => {
  it('backs off 250 ms, 500 ms, 1 s, then every 2 s, ±20%', () => {
    expect([0, 1, 2, 3, 9].map((n) => rejoinDelay(n, () => 0.5))).to.deep.equal([250, 500, 1000, 2000, 2000]);
    expect(rejoinDelay(0, () => 0)).to.equal(200);
    expect(rejoinDelay(3, () => 1)).to.equal(2400);
  });

  it('a refused token is for good; LiveKit away, the API out of reach or a limit are not', () => {
    expect(refusedForGood(new ApiRequestError(404, 'not_found', ''))).to.equal(true);
    expect(refusedForGood(new ApiRequestError(401, 'unauthenticated', ''))).to.equal(true);
    expect(refusedForGood(new ApiRequestError(503, 'livekit_unavailable', ''))).to.equal(false);
    expect(refusedForGood(new ApiRequestError(0, 'network', ''))).to.equal(false);
    expect(refusedForGood(new ApiRequestError(429, 'too_many_attempts', ''))).to.equal(false);
    expect(refusedForGood(new Error('boom'))).to.equal(false);
  });
});
