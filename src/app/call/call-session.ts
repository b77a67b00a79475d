import type {
  Participant,
  RemoteParticipant,
  RemoteTrack,
  RemoteTrackPublication,
  Room,
  Track,
} from 'livekit-client';
import type { CallToken } from '../../shared/consultations/schemas.js';
import {
  initialCallState,
  partyInfo,
  reduceCall,
  wantsVideo,
  type CallAction,
  type CallState,
  type DirectoryEntry,
  type EndReason,
  type Quality,
} from './call-model.js';
import { endReasonOf, rejoinsAfter, rejoinWithBackoff, REJOIN_WITHIN_MS } from './call-rejoin.js';
import type { CallController, MediaKind } from './call-controller.js';
import {
  allowedToPublish,
  cameraProfile,
  ELEMENT_ATTRIBUTE,
  loadedLiveKit,
  preloadLiveKit,
  publishOwnMedia,
  roomOptions,
  type LiveKit,
  type Sender,
  type Wanted,
} from './call-livekit.js';

export type { CallController, MediaKind } from './call-controller.js';
export { preloadLiveKit } from './call-livekit.js';

/**
 * One call through LiveKit. livekit-client is imported only here and only when a call starts,
 * so it stays out of the Home screen's initial JavaScript. Every LiveKit event becomes an action
 * for the call reducer; what the reducer decides about video (voice only on a poor connection)
 * comes back here as subscription settings.
 */
export class CallSession extends EventTarget implements CallController {
  state: CallState = initialCallState(Date.now());
  private room: Room | null = null;
  private directory: ReadonlyMap<string, DirectoryEntry> = new Map();
  /**
   * By `${kind}:${identity}`: one element per subscribed track, made once. A video is attached to
   * its track only once the screen has put it in the page (mediaPlaced): adaptive stream then finds
   * it visible at once and asks for the video, rather than one intersection check later
   * (bench/call-answer.ts). Sound is attached at once: it plays wherever its element is.
   */
  private readonly elements = new Map<
    string,
    { track: Track; element: HTMLMediaElement; attached: boolean }
  >();
  private readonly cameraPublications = new Map<string, RemoteTrackPublication>();
  /** Cameras we stopped receiving because the connection stayed poor. */
  private readonly disabledByUs = new Set<string>();
  private selfElement: HTMLMediaElement | null = null;
  private selfTrack: Track | null = null;
  private ticker: number | undefined;
  /** Counts join() and leave() calls: an attempt overtaken by a later one stops where it is. */
  private attempt = 0;
  /** Standing by (join's `standby`): admit() ends it. Nothing plays or is sent until then. */
  private endStandby: (() => void) | null = null;
  /** What join() waits for while standing by; leave() ends the waits. */
  private readonly waits = new Set<() => void>();
  /** Where a fresh token comes from when LiveKit restarted under the call (rejoinWith). */
  private renew: (() => Promise<CallToken>) | null = null;
  /** Joining again after LiveKit went: its 'connecting' is still 'reconnecting' on the screen. */
  private rejoining = false;

  /**
   * `sender`: a resident's TV or kiosk, or a clinician's console: what our camera sends
   * (call-livekit.ts cameraProfile). `liveKit`: unit tests give a fake Room
   * (test/unit/call-rejoin.test.ts); `rejoinWithinMs`: how long a rejoin tries.
   */
  constructor(private readonly options: { sender: Sender; liveKit?: LiveKit; rejoinWithinMs?: number }) {
    super();
  }

  media(identity: string, kind: MediaKind): HTMLMediaElement | null {
    return this.elements.get(`${kind}:${identity}`)?.element ?? null;
  }

  selfView(): HTMLMediaElement | null {
    return this.selfElement;
  }

  setDirectory(directory: ReadonlyMap<string, DirectoryEntry>): void {
    this.directory = directory;
    for (const participant of this.room?.remoteParticipants.values() ?? []) this.describe(participant);
  }

  async join(token: CallToken, { standby = false }: { standby?: boolean } = {}): Promise<void> {
    if (this.room || this.state.phase !== 'idle') await this.leave(false);
    const attempt = ++this.attempt;
    const admitted = standby ? new Promise<void>((resolve) => (this.endStandby = resolve)) : null;
    this.dispatch({ type: 'join' });
    if (!navigator.onLine) this.dispatch({ type: 'network', online: false });
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    this.ticker = window.setInterval(() => this.dispatch({ type: 'tick' }), 1000);
    await this.connect(token, attempt, admitted);
  }

  rejoinWith(renew: () => Promise<CallToken>): void {
    this.renew = renew;
  }

  /**
   * A room for this call, connected with `token`: its events become the reducer's actions, the
   * others' media is received and ours sent. `wanted`: the devices to switch on (a rejoin keeps
   * what the user had switched off). A failed connect of a rejoin throws for rejoin() to try again.
   */
  private async connect(
    token: CallToken,
    attempt: number,
    admitted: Promise<void> | null,
    wanted: Wanted | null = null,
  ): Promise<void> {
    const { ConnectionState, Room, RoomEvent, Track, VideoPresets } =
      this.options.liveKit ?? loadedLiveKit() ?? (await preloadLiveKit());
    if (attempt !== this.attempt) return;
    const room = new Room(roomOptions(VideoPresets, this.options.sender));
    this.room = room;

    const linkOf = (state: string) =>
      state === ConnectionState.Connected
        ? 'connected'
        : state === ConnectionState.Connecting
          ? 'connecting'
          : state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting
            ? 'reconnecting'
            : null;
    const sourceOf = (publication: { source: Track.Source }) =>
      publication.source === Track.Source.ScreenShare || publication.source === Track.Source.ScreenShareAudio
        ? 'screen'
        : 'camera';
    const kindOf = (track: RemoteTrack, publication: RemoteTrackPublication): MediaKind => {
      const screen = sourceOf(publication) === 'screen';
      if (track.kind === Track.Kind.Video) return screen ? 'screen' : 'camera';
      return screen ? 'screen-audio' : 'audio';
    };
    const subscribed = (
      track: RemoteTrack,
      publication: RemoteTrackPublication,
      participant: RemoteParticipant,
    ) => {
      this.describe(participant);
      // Standing by, nothing plays: the resident has not answered. Without an element, adaptive
      // stream keeps the video paused, and the audio plays nowhere; admit() catches up, on
      // media already negotiated (subscribing only then lost the first key frame now and then,
      // and the picture waited a second for the next: bench/call-answer.ts).
      if (this.endStandby) return;
      const kind = kindOf(track, publication);
      const key = `${kind}:${participant.identity}`;
      if (this.elements.get(key)?.track !== track) {
        const video = track.kind === Track.Kind.Video;
        const element = document.createElement(video ? 'video' : 'audio');
        element.setAttribute(ELEMENT_ATTRIBUTE[kind], participant.identity);
        if (!video) track.attach(element);
        this.elements.set(key, { track, element, attached: !video });
      }
      if (kind === 'camera') {
        this.cameraPublications.set(participant.identity, publication);
        this.disabledByUs.delete(participant.identity);
        this.dispatch({
          type: 'camera',
          identity: participant.identity,
          camera: publication.isMuted ? 'muted' : 'on',
        });
      } else if (kind === 'screen') {
        this.dispatch({ type: 'screen-share', identity: participant.identity, on: true });
      } else {
        this.changed();
      }
    };
    const unsubscribed = (
      track: RemoteTrack,
      publication: RemoteTrackPublication,
      participant: RemoteParticipant,
    ) => {
      const kind = kindOf(track, publication);
      const key = `${kind}:${participant.identity}`;
      const entry = this.elements.get(key);
      if (entry?.track === track) {
        if (entry.attached) track.detach(entry.element);
        this.elements.delete(key);
      }
      if (kind === 'camera') {
        this.cameraPublications.delete(participant.identity);
        this.dispatch({ type: 'camera', identity: participant.identity, camera: 'none' });
      } else if (kind === 'screen') {
        this.dispatch({ type: 'screen-share', identity: participant.identity, on: false });
      } else {
        this.changed();
      }
    };
    const isRemote = (participant: Participant): participant is RemoteParticipant =>
      participant !== room.localParticipant;
    const refreshLocal = () => {
      const local = room.localParticipant;
      const camera = local.getTrackPublication(Track.Source.Camera);
      const track = camera?.videoTrack ?? null;
      if (track !== this.selfTrack) {
        if (this.selfTrack && this.selfElement) this.selfTrack.detach(this.selfElement);
        this.selfTrack = track;
        this.selfElement = track ? track.attach() : null;
        this.selfElement?.setAttribute('data-self-view', '');
      }
      const media: { mic?: 'on' | 'off'; camera?: 'on' | 'off'; sharing: boolean } = {
        sharing: local.isScreenShareEnabled,
      };
      // A missing device stays 'none' (set when publishing failed) until it publishes after all.
      if (local.getTrackPublication(Track.Source.Microphone))
        media.mic = local.isMicrophoneEnabled ? 'on' : 'off';
      if (camera) media.camera = local.isCameraEnabled ? 'on' : 'off';
      this.dispatch({ type: 'local', media });
      this.changed();
    };

    let connected = false;
    room
      .on(RoomEvent.ConnectionStateChanged, (state) => {
        const link = linkOf(state);
        if (link && !(this.rejoining && link === 'connecting')) this.dispatch({ type: 'link', link });
      })
      .on(RoomEvent.Disconnected, (reason) => {
        // A rejoin's failed connect is rejoin()'s to handle: it tries again.
        if (this.room !== room || (this.rejoining && !connected)) return;
        // LiveKit went away while we were in the call (not standing by for a ring): join again.
        if (connected && rejoinsAfter(reason) && this.renew && !this.endStandby)
          return void this.rejoin(attempt, this.renew, endReasonOf(reason));
        this.dispatch({ type: 'ended', reason: endReasonOf(reason) });
        void this.leave(false);
      })
      .on(RoomEvent.ParticipantConnected, (participant) => this.describe(participant))
      .on(RoomEvent.ParticipantNameChanged, (_name, participant) => {
        if (isRemote(participant)) this.describe(participant);
      })
      .on(RoomEvent.ParticipantMetadataChanged, (_metadata, participant) => {
        if (isRemote(participant)) this.describe(participant);
      })
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => {
        if (isRemote(participant)) this.describe(participant);
      })
      .on(RoomEvent.ParticipantDisconnected, (participant) => {
        for (const kind of Object.keys(ELEMENT_ATTRIBUTE) as MediaKind[])
          this.elements.delete(`${kind}:${participant.identity}`);
        this.cameraPublications.delete(participant.identity);
        this.disabledByUs.delete(participant.identity);
        this.dispatch({ type: 'party-left', identity: participant.identity });
      })
      .on(RoomEvent.TrackSubscribed, subscribed)
      .on(RoomEvent.TrackUnsubscribed, unsubscribed)
      .on(RoomEvent.TrackMuted, (publication, participant) => {
        if (!isRemote(participant)) return refreshLocal();
        if (publication.kind === Track.Kind.Video && sourceOf(publication) === 'camera' && publication.track)
          this.dispatch({ type: 'camera', identity: participant.identity, camera: 'muted' });
      })
      .on(RoomEvent.TrackUnmuted, (publication, participant) => {
        if (!isRemote(participant)) return refreshLocal();
        if (publication.kind === Track.Kind.Video && sourceOf(publication) === 'camera' && publication.track)
          this.dispatch({ type: 'camera', identity: participant.identity, camera: 'on' });
      })
      .on(RoomEvent.TrackStreamStateChanged, (publication, streamState, participant) => {
        if (publication.kind === Track.Kind.Video && sourceOf(publication) === 'camera')
          this.dispatch({
            type: 'stream',
            identity: participant.identity,
            paused: streamState === Track.StreamState.Paused,
          });
      })
      .on(RoomEvent.ConnectionQualityChanged, (quality, participant) =>
        this.dispatch({
          type: 'quality',
          identity: isRemote(participant) ? participant.identity : null,
          quality: quality as Quality,
        }),
      )
      .on(RoomEvent.AudioPlaybackStatusChanged, () =>
        this.dispatch({ type: 'audio', blocked: !room.canPlaybackAudio }),
      )
      .on(RoomEvent.LocalTrackPublished, refreshLocal)
      .on(RoomEvent.LocalTrackUnpublished, refreshLocal);

    try {
      await room.connect(token.url, token.token);
    } catch (error) {
      // Hung up while connecting: nothing failed.
      if (this.room !== room) return;
      if (wanted) {
        room.removeAllListeners();
        this.room = null;
        throw error;
      }
      await this.leave(false);
      this.dispatch({ type: 'failed', message: String(error) });
      throw error;
    }
    if (this.room !== room) {
      await room.disconnect();
      return;
    }
    connected = true;
    this.rejoining = false;
    this.dispatch({ type: 'link', link: 'connected' });
    // Back after a rejoin: whoever did not come back into the new room has left the call.
    for (const party of this.state.parties)
      if (!room.remoteParticipants.has(party.identity))
        this.dispatch({ type: 'party-left', identity: party.identity });
    if (admitted) {
      await this.unlessLeft(admitted);
      if (this.room !== room) return;
    }
    for (const participant of room.remoteParticipants.values()) {
      this.describe(participant);
      for (const publication of participant.trackPublications.values()) {
        if (publication.track) subscribed(publication.track, publication, participant);
      }
    }
    this.dispatch({ type: 'audio', blocked: !room.canPlaybackAudio });
    if (admitted) {
      await this.unlessLeft(allowedToPublish(room, RoomEvent));
      if (this.room !== room) return;
    }
    const media = await publishOwnMedia(room, wanted, this.options.sender);
    if (this.room === room) this.dispatch({ type: 'local', media });
    refreshLocal();
  }

  /**
   * LiveKit said it was shutting down (a restart): 'reconnecting' on the screen while a fresh
   * token (the API makes the room again with it) and a new room are tried, with backoff, for
   * REJOIN_WITHIN_MS. The API refusing the token (the consultation ended meanwhile) ends the
   * call as the doctor's; still no LiveKit by then ends it with the words the disconnect had
   * (`otherwise`: 视频服务暂时停止了 after a shutdown, 网络断开了 otherwise) and 再试一次.
   */
  private async rejoin(
    attempt: number,
    renew: () => Promise<CallToken>,
    otherwise: EndReason,
  ): Promise<void> {
    const wanted = { mic: this.state.local.mic, camera: this.state.local.camera };
    // livekit-client has already let go of the old room's tracks (unsubscribed, unpublished).
    this.room?.removeAllListeners();
    this.room = null;
    this.forgetMedia();
    this.rejoining = true;
    this.dispatch({ type: 'link', link: 'reconnecting' });
    const outcome = await rejoinWithBackoff({
      attempt: async () => {
        const token = await renew();
        if (attempt === this.attempt) await this.connect(token, attempt, null, wanted);
      },
      wanted: () => attempt === this.attempt,
      withinMs: this.options.rejoinWithinMs ?? REJOIN_WITHIN_MS,
    });
    this.rejoining = false;
    if (outcome === 'joined' || outcome === 'abandoned') return;
    this.dispatch({ type: 'ended', reason: outcome === 'refused' ? 'ended-by-host' : otherwise });
    await this.leave(false);
  }

  admit(): void {
    const admit = this.endStandby;
    this.endStandby = null;
    admit?.();
  }

  /** Resolves with `promise`, or as soon as the call is left. */
  private unlessLeft(promise: Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      const stop = () => {
        this.waits.delete(stop);
        resolve();
      };
      this.waits.add(stop);
      void promise.then(stop);
    });
  }

  mediaPlaced(): void {
    for (const entry of this.elements.values()) {
      if (entry.attached || !entry.element.isConnected) continue;
      entry.attached = true;
      entry.track.attach(entry.element);
    }
  }

  async leave(end = true): Promise<void> {
    const room = this.room;
    this.room = null;
    this.attempt += 1;
    this.rejoining = false;
    // A join standing by stops waiting, and finds the room no longer this call's.
    this.endStandby = null;
    for (const stop of [...this.waits]) stop();
    window.clearInterval(this.ticker);
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    if (room) {
      room.removeAllListeners();
      await room.disconnect();
    }
    this.forgetMedia();
    if (end && this.state.phase !== 'idle') this.dispatch({ type: 'ended', reason: 'hung-up' });
  }

  private forgetMedia(): void {
    this.elements.clear();
    this.cameraPublications.clear();
    this.disabledByUs.clear();
    this.selfElement = null;
    this.selfTrack = null;
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.room?.localParticipant.setMicrophoneEnabled(on);
  }

  async setCamera(on: boolean): Promise<void> {
    await this.room?.localParticipant.setCameraEnabled(on, {
      resolution: cameraProfile(this.options.sender).capture,
    });
  }

  async setScreenShare(on: boolean): Promise<void> {
    // Residents' tokens cannot publish a screen share: the server refuses it, whatever the client asks.
    await this.room?.localParticipant.setScreenShareEnabled(on, { audio: false });
  }

  async startAudio(): Promise<void> {
    const room = this.room;
    if (!room) return;
    try {
      await room.startAudio();
      if (!room.canPlaybackVideo) await room.startVideo();
    } catch {
      // Still refused: the prompt stays, and the next key press tries again.
    }
    if (this.room === room) this.dispatch({ type: 'audio', blocked: !room.canPlaybackAudio });
  }

  private describe(participant: RemoteParticipant): void {
    this.dispatch({ type: 'party', info: partyInfo(participant, this.directory) });
  }

  private readonly onNetwork = () => this.dispatch({ type: 'network', online: navigator.onLine });

  private dispatch(action: CallAction): void {
    const next = reduceCall(this.state, action, Date.now());
    if (next === this.state) return;
    this.state = next;
    this.applyVideoWishes();
    this.changed();
  }

  /** A camera replaced by voice for a poor connection is not received at all, leaving the bandwidth to the voice. */
  private applyVideoWishes(): void {
    for (const party of this.state.parties) {
      const publication = this.cameraPublications.get(party.identity);
      if (!publication) continue;
      const wanted = wantsVideo(party);
      if (!wanted && !this.disabledByUs.has(party.identity)) {
        this.disabledByUs.add(party.identity);
        publication.setEnabled(false);
      } else if (wanted && this.disabledByUs.delete(party.identity)) {
        publication.setEnabled(true);
      }
    }
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
