import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { canShareScreen } from '../../core/devices.js';
import { RtcError } from '../../core/errors.js';
import type { RtcSession } from '../../core/room-session.js';
import { findTrack, type ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { cameraIcon, microphoneIcon, screenIcon } from '../../styles/icons.js';
import { mediaToggleStyles } from './media-toggle.styles.js';

export type ToggleSource = 'microphone' | 'camera' | 'screen';

/**
 * @summary Turns your microphone, camera or screen share on and off in the room.
 *
 * @tag rtc-media-toggle
 *
 * A native button with `aria-pressed`, labelled in the page's language. Turning the camera or microphone off
 * really stops the device (its light goes out); on captures it again. `source="screen"` shares a screen,
 * window or tab with its sound where the browser offers it; with `replace-camera` it is a hot switch: the
 * screen takes the camera's place and the camera comes back when sharing stops, from here or from the
 * browser's own "Stop sharing" bar. Closing the browser's picker is not a failure: the toggle simply stays
 * off and says so with a `screen-share-cancelled` error event (the room says the same when sharing is stopped
 * from the browser's bar). Inside `<rtc-room>`, or given a `session`.
 * Usable alone or in `<rtc-control-bar>`.
 *
 * @fires {RtcErrorDetail} rtc-error - The device could not be turned on: `permission-denied`, `device-not-found`, `device-in-use`, `publish-failed`, `not-connected`; for the screen, `screen-share-cancelled` (the picker was closed; nothing else changes) or `screen-share-unsupported`.
 *
 * @csspart button - The button.
 * @csspart icon - The icon.
 * @csspart label - The words (visually hidden when `compact`).
 */
export class RtcMediaToggle extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, mediaToggleStyles];

  /** Which device: `microphone`, `camera` or `screen`. */
  @property({ reflect: true }) source: ToggleSource = 'microphone';

  /** With `source="screen"`: the screen replaces the camera while shared (a hot switch) instead of joining it. */
  @property({ type: Boolean, attribute: 'replace-camera' }) replaceCamera = false;

  /** Show only the icon (the label stays for screen readers). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Keyboard shortcuts that press this toggle, announced to screen readers (`aria-keyshortcuts` of the button). */
  @property() keyshortcuts = '';

  /** Reflected: the device is on. @readonly */
  @property({ type: Boolean, reflect: true }) on = false;

  /** Reflected: a change is on its way (the device is starting). @readonly */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);

  /** Turns the device on or off, as a click does. */
  async toggle(on = !this.on): Promise<void> {
    if (!this.session) {
      this.dispatchEvent(new RtcErrorEvent({ code: 'not-connected', message: 'This toggle is not in a room.' }));
      return;
    }
    // A second press while the first is on its way (a picker open, a camera starting) is not a second request.
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.source === 'camera') await this.session.setCameraEnabled(on);
      else if (this.source === 'screen') await this.session.setScreenShareEnabled(on, { replaceCamera: this.replaceCamera });
      else await this.session.setMicrophoneEnabled(on);
    } catch (error) {
      const rtcError = RtcError.is(error) ? error : new RtcError('publish-failed', String((error as Error)?.message ?? error));
      this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code, message: rtcError.message }));
    } finally {
      this.busy = false;
    }
  }

  protected override willUpdate(): void {
    const local = this.#participants.value.find((p) => p.isLocal);
    const track = findTrack(local, this.source);
    this.on = !!track && !track.muted;
  }

  protected override render() {
    const label = this.#localize.t(this.source === 'screen' ? 'screenShare' : this.source);
    const icon = this.source === 'camera' ? cameraIcon(this.on) : this.source === 'screen' ? screenIcon(this.on) : microphoneIcon(this.on);
    const unavailable = !this.session || (this.source === 'screen' && !canShareScreen());
    return html`<button
      part="button"
      class=${this.source === 'screen' ? 'control optional' : 'control'}
      type="button"
      aria-pressed=${this.on ? 'true' : 'false'}
      aria-keyshortcuts=${this.keyshortcuts || nothing}
      ?disabled=${unavailable}
      @click=${() => this.toggle()}
    >
      <span part="icon" class="icon">${icon}</span
      ><span part="label" class=${this.compact ? 'label visually-hidden' : 'label'}>${label}</span>
    </button>`;
  }
}
