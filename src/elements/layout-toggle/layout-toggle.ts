import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { layoutContext, type LayoutControl, type LayoutState } from '../../context/layout-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { gridIcon, speakerLayoutIcon } from '../../styles/icons.js';
import { layoutToggleStyles } from './layout-toggle.styles.js';

/**
 * @summary Switches the room between the grid and the speaker layout.
 *
 * @tag rtc-layout-toggle
 *
 * A native button whose words and icon both name the layout a press goes to: "Speaker view" from the grid,
 * "Grid view" from the speaker layout. Inside `<rtc-room>`, whose `layout` it changes; the room then
 * dispatches `rtc-layout-changed`. Usable alone or in `<rtc-control-bar>`.
 *
 * @csspart button - The button.
 * @csspart icon - The icon (the layout a press goes to).
 * @csspart label - The words (a tooltip when `compact`).
 */
export class RtcLayoutToggle extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, layoutToggleStyles];

  /** Show only the icon; the words show as a tooltip and stay the button's name. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** The room's layout; given by the enclosing `<rtc-room>`. */
  @consume({ context: layoutContext, subscribe: true })
  @property({ attribute: false })
  layoutControl: LayoutControl | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #layout = new ReadableController<LayoutState | undefined>(this, () => this.layoutControl?.state, undefined);

  /** Whether the speaker layout is on. */
  get speaker(): boolean {
    return this.#layout.value?.layout === 'speaker';
  }

  /** Switches to the other layout, as a click does (the room unpins on the way back to the grid). */
  toggle(): void {
    this.layoutControl?.setLayout(this.speaker ? 'grid' : 'speaker');
  }

  protected override render() {
    // Its words change with the layout, so it is a plain button, not a toggle (whose name must not change).
    const to = this.speaker ? 'grid' : 'speaker';
    return html`<button part="button" class=${this.compact ? 'control compact' : 'control'} type="button" ?disabled=${!this.layoutControl} @click=${() => this.toggle()}>
      <span part="icon" class="icon">${to === 'grid' ? gridIcon() : speakerLayoutIcon()}</span
      ><span part="label" class=${this.compact ? 'label tooltip' : 'label'}>${this.#localize.t(to === 'grid' ? 'layoutGrid' : 'layoutSpeaker')}</span>
    </button>`;
  }
}
