/**
 * The contract between the elements and a conference session, with nothing of its implementation: elements,
 * contexts, stories and test doubles depend on this file. {@link RoomSession} (room-session.ts) implements it
 * over livekit-client; tests and custom back ends may implement it too.
 */
import type { CastController } from './cast.js';
import type { DeviceKind } from './devices.js';
import type { LocalMedia, LocalMediaOptions, LocalSource } from './local-media.js';
import type { MessageChannel } from './messages.js';
import type { Readable } from './readable.js';
import type { CallStats } from './stats.js';
import type { TokenProvider } from './token.js';
import type { TrackStateMap } from './track-states.js';
import type { ConnectionStatus, ParticipantView, SessionEventMap, TrackSource } from './types.js';
import type { VideoView } from './video-views.js';

export interface ConnectOptions {
  /** `ws(s)://` or `http(s)://` address of a LiveKit server; a token provider may supply it instead. */
  serverUrl?: string;
  /** A token, a function returning `{ token, serverUrl? }`, or a token endpoint made with `tokenEndpoint()`. */
  token?: string | TokenProvider;
  /** Shortcut for `token: tokenEndpoint(url)`. */
  tokenEndpoint?: string;
  /** The room to join; a room that does not exist yet is created by the server on first join. */
  room?: string;
  identity?: string;
  name?: string;
  metadata?: string;
  /**
   * Key-value user data everyone sees (a role, a team), set on join; the token's own attributes stay unless
   * named here. `metadata` is the free-text kind (Wilddog's `userData`), also sent to the token provider.
   */
  attributes?: Record<string, string>;
  /** What to capture and publish on join when no local media (such as a preview's) is attached. */
  publish?: LocalMediaOptions;
  /** Receive every remote track at once (default), or only what `setSubscribed` asks for. */
  autoSubscribe?: boolean;
}

export interface ScreenShareOptions {
  /** Share the tab's or the system's sound too, where the browser offers it (default true). */
  audio?: boolean;
  /**
   * Hot switch: the screen takes the camera's place. The camera goes off once the screen is out, and comes
   * back on when sharing stops (from the kit or from the browser's own "Stop sharing"), so there is never a
   * moment with neither.
   */
  replaceCamera?: boolean;
}

/** What a conference session offers the elements; see the file's opening comment. */
export interface RtcSession {
  readonly connection: Readable<ConnectionStatus>;
  /** The local participant first (once there is one), then remote participants in the order they joined. */
  readonly participants: Readable<readonly ParticipantView[]>;
  readonly roomName: Readable<string | undefined>;
  readonly localMedia: Readable<LocalMedia | undefined>;
  readonly cast: CastController;
  /** Chat, barrage, custom commands and the page's own topics, for this room. */
  readonly messages: MessageChannel;
  /** Publish and play states of every track (ZEGO's publisher and player states). */
  readonly trackStates: Readable<TrackStateMap>;
  /**
   * WebRTC statistics of every track sent and received, sampled every `intervalMs` (default 1000) only while
   * something subscribes; `undefined` until the first sample. Subscribers with the same interval share one
   * sampler.
   */
  stats(intervalMs?: number): Readable<CallStats | undefined>;
  connect(options: ConnectOptions): Promise<void>;
  leave(): Promise<void>;
  /** The speaker remote audio plays on: a `deviceId`, or `''` for the system default. */
  readonly audioOutput: Readable<string>;
  /** Publishes `media`'s tracks while connected (a preview's, so joining never captures twice). */
  useLocalMedia(media: LocalMedia): () => void;
  setCameraEnabled(enabled: boolean): Promise<void>;
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /**
   * Uses another camera, microphone or speaker, remembered for the next visit. A running camera or microphone
   * is switched in place: its publication stays, and others keep receiving it with no renegotiation.
   */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /**
   * Shares a screen, window or tab (the browser asks which), or stops sharing. Rejects with
   * `screen-share-cancelled` when the person closes the picker, which is not a failure of the call; sharing
   * stopped from the browser's own bar is told as an `error` event with the same code.
   */
  setScreenShareEnabled(enabled: boolean, options?: ScreenShareOptions): Promise<void>;
  /** Stops sending a local source while keeping its capture (and preview) running; `publish` resumes it. */
  unpublish(source: LocalSource): Promise<void>;
  publish(source: LocalSource): Promise<void>;
  /** Starts or stops receiving one remote track. */
  setSubscribed(identity: string, source: TrackSource, subscribed: boolean): void;
  /**
   * A tile shows `identity`'s `source` video: the session receives it at the size of the largest visible tile,
   * and not at all while none is visible (see `VideoViews`). Release the view when the tile goes.
   */
  viewVideo(identity: string, source: TrackSource): VideoView;
  on<K extends keyof SessionEventMap>(type: K, listener: (detail: SessionEventMap[K]) => void): () => void;
}
