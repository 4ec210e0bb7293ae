import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { canShareScreen } from '../../core/devices.js';
import { RtcError } from '../../core/errors.js';
import type { RtcSession } from '../../core/session.js';
import { findTrack, type ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { PopoverController, popoverStyles } from '../../controllers/popover-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { cameraIcon, chevronIcon, microphoneIcon, screenIcon } from '../../styles/icons.js';
import { mediaToggleStyles } from './media-toggle.styles.js';

export type ToggleSource = 'microphone' | 'camera' | 'screen';

/**
 * @summary Turns your microphone, camera or screen share on and off in the room.
 *
 * @tag rtc-media-toggle
 *
 * A native button with `aria-pressed`, labelled in the page's language; off, it is outlined with a crossed
 * icon. Turning the camera or microphone off really stops the device (its light goes out); on captures it
 * again. With `menu`, a second button beside it lists the devices to choose from (microphones and speakers,
 * or cameras), switched live. `source="screen"` shares a screen, window or tab with its sound where the
 * browser offers it, and says "Stop sharing" while it does; with `replace-camera` it is a hot switch: the
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
 * @csspart label - The words (a tooltip when `compact`).
 * @csspart menu-button - With `menu`: the button that opens the device list.
 * @csspart menu - With `menu`: the device list, a popover.
 */
export class RtcMediaToggle extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, popoverStyles, mediaToggleStyles];

  /** Which device: `microphone`, `camera` or `screen`. */
  @property({ reflect: true }) source: ToggleSource = 'microphone';

  /** With `source="screen"`: the screen replaces the camera while shared (a hot switch) instead of joining it. */
  @property({ type: Boolean, attribute: 'replace-camera' }) replaceCamera = false;

  /** Show only the icon; the words show as a tooltip and stay the button's name. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** For the microphone and camera: a button beside the toggle that lists the devices to choose from. */
  @property({ type: Boolean }) menu = false;

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

  @query('[part="menu"]') private menuElement!: HTMLElement | null;
  @query('[part="menu-button"]') private menuButton!: HTMLElement | null;

  readonly #localize = new LocalizeController(this);
  readonly #devices = new PopoverController(this, () => ({ popover: this.menuElement, anchor: this.menuButton }));
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

  /** Opens or closes the device list (with `menu`), as its button does. */
  toggleMenu(open?: boolean): void {
    this.#devices.toggle(open);
    if (!this.#devices.open) return;
    // Focus on the device in use, as in a menu of choices.
    const select = this.menuElement?.querySelector('rtc-device-select');
    void select?.updateComplete.then(() => select.shadowRoot?.querySelector<HTMLInputElement>('input:checked, input')?.focus());
  }

  #renderMenu(label: string) {
    const t = this.#localize.t.bind(this.#localize);
    const kinds = this.source === 'camera' ? (['videoinput'] as const) : (['audioinput', 'audiooutput'] as const);
    return html`<button
        part="menu-button"
        class=${['control', 'menu-button', this.compact ? 'compact' : '', this.on ? '' : 'off'].filter(Boolean).join(' ')}
        type="button"
        aria-label=${t('deviceOptions', { device: label })}
        aria-haspopup="true"
        aria-expanded=${this.#devices.open ? 'true' : 'false'}
        ?disabled=${!this.session}
        @click=${() => this.toggleMenu()}
      >
        ${chevronIcon()}
      </button>
      <div part="menu" class="menu" popover role="group" aria-label=${t('deviceOptions', { device: label })} @toggle=${this.#devices.onToggle}>
        ${kinds.map((kind) => html`<rtc-device-select variant="list" kind=${kind}></rtc-device-select>`)}
      </div>`;
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const screen = this.source === 'screen';
    const label = t(screen ? (this.on ? 'stopSharing' : 'screenShare') : (this.source as 'camera' | 'microphone'));
    const icon = this.source === 'camera' ? cameraIcon(this.on) : screen ? screenIcon(this.on) : microphoneIcon(this.on);
    const unavailable = !this.session || (screen && !canShareScreen());
    const classes = ['control', screen ? 'optional' : '', screen && this.on ? 'active' : '', this.compact ? 'compact' : '', this.menu && !screen ? 'split' : '']
      .filter(Boolean)
      .join(' ');
    // The screen button's words change with its state, so it is a plain button: a toggle's name must not change.
    return html`<button
        part="button"
        class=${classes}
        type="button"
        aria-pressed=${screen ? nothing : this.on ? 'true' : 'false'}
        aria-keyshortcuts=${this.keyshortcuts || nothing}
        ?disabled=${unavailable}
        @click=${() => this.toggle()}
      >
        <span part="icon" class="icon">${icon}</span><span part="label" class=${this.compact ? 'label tooltip' : 'label'}>${label}</span>
      </button>${this.menu && !screen ? this.#renderMenu(label) : nothing}`;
  }
}
