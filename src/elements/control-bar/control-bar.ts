import { LitElement, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { RtcMediaToggle } from '../media-toggle/media-toggle.js';
import { controlBarStyles } from './control-bar.styles.js';

/** Typing in a field never toggles a device. */
function isEditable(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * @summary The call's controls in one bar: microphone, camera, leave, and whatever the page adds.
 *
 * @tag rtc-control-bar
 *
 * Inside `<rtc-room>`: its buttons find the room's session themselves. Keyboard shortcuts, as in Google Meet:
 * Ctrl+D (⌘+D on a Mac) turns the microphone on or off, Ctrl+E (⌘+E) the camera; never while typing in a
 * field. Set `no-shortcuts` to turn them off (with two rooms on a page, keep them on one bar at most).
 *
 * @fires {Record<string, never>} rtc-leave-request - From its leave button. Cancelable.
 * @fires {RtcErrorDetail} rtc-error - From its buttons.
 *
 * @slot - More controls, placed before the leave button.
 *
 * @csspart bar - The row of controls (a toolbar).
 * @csspart microphone - The microphone `<rtc-media-toggle>`.
 * @csspart camera - The camera `<rtc-media-toggle>`.
 * @csspart leave - The `<rtc-leave-button>`.
 *
 * @cssprop --rtc-control-bar-justify - How the controls are spread (`center` by default).
 */
export class RtcControlBar extends LitElement {
  static override styles = [hostStyles, controlBarStyles];

  /** Turn the Ctrl/⌘+D and Ctrl/⌘+E shortcuts off. */
  @property({ type: Boolean, attribute: 'no-shortcuts' }) noShortcuts = false;

  /** Show the buttons as icons only (their labels stay for screen readers). */
  @property({ type: Boolean, reflect: true }) compact = false;

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

  protected override render() {
    return html`<div part="bar" class="bar" role="toolbar" aria-label=${this.#localize.t('callControls')}>
      <rtc-media-toggle part="microphone" source="microphone" keyshortcuts=${this.noShortcuts ? '' : 'Control+D Meta+D'} ?compact=${this.compact}></rtc-media-toggle>
      <rtc-media-toggle part="camera" source="camera" keyshortcuts=${this.noShortcuts ? '' : 'Control+E Meta+E'} ?compact=${this.compact}></rtc-media-toggle>
      <slot></slot>
      <rtc-leave-button part="leave" ?compact=${this.compact}></rtc-leave-button>
    </div>`;
  }
}
