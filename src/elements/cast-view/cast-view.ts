import { LitElement, html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RoomSession, type RtcSession } from '../../core/room-session.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { findTrack, type ConnectionStatus, type ParticipantView } from '../../core/types.js';
import { hostStyles } from '../../styles/host.styles.js';
import { castViewStyles } from './cast-view.styles.js';

/** The layout a cast egress carries: `rtc-cast:<identity>`. */
export function castIdentityOf(layout: string | undefined): string | undefined {
  return /^rtc-cast:(.+)$/.exec(layout ?? '')?.[1];
}

/** What LiveKit's egress puts in the recorder's metadata when `UpdateLayout` is called: `{"layout": "…"}`. */
function layoutFromMetadata(metadata: string | undefined): string | undefined {
  if (!metadata) return undefined;
  try {
    const layout = (JSON.parse(metadata) as { layout?: unknown }).layout;
    return typeof layout === 'string' ? layout : undefined;
  } catch {
    return undefined;
  }
}

/** LiveKit's egress starts its outputs when the page logs this, and finishes them on the other. */
const START_SIGNAL = 'START_RECORDING';
const END_SIGNAL = 'END_RECORDING';
/** LiveKit's own layout pages start within 5 s even without video (the participant may have their camera off). */
const START_FALLBACK_MS = 5000;

/**
 * @summary The broadcast picture: one chosen participant, full frame, with their sound. The page LiveKit Egress records.
 *
 * @tag rtc-cast-view
 *
 * Made for the page `rtc-elements/server`'s cast handler gives Egress as `customBaseUrl`: Egress opens it in
 * headless Chrome with `?url=…&token=…&layout=rtc-cast:<identity>`, and the view joins as the hidden recorder,
 * shows only that participant's camera (their screen share when they have no camera) and plays only their
 * microphone. A switch (`UpdateLayout`, which reaches the view as its own metadata) keeps the old picture until
 * the new participant's first frame is decoded, then swaps, so the broadcast never shows black; when the one
 * shown leaves or turns the camera off, their last picture stays until the next switch. It logs
 * `START_RECORDING` once the first frame is up (or after 5 s without video) and `END_RECORDING` when the room
 * ends. Attributes win over the query string, so it can also be placed on any page.
 *
 * @fires {ConnectionStatus} rtc-connection-state-changed - The view's own connection to the room.
 *
 * @csspart video - Each of the two `<video>` elements (the one shown and the one being switched to).
 * @csspart placeholder - Shown while the participant has no picture (camera off, not there).
 *
 * @cssprop --rtc-cast-view-background - Behind the picture (black).
 */
export class RtcCastView extends LitElement {
  static override styles = [hostStyles, castViewStyles];

  /** The LiveKit server; `url` from the query string by default. */
  @property({ attribute: 'server-url' }) serverUrl = '';
  /** A token that may subscribe (Egress gives a hidden recorder's); `token` from the query string by default. */
  @property() token = '';
  /** `rtc-cast:<identity>`; `layout` from the query string by default. Later changes come as the view's metadata. */
  @property() layout = '';
  /** Reflected: the identity shown now. @readonly */
  @property({ reflect: true }) participant = '';
  /** Reflected: the picture is up (after the first decoded frame). @readonly */
  @property({ type: Boolean, reflect: true }) live = false;

  /** The view's session; replace it before it connects to use another. */
  @property({ attribute: false }) session: RtcSession = new RoomSession();

  /** Which of the two video elements is on screen; the other takes the next participant's picture. */
  @state() private front: 0 | 1 = 0;
  @query('[data-slot="0"]') private video0!: HTMLVideoElement;
  @query('[data-slot="1"]') private video1!: HTMLVideoElement;
  @query('audio') private audio!: HTMLAudioElement;

  readonly #localize = new LocalizeController(this);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session.participants, []);
  #shown: [MediaStreamTrack | undefined, MediaStreamTrack | undefined] = [undefined, undefined];
  #started = false;
  #ended = false;
  /** Whose picture is on the front video. */
  #frontOwner = '';
  #fallback: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    // The room ending ends the recording, as LiveKit's own layout pages do.
    new ReadableController<ConnectionStatus>(this, () => this.session.connection, { state: 'idle', previous: 'idle' }, (status) => {
      if (['disconnected', 'kicked', 'failed'].includes(status.state) && this.#started) this.#signal(END_SIGNAL);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(globalThis.location?.search ?? '');
    this.serverUrl ||= query.get('url') ?? '';
    this.token ||= query.get('token') ?? '';
    this.layout ||= query.get('layout') ?? '';
    if (this.serverUrl && this.token) {
      this.session.connect({ serverUrl: this.serverUrl, token: this.token, autoSubscribe: true }).catch(() => undefined);
      this.#fallback = setTimeout(() => this.#start(), START_FALLBACK_MS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#fallback);
    void this.session.leave().catch(() => undefined);
    if (this.#started) this.#signal(END_SIGNAL);
  }

  /** The layout now: the view's own metadata (set by `UpdateLayout`) once there is one, else the attribute. */
  get currentLayout(): string {
    const me = this.#participants.value.find((p) => p.isLocal);
    return layoutFromMetadata(me?.metadata) ?? this.layout;
  }

  #signal(text: string): void {
    if (text === END_SIGNAL) {
      if (this.#ended) return;
      this.#ended = true;
    }
    console.log(text);
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    clearTimeout(this.#fallback);
    this.#signal(START_SIGNAL);
    // The connection failed before anything showed: Egress must not record a page that will never end.
    if (['disconnected', 'kicked', 'failed'].includes(this.session.connection.get().state)) this.#signal(END_SIGNAL);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.participant = castIdentityOf(this.currentLayout) ?? '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const shown = this.#participants.value.find((p) => !p.isLocal && p.identity === this.participant);
    const camera = findTrack(shown, 'camera');
    const picture = camera && !camera.muted && camera.mediaStreamTrack ? camera : findTrack(shown, 'screen');
    this.#showPicture(picture && !picture.muted ? picture.mediaStreamTrack : undefined);
    const microphone = findTrack(shown, 'microphone');
    const sound = microphone && !microphone.muted ? microphone.mediaStreamTrack : undefined;
    const playing = (this.audio.srcObject as MediaStream | null)?.getAudioTracks()[0];
    if (sound !== playing) {
      this.audio.srcObject = sound ? new MediaStream([sound]) : null;
      if (sound) this.audio.play().catch(() => undefined);
    }
  }

  /**
   * Puts `track` on the back video and brings it to the front at its first decoded frame; the front keeps the
   * previous picture meanwhile. No track: the placeholder, at once.
   */
  #showPicture(track: MediaStreamTrack | undefined): void {
    const videos = [this.video0, this.video1] as const;
    if (track === this.#shown[this.front]) return;
    const back = this.front === 0 ? 1 : 0;
    if (!track) {
      // Nobody chosen, or someone with no picture: nothing of anyone else may stay on screen in their name.
      // The one shown left or turned the camera off: their last picture stays, so the broadcast goes on.
      if (!this.participant || this.#frontOwner !== this.participant) {
        this.#shown = [undefined, undefined];
        this.#frontOwner = '';
        videos.forEach((video) => (video.srcObject = null));
        this.live = false;
      }
      return;
    }
    if (track === this.#shown[back]) return; // already on its way to the front
    this.#shown[back] = track;
    const owner = this.participant;
    const video = videos[back];
    video.srcObject = new MediaStream([track]);
    video.play().catch(() => undefined);
    video.requestVideoFrameCallback(() => {
      if (this.#shown[back] !== track) return;
      const previous = videos[this.front];
      this.front = back;
      this.#frontOwner = owner;
      this.live = true;
      // Released only once the new picture is on screen.
      previous.srcObject = null;
      this.#shown[back === 0 ? 1 : 0] = undefined;
      // Signalled once the swap is rendered: the picture Egress records is then on screen.
      void this.updateComplete.then(() => this.#start());
    });
  }

  protected override render() {
    return html`
      <video part="video" data-slot="0" class=${this.front === 0 ? 'front' : 'back'} muted playsinline></video>
      <video part="video" data-slot="1" class=${this.front === 1 ? 'front' : 'back'} muted playsinline></video>
      <audio></audio>
      <div part="placeholder" class="placeholder" ?hidden=${this.live}>${this.participant ? '' : this.#localize.t('castNobody')}</div>
    `;
  }
}
