import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { canShareScreen } from '../../core/devices.js';
import { layoutContext, type LayoutControl } from '../../context/layout-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import type { RtcMediaToggle } from '../media-toggle/media-toggle.js';
import { controlBarStyles } from './control-bar.styles.js';

/** Typing in a field never toggles a device. */
function isEditable(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * @summary The call's controls in one bar: microphone, camera, screen share, layout, device settings, leave, and whatever the page adds.
 *
 * @tag rtc-control-bar
 *
 * The screen share button is left out where the browser cannot share a screen (phones), and the layout
 * toggle outside `<rtc-room>`. "Settings" opens the camera, microphone and speaker lists. Each part can be
 * turned off (`no-screen-share`, `no-layout`, `no-devices`).
 *
 * Inside `<rtc-room>`: its buttons find the room's session themselves. Keyboard shortcuts, as in Google Meet:
 * Ctrl+D (⌘+D on a Mac) turns the microphone on or off, Ctrl+E (⌘+E) the camera; never while typing in a
 * field. Set `no-shortcuts` to turn them off (with two rooms on a page, keep them on one bar at most).
 *
 * @fires {Record<string, never>} rtc-leave-request - From its leave button. Cancelable.
 * @fires {RtcErrorDetail} rtc-error - From its buttons and lists (`screen-share-cancelled` when the person closed the picker).
 * @fires {DeviceChangedDetail} rtc-device-changed - From its device lists.
 *
 * @slot - More controls, placed before the leave button.
 *
 * @csspart bar - The row of controls (a toolbar).
 * @csspart microphone - The microphone `<rtc-media-toggle>`.
 * @csspart camera - The camera `<rtc-media-toggle>`.
 * @csspart screen - The screen share `<rtc-media-toggle>`.
 * @csspart layout - The `<rtc-layout-toggle>`.
 * @csspart settings - The device settings disclosure (a `<details>`).
 * @csspart settings-button - Its summary, "Settings".
 * @csspart settings-panel - The panel with the three `<rtc-device-select>`.
 * @csspart leave - The `<rtc-leave-button>`.
 *
 * @cssprop --rtc-control-bar-justify - How the controls are spread (`center` by default).
 */
export class RtcControlBar extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, controlBarStyles];

  /** Turn the Ctrl/⌘+D and Ctrl/⌘+E shortcuts off. */
  @property({ type: Boolean, attribute: 'no-shortcuts' }) noShortcuts = false;

  /** Show the buttons as icons only (their labels stay for screen readers). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Leave out the screen share button. */
  @property({ type: Boolean, attribute: 'no-screen-share' }) noScreenShare = false;

  /** Sharing the screen replaces the camera while it lasts (a hot switch), instead of adding to it. */
  @property({ type: Boolean, attribute: 'replace-camera' }) replaceCamera = false;

  /** Leave out the layout toggle. */
  @property({ type: Boolean, attribute: 'no-layout' }) noLayout = false;

  /** Leave out the device settings. */
  @property({ type: Boolean, attribute: 'no-devices' }) noDevices = false;

  /** The room's layout, which decides whether there is a layout to toggle; given by `<rtc-room>`. */
  @consume({ context: layoutContext, subscribe: true })
  @property({ attribute: false })
  layoutControl: LayoutControl | undefined;

  @query('[part="microphone"]') private microphone!: RtcMediaToggle;
  @query('[part="camera"]') private camera!: RtcMediaToggle;

  readonly #localize = new LocalizeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#onKeyDown);
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (this.noShortcuts || event.defaultPrevented || event.repeat || event.altKey || event.shiftKey) return;
    if (!(event.ctrlKey || event.metaKey) || isEditable(event.composedPath()[0])) return;
    const toggle = { d: this.microphone, e: this.camera }[event.key.toLowerCase()];
    if (!toggle) return;
    // The browser's own Ctrl+D (bookmark) and Ctrl+E (search) give way, as in other meeting apps.
    event.preventDefault();
    void toggle.toggle();
  };

  /** Escape closes the device settings and puts focus back on their button, as with other popups. */
  #onSettingsKeyDown(event: KeyboardEvent): void {
    const details = event.currentTarget as HTMLDetailsElement;
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault();
    details.open = false;
    details.querySelector('summary')?.focus();
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const canShare = canShareScreen();
    return html`<div part="bar" class="bar" role="toolbar" aria-label=${t('callControls')}>
      <rtc-media-toggle part="microphone" source="microphone" keyshortcuts=${this.noShortcuts ? '' : 'Control+D Meta+D'} ?compact=${this.compact}></rtc-media-toggle>
      <rtc-media-toggle part="camera" source="camera" keyshortcuts=${this.noShortcuts ? '' : 'Control+E Meta+E'} ?compact=${this.compact}></rtc-media-toggle>
      ${canShare && !this.noScreenShare
        ? html`<rtc-media-toggle part="screen" source="screen" ?replace-camera=${this.replaceCamera} ?compact=${this.compact}></rtc-media-toggle>`
        : nothing}
      ${this.layoutControl && !this.noLayout ? html`<rtc-layout-toggle part="layout" ?compact=${this.compact}></rtc-layout-toggle>` : nothing}
      ${this.noDevices
        ? nothing
        : html`<details part="settings" class="settings" @keydown=${this.#onSettingsKeyDown}>
            <summary part="settings-button" class="control">${t('settings')}</summary>
            <div part="settings-panel" class="panel">
              <rtc-device-select kind="audioinput"></rtc-device-select>
              <rtc-device-select kind="videoinput"></rtc-device-select>
              <rtc-device-select kind="audiooutput"></rtc-device-select>
            </div>
          </details>`}
      <slot></slot>
      <rtc-leave-button part="leave" ?compact=${this.compact}></rtc-leave-button>
    </div>`;
  }
}
