import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { RtcError } from '../../core/errors.js';
import {
  LocalMedia,
  resolveVideoSettings,
  type FacingMode,
  type LocalMediaOptions,
  type LocalMediaStatus,
  type LocalTrackState,
} from '../../core/local-media.js';
import type { Readable } from '../../core/readable.js';
import type { RtcSession } from '../../core/session.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcLocalMediaChangedEvent } from '../../events/local-media-changed.js';
import { controlButtonStyles, hostStyles, videoStyles } from '../../styles/host.styles.js';
import { cameraIcon, microphoneIcon } from '../../styles/icons.js';
import { videoAttributeConverter } from '../video-attribute.js';
import { localPreviewStyles } from './local-preview.styles.js';

/**
 * @summary Your camera and microphone before (and while) joining: a live preview, a level meter, toggles.
 *
 * @tag rtc-local-preview
 *
 * Captures as soon as it is attached. Inside `<rtc-room>` its tracks are the ones the room publishes, so
 * joining neither asks for the camera again nor flickers. When capture fails (permission denied, no device,
 * device in use) it shows why, dispatches `rtc-error`, and the page can still join without media.
 *
 * @fires {RtcErrorDetail} rtc-error - Capture failed: `permission-denied`, `device-not-found`, `device-in-use`, `constraints-unsatisfiable`, `insecure-context`, `media-unsupported`.
 * @fires {LocalMediaDetail} rtc-local-media-changed - The capture started, stopped, or a toggle changed it.
 *
 * @slot controls - Extra controls shown after the camera and microphone toggles.
 *
 * @csspart stage - The box around the video.
 * @csspart video - The `<video>` element.
 * @csspart placeholder - Shown when the camera is off.
 * @csspart controls - The bar with the toggles and the meter.
 * @csspart camera-button - The camera toggle.
 * @csspart microphone-button - The microphone toggle.
 * @csspart meter - The microphone level `<meter>`.
 * @csspart message - The visible error message.
 *
 * @cssprop --rtc-local-preview-background - Background behind the video.
 * @cssprop --rtc-local-preview-meter-color - Colour of the level meter.
 * @cssprop --rtc-local-preview-aspect-ratio - Aspect ratio of the stage (default 4 / 3).
 * @cssprop --rtc-local-preview-error-background - Background of the error message.
 * @cssprop --rtc-local-preview-error-color - Text colour of the error message.
 */
export class RtcLocalPreview extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, videoStyles, localPreviewStyles];

  /**
   * The camera: absent for none, present for the `standard` preset (640x480), or `low`, `standard`, `hd`,
   * `fullhd`, or `WIDTHxHEIGHT`. As a property also `true` or `{ width, height }`.
   */
  @property({ converter: videoAttributeConverter }) video: LocalMediaOptions['video'] = false;

  /** Capture the microphone. */
  @property({ type: Boolean }) audio = false;

  /** `user` (front) or `environment` (back) camera on phones. */
  @property({ attribute: 'facing-mode' }) facingMode: FacingMode | undefined;

  /** A camera's `deviceId`. */
  @property({ attribute: 'device-id' }) deviceId: string | undefined;

  /** A microphone's `deviceId`. */
  @property({ attribute: 'audio-device-id' }) audioDeviceId: string | undefined;

  /** Hide the camera and microphone toggles. */
  @property({ type: Boolean, attribute: 'no-controls' }) noControls = false;

  /** Reflected: the preview is mirrored, as people expect of their own front camera. */
  @property({ type: Boolean, reflect: true }) mirrored = true;

  /** Reflected: the capture state, `idle`, `starting`, `ready`, `failed` or `stopped`. @readonly */
  @property({ reflect: true }) status: LocalMediaStatus = 'idle';

  /** Reflected: the code of the last capture error, for styling. @readonly */
  @property({ reflect: true, attribute: 'error-code' }) errorCode: string | undefined;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /**
   * A track or stream of the page's to show and send instead of the camera (a canvas's `captureStream()`, a
   * processed camera, a video file's); unset goes back to the camera. Mid-call it takes the camera's place
   * in the call.
   */
  @property({ attribute: false }) customVideo: MediaStreamTrack | MediaStream | undefined;

  /** The same for the microphone: a page's own audio track or stream. */
  @property({ attribute: false }) customAudio: MediaStreamTrack | MediaStream | undefined;

  /** The capture this preview owns. */
  readonly media = new LocalMedia();

  @query('video') private videoElement!: HTMLVideoElement;

  readonly #localize = new LocalizeController(this);
  readonly #status = new ReadableController(this, () => this.media.status, 'idle' as LocalMediaStatus, () => this.#reportMedia());
  readonly #error = new ReadableController<RtcError | undefined>(this, () => this.media.error, undefined);
  readonly #camera = new ReadableController<LocalTrackState | undefined>(this, () => this.media.camera, undefined, () =>
    this.#reportMedia(),
  );
  readonly #microphone = new ReadableController<LocalTrackState | undefined>(this, () => this.media.microphone, undefined, () =>
    this.#reportMedia(),
  );
  readonly #level = new ReadableController<number>(this, () => this.#levelReadable(), 0);
  #levelTrack: MediaStreamTrack | undefined;
  #levelSource: Readable<number> | undefined;
  #detachVideo: (() => void) | undefined;
  #releaseFromSession: (() => void) | undefined;
  #sessionUsed: RtcSession | undefined;
  #restartQueued = false;
  #reportedError: RtcError | undefined;
  #reportedState = '';
  #reportQueued = false;

  /** The live capture as one `MediaStream`, for pages that want to record or process it. */
  get stream(): MediaStream {
    const tracks = [this.#camera.value, this.#microphone.value].flatMap((s) => (s ? [s.mediaStreamTrack] : []));
    return new MediaStream(tracks);
  }

  /** The camera and microphone are both on (capturing and not muted). */
  get cameraEnabled(): boolean {
    return this.#camera.value?.enabled ?? false;
  }

  get microphoneEnabled(): boolean {
    return this.#microphone.value?.enabled ?? false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A preview moved within the page keeps its capture; one put back after removal captures again.
    const status = this.media.status.get();
    if (status === 'idle' || status === 'stopped') this.#queueRestart();
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page reconnects in the same task: only stop when the preview is really gone.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#releaseFromSession?.();
      this.#releaseFromSession = undefined;
      this.#sessionUsed = undefined;
      this.#detachVideo?.();
      this.#detachVideo = undefined;
      this.media.stop();
    });
  }

  /**
   * Captures again with the current attributes (after a permission was granted, say). A camera or
   * microphone the person turned off stays off.
   */
  async start(): Promise<void> {
    const options: LocalMediaOptions = { audio: false, video: false };
    const settings = resolveVideoSettings(this.video);
    if (settings) {
      if (this.facingMode) settings.facingMode = this.facingMode;
      if (this.deviceId) settings.deviceId = this.deviceId;
      options.video = settings;
    }
    if (this.audio) options.audio = this.audioDeviceId ? { deviceId: this.audioDeviceId } : true;
    const camera = this.media.camera.get();
    const microphone = this.media.microphone.get();
    options.off = { camera: !!camera && !camera.enabled, microphone: !!microphone && !microphone.enabled };
    try {
      await this.media.start(options);
    } catch {
      // Reported through the media's error readable, which `updated` turns into an event and a message.
    }
    // A fresh capture brings the devices back: the page's own tracks take their place again.
    if (this.customVideo) await this.#useCustom('video');
    if (this.customAudio) await this.#useCustom('audio');
  }

  async #useCustom(kind: 'video' | 'audio'): Promise<void> {
    const given = kind === 'video' ? this.customVideo : this.customAudio;
    const track = given instanceof MediaStream ? (kind === 'video' ? given.getVideoTracks() : given.getAudioTracks())[0] : given;
    try {
      await this.media.useCustomTrack(kind, track);
    } catch (error) {
      const rtcError = error as RtcError;
      this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code ?? 'unknown', message: rtcError.message }));
    }
  }

  /** Stops the capture; the camera light goes out. */
  stop(): void {
    this.media.stop();
  }

  async toggleCamera(): Promise<void> {
    await this.media.setCameraEnabled(!this.cameraEnabled).catch(() => undefined);
  }

  async toggleMicrophone(): Promise<void> {
    await this.media.setMicrophoneEnabled(!this.microphoneEnabled).catch(() => undefined);
  }

  #queueRestart(): void {
    if (this.#restartQueued) return;
    this.#restartQueued = true;
    // Several attributes usually change together: capture once for all of them.
    queueMicrotask(() => {
      this.#restartQueued = false;
      if (this.isConnected) void this.start();
    });
  }

  /** A new device is switched to in place (a published track stays published); other changes capture again. */
  #applyCaptureChanges(changed: PropertyValues<this>): void {
    const restartKeys = ['video', 'audio', 'facingMode'] as const;
    if (restartKeys.some((key) => changed.has(key))) {
      this.#queueRestart();
      return;
    }
    // While a capture is on its way, start() puts the page's tracks in place once it lands.
    if (this.media.status.get() !== 'starting') {
      if (changed.has('customVideo')) void this.#useCustom('video');
      if (changed.has('customAudio')) void this.#useCustom('audio');
    }
    const switches: [boolean, 'videoinput' | 'audioinput', string | undefined][] = [
      [changed.has('deviceId'), 'videoinput', this.deviceId],
      [changed.has('audioDeviceId'), 'audioinput', this.audioDeviceId],
    ];
    // While a capture is on its way there is no track to switch yet: capture again with the new device.
    const capturing = this.media.status.get() === 'starting';
    for (const [hasChanged, kind, deviceId] of switches) {
      if (!hasChanged) continue;
      if (deviceId && !capturing) this.media.switchDevice(kind, deviceId).catch(() => undefined);
      else this.#queueRestart();
    }
  }

  /**
   * Tells the page about each settled change of the capture, once. A restart or stop changes several
   * readables in a row; reporting after them, a microtask later, never shows a state that did not exist.
   */
  #reportMedia(): void {
    if (this.#reportQueued) return;
    this.#reportQueued = true;
    queueMicrotask(() => {
      this.#reportQueued = false;
      this.#reportSettledMedia();
    });
  }

  #reportSettledMedia(): void {
    const status = this.media.status.get();
    if (status === 'starting') return;
    const detail = {
      status,
      camera: this.media.camera.get()?.enabled ?? false,
      microphone: this.media.microphone.get()?.enabled ?? false,
    };
    const key = JSON.stringify(detail);
    if (key === this.#reportedState) return;
    this.#reportedState = key;
    this.dispatchEvent(new RtcLocalMediaChangedEvent(detail));
  }

  #levelReadable(): Readable<number> | undefined {
    const microphone = this.#microphone.value;
    const track = microphone?.enabled ? microphone.mediaStreamTrack : undefined;
    if (track !== this.#levelTrack) {
      this.#levelTrack = track;
      this.#levelSource = track ? this.media.microphoneLevel() : undefined;
    }
    return this.#levelSource;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated) this.#applyCaptureChanges(changed);
    if (changed.has('facingMode')) this.mirrored = this.facingMode !== 'environment';
    this.status = this.#status.value;
    this.errorCode = this.#error.value?.code;
    if (this.session !== this.#sessionUsed) {
      this.#releaseFromSession?.();
      this.#sessionUsed = this.session;
      this.#releaseFromSession = this.session?.useLocalMedia(this.media);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#detachVideo ??= this.media.attach(this.videoElement);
    const error = this.#error.value;
    if (error && error !== this.#reportedError) {
      this.#reportedError = error;
      this.dispatchEvent(new RtcErrorEvent({ code: error.code, message: error.message }));
    }
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const error = this.#error.value;
    const camera = this.#camera.value;
    const microphone = this.#microphone.value;
    const showCamera = !!camera?.enabled;
    return html`
      <div part="stage" class="stage">
        <video part="video" playsinline autoplay muted aria-label=${t('cameraPreview')} ?hidden=${!showCamera}></video>
        <div part="placeholder" class="placeholder" ?hidden=${showCamera}>
          ${this.status === 'failed' ? t('noMedia') : this.video ? t('cameraOff') : nothing}
        </div>
      </div>
      <div part="controls" class="bar" ?hidden=${this.noControls}>
        ${this.video || camera
          ? html`<button
              part="camera-button"
              class="control"
              type="button"
              aria-pressed=${showCamera ? 'true' : 'false'}
              @click=${this.toggleCamera}
            >
              ${cameraIcon(showCamera)}<span>${t('camera')}</span>
            </button>`
          : nothing}
        ${this.audio || microphone
          ? html`<button
                part="microphone-button"
                class="control"
                type="button"
                aria-pressed=${microphone?.enabled ? 'true' : 'false'}
                @click=${this.toggleMicrophone}
              >
                ${microphoneIcon(!!microphone?.enabled)}<span>${t('microphone')}</span>
              </button>
              <label class="meter">
                <span class="visually-hidden">${t('microphoneLevel')}</span>
                <meter part="meter" min="0" max="1" low="0.6" high="0.85" optimum="0.3" .value=${this.#level.value}></meter>
              </label>`
          : nothing}
        <slot name="controls"></slot>
      </div>
      <p part="message" class="message" role="status" aria-live="polite">${error ? t(`error.${error.code}`) : nothing}</p>
    `;
  }
}
