import {
  ConnectionState as RoomState,
  DisconnectReason,
  ParticipantKind as ParticipantKindCode,
  Room,
  RoomEvent,
  Track,
  type LocalTrack,
  type Participant,
  type RemoteTrackPublication,
  type RoomOptions,
  type RpcInvocationData,
  type TrackPublication,
} from 'livekit-client';
import { CastController, type CastProvider } from './cast.js';
import { connectionErrorCode } from './connection-error.js';
import { canShareScreen, listDevices, localStorageDeviceMemory, type DeviceKind, type DeviceMemory } from './devices.js';
import { Emitter } from './emitter.js';
import { RtcError, mediaError, type RtcErrorCode } from './errors.js';
import { LocalMedia, type LocalSource, type LocalTrackState } from './local-media.js';
import { CHAT_TOPIC, MessageHub, type MessageChannel, type MessageLimitsInit, type MessageTransport } from './messages.js';
import { Store, type Readable } from './readable.js';
import { resolveCredentials } from './token.js';
import { createReleasableRoom, releaseRoom } from './releasable-room.js';
import { StallWatch } from './stall-watch.js';
import { samplingInterval, statsReadable, type CallStats, type StatsSource } from './stats.js';
import { TrackStates, type TrackStateMap } from './track-states.js';
import { VideoViews, type VideoDemand, type VideoView } from './video-views.js';
import {
  isLive,
  type ConnectionQuality,
  type ConnectionState,
  type ConnectionStatus,
  type ParticipantKind,
  type ParticipantView,
  type SessionEventMap,
  type TrackSource,
  type TrackView,
} from './types.js';

export type { ConnectOptions, RtcSession, ScreenShareOptions } from './session.js';
import type { ConnectOptions, RtcSession, ScreenShareOptions } from './session.js';

export interface RoomSessionOptions {
  /** Makes the livekit-client `Room`; tests pass a fake. */
  createRoom?: (options: RoomOptions) => Room;
  castProvider?: CastProvider;
  /** Where chosen devices are remembered; `localStorage` by default. */
  deviceMemory?: DeviceMemory;
  /** Message sizes, rates and the outbox, where the defaults do not suit. */
  messageLimits?: MessageLimitsInit;
}

const sourceFromLivekit: Record<string, TrackSource | undefined> = {
  [Track.Source.Camera]: 'camera',
  [Track.Source.Microphone]: 'microphone',
  [Track.Source.ScreenShare]: 'screen',
  [Track.Source.ScreenShareAudio]: 'screen-audio',
};

const livekitSource: Record<TrackSource, Track.Source> = {
  camera: Track.Source.Camera,
  microphone: Track.Source.Microphone,
  screen: Track.Source.ScreenShare,
  'screen-audio': Track.Source.ScreenShareAudio,
};

/** Where the server ended our presence rather than a network failure. */
const removedBy: Partial<Record<DisconnectReason, RtcErrorCode>> = {
  [DisconnectReason.PARTICIPANT_REMOVED]: 'kicked',
  [DisconnectReason.DUPLICATE_IDENTITY]: 'duplicate-identity',
  [DisconnectReason.ROOM_DELETED]: 'room-closed',
  [DisconnectReason.ROOM_CLOSED]: 'room-closed',
};

/** How long the connection says "reconnected" before it is plain "connected" again. */
export const RECONNECTED_SETTLES_MS = 3000;

/** Limits on user data, checked before anything is sent (LiveKit's own limits are larger). */
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_ATTRIBUTES_BYTES = 16 * 1024;

const kinds: Partial<Record<ParticipantKindCode, ParticipantKind>> = {
  [ParticipantKindCode.STANDARD]: 'standard',
  [ParticipantKindCode.AGENT]: 'agent',
  [ParticipantKindCode.INGRESS]: 'ingress',
  [ParticipantKindCode.EGRESS]: 'egress',
  [ParticipantKindCode.SIP]: 'sip',
  [ParticipantKindCode.CONNECTOR]: 'connector',
};

/** The kind of a livekit participant as the kit names it; anything unknown is a person. */
function kindOf(participant: Participant): ParticipantKind {
  return kinds[participant.kind] ?? 'standard';
}

function checkUserData({ metadata, attributes }: { metadata?: string | undefined; attributes?: Record<string, string> | undefined }): void {
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  if (metadata !== undefined && bytes(metadata) > MAX_METADATA_BYTES) {
    throw new RtcError('user-data-too-large', `Metadata is ${bytes(metadata)} bytes; at most ${MAX_METADATA_BYTES} are allowed.`);
  }
  const attributeBytes = Object.entries(attributes ?? {}).reduce((sum, [key, value]) => sum + bytes(key) + bytes(String(value)), 0);
  if (attributeBytes > MAX_ATTRIBUTES_BYTES) {
    throw new RtcError('user-data-too-large', `Attributes are ${attributeBytes} bytes; at most ${MAX_ATTRIBUTES_BYTES} are allowed.`);
  }
}

function qualityOf(participant: Participant): ConnectionQuality {
  const quality = String(participant.connectionQuality);
  return (['excellent', 'good', 'poor', 'lost'] as const).find((q) => q === quality) ?? 'unknown';
}

/** A conference session over one livekit-client `Room`, exposing its state as readables. */
export class RoomSession implements RtcSession {
  readonly #connection = new Store<ConnectionStatus>({ state: 'idle', previous: 'idle' });
  readonly #participants = new Store<readonly ParticipantView[]>([]);
  readonly #roomName = new Store<string | undefined>(undefined);
  readonly #localMedia = new Store<LocalMedia | undefined>(undefined);
  readonly #audioOutput: Store<string>;
  readonly #deviceMemory: DeviceMemory;
  readonly #events = new Emitter<SessionEventMap>();
  /** The camera was on when a hot switch to the screen turned it off: it comes back when sharing stops. */
  #cameraReplacedByScreen = false;
  /** The kit itself is ending the screen share; any other end came from the browser's own "Stop sharing". */
  #stoppingScreenShare = false;
  #screenShareChange: Promise<void> = Promise.resolve();
  readonly #videoViews = new VideoViews(
    (identity, source, demand) => this.#applyVideoDemand(identity, source, demand),
    () => this.#refreshRemoteVideo(),
  );
  readonly #createRoom: (options: RoomOptions) => Room;
  #room: Room | undefined;
  #token: string | undefined;
  #attempt = 0;
  #pendingDisconnect: Promise<void> = Promise.resolve();
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Participants livekit reported gone during a full reconnect: only "left" if they do not come back. */
  readonly #absentDuringReconnect = new Map<string, { identity: string; name: string }>();
  #ownsLocalMedia = false;
  #unwatchRoom: (() => void) | undefined;
  #stallWatch: StallWatch | undefined;
  #unwatchMedia: (() => void) | undefined;
  #refreshQueued = false;
  #publishing: Promise<void> = Promise.resolve();
  /** Which local track is published for each source, so a new capture replaces the old publication. */
  readonly #published = new Map<LocalSource, LocalTrack>();
  readonly #withheld = new Set<LocalSource>();
  readonly #rpcMethods = new Map<string, (data: RpcInvocationData) => Promise<string>>();
  readonly #trackStates = new TrackStates({
    publish: (detail) => this.#events.emit('publish-state-changed', detail),
    play: (detail) => this.#events.emit('play-state-changed', detail),
  });
  readonly trackStates: Readable<TrackStateMap> = this.#trackStates.map;
  readonly #stats = new Map<number, Readable<CallStats | undefined>>();

  readonly connection: Readable<ConnectionStatus> = this.#connection;
  readonly participants: Readable<readonly ParticipantView[]> = this.#participants;
  readonly roomName: Readable<string | undefined> = this.#roomName;
  readonly localMedia: Readable<LocalMedia | undefined> = this.#localMedia;
  readonly audioOutput: Readable<string>;
  readonly cast: CastController;
  /** The room's messages. The session alone drives the hub behind it (connected, waiting, received…). */
  readonly messages: MessageChannel;
  readonly #hub: MessageHub;

  constructor(options: RoomSessionOptions = {}) {
    this.#hub = new MessageHub(options.messageLimits);
    this.messages = this.#hub;
    this.#createRoom = options.createRoom ?? createReleasableRoom;
    this.#deviceMemory = options.deviceMemory ?? localStorageDeviceMemory;
    this.#audioOutput = new Store(this.#deviceMemory.get('audiooutput') ?? '');
    this.audioOutput = this.#audioOutput;
    this.cast = new CastController(
      { room: () => this.#roomName.get(), token: () => this.#token },
      options.castProvider,
    );
  }

  /** The livekit-client Room while connected, for what the kit does not cover yet. */
  get room(): Room | undefined {
    return this.#room;
  }

  on<K extends keyof SessionEventMap>(type: K, listener: (detail: SessionEventMap[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /**
   * Answers RPC `method` in every room this session joins, reconnects included. LiveKit allows one handler per
   * method and room, so handlers are registered here, never on the Room. Throws if `method` is taken.
   */
  registerRpcMethod(method: string, handler: (data: RpcInvocationData) => Promise<string>): () => void {
    if (this.#rpcMethods.has(method)) throw new Error(`RPC method ${method} already has a handler in this session.`);
    this.#rpcMethods.set(method, handler);
    this.#room?.registerRpcMethod(method, handler);
    return () => {
      if (this.#rpcMethods.get(method) !== handler) return;
      this.#rpcMethods.delete(method);
      this.#room?.unregisterRpcMethod(method);
    };
  }

  stats(intervalMs = 1000): Readable<CallStats | undefined> {
    const interval = samplingInterval(intervalMs);
    let readable = this.#stats.get(interval);
    if (!readable) {
      readable = statsReadable(
        () => this.#statsSources(),
        () => Object.fromEntries(this.#participants.get().map((p) => [p.identity, p.connectionQuality])),
        interval,
      );
      this.#stats.set(interval, readable);
    }
    return readable;
  }

  #statsSources(): StatsSource[] {
    const room = this.#room;
    if (!room) return [];
    const sources: StatsSource[] = [];
    const add = (participant: Participant, direction: 'publish' | 'play') => {
      for (const publication of participant.trackPublications.values()) {
        const source = sourceFromLivekit[publication.source];
        const track = publication.track;
        if (!source || !track) continue;
        sources.push({ identity: participant.identity, source, kind: publication.kind as 'audio' | 'video', direction, report: () => track.getRTCStatsReport() });
      }
    };
    add(room.localParticipant, 'publish');
    for (const participant of room.remoteParticipants.values()) add(participant, 'play');
    return sources;
  }

  /**
   * Changes your user data, seen by everyone: `metadata` (free text, often JSON) and `attributes` (key-value;
   * an attribute set to `''` is removed). Rejects with `user-data-too-large`, `not-connected`, or
   * `no-permission` when the token may not update its own metadata.
   */
  setUserData(data: { metadata?: string; attributes?: Record<string, string> }): Promise<void> {
    // One at a time, in the order asked: livekit-client sends the whole metadata with each attributes update.
    const next = this.#userDataChange.then(() => this.#applyUserData(data));
    this.#userDataChange = next.catch(() => undefined);
    return next;
  }

  #userDataChange: Promise<void> = Promise.resolve();

  async #applyUserData(data: { metadata?: string; attributes?: Record<string, string> }): Promise<void> {
    checkUserData(data);
    const room = this.#room;
    if (!room || !isLive(this.#connection.get().state)) throw new RtcError('not-connected', 'Join a room before setting user data.');
    if (!room.localParticipant.permissions?.canUpdateMetadata) {
      throw new RtcError('no-permission', 'The token does not allow updating your own metadata (canUpdateOwnMetadata).');
    }
    try {
      if (data.metadata !== undefined) await room.localParticipant.setMetadata(data.metadata);
      if (data.attributes) await room.localParticipant.setAttributes(data.attributes);
    } catch (error) {
      throw new RtcError('send-failed', `The server did not take the user data: ${(error as Error)?.message ?? error}`, { cause: error });
    }
    this.#queueRefresh();
  }

  /** Calls `method` on one participant; rejects with livekit-client's `RpcError`, or `not-connected` without a room. */
  performRpc(params: { destinationIdentity: string; method: string; payload: string; responseTimeout?: number }): Promise<string> {
    const room = this.#room;
    if (!room || this.#connection.get().state === 'connecting') {
      return Promise.reject(new RtcError('not-connected', 'The session is not connected to a room.'));
    }
    return room.localParticipant.performRpc(params);
  }

  async connect(options: ConnectOptions): Promise<void> {
    // Each call supersedes the one before: an older attempt still waiting on a token or the server stops there.
    const attempt = ++this.#attempt;
    const superseded = () => attempt !== this.#attempt;
    if (this.#room || this.#connection.get().state === 'connecting') this.#disconnectRoom();
    // A Room still closing holds the same local tracks; publishing them elsewhere must wait for it to let go.
    await this.#pendingDisconnect;
    if (superseded()) return;
    this.#setState('connecting');
    // Another room's chat is not this one's; what is sent while connecting waits for it.
    this.#hub.reset();
    this.#hub.waiting();
    this.#roomName.set(options.room);
    if (!this.#localMedia.get() && (options.publish?.audio || options.publish?.video)) {
      const media = new LocalMedia({ deviceMemory: this.#deviceMemory });
      this.#ownsLocalMedia = true;
      this.#attachMedia(media);
      // Capture while the connection is being set up; a capture failure is reported but does not stop the join.
      media.start(options.publish).catch((error: RtcError) => this.#events.emit('error', error));
    }
    let room: Room | undefined;
    try {
      checkUserData(options);
      const { serverUrl, token } = await resolveCredentials(options);
      if (superseded()) return;
      this.#token = token;
      room = this.#createRoom({ adaptiveStream: false, dynacast: true, stopLocalTrackOnUnpublish: false });
      this.#videoViews.reset();
      this.#room = room;
      for (const [method, handler] of this.#rpcMethods) room.registerRpcMethod(method, handler);
      this.#watchRoom(room);
      await room.connect(serverUrl, token, { autoSubscribe: options.autoSubscribe ?? true });
      if (superseded()) {
        // A later connect() or leave() took over while this one was on its way: leave no ghost behind.
        await room.disconnect(false).catch(() => undefined);
        releaseRoom(room);
        return;
      }
      this.#roomName.set(room.name || options.room);
      this.#checkAudioOutput();
      this.cast.applyRoomMetadata(room.metadata);
      this.#setState('connected');
      // Who was here before us: livekit tells of them in the join, not as arrivals; the page hears of each.
      for (const participant of room.remoteParticipants.values()) {
        this.#events.emit('participant-joined', { identity: participant.identity, name: participant.name || participant.identity, initial: true });
      }
      this.#hub.connected(this.#messageTransport(room));
      this.#watchStalls(room);
      this.#queueRefresh();
      this.#syncPublications();
      // The token may carry user data already; what the page gave on joining is set on top of it.
      const { metadata, attributes } = options;
      // Awaited, so a page's own setUserData after connect() resolves comes after it, not before.
      if ((metadata !== undefined && metadata !== room.localParticipant.metadata) || attributes) {
        await this.setUserData({ ...(metadata !== undefined ? { metadata } : {}), ...(attributes ? { attributes } : {}) }).catch((error: RtcError) =>
          this.#events.emit('error', error),
        );
      }
    } catch (error) {
      if (superseded()) return;
      const code = connectionErrorCode(error);
      const message = (error as Error)?.message ?? String(error);
      const rtcError = RtcError.is(error) ? error : new RtcError(code, message, { cause: error });
      this.#teardownRoom();
      if (room) this.#pendingDisconnect = room.disconnect(false).catch(() => undefined);
      this.#releaseOwnMedia();
      this.#setState('failed', code, message);
      this.#events.emit('error', rtcError);
      throw rtcError;
    }
  }

  async leave(): Promise<void> {
    this.#attempt++;
    const wasActive = !!this.#room || this.#connection.get().state === 'connecting';
    const disconnecting = this.#disconnectRoom();
    // The session is at rest at once, so a connect() right after starts clean; the old Room finishes closing
    // in the background and connect() waits for it before publishing the same tracks elsewhere.
    this.#releaseOwnMedia();
    if (wasActive) this.#setState('disconnected');
    await disconnecting;
  }

  /** Ends the current Room, if any, keeping the local captures running: a preview outlives the call. */
  #disconnectRoom(): Promise<void> {
    const room = this.#room;
    // Torn down first, so the Disconnected event this causes is not taken for a lost connection.
    this.#teardownRoom();
    if (!room) return this.#pendingDisconnect;
    // livekit stops every published track on disconnect unless told not to; the captures are not its to stop.
    const closing = room.disconnect(false).catch(() => undefined);
    this.#pendingDisconnect = closing;
    return closing;
  }

  useLocalMedia(media: LocalMedia): () => void {
    if (this.#ownsLocalMedia) this.#releaseOwnMedia();
    this.#attachMedia(media);
    return () => {
      if (this.#localMedia.get() !== media) return;
      this.#unwatchMedia?.();
      this.#unwatchMedia = undefined;
      this.#localMedia.set(undefined);
      this.#syncPublications();
      this.#queueRefresh();
    };
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    // The person decides about the camera now: the end of a hot switch no longer brings it back.
    this.#cameraReplacedByScreen = false;
    await this.#ensureMedia().setCameraEnabled(enabled);
    if (enabled) await this.publish('camera');
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    await this.#ensureMedia().setMicrophoneEnabled(enabled);
    if (enabled) await this.publish('microphone');
  }

  async unpublish(source: LocalSource): Promise<void> {
    this.#withheld.add(source);
    this.#syncPublications();
    await this.#publishing;
  }

  async publish(source: LocalSource): Promise<void> {
    this.#withheld.delete(source);
    this.#syncPublications();
    await this.#publishing;
  }

  /** A speaker remembered from an earlier visit that is not plugged in now: play on the default, quietly. */
  #checkAudioOutput(): void {
    const output = this.#audioOutput.get();
    if (!output || output === 'default') return;
    void listDevices('audiooutput').then((speakers) => {
      if (speakers.length && !speakers.some((speaker) => speaker.deviceId === output) && this.#audioOutput.get() === output) this.#audioOutput.set('');
    });
  }

  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      this.#deviceMemory.set(kind, deviceId);
      this.#audioOutput.set(deviceId);
      return;
    }
    await this.#ensureMedia().switchDevice(kind, deviceId);
  }

  setScreenShareEnabled(enabled: boolean, options: ScreenShareOptions = {}): Promise<void> {
    // One change at a time: a second click while the picker is open waits for the first to settle.
    const change = this.#screenShareChange.then(() => this.#applyScreenShare(enabled, options));
    this.#screenShareChange = change.catch(() => undefined);
    return change;
  }

  async #applyScreenShare(enabled: boolean, options: ScreenShareOptions): Promise<void> {
    const room = this.#room;
    if (!room || !isLive(this.#connection.get().state)) {
      if (!enabled) return;
      throw new RtcError('not-connected', 'Join a room before sharing the screen.');
    }
    if (enabled === room.localParticipant.isScreenShareEnabled) return;
    if (!enabled) {
      // The camera first, so that viewers are never left with neither.
      await this.#restoreCameraAfterScreen();
      this.#stoppingScreenShare = true;
      try {
        await room.localParticipant.setScreenShareEnabled(false);
      } finally {
        this.#stoppingScreenShare = false;
      }
      return;
    }
    if (!canShareScreen()) {
      throw new RtcError('screen-share-unsupported', 'This browser cannot share the screen.');
    }
    try {
      await room.localParticipant.setScreenShareEnabled(true, { audio: options.audio ?? true, selfBrowserSurface: 'exclude' });
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      const message = (error as Error)?.message ?? String(error);
      // Closing the picker is the person's choice, not a failure; Chrome reports it as NotAllowedError.
      if (name === 'NotAllowedError' || name === 'AbortError') throw new RtcError('screen-share-cancelled', 'Screen sharing was cancelled.', { cause: error });
      if (name === 'NotSupportedError') throw new RtcError('screen-share-unsupported', message, { cause: error });
      throw new RtcError('publish-failed', `Sharing the screen failed: ${message}`, { cause: error });
    }
    if (options.replaceCamera && room.localParticipant.isScreenShareEnabled) {
      const camera = this.#localMedia.get()?.camera.get();
      if (camera?.enabled) {
        this.#cameraReplacedByScreen = true;
        await this.#localMedia.get()?.setCameraEnabled(false);
      }
    }
  }

  async #restoreCameraAfterScreen(): Promise<void> {
    if (!this.#cameraReplacedByScreen) return;
    this.#cameraReplacedByScreen = false;
    try {
      await this.#ensureMedia().setCameraEnabled(true);
      await this.publish('camera');
    } catch (error) {
      this.#events.emit('error', RtcError.is(error) ? error : mediaError(error));
    }
  }

  /** A screen share ended, by the kit or by the browser's own "Stop sharing": release the capture. */
  #onLocalTrackUnpublished(publication: TrackPublication): void {
    const source = sourceFromLivekit[publication.source];
    if (source !== 'screen' && source !== 'screen-audio') return;
    // The room keeps unpublished tracks running (they may be a preview's); a screen capture has no other use.
    const endedByBrowser = publication.track?.mediaStreamTrack.readyState === 'ended';
    publication.track?.stop();
    // livekit also unpublishes everything while disconnecting: that is the call ending, not the share.
    if (source !== 'screen' || this.#room?.state !== RoomState.Connected) return;
    void this.#restoreCameraAfterScreen();
    // Not a failure, but the page hears of it the same way as a closed picker: sharing ended by the person.
    if (!this.#stoppingScreenShare && endedByBrowser) {
      this.#events.emit('error', new RtcError('screen-share-cancelled', 'Screen sharing was stopped from the browser.'));
    }
  }

  viewVideo(identity: string, source: TrackSource): VideoView {
    return this.#videoViews.open(identity, source);
  }

  /** Applies what tiles want to every remote video received now. */
  #refreshRemoteVideo(): void {
    for (const participant of this.#room?.remoteParticipants.values() ?? []) {
      for (const publication of participant.videoTrackPublications.values()) {
        const source = sourceFromLivekit[publication.source];
        if (source) this.#videoViews.refresh(participant.identity, source, true);
      }
    }
  }

  /** Receives a remote video only while a tile shows it, at the size shown (the dev server and LiveKit pick the layer). */
  #applyVideoDemand(identity: string, source: TrackSource, demand: VideoDemand): void {
    const publication = this.#room?.remoteParticipants.get(identity)?.getTrackPublication(livekitSource[source]) as RemoteTrackPublication | undefined;
    if (!publication?.isDesired) return;
    publication.setEnabled(demand.enabled);
    if (demand.enabled && demand.width > 0 && demand.height > 0) publication.setVideoDimensions({ width: demand.width, height: demand.height });
  }

  setSubscribed(identity: string, source: TrackSource, subscribed: boolean): void {
    const participant = this.#room?.remoteParticipants.get(identity);
    const publication = participant?.getTrackPublication(livekitSource[source]) as RemoteTrackPublication | undefined;
    if (!publication) {
      this.#events.emit('error', new RtcError('subscribe-failed', `${identity} has no ${source} track to subscribe to.`));
      return;
    }
    publication.setSubscribed(subscribed);
  }

  #ensureMedia(): LocalMedia {
    let media = this.#localMedia.get();
    if (!media) {
      media = new LocalMedia({ deviceMemory: this.#deviceMemory });
      this.#ownsLocalMedia = true;
      this.#attachMedia(media);
    }
    return media;
  }

  #attachMedia(media: LocalMedia): void {
    this.#unwatchMedia?.();
    this.#localMedia.set(media);
    const onChange = () => {
      this.#syncPublications();
      this.#queueRefresh();
    };
    const stops = [media.camera.subscribe(onChange), media.microphone.subscribe(onChange)];
    this.#unwatchMedia = () => stops.forEach((stop) => stop());
  }

  #releaseOwnMedia(): void {
    if (!this.#ownsLocalMedia) return;
    this.#ownsLocalMedia = false;
    this.#unwatchMedia?.();
    this.#unwatchMedia = undefined;
    this.#localMedia.get()?.stop();
    this.#localMedia.set(undefined);
    this.#queueRefresh();
  }

  /** Brings what the room publishes in line with the local captures, one change at a time. */
  #syncPublications(): void {
    this.#publishing = this.#publishing.then(() => this.#applyPublications()).catch(() => undefined);
  }

  async #applyPublications(): Promise<void> {
    const room = this.#room;
    if (!room || !isLive(this.#connection.get().state)) return;
    const media = this.#localMedia.get();
    const wanted: Record<LocalSource, LocalTrackState | undefined> = {
      camera: this.#withheld.has('camera') ? undefined : media?.camera.get(),
      microphone: this.#withheld.has('microphone') ? undefined : media?.microphone.get(),
    };
    for (const source of ['camera', 'microphone'] as const) {
      const published = this.#published.get(source);
      const track = wanted[source]?.track;
      if (published === track) continue;
      try {
        if (published) {
          this.#published.delete(source);
          await room.localParticipant.unpublishTrack(published, false);
        }
        if (track) {
          this.#trackStates.publishing(source);
          this.#queueRefresh();
          await room.localParticipant.publishTrack(track, { source: livekitSource[source] });
          // Left meanwhile: that room's publication is not this session's news any more.
          if (this.#room !== room) return;
          this.#trackStates.published(source);
          this.#published.set(source, track);
        }
      } catch (error) {
        if (this.#room !== room) return;
        this.#trackStates.publishFailed(source, 'publish-failed');
        this.#events.emit(
          'error',
          new RtcError('publish-failed', `Publishing the ${source} failed: ${(error as Error)?.message ?? error}`, { cause: error }),
        );
      }
    }
    this.#queueRefresh();
  }

  #setState(state: ConnectionState, reason?: RtcErrorCode, message?: string): void {
    const current = this.#connection.get();
    const previous = current.state;
    if (previous === state && current.reason === reason) return;
    clearTimeout(this.#settleTimer);
    // "Reconnected" is news, not a state to stay in: a few seconds later the call is simply connected again.
    if (state === 'reconnected') this.#settleTimer = setTimeout(() => this.#setState('connected'), RECONNECTED_SETTLES_MS);
    const status: ConnectionStatus = { state, previous };
    if (reason) status.reason = reason;
    if (message) status.message = message;
    this.#connection.set(status);
    this.#events.emit('connection-state-changed', status);
  }

  #watchRoom(room: Room): void {
    const refresh = () => this.#queueRefresh();
    const trackDetail = (publication: TrackPublication, participant: Participant) => {
      const source = sourceFromLivekit[publication.source];
      return source ? { identity: participant.identity, source, kind: publication.kind as 'audio' | 'video' } : undefined;
    };
    const handlers: [RoomEvent, (...args: never[]) => void][] = [
      [
        RoomEvent.ParticipantConnected,
        (participant: Participant) => {
          refresh();
          if (this.#absentDuringReconnect.delete(participant.identity)) return;
          this.#events.emit('participant-joined', { identity: participant.identity, name: participant.name || participant.identity });
        },
      ],
      [
        RoomEvent.ParticipantDisconnected,
        (participant: Participant) => {
          refresh();
          // Also when livekit unwinds everyone for a full reconnect: what is typed meanwhile is still for them.
          this.#hub.participantLeft(participant.identity);
          const detail = { identity: participant.identity, name: participant.name || participant.identity };
          // livekit unwinds every participant just before it announces a full reconnect: wait a microtask to
          // tell a real departure from that, and hold the latter until the reconnect settles.
          queueMicrotask(() => {
            if (this.#room !== room) return;
            if (this.#connection.get().state === 'reconnecting') this.#absentDuringReconnect.set(detail.identity, detail);
            else this.#events.emit('participant-left', detail);
          });
        },
      ],
      [
        RoomEvent.TrackSubscribed,
        (_track: Track, publication: TrackPublication, participant: Participant) => {
          refresh();
          const detail = trackDetail(publication, participant);
          if (detail) this.#events.emit('track-subscribed', detail);
          if (detail?.kind === 'video') this.#videoViews.refresh(detail.identity, detail.source, true);
        },
      ],
      [
        RoomEvent.TrackUnsubscribed,
        (_track: Track, publication: TrackPublication, participant: Participant) => {
          refresh();
          const detail = trackDetail(publication, participant);
          if (detail) this.#events.emit('track-unsubscribed', detail);
        },
      ],
      [
        RoomEvent.TrackMuted,
        (publication: TrackPublication, participant: Participant) => {
          refresh();
          const detail = trackDetail(publication, participant);
          if (detail) this.#events.emit('track-muted', detail);
        },
      ],
      [
        RoomEvent.TrackUnmuted,
        (publication: TrackPublication, participant: Participant) => {
          refresh();
          const detail = trackDetail(publication, participant);
          if (detail) this.#events.emit('track-unmuted', detail);
        },
      ],
      [
        RoomEvent.Reconnecting,
        () => {
          this.#setState('reconnecting');
          this.#hub.fullReconnect();
        },
      ],
      [
        RoomEvent.SignalReconnecting,
        () => {
          this.#setState('reconnecting');
          this.#hub.waiting();
        },
      ],
      [
        RoomEvent.DataReceived,
        (payload: Uint8Array, participant?: Participant, _kind?: unknown, topic?: string) => {
          if (participant) this.#hub.receiveData(participant.identity, topic, payload);
        },
      ],
      [
        RoomEvent.Reconnected,
        () => {
          this.#setState('reconnected');
          this.#hub.connected(this.#messageTransport(room));
          // livekit emits the participants it buffered during the reconnect right after this event, in the same
          // task: only those still missing after them have really left.
          queueMicrotask(() => {
            for (const detail of this.#absentDuringReconnect.values()) {
              if (!room.remoteParticipants.has(detail.identity)) this.#events.emit('participant-left', detail);
            }
            this.#absentDuringReconnect.clear();
          });
          refresh();
          // Captures turned on or replaced while reconnecting were not published then.
          this.#syncPublications();
        },
      ],
      [RoomEvent.Disconnected, (reason?: DisconnectReason) => this.#onDisconnected(room, reason)],
      [
        RoomEvent.LocalTrackUnpublished,
        (publication: TrackPublication) => {
          refresh();
          this.#onLocalTrackUnpublished(publication);
        },
      ],
      [RoomEvent.RoomMetadataChanged, (metadata: string) => this.cast.applyRoomMetadata(metadata)],
      ...[RoomEvent.ParticipantMetadataChanged, RoomEvent.ParticipantNameChanged, RoomEvent.ParticipantAttributesChanged].map(
        (event) =>
          [
            event,
            (_change: unknown, participant?: Participant) => {
              this.#queueRefresh();
              if (!participant) return;
              // After the refresh queued above, so listeners reading `participants` see the change too.
              queueMicrotask(() => this.#events.emit('participant-updated', {
                identity: participant.identity,
                name: participant.name || participant.identity,
                metadata: participant.metadata || undefined,
                attributes: { ...participant.attributes },
                isLocal: participant === room.localParticipant,
              }));
            },
          ] as [RoomEvent, (...args: never[]) => void],
      ),
      [
        RoomEvent.MediaDevicesError,
        (error: Error, kind?: MediaDeviceKind) => {
          // Without a kind it is the screen share, whose failure setScreenShareEnabled reports itself, typed.
          if (kind) this.#events.emit('error', mediaError(error));
        },
      ],
      [
        RoomEvent.TrackSubscriptionFailed,
        (trackSid: string, participant?: Participant) => {
          const publication = [...(participant?.trackPublications.values() ?? [])].find((p) => p.trackSid === trackSid);
          const source = publication && sourceFromLivekit[publication.source];
          if (participant && source) this.#trackStates.playFailed(participant.identity, source, 'subscribe-failed');
          this.#queueRefresh();
          this.#events.emit(
            'error',
            new RtcError('subscribe-failed', `Receiving track ${trackSid} of ${participant?.identity ?? 'a participant'} failed.`),
          );
        },
      ],
      ...[
        RoomEvent.TrackPublished,
        RoomEvent.TrackUnpublished,
        RoomEvent.LocalTrackPublished,
        RoomEvent.ActiveSpeakersChanged,
        RoomEvent.ConnectionQualityChanged,

        RoomEvent.TrackSubscriptionStatusChanged,
        RoomEvent.TrackStreamStateChanged,
      ].map((event) => [event, refresh] as [RoomEvent, () => void]),
    ];
    for (const [event, handler] of handlers) room.on(event, handler as never);
    // The hub owns the chat topic: one handler per topic and room is all LiveKit allows.
    room.registerTextStreamHandler(CHAT_TOPIC, (reader, { identity }) => {
      void reader.readAll().then(
        (text) => this.#hub.receiveChat(identity, text, { id: reader.info.id, timestamp: reader.info.timestamp }),
        () => undefined, // a stream cut off midway (its sender left) is not a message
      );
    });
    this.#unwatchRoom = () => {
      for (const [event, handler] of handlers) room.off(event, handler as never);
      room.unregisterTextStreamHandler(CHAT_TOPIC);
    };
  }

  #onDisconnected(room: Room, reason: DisconnectReason | undefined): void {
    // A failing connect() also emits Disconnected; connect() reports that failure itself, once.
    if (this.#room !== room || this.#connection.get().state === 'connecting') return;
    const wasReconnecting = this.#connection.get().state === 'reconnecting';
    this.#teardownRoom();
    if (reason === DisconnectReason.CLIENT_INITIATED) {
      this.#releaseOwnMedia();
      this.#setState('disconnected');
      return;
    }
    const removal = reason === undefined ? undefined : removedBy[reason];
    if (removal) {
      this.#releaseOwnMedia();
      const message =
        removal === 'duplicate-identity'
          ? 'Someone joined with the same identity elsewhere.'
          : removal === 'room-closed'
            ? 'The room was closed.'
            : 'You were removed from the room.';
      this.#setState('kicked', removal, message);
      this.#events.emit('error', new RtcError(removal, message));
      return;
    }
    this.#releaseOwnMedia();
    this.#absentDuringReconnect.clear();
    const code: RtcErrorCode = wasReconnecting ? 'reconnect-failed' : 'server-unreachable';
    const message = wasReconnecting ? 'Reconnecting to the server failed.' : 'The connection to the server was lost.';
    this.#setState('failed', code, message);
    this.#events.emit('error', new RtcError(code, message));
  }

  /** Repairs remote media that stops arriving without a word, and says so in the play states. */
  #watchStalls(room: Room): void {
    this.#stallWatch?.stop();
    this.#stallWatch = new StallWatch(room, (identity, livekitSourceOfTrack, change) => {
      const source = sourceFromLivekit[livekitSourceOfTrack];
      if (!source || this.#room !== room) return;
      this.#trackStates.playStalled(identity, source, change);
      this.#queueRefresh();
      if (change === 'gave-up') this.#events.emit('error', new RtcError('media-stalled', `${identity}'s ${source} stopped arriving and could not be restored.`));
    });
    this.#stallWatch.start();
  }

  /** What the message hub sends through: this Room's local participant. */
  #messageTransport(room: Room): MessageTransport {
    const local = room.localParticipant;
    const version = room.serverInfo?.version ?? '';
    return {
      identity: local.identity,
      get canPublishData() {
        return local.permissions?.canPublishData ?? true;
      },
      // As LiveKit Meet decides: newer servers' clients read the text stream, and ignore the legacy mirror.
      legacyChatIgnored: room.serverInfo?.edition === 1 || version.localeCompare('1.8.2', undefined, { numeric: true }) > 0,
      nameOf: (identity) => (identity === local.identity ? local.name || identity : room.remoteParticipants.get(identity)?.name || identity),
      present: () => [...room.remoteParticipants.keys()],
      sendText: (text, options) => local.sendText(text, options),
      publishData: (payload, options) => local.publishData(payload, options),
    };
  }

  #teardownRoom(): void {
    this.#hub.closed();
    // A screen share ends with the call (the camera and microphone are the preview's and outlive it).
    for (const source of [Track.Source.ScreenShare, Track.Source.ScreenShareAudio]) {
      this.#room?.localParticipant.getTrackPublication(source)?.track?.stop();
    }
    // The preview outlives the call: a camera the hot switch turned off comes back on.
    if (this.#cameraReplacedByScreen) void this.#localMedia.get()?.setCameraEnabled(true).catch(() => undefined);
    this.#cameraReplacedByScreen = false;
    this.#unwatchRoom?.();
    this.#unwatchRoom = undefined;
    this.#stallWatch?.stop();
    this.#stallWatch = undefined;
    if (this.#room) releaseRoom(this.#room);
    this.#room = undefined;
    this.#token = undefined;
    this.#roomName.set(undefined);
    this.#published.clear();
    this.#absentDuringReconnect.clear();
    this.cast.reset();
    this.#trackStates.reset();
    this.#queueRefresh();
  }

  #queueRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    queueMicrotask(() => {
      this.#refreshQueued = false;
      const snapshot = this.#snapshot();
      this.#participants.set(snapshot);
      this.#trackStates.update(snapshot);
    });
  }

  #snapshot(): readonly ParticipantView[] {
    const room = this.#room;
    const views: ParticipantView[] = [];
    const local = this.#localView(room);
    if (local) views.push(local);
    if (room) {
      for (const participant of room.remoteParticipants.values()) {
        views.push({
          identity: participant.identity,
          name: participant.name || participant.identity,
          kind: kindOf(participant),
          metadata: participant.metadata || undefined,
          attributes: { ...participant.attributes },
          isLocal: false,
          isSpeaking: participant.isSpeaking,
          connectionQuality: qualityOf(participant),
          tracks: [...participant.trackPublications.values()].flatMap((publication) => {
            const source = sourceFromLivekit[publication.source];
            if (!source) return [];
            const track: TrackView = {
              sid: publication.trackSid,
              source,
              kind: publication.kind as 'audio' | 'video',
              muted: publication.isMuted,
              subscribed: publication.isSubscribed,
              mediaStreamTrack: publication.track?.mediaStreamTrack,
              wanted: publication.isDesired,
            };
            return [track];
          }),
        });
      }
    }
    return views;
  }

  #localView(room: Room | undefined): ParticipantView | undefined {
    const media = this.#localMedia.get();
    if (!room && !media) return undefined;
    const participant = room?.localParticipant;
    const tracks: TrackView[] = [];
    for (const [source, state] of [
      ['camera', media?.camera.get()],
      ['microphone', media?.microphone.get()],
    ] as const) {
      if (!state) continue;
      tracks.push({
        sid: participant?.getTrackPublication(livekitSource[source])?.trackSid,
        source,
        kind: source === 'camera' ? 'video' : 'audio',
        muted: !state.enabled,
        subscribed: true,
        mediaStreamTrack: state.mediaStreamTrack,
      });
    }
    for (const source of ['screen', 'screen-audio'] as const) {
      const publication = participant?.getTrackPublication(livekitSource[source]);
      const mediaStreamTrack = publication?.track?.mediaStreamTrack;
      if (!publication || !mediaStreamTrack) continue;
      tracks.push({
        sid: publication.trackSid,
        source,
        kind: source === 'screen' ? 'video' : 'audio',
        muted: publication.isMuted,
        subscribed: true,
        mediaStreamTrack,
      });
    }
    const identity = participant?.identity || 'local';
    return {
      identity,
      name: participant?.name || participant?.identity || '',
      kind: participant ? kindOf(participant) : 'standard',
      metadata: participant?.metadata || undefined,
      attributes: { ...(participant?.attributes ?? {}) },
      isLocal: true,
      isSpeaking: participant?.isSpeaking ?? false,
      connectionQuality: participant ? qualityOf(participant) : 'unknown',
      tracks,
    };
  }
}
