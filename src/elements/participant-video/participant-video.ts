import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RtcSession } from '../../core/session.js';
import { select, type Readable } from '../../core/readable.js';
import { findTrack, sameParticipant, type ConnectionQuality, type ParticipantView } from '../../core/types.js';
import type { VideoView, VideoViewState } from '../../core/video-views.js';
import { sessionContext } from '../../context/session-context.js';
import { layoutContext, type LayoutControl, type LayoutState } from '../../context/layout-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { playKey, type PlayState, type PublishState, type TrackStateMap } from '../../core/track-states.js';
import { RtcErrorEvent } from '../../events/error.js';
import { hostStyles, videoStyles } from '../../styles/host.styles.js';
import { microphoneIcon, pinIcon, qualityIcon } from '../../styles/icons.js';
import { participantVideoStyles } from './participant-video.styles.js';

/** Up to two initials: the first letters of the first two words, or the first character of a single word. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const letters = words.length > 1 ? [words[0]!, words[1]!].map((w) => Array.from(w)[0]) : [Array.from(words[0]!)[0]];
  return letters.join('').toUpperCase();
}

/** A colour of its own for each participant's initials, the same on every screen: a hue from their identity. */
export function avatarHue(identity: string): number {
  let hash = 0;
  for (const char of identity) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) | 0;
  return Math.abs(hash) % 360;
}

/**
 * @summary One participant's video with their name, mic and camera state, and their audio.
 *
 * @tag rtc-participant-video
 *
 * Inside `<rtc-room>` it follows the participant named by `participant` (`local` for yourself); the room
 * plays everyone's audio, so a layout that shows some participants, or one twice, still sounds right.
 * Bandwidth follows what is seen: a remote video is received at the size of the largest tile showing it
 * (the server picks the simulcast layer), and not at all while every tile showing it is scrolled out of view,
 * hidden or removed. Once tiles show video, a remote video no tile shows is not received.
 * Outside a room, give it a `track` and an `audioTrack` by property: it plays that audio itself, and when
 * the browser blocks playback until a user gesture, a play button appears. Until the first picture is
 * decoded, and whenever there is no video, the tile shows the person's initials and name, never an empty
 * box; your own tile's name says "(you)".
 *
 * @fires {RtcErrorDetail} rtc-error - `autoplay-blocked` when the browser refused to play its `audioTrack`.
 *
 * @csspart tile - The figure holding everything.
 * @csspart video - The `<video>` element.
 * @csspart placeholder - Shown instead of the video when the camera is off or there is no video.
 * @csspart initials - The initials inside the placeholder.
 * @csspart label - The caption with the name and mic state.
 * @csspart name - The participant's name.
 * @csspart mic-muted - The muted-microphone indicator.
 * @csspart quality - The weak-connection indicator, shown while the connection is poor or lost.
 * @csspart play-button - The button that starts playback after the browser blocked it.
 * @csspart badge - The participant's attribute named by `badge-attribute` (a role, say).
 * @csspart agent-badge - "AI agent", beside the name of a participant whose token says they are an agent or bot.
 * @csspart pin-button - Pins this participant to the stage, or unpins them (inside a room; shown on hover and focus).
 *
 * @cssprop --rtc-participant-video-background - Tile background behind the placeholder.
 * @cssprop --rtc-participant-video-radius - Corner radius of the tile.
 * @cssprop --rtc-participant-video-speaking-color - Colour of the ring shown while speaking.
 * @cssprop --rtc-participant-video-initials-background - Background of the initials circle (a colour from the participant's identity by default).
 * @cssprop --rtc-participant-video-aspect-ratio - Aspect ratio of the tile (default 16 / 9).
 * @cssprop --rtc-participant-video-badge-background - Background of the badge.
 * @cssprop --rtc-participant-video-badge-color - Text colour of the badge.
 */
export class RtcParticipantVideo extends LitElement {
  static override styles = [hostStyles, videoStyles, participantVideoStyles];

  /** Identity of the participant to show, or `local` for yourself. */
  @property({ reflect: true }) participant = '';

  /** Which video to show: the camera or a screen share. */
  @property({ reflect: true }) source: 'camera' | 'screen' = 'camera';

  /** `cover` fills the tile (cropping), `contain` shows the whole picture (letterboxing). */
  @property({ reflect: true }) fit: 'cover' | 'contain' = 'cover';

  /** A name for the label when used outside a room; inside a room the participant's name is used. */
  @property() name = '';

  /** A video track to show outside a room. Inside a room the participant's track is used. */
  @property({ attribute: false }) track: MediaStreamTrack | undefined;

  /** An audio track to play, for use outside a room (inside one, the room plays everyone's audio). */
  @property({ attribute: false }) audioTrack: MediaStreamTrack | undefined;

  /**
   * The room session; given by the enclosing `<rtc-room>`, or set here to use another. Remote audio is the
   * room's to play: a page that shows tiles of a session without an `<rtc-room>` plays audio itself.
   */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** Reflected: the participant is speaking. @readonly */
  @property({ type: Boolean, reflect: true }) speaking = false;
  /** Reflected: the participant's microphone is muted or absent. @readonly */
  @property({ type: Boolean, reflect: true }) muted = false;
  /** Reflected: no video is shown (camera off, not published, or not received). @readonly */
  @property({ type: Boolean, reflect: true, attribute: 'camera-off' }) cameraOff = true;
  /** Reflected: the browser blocked playback until the person clicks the play button. @readonly */
  @property({ type: Boolean, reflect: true, attribute: 'autoplay-blocked' }) autoplayBlocked = false;
  /** Reflected: the picture is mirrored (your own camera). @readonly */
  @property({ type: Boolean, reflect: true }) mirrored = false;

  /** Reflected: this participant is pinned to the room's stage. @readonly */
  @property({ type: Boolean, reflect: true }) pinned = false;

  /** Shows this attribute of the participant's user data (`role`, say) as a badge beside the name. */
  @property({ attribute: 'badge-attribute' }) badgeAttribute = '';

  /** Makes the name shown from the participant (their metadata, say); the name as given when unset. */
  @property({ attribute: false }) formatName: ((participant: ParticipantView) => string) | undefined;

  /** Hide the pin button, for tiles a page lays out itself. */
  @property({ type: Boolean, attribute: 'no-pin' }) noPin = false;

  /** The room's layout, for the pin button; given by the enclosing `<rtc-room>`. */
  @consume({ context: layoutContext, subscribe: true })
  @property({ attribute: false })
  layoutControl: LayoutControl | undefined;

  /** Reflected: the participant's connection quality as the server reports it (`excellent`, `good`, `poor`, `lost`, `unknown`). @readonly */
  @property({ reflect: true, attribute: 'connection-quality' }) connectionQuality: ConnectionQuality = 'unknown';

  /**
   * Reflected: the state of the video this tile shows. Your own tile: its publish state (`requesting`,
   * `publishing`, `stopped`, `failed`); anyone else's: its play state (`requesting`, `playing`, `stopped`,
   * `failed`). Absent until the track has one.
 @readonly */
  @property({ reflect: true, attribute: 'media-state' }) mediaState: PublishState | PlayState | undefined;

  @state() private playing = false;
  /** The video attached now has shown a picture: until then the initials stay over it. */
  @state() private decoded = false;

  @query('video') private videoElement!: HTMLVideoElement;
  @query('audio') private audioElement: HTMLAudioElement | null | undefined;

  readonly #participant = new ReadableController<ParticipantView | undefined>(this, () => this.#participantSource(), undefined);
  #selected: { session: RtcSession; participant: string; readable: Readable<ParticipantView | undefined> } | undefined;
  readonly #localize = new LocalizeController(this);
  readonly #layout = new ReadableController<LayoutState | undefined>(this, () => this.layoutControl?.state, undefined);
  readonly #mediaState = new ReadableController<PublishState | PlayState | undefined>(this, () => this.#mediaStateSource(), undefined);
  #mediaStateSelected: { session: RtcSession; key: string; readable: Readable<PublishState | PlayState | undefined> } | undefined;
  #attachedVideo: MediaStreamTrack | undefined;
  #attachedAudio: MediaStreamTrack | undefined;
  /** This tile's hold on the remote video it shows, so it is received only while in view, at this size. */
  #videoView: { key: string; session: RtcSession; view: VideoView } | undefined;
  #viewState: VideoViewState = { visible: true, width: 0, height: 0 };
  #intersection: IntersectionObserver | undefined;
  #resize: ResizeObserver | undefined;

  /** The participant shown, as the room session sees them; undefined outside a room. */
  get view(): ParticipantView | undefined {
    return this.#participant.value;
  }

  /** This tile's participant out of the session's list, waking the tile only when they change. */
  #participantSource(): Readable<ParticipantView | undefined> | undefined {
    const { session, participant } = this;
    if (!session || !participant) return undefined;
    if (this.#selected?.session !== session || this.#selected.participant !== participant) {
      const isShown = (p: ParticipantView) => (participant === 'local' ? p.isLocal : p.identity === participant);
      this.#selected = { session, participant, readable: select(session.participants, (list) => list.find(isShown), sameParticipant) };
    }
    return this.#selected.readable;
  }

  /** The state of the video this tile shows, out of the session's map: waking the tile only when it changes. */
  #mediaStateSource(): Readable<PublishState | PlayState | undefined> | undefined {
    const { session, view, source } = this;
    if (!session || !view) return undefined;
    const key = view.isLocal ? source : playKey(view.identity, source);
    if (this.#mediaStateSelected?.session !== session || this.#mediaStateSelected.key !== key) {
      const pick = view.isLocal ? (map: TrackStateMap) => map.publish[source] : (map: TrackStateMap) => map.play[key];
      this.#mediaStateSelected = { session, key, readable: select(session.trackStates, pick) };
    }
    return this.#mediaStateSelected.readable;
  }

  #videoTrack(view: ParticipantView | undefined): MediaStreamTrack | undefined {
    if (this.track) return this.track.readyState === 'live' ? this.track : undefined;
    const track = findTrack(view, this.source);
    return track && !track.muted ? track.mediaStreamTrack : undefined;
  }



  protected override willUpdate(): void {
    const view = this.view;
    const microphone = findTrack(view, 'microphone');
    this.speaking = view?.isSpeaking ?? false;
    this.muted = view ? !microphone || microphone.muted : !this.audioTrack;
    this.cameraOff = !this.#videoTrack(view);
    this.mirrored = (view?.isLocal ?? false) && this.source === 'camera';
    this.connectionQuality = view?.connectionQuality ?? 'unknown';
    this.pinned = !!view && this.#layout.value?.pinned === view.identity;
    this.mediaState = view ? this.#mediaState.value : undefined;
  }

  /** The page's formatter, which must not take the tile down: its name as given when the formatter throws. */
  #formattedName(view: ParticipantView): string {
    try {
      return this.formatName!(view);
    } catch {
      return view.name;
    }
  }

  /** Pins this tile's participant to the stage, or unpins them, as the pin button does. */
  togglePin(): void {
    const view = this.view;
    if (view && this.layoutControl) this.layoutControl.pin(this.pinned ? '' : view.identity);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const view = this.view;
    const video = this.#videoTrack(view);
    if (video !== this.#attachedVideo) {
      this.#attachedVideo = video;
      this.decoded = false;
      this.videoElement.srcObject = video ? new MediaStream([video]) : null;
      if (video) this.#play(this.videoElement);
    }
    this.#followVideoView(view);
    const audio = this.audioTrack;
    if (audio !== this.#attachedAudio && this.audioElement) {
      this.#attachedAudio = audio;
      this.audioElement.srcObject = audio ? new MediaStream([audio]) : null;
      if (audio) this.#play(this.audioElement);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after a move: attach the tracks released on the way out.
    if (this.hasUpdated) this.requestUpdate();
  }

  /** A remote participant's video shown in a room: held while the tile exists, observed for view and size. */
  #followVideoView(participant: ParticipantView | undefined): void {
    const session = this.session;
    const key = session && participant && !participant.isLocal && !this.track ? `${participant.identity}\n${this.source}` : undefined;
    if (this.#videoView && (this.#videoView.key !== key || this.#videoView.session !== session)) this.#releaseVideoView();
    if (!key || !session || !participant || this.#videoView) return;
    this.#videoView = { key, session, view: session.viewVideo(participant.identity, this.source) };
    this.#intersection ??= new IntersectionObserver((entries) => this.#updateView({ visible: !!entries.at(-1)?.isIntersecting }));
    this.#resize ??= new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect;
      const scale = window.devicePixelRatio || 1;
      this.#updateView({ width: Math.round((box?.width ?? 0) * scale), height: Math.round((box?.height ?? 0) * scale) });
    });
    // The observers report the first view and size at once: only then does this tile tell the session anything.
    this.#intersection.observe(this);
    this.#resize.observe(this);
  }

  #updateView(change: Partial<VideoViewState>): void {
    this.#viewState = { ...this.#viewState, ...change };
    this.#videoView?.view.update(this.#viewState);
  }

  #releaseVideoView(): void {
    this.#videoView?.view.release();
    this.#videoView = undefined;
    this.#intersection?.disconnect();
    this.#resize?.disconnect();
    this.#viewState = { visible: true, width: 0, height: 0 };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releaseVideoView();
    // Release the media elements so a removed tile keeps no track alive.
    if (this.videoElement) this.videoElement.srcObject = null;
    if (this.audioElement) this.audioElement.srcObject = null;
    this.#attachedVideo = undefined;
    this.#attachedAudio = undefined;
  }

  #onVideoFrame(event: Event): void {
    const video = event.target as HTMLVideoElement;
    if (video.videoWidth > 0 && video.srcObject) this.decoded = true;
  }

  #play(element: HTMLMediaElement): void {
    element.play().then(
      () => {
        this.playing = true;
      },
      (error: DOMException) => {
        if (error?.name !== 'NotAllowedError' || this.autoplayBlocked) return;
        this.autoplayBlocked = true;
        this.dispatchEvent(new RtcErrorEvent({ code: 'autoplay-blocked', message: error.message }));
      },
    );
  }

  /** Starts playback after the browser blocked it; call it from a user gesture. */
  async resumePlayback(): Promise<void> {
    const elements = [this.videoElement, this.audioElement].filter((e): e is HTMLMediaElement => !!e?.srcObject);
    try {
      await Promise.all(elements.map((element) => element.play()));
      this.autoplayBlocked = false;
    } catch {
      // Still blocked: the button stays.
    }
  }

  protected override render() {
    const view = this.view;
    const given = view && this.formatName ? this.#formattedName(view) : view?.name;
    const name = view ? (view.isLocal ? given || this.#localize.t('you') : given ?? view.name) : this.name;
    const shownName = view?.isLocal && given ? this.#localize.t('nameYou', { name }) : name;
    const badge = this.badgeAttribute ? view?.attributes[this.badgeAttribute] : undefined;
    const hue = avatarHue(view?.identity || name);
    return html`
      <figure part="tile" data-playing=${this.playing}>
        <video part="video" playsinline autoplay muted ?hidden=${this.cameraOff} @loadeddata=${this.#onVideoFrame} @resize=${this.#onVideoFrame}></video>
        ${this.audioTrack ? html`<audio autoplay></audio>` : nothing}
        <div part="placeholder" class="placeholder" ?hidden=${!this.cameraOff && this.decoded} style="--_avatar-hue: ${hue}">
          <span part="initials" class="initials" aria-hidden="true">${initialsOf(name)}</span>
          ${this.cameraOff ? html`<span class="visually-hidden">${this.#localize.t('cameraOff')}</span>` : nothing}
        </div>
        <figcaption part="label">
          <span part="name" class="name">${this.source === 'screen' ? this.#localize.t(view?.isLocal ? 'youAreSharing' : 'screenOf', { name }) : shownName}</span>
          ${view?.kind === 'agent' ? html`<span part="agent-badge" class="badge">${this.#localize.t('agent')}</span>` : nothing}
          ${badge ? html`<span part="badge" class="badge">${badge}</span>` : nothing}
          ${this.muted && (view || this.audioTrack !== undefined)
            ? html`<span part="mic-muted" role="img" aria-label=${this.#localize.t('microphoneMuted')}>${microphoneIcon(false)}</span>`
            : nothing}
          ${this.speaking ? html`<span class="visually-hidden">${this.#localize.t('speaking')}</span>` : nothing}
          ${this.connectionQuality === 'poor' || this.connectionQuality === 'lost'
            ? html`<span part="quality" role="img" aria-label=${this.#localize.t(`quality.${this.connectionQuality}`)}
                >${qualityIcon(this.connectionQuality === 'poor' ? 1 : 0)}</span
              >`
            : nothing}
        </figcaption>
        ${view && this.layoutControl && !this.noPin
          ? html`<button part="pin-button" class="pin" type="button" aria-pressed=${this.pinned ? 'true' : 'false'} @click=${this.togglePin}>
              ${pinIcon()}<span class="visually-hidden">${this.#localize.t('pin', { name })}</span>
            </button>`
          : nothing}
        ${this.autoplayBlocked
          ? html`<button part="play-button" class="play" type="button" @click=${this.resumePlayback}>
              ${this.#localize.t('playMedia')}
            </button>`
          : nothing}
      </figure>
    `;
  }
}
