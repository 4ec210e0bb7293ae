import { provide } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LocalMediaOptions } from '../../core/local-media.js';
import { RoomSession, type ConnectOptions, type RtcSession } from '../../core/room-session.js';
import type { TokenProvider } from '../../core/token.js';
import { type ConnectionState, type ConnectionStatus, type ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { audioPlaybackContext, type AudioPlayback } from '../../context/audio-playback-context.js';
import { autoRejoinContext, type AutoRejoin } from '../../context/rejoin-context.js';
import { layoutContext, type LayoutControl, type LayoutState, type RoomLayout } from '../../context/layout-context.js';
import { TileFocusController } from '../../controllers/tile-focus-controller.js';
import { RtcLayoutChangedEvent } from '../../events/layout-changed.js';
import { RtcMessageFailedEvent } from '../../events/message-failed.js';
import { RtcMessageReceivedEvent } from '../../events/message-received.js';
import { RtcMessageSentEvent } from '../../events/message-sent.js';
import { RtcRejoinRequestEvent } from '../../events/rejoin-request.js';
import { Store, readonly } from '../../core/readable.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import type { StringKey } from '../../i18n/localize.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcConnectionStateChangedEvent } from '../../events/connection-state-changed.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcParticipantUpdatedEvent } from '../../events/participant-updated.js';
import { RtcPlayStateChangedEvent } from '../../events/play-state-changed.js';
import { RtcPublishStateChangedEvent } from '../../events/publish-state-changed.js';
import { RtcStatsEvent } from '../../events/stats.js';
import { RtcParticipantJoinedEvent } from '../../events/participant-joined.js';
import { RtcParticipantLeftEvent } from '../../events/participant-left.js';
import { RtcTrackMutedEvent } from '../../events/track-muted.js';
import { RtcTrackSubscribedEvent } from '../../events/track-subscribed.js';
import { RtcTrackUnmutedEvent } from '../../events/track-unmuted.js';
import { RtcTrackUnsubscribedEvent } from '../../events/track-unsubscribed.js';
import { hostStyles } from '../../styles/host.styles.js';
import { videoAttributeConverter } from '../video-attribute.js';
import { roomStyles } from './room.styles.js';
import { RejoinController } from './rejoin-controller.js';

/**
 * @summary A conference room: connects to a LiveKit server and gives its session to everything inside.
 *
 * @tag rtc-room
 *
 * Connects when attached once it has a server URL and a token (or a token endpoint), and leaves when
 * removed. Joining a room that does not exist creates it. With no children it renders a whole conference,
 * an `<rtc-conference>` that fills the room's box: everyone's video filling the stage, a control bar, and a
 * side panel with the chat and the participants. For the whole page:
 * `<rtc-room style="position: fixed; inset: 0">`. With children, they make the UI (an `<rtc-conference>` of
 * your own, with what you choose to offer, or anything else) and find the session by context. Either way the
 * room plays every remote participant's audio, once.
 *
 * @fires {ConnectionStatus} rtc-connection-state-changed - `{ state, previous, reason? }`; states are `idle`, `connecting`, `connected`, `reconnecting`, `reconnected`, `failed`, `kicked`, `disconnected`.
 * @fires {ParticipantEventDetail} rtc-participant-joined - `{ identity, name, initial? }` of a remote participant who joined; right after you connect, one for each already in the room, with `initial: true`.
 * @fires {ParticipantEventDetail} rtc-participant-left - `{ identity, name }` of a remote participant who left.
 * @fires {ParticipantUpdatedDetail} rtc-participant-updated - `{ identity, name, metadata, attributes, isLocal }`: someone's user data changed.
 * @fires {TrackEventDetail} rtc-track-subscribed - `{ identity, source, kind }`: a remote track started arriving ("stream added").
 * @fires {TrackEventDetail} rtc-track-unsubscribed - `{ identity, source, kind }`: a remote track stopped arriving ("stream removed").
 * @fires {TrackEventDetail} rtc-track-muted - `{ identity, source, kind }`: someone muted a track.
 * @fires {TrackEventDetail} rtc-track-unmuted - `{ identity, source, kind }`: someone unmuted a track.
 * @fires {PublishStateDetail} rtc-publish-state-changed - `{ source, state, code? }`: your camera, microphone or screen went `requesting` → `publishing`, or `stopped` (off or unpublished), or `failed`.
 * @fires {PlayStateDetail} rtc-play-state-changed - `{ identity, source, state, code? }`: someone's track went `requesting` → `playing`, or `stopped` (muted, not received or unpublished), or `failed`.
 * @fires {CallStats} rtc-stats - `{ at, tracks, quality }` every `stats-interval` ms while that is set: each sent and received track's resolution, frame rate, bitrate, packet loss, jitter, round trip, codec and layers, and everyone's connection quality.
 * @fires {RtcErrorDetail} rtc-error - `{ code, message }`: a connection, token, media or publish failure, or `autoplay-blocked` when the browser will not play the room's audio before a click.
 * @fires {LayoutState} rtc-layout-changed - `{ layout, pinned }`: the layout or the pinned participant changed (by the page, the layout toggle, a pin button, or a screen share taking the stage).
 * @fires {DeviceChangedDetail} rtc-device-changed - `{ kind, deviceId, label }`: the person chose another camera, microphone or speaker in the default controls.
 * @fires {Message} rtc-message-received - `{ id, kind, topic, text, from, sentAt, receivedAt }`: chat, barrage, a command for you, or a message on one of the page's own topics (`session.messages` sends them).
 * @fires {Message} rtc-message-sent - One of your messages went out.
 * @fires {Message} rtc-message-failed - One of your messages could not be sent: `{ id, code }` with `not-connected`, `rate-limited`, `message-too-large`, `no-permission`, `queue-full`, `send-failed`, or `delivery-uncertain` after a full reconnect.
 * @fires {Record<string, never>} rtc-leave-request - The leave button was pressed. Cancelable: call `preventDefault()` to ask for confirmation first.
 * @fires {Record<string, never>} rtc-rejoin-request - Try again or Join again was pressed in the conference. Cancelable: the room joins again unless prevented.
 *
 * @slot - The conference UI. When empty, the room renders its default conference.
 *
 * @csspart conference - The default conference, an `<rtc-conference>`.
 * @csspart main - Its stage area.
 * @csspart grid - The default grid of participant tiles, an `<rtc-grid>`.
 * @csspart speaker-layout - The speaker layout, an `<rtc-speaker-layout>` (with `layout="speaker"`).
 * @csspart stage - Its stage.
 * @csspart stage-tile - The tile on its stage.
 * @csspart filmstrip - Its filmstrip.
 * @csspart tile - Each participant tile in the default grid or filmstrip.
 * @csspart screen-tile - Each screen share tile in the default grid.
 * @csspart pager - The default grid's page controls (when the tiles take more than a page).
 * @csspart previous - Its previous page button.
 * @csspart next - Its next page button.
 * @csspart dot - Each page's dot.
 * @csspart page-label - Its "Page 1 of 3".
 * @csspart notice - What is shown over the stage: joining, reconnecting, a failure, waiting for others.
 * @csspart retry - Try again / Join again.
 * @csspart rejoin-countdown - When the room tries again by itself after losing the call.
 * @csspart panel - The side panel.
 * @csspart controls - The default control bar, an `<rtc-control-bar>`.
 * @csspart control - Each control of the default control bar (its toggles and leave button).
 * @csspart status - The connection status, an `<rtc-connection-status>` (a polite live region).
 * @csspart status-indicator - Its coloured dot.
 * @csspart status-text - Its words.
 * @csspart announcer - The polite live region that announces who joins, leaves, mutes or shares (visually hidden).
 * @csspart audio-unlock - The `<rtc-audio-unlock>` that shows when the browser blocked everyone's audio (unless the page put its own inside).
 * @csspart audio-unlock-button - Its button.
 *
 * @cssprop --rtc-room-background - Background of the default conference.
 * @cssprop --rtc-room-min-height - Minimum height of the default conference (default 360px).
 */
export class RtcRoom extends LitElement {
  static override styles = [hostStyles, roomStyles];

  /** Address of the LiveKit server, e.g. `ws://localhost:7880` or `wss://my-app.livekit.cloud`. */
  @property({ attribute: 'server-url' }) serverUrl = '';

  /**
   * An access token. As a property it may also be a function `({ room, identity, name }) => ({ token,
   * serverUrl? })` that fetches one.
   */
  @property() token: string | TokenProvider = '';

  /** An endpoint that answers a POST `{ room, identity, name }` with `{ token, serverUrl? }`. */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '';

  /** The room to join (created on first join). With a plain token, the token's room is used. */
  @property() room = '';

  /** Your identity, passed to the token endpoint. */
  @property() identity = '';

  /** Your display name, passed to the token endpoint. */
  @property() name = '';

  /** Your user data as free text (Wilddog's `userData`; often JSON), seen by everyone: participant metadata. */
  @property() metadata = '';

  /** Shows this attribute of each participant's user data as a badge on their tile in the default layouts. */
  @property({ attribute: 'badge-attribute' }) badgeAttribute = '';

  /** Your key-value user data (a role, a team), seen by everyone: participant attributes. */
  @property({ attribute: false }) participantAttributes: Record<string, string> | undefined;

  /** Publish the microphone on join when no `<rtc-local-preview>` inside provides it. */
  @property({ type: Boolean }) audio = false;

  /** Publish the camera on join (a preset such as `standard`, or `WIDTHxHEIGHT`) when no preview provides it. */
  @property({ converter: videoAttributeConverter }) video: LocalMediaOptions['video'] = false;

  /** Tiles on a page of the default grid; 0 (default) shows everyone at once. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 0;

  /**
   * The default conference's layout: `grid` (everyone alike) or `speaker` (one on the stage, the others in a
   * filmstrip). The layout toggle, pinning and a new screen share change it; each change is an `rtc-layout-changed`.
   * Back to the grid unpins. Reflected.
   */
  @property({ reflect: true })
  get layout(): RoomLayout {
    return this.#layoutState.get().layout;
  }
  set layout(layout: RoomLayout) {
    this.#changeLayout({ layout: layout === 'speaker' ? 'speaker' : 'grid' });
  }

  /** The identity pinned to the stage, or empty. Pinning switches to the speaker layout. Reflected. */
  @property({ reflect: true })
  get pinned(): string {
    return this.#layoutState.get().pinned;
  }
  set pinned(identity: string) {
    this.#changeLayout({ pinned: identity ?? '' });
  }

  /** Milliseconds between `rtc-stats` events; 0 (the default) samples nothing. */
  @property({ type: Number, attribute: 'stats-interval' }) statsInterval = 0;

  /** Do not connect on attach; call `connect()` yourself. */
  @property({ type: Boolean, attribute: 'manual' }) manual = false;

  /**
   * For how many seconds the room joins again by itself after a call's connection is lost for good (after 1, 2,
   * 4, 8, then every 15 s; the conference shows when); 0 leaves it failed until Try again.
   */
  @property({ type: Number, attribute: 'rejoin-for' }) rejoinFor = 120;

  /** Reflected: the connection state, for styling (`rtc-room[connection-state='reconnecting']`). @readonly */
  @property({ reflect: true, attribute: 'connection-state' }) connectionState: ConnectionState = 'idle';

  /** The session given to every element inside. Replace it before connecting to use another implementation. */
  @provide({ context: sessionContext })
  @property({ attribute: false })
  session: RtcSession = new RoomSession();

  @state() private hasChildren = false;
  /** The page put its own `<rtc-connection-status>` inside: the room's hidden one would only repeat it. */
  @state() private hasOwnStatus = false;
  /** What the room's polite live region says now: who joined, left, muted, or shares their screen. */
  @state() private announcement = '';
  #announcementTimer: ReturnType<typeof setTimeout> | undefined;

  /** The page put its own `<rtc-audio-unlock>` inside: the room does not show a second one. */
  @state() private hasOwnUnlock = false;

  /** True while the browser refuses to play the room's audio before a user gesture. */
  readonly #audioBlocked = new Store(false);

  /** The room's playback of everyone's audio, given to the elements inside (`<rtc-audio-unlock>`). */
  @provide({ context: audioPlaybackContext })
  readonly audioPlayback: AudioPlayback = { blocked: readonly(this.#audioBlocked), resume: () => this.resumeAudio() };

  readonly #rejoin = new RejoinController(this);

  /** When the room tries again by itself, given to the conference inside. */
  @provide({ context: autoRejoinContext })
  readonly autoRejoin: AutoRejoin = { nextAttemptAt: this.#rejoin.nextAttemptAt };

  /** The layout and the pin, in one place: the attributes read it, the layouts and toggles inside follow it. */
  readonly #layoutState = new Store<LayoutState>({ layout: 'grid', pinned: '' }, (a, b) => a.layout === b.layout && a.pinned === b.pinned);

  /** The layout and pin, given to the layouts, tiles and layout toggle inside. */
  @provide({ context: layoutContext })
  readonly layoutControl: LayoutControl = {
    state: readonly(this.#layoutState),
    setLayout: (layout) => (this.layout = layout),
    pin: (identity) => (this.pinned = identity),
  };

  /** Pinning shows the stage, and the grid shows everyone alike: one change, one `rtc-layout-changed`. */
  #changeLayout(change: Partial<LayoutState>): void {
    const before = this.#layoutState.get();
    const next = { ...before, ...change };
    if (change.pinned) next.layout = 'speaker';
    if (change.layout === 'grid') next.pinned = '';
    this.#layoutState.set(next);
    const after = this.#layoutState.get();
    if (after === before) return;
    this.requestUpdate('layout', before.layout);
    this.requestUpdate('pinned', before.pinned);
    if (this.hasUpdated) this.dispatchEvent(new RtcLayoutChangedEvent(after));
  }

  private get audioBlocked(): boolean {
    return this.#audioBlocked.get();
  }

  private set audioBlocked(blocked: boolean) {
    if (blocked === this.#audioBlocked.get()) return;
    this.#audioBlocked.set(blocked);
    this.requestUpdate();
  }

  readonly #localize = new LocalizeController(this);
  readonly #connection = new ReadableController<ConnectionStatus>(this, () => this.session.connection, {
    state: 'idle',
    previous: 'idle',
  });
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session.participants, []);
  readonly #audioOutput = new ReadableController<string>(this, () => this.session.audioOutput, '');
  /** What attaches each remote audio track's one stream to its element (see #audioFor). */
  readonly #audioStreams = new Map<MediaStreamTrack, (element?: Element) => void>();
  /** A speaker that refused to play, not tried again until another is chosen. */
  #unusableOutput: string | undefined;
  #routedOutput: string | undefined;
  #unlisten: (() => void) | undefined;
  #listeningTo: RtcSession | undefined;
  #connectQueued = false;

  constructor() {
    super();
    new TileFocusController(this);
    this.addEventListener(RtcRejoinRequestEvent.eventName, (event) => {
      if (!event.defaultPrevented) this.connect().catch(() => undefined);
    });
    // Samples only while the page asked for `rtc-stats` and the room is on the page.
    new SubscriptionController(this, () => (this.statsInterval > 0 ? this.session.stats(this.statsInterval) : undefined), (stats) => {
      // The sampler keeps its last sample for late subscribers: that one is not news.
      const old = stats?.get();
      return stats?.subscribe((sample) => sample && sample !== old && this.dispatchEvent(new RtcStatsEvent(sample)));
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
    this.#queueConnect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    queueMicrotask(() => {
      // Moving the room within the page reconnects it in the same task: only leave when it is really gone.
      if (this.isConnected) return;
      this.#audioStreams.clear();
      // Leave while still listening, so the page hears 'disconnected' from the element it removed.
      void this.session
        .leave()
        .catch(() => undefined)
        .finally(() => {
          if (this.isConnected) return;
          this.#unlisten?.();
          this.#unlisten = undefined;
          this.#listeningTo = undefined;
        });
    });
  }

  /** Joins the room with the current attributes. Resolves when connected; failures are also dispatched as `rtc-error`. */
  async connect(): Promise<void> {
    const options: ConnectOptions = {};
    if (this.serverUrl) options.serverUrl = this.serverUrl;
    if (this.token) options.token = this.token;
    if (this.tokenEndpoint) options.tokenEndpoint = this.tokenEndpoint;
    if (this.room) options.room = this.room;
    if (this.identity) options.identity = this.identity;
    if (this.name) options.name = this.name;
    if (this.metadata) options.metadata = this.metadata;
    if (this.participantAttributes) options.attributes = this.participantAttributes;
    if (this.audio || this.video) options.publish = { audio: this.audio, video: this.video };
    this.#listen();
    await this.session.connect(options);
  }

  /** Leaves the room; the page stays as it is. */
  async leave(): Promise<void> {
    await this.session.leave();
  }

  #hasCredentials(): boolean {
    return !!(this.token || this.tokenEndpoint);
  }

  #queueConnect(): void {
    if (this.#connectQueued || this.manual) return;
    this.#connectQueued = true;
    // Wait a task so attributes set right after insertion (by frameworks) are all in place.
    setTimeout(() => {
      this.#connectQueued = false;
      // Only from rest: a room that is connecting or connected keeps its connection until `connect()` is called.
      const atRest = ['idle', 'disconnected', 'failed'].includes(this.session.connection.get().state);
      if (this.isConnected && !this.manual && atRest && this.#hasCredentials()) {
        this.connect().catch(() => undefined);
      }
    });
  }

  #listen(): void {
    if (this.#listeningTo === this.session) return;
    this.#unlisten?.();
    const session = this.session;
    this.#listeningTo = session;
    const stops = [
      session.on('connection-state-changed', (status) => this.dispatchEvent(new RtcConnectionStateChangedEvent(status))),
      session.on('participant-joined', (detail) => {
        // Those already here when you joined are told to the page, not announced one by one.
        if (!detail.initial) this.#announce('announceJoined', detail.name);
        this.dispatchEvent(new RtcParticipantJoinedEvent(detail));
      }),
      session.on('participant-left', (detail) => {
        if (this.pinned === detail.identity) this.pinned = '';
        this.#announce('announceLeft', detail.name);
        this.dispatchEvent(new RtcParticipantLeftEvent(detail));
      }),
      session.on('track-subscribed', (detail) => {
        if (detail.source === 'screen') {
          this.#announce('announceScreenShare', this.#nameOf(detail.identity));
          // A share someone starts takes the stage; the person can switch back to the grid.
          if (!this.pinned) this.layout = 'speaker';
        }
        this.dispatchEvent(new RtcTrackSubscribedEvent(detail));
      }),
      session.on('track-unsubscribed', (detail) => {
        if (detail.source === 'screen') this.#announce('announceScreenShareStopped', this.#nameOf(detail.identity));
        this.dispatchEvent(new RtcTrackUnsubscribedEvent(detail));
      }),
      session.on('track-muted', (detail) => {
        if (detail.source === 'microphone') this.#announce('announceMicrophoneOff', this.#nameOf(detail.identity));
        if (detail.source === 'camera') this.#announce('announceCameraOff', this.#nameOf(detail.identity));
        this.dispatchEvent(new RtcTrackMutedEvent(detail));
      }),
      session.on('track-unmuted', (detail) => {
        if (detail.source === 'microphone') this.#announce('announceMicrophoneOn', this.#nameOf(detail.identity));
        if (detail.source === 'camera') this.#announce('announceCameraOn', this.#nameOf(detail.identity));
        this.dispatchEvent(new RtcTrackUnmutedEvent(detail));
      }),
      session.on('participant-updated', (detail) => this.dispatchEvent(new RtcParticipantUpdatedEvent(detail))),
      session.on('publish-state-changed', (detail) => this.dispatchEvent(new RtcPublishStateChangedEvent(detail))),
      session.on('play-state-changed', (detail) => this.dispatchEvent(new RtcPlayStateChangedEvent(detail))),
      session.on('error', (error) => this.dispatchEvent(new RtcErrorEvent({ code: error.code, message: error.message }))),
      session.messages.on('received', (message) => this.dispatchEvent(new RtcMessageReceivedEvent(message))),
      session.messages.on('sent', (message) => this.dispatchEvent(new RtcMessageSentEvent(message))),
      session.messages.on('failed', (message) => this.dispatchEvent(new RtcMessageFailedEvent(message))),
      // Uncertain after a full reconnect: as good as failed for the page, which may offer to send it again.
      session.messages.on('status', (message) => {
        if (message.status === 'uncertain') this.dispatchEvent(new RtcMessageFailedEvent(message));
      }),
      session.on('connection-state-changed', ({ state }) => {
        if (state === 'disconnected') this.audioBlocked = false;
      }),
    ];
    this.#unlisten = () => stops.forEach((stop) => stop());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.#listen();
    this.connectionState = this.#connection.value.state;
    const credentials = ['token', 'tokenEndpoint', 'serverUrl', 'manual'] as const;
    if (this.hasUpdated && credentials.some((key) => changed.has(key))) this.#queueConnect();
  }

  #remoteAudio(): MediaStreamTrack[] {
    return this.#participants.value.flatMap((p) =>
      p.isLocal ? [] : p.tracks.flatMap((t) => (t.kind === 'audio' && t.mediaStreamTrack ? [t.mediaStreamTrack] : [])),
    );
  }

  /**
   * What plays `track`: given its `<audio>` element, it sets the stream once (Lit would set a bound object on
   * every render and restart playback); told the element is gone (removed, or the room left the page), it takes
   * the stream away. An element keeping a stream whose track has ended stays busy loading and is never
   * collected, with all it holds.
   */
  #audioFor(track: MediaStreamTrack): (element?: Element) => void {
    let attach = this.#audioStreams.get(track);
    if (!attach) {
      const stream = new MediaStream([track]);
      let current: HTMLAudioElement | undefined;
      attach = (element?: Element) => {
        if (element instanceof HTMLAudioElement) {
          current = element;
          if (element.srcObject !== stream) element.srcObject = stream;
        } else if (current) {
          current.srcObject = null;
          current = undefined;
        }
      };
      this.#audioStreams.set(track, attach);
    }
    return attach;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const playing = new Set(this.#remoteAudio());
    for (const track of this.#audioStreams.keys()) if (!playing.has(track)) this.#audioStreams.delete(track);
    if (!playing.size) this.audioBlocked = false;
    this.#routeAudio();
    if (this.audioBlocked) {
      // Blocked until a gesture: once the page has had one (any click, not only ours), try again.
      if (navigator.userActivation?.hasBeenActive) void this.resumeAudio();
      return;
    }
    // Not once the room is removed: play() on an element without a stream never settles, and the pending
    // promise keeps the element (and what it played) alive for the page's life.
    if (!this.isConnected) return;
    for (const audio of this.renderRoot.querySelectorAll<HTMLAudioElement>('audio')) {
      if (!audio.paused || !audio.srcObject) continue;
      audio.play().catch((error: DOMException) => {
        if (error?.name !== 'NotAllowedError' || this.audioBlocked) return;
        this.audioBlocked = true;
        this.dispatchEvent(new RtcErrorEvent({ code: 'autoplay-blocked', message: error.message }));
      });
    }
  }

  /** Plays everyone's audio on the chosen speaker. */
  #routeAudio(): void {
    const output = this.#audioOutput.value;
    if (output !== this.#routedOutput) this.#unusableOutput = undefined;
    this.#routedOutput = output;
    if (output === this.#unusableOutput) return;
    for (const audio of this.renderRoot.querySelectorAll<HTMLAudioElement>('audio')) {
      if (!('setSinkId' in audio) || audio.sinkId === output) continue;
      audio.setSinkId(output).catch((error: DOMException) => {
        // The speaker is gone or not allowed: the browser keeps playing on the one it had. Said once.
        if (this.#unusableOutput === output) return;
        this.#unusableOutput = output;
        this.dispatchEvent(new RtcErrorEvent({ code: 'device-not-found', message: `The chosen speaker cannot be used: ${error?.message ?? error}` }));
      });
    }
  }

  /** Starts the room's audio after the browser blocked it; call it from a user gesture (the button does). */
  async resumeAudio(): Promise<void> {
    const audios = [...this.renderRoot.querySelectorAll<HTMLAudioElement>('audio')].filter((audio) => audio.srcObject);
    const results = await Promise.allSettled(audios.map((audio) => audio.play()));
    // Only the browser's refusal keeps the button; an element replaced meanwhile (AbortError) does not.
    const refused = results.some((r) => r.status === 'rejected' && (r.reason as DOMException)?.name === 'NotAllowedError');
    this.audioBlocked = refused;
  }

  #onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.hasChildren = slot.assignedElements({ flatten: true }).length > 0;
    this.hasOwnStatus = !!this.querySelector('rtc-connection-status');
    this.hasOwnUnlock = !!this.querySelector('rtc-audio-unlock');
  }

  /** A remote participant's name, or undefined for yourself (your own actions are not announced to you). */
  #nameOf(identity: string): string | undefined {
    const participants = this.session.participants.get();
    if (participants.some((p) => p.isLocal && p.identity === identity)) return undefined;
    return participants.find((p) => p.identity === identity)?.name || identity;
  }

  /**
   * Says something in the room's polite live region. It is cleared a little later, so the same words said
   * again (someone muting twice) are announced again.
   */
  #announce(key: StringKey, name: string | undefined): void {
    if (name === undefined) return;
    this.announcement = this.#localize.t(key, { name });
    clearTimeout(this.#announcementTimer);
    this.#announcementTimer = setTimeout(() => (this.announcement = ''), 5000);
  }

  protected override render() {
    return html`
      ${this.hasOwnUnlock ? nothing : html`<rtc-audio-unlock part="audio-unlock" exportparts="button: audio-unlock-button"></rtc-audio-unlock>`}
      <div class="audio" hidden>
        ${repeat(
          this.#remoteAudio(),
          (track) => track.id,
          (track) => html`<audio ${ref(this.#audioFor(track))}></audio>`,
        )}
      </div>
      <p part="announcer" class="visually-hidden" role="log" aria-live="polite">${this.announcement}</p>
      <slot @slotchange=${this.#onSlotChange}></slot>
      ${this.hasChildren
        ? this.hasOwnStatus
          ? nothing
          : html`<rtc-connection-status class="visually-hidden"></rtc-connection-status>`
        : this.#renderConference()}
    `;
  }

  #renderConference() {
    return html`<rtc-conference
      part="conference"
      class="conference"
      page-size=${this.pageSize}
      badge-attribute=${this.badgeAttribute}
      exportparts="main, grid, speaker-layout, stage, stage-tile, filmstrip, tile, screen-tile, pager, previous, next, dot, page-label, notice, retry, rejoin-countdown, panel, controls, control, status, status-indicator, status-text"
    ></rtc-conference>`;
  }
}
