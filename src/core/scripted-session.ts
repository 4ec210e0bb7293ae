import { CastController, type CastProvider } from './cast.js';
import type { DeviceKind } from './devices.js';
import { Emitter } from './emitter.js';
import { MessageHub } from './messages.js';
import type { LocalMedia, LocalSource } from './local-media.js';
import { Store, type Readable } from './readable.js';
import type { CallStats } from './stats.js';
import { TrackStates, type TrackStateMap } from './track-states.js';
import { VideoViews, type VideoDemand, type VideoView } from './video-views.js';
import type { ConnectOptions, RtcSession, ScreenShareOptions } from './room-session.js';
import type {
  ConnectionState,
  ConnectionStatus,
  ParticipantView,
  SessionEventMap,
  TrackSource,
  TrackView,
} from './types.js';

/**
 * A session with no server: its state is whatever the page sets. For stories, design reviews, tests and
 * demos of states that are hard to reach for real (reconnecting, kicked, a cast going live).
 */
export class ScriptedSession implements RtcSession {
  readonly #connection = new Store<ConnectionStatus>({ state: 'idle', previous: 'idle' });
  readonly #participants = new Store<readonly ParticipantView[]>([]);
  readonly #roomName = new Store<string | undefined>(undefined);
  readonly #localMedia = new Store<LocalMedia | undefined>(undefined);
  readonly #audioOutput = new Store('');
  readonly #events = new Emitter<SessionEventMap>();
  readonly audioOutput = this.#audioOutput;
  /** The devices chosen with `selectDevice`, by kind. */
  readonly selectedDevices = new Map<DeviceKind, string>();
  readonly connection = this.#connection;
  readonly participants = this.#participants;
  readonly roomName = this.#roomName;
  readonly localMedia = this.#localMedia;
  readonly cast: CastController;
  /** Messages: nothing is sent (no room), but a script may hand it received ones (`receiveChat`, `receiveData`). */
  readonly messages = new MessageHub();
  /** What tiles asked of each remote video, by `identity/source`: for tests and stories. */
  readonly videoDemands = new Map<string, VideoDemand>();
  readonly #videoViews = new VideoViews((identity, source, demand) => this.videoDemands.set(`${identity}/${source}`, demand));
  readonly #trackStates = new TrackStates({
    publish: (detail) => this.#events.emit('publish-state-changed', detail),
    play: (detail) => this.#events.emit('play-state-changed', detail),
  });
  /** Derived from the participants the script sets, as the real session derives them from the room. */
  readonly trackStates: Readable<TrackStateMap> = this.#trackStates.map;
  readonly #stats = new Store<CallStats | undefined>(undefined);
  /** What `stats()` gives: set it with `setStats`. */
  stats(): Store<CallStats | undefined> {
    return this.#stats;
  }

  setStats(stats: CallStats | undefined): void {
    this.#stats.set(stats);
  }

  /** What `connect` does; by default it goes straight to `connected`. */
  onConnect: (options: ConnectOptions) => Promise<void> = async () => this.setState('connected');

  constructor(options: { room?: string; token?: string; castProvider?: CastProvider } = {}) {
    this.#roomName.set(options.room);
    this.cast = new CastController({ room: () => this.#roomName.get(), token: () => options.token }, options.castProvider);
    this.#participants.subscribe((participants) => this.#trackStates.update(participants));
  }

  async connect(options: ConnectOptions): Promise<void> {
    if (options.room) this.#roomName.set(options.room);
    this.setState('connecting');
    await this.onConnect(options);
  }

  async leave(): Promise<void> {
    this.setState('disconnected');
  }

  useLocalMedia(media: LocalMedia): () => void {
    this.#localMedia.set(media);
    return () => {
      if (this.#localMedia.get() === media) this.#localMedia.set(undefined);
    };
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    this.#setLocalMuted('camera', !enabled);
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    this.#setLocalMuted('microphone', !enabled);
  }

  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    this.selectedDevices.set(kind, deviceId);
    if (kind === 'audiooutput') this.#audioOutput.set(deviceId);
    else await this.#localMedia.get()?.switchDevice(kind, deviceId);
  }

  /** Adds or removes the local participant's screen track (no capture: the track stays empty). */
  async setScreenShareEnabled(enabled: boolean, _options?: ScreenShareOptions): Promise<void> {
    this.#participants.set(
      this.#participants.get().map((p) => {
        if (!p.isLocal) return p;
        const others = p.tracks.filter((t) => t.source !== 'screen');
        return { ...p, tracks: enabled ? [...others, trackView('screen')] : others };
      }),
    );
  }

  async unpublish(_source: LocalSource): Promise<void> {}

  async publish(_source: LocalSource): Promise<void> {}

  viewVideo(identity: string, source: TrackSource): VideoView {
    return this.#videoViews.open(identity, source);
  }

  setSubscribed(identity: string, source: TrackSource, subscribed: boolean): void {
    this.#participants.set(
      this.#participants.get().map((p) =>
        p.identity === identity ? { ...p, tracks: p.tracks.map((t) => (t.source === source ? { ...t, subscribed } : t)) } : p,
      ),
    );
  }

  on<K extends keyof SessionEventMap>(type: K, listener: (detail: SessionEventMap[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** Moves to `state`, telling listeners as a real session would. */
  setState(state: ConnectionState, reason?: ConnectionStatus['reason']): void {
    const status: ConnectionStatus = { state, previous: this.#connection.get().state };
    if (reason) status.reason = reason;
    this.#connection.set(status);
    this.#events.emit('connection-state-changed', status);
  }

  setParticipants(participants: readonly ParticipantView[]): void {
    this.#participants.set(participants);
  }

  emit<K extends keyof SessionEventMap>(type: K, detail: SessionEventMap[K]): void {
    this.#events.emit(type, detail);
  }

  #setLocalMuted(source: LocalSource, muted: boolean): void {
    this.#participants.set(
      this.#participants.get().map((p) =>
        p.isLocal ? { ...p, tracks: p.tracks.map((t) => (t.source === source ? { ...t, muted } : t)) } : p,
      ),
    );
  }
}

/** A participant snapshot with sensible defaults, for scripted sessions. */
export function participantView(identity: string, overrides: Partial<ParticipantView> = {}): ParticipantView {
  return {
    identity,
    name: identity,
    kind: 'standard',
    metadata: undefined,
    attributes: {},
    isLocal: false,
    isSpeaking: false,
    connectionQuality: 'good',
    tracks: [],
    ...overrides,
  };
}

/** A track snapshot with sensible defaults, for scripted sessions. */
export function trackView(source: TrackSource, overrides: Partial<TrackView> = {}): TrackView {
  return {
    sid: `TR_${source}`,
    source,
    kind: source === 'camera' || source === 'screen' ? 'video' : 'audio',
    muted: false,
    subscribed: true,
    mediaStreamTrack: undefined,
    ...overrides,
  };
}
