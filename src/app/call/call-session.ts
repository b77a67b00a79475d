import type { LocalVideoTrack, RemoteParticipant, RemoteTrack, Room } from 'livekit-client';
import type { CallToken } from '../../shared/api-schemas.js';
import { installLegacyBuiltins } from './legacy-builtins.js';

export type CallState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

export interface RemoteParty {
  identity: string;
  name: string;
  video: RemoteTrack | null;
  audio: RemoteTrack | null;
}

/**
 * One call through LiveKit. livekit-client is imported only here and only when a call starts,
 * so it stays out of the Home screen's initial JavaScript.
 */
export class CallSession extends EventTarget {
  state: CallState = 'idle';
  localVideo: LocalVideoTrack | null = null;
  readonly remotes = new Map<string, RemoteParty>();
  private room: Room | null = null;

  async join(token: CallToken): Promise<void> {
    this.setState('connecting');
    installLegacyBuiltins();
    const { Room, RoomEvent, Track } = await import('livekit-client');
    const room = new Room({ adaptiveStream: true, dynacast: true, publishDefaults: { simulcast: true } });
    this.room = room;

    const party = (participant: RemoteParticipant): RemoteParty => {
      let entry = this.remotes.get(participant.identity);
      if (!entry) {
        entry = {
          identity: participant.identity,
          name: participant.name || participant.identity,
          video: null,
          audio: null,
        };
        this.remotes.set(participant.identity, entry);
      }
      return entry;
    };
    room
      .on(RoomEvent.ParticipantConnected, (participant) => {
        party(participant);
        this.changed();
      })
      .on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
        const entry = party(participant);
        if (track.kind === Track.Kind.Video) entry.video = track;
        if (track.kind === Track.Kind.Audio) entry.audio = track;
        this.changed();
      })
      .on(RoomEvent.TrackUnsubscribed, (track, _publication, participant) => {
        const entry = party(participant);
        if (entry.video === track) entry.video = null;
        if (entry.audio === track) entry.audio = null;
        this.changed();
      })
      .on(RoomEvent.ParticipantDisconnected, (participant) => {
        this.remotes.delete(participant.identity);
        this.changed();
      })
      .on(RoomEvent.Reconnecting, () => this.setState('reconnecting'))
      .on(RoomEvent.Reconnected, () => this.setState('connected'))
      .on(RoomEvent.Disconnected, () => this.setState('ended'));

    try {
      await room.connect(token.url, token.token);
      for (const participant of room.remoteParticipants.values()) party(participant);
      this.setState('connected');
      await room.localParticipant.enableCameraAndMicrophone();
      const camera = room.localParticipant.getTrackPublication(Track.Source.Camera);
      this.localVideo = (camera?.videoTrack as LocalVideoTrack | undefined) ?? null;
      this.changed();
    } catch (error) {
      this.setState('failed');
      await room.disconnect();
      throw error;
    }
  }

  async leave(): Promise<void> {
    await this.room?.disconnect();
    this.room = null;
    this.remotes.clear();
    this.setState('ended');
  }

  private setState(state: CallState): void {
    this.state = state;
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
