import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { canShareScreen } from '../../core/devices.js';
import type { RtcSession } from '../../core/session.js';
import type { ParticipantView } from '../../core/types.js';
import { conferenceContext, type ConferenceControl, type ConferencePanel, type ConferenceState } from '../../context/conference-context.js';
import { layoutContext, type LayoutControl, type LayoutState } from '../../context/layout-context.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { PopoverController, popoverStyles } from '../../controllers/popover-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { broadcastIcon, chatIcon, gridIcon, languageIcon, moreIcon, peopleIcon, settingsIcon, speakerLayoutIcon, statsIcon } from '../../styles/icons.js';
import type { RtcMediaToggle } from '../media-toggle/media-toggle.js';
import { controlBarStyles } from './control-bar.styles.js';
import { focusFirstItem, languageName, onMenuKeyDown, renderMenuItems, type MenuItem } from './more-menu.js';

/** Narrower than this the bar is on a phone: icons only, and devices are chosen in the settings, not beside each button. */
const NARROW = 600;

/** Typing in a field never toggles a device. */
function isEditable(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * @summary The call's controls in one row: microphone and camera (each with its device list), screen share, layout, chat, participants, more, leave, and whatever the page adds.
 *
 * @tag rtc-control-bar
 *
 * Buttons show an icon and their words while those fit on one row; narrower (and always under 600px, a
 * phone) they show icons only, with the words as a tooltip and as their name, so the bar stays one row of
 * 44px targets. The screen share button is left out where the browser cannot share a screen (phones), the
 * layout toggle outside `<rtc-room>` (in the "More" menu while compact). Inside `<rtc-conference>` it also
 * holds the Chat toggle (with the unread count), the Participants toggle (with the count), and a "More" menu
 * with the layout and the settings, statistics, broadcast and language the page enabled, in three groups:
 * your devices, the conference, Leave. Each part can be turned off
 * (`no-screen-share`, `no-layout`, `no-devices`).
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
 * @csspart chat-button - The Chat toggle (in a conference).
 * @csspart participants-button - The Participants toggle (in a conference).
 * @csspart unread - The unread count on the Chat toggle.
 * @csspart count - The participant count on the Participants toggle.
 * @csspart more-button - The "More" button.
 * @csspart more-menu - Its menu, a popover.
 * @csspart leave - The `<rtc-leave-button>`.
 *
 * @cssprop --rtc-control-bar-justify - How the controls are spread (`center` by default).
 */
export class RtcControlBar extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, popoverStyles, controlBarStyles];

  /** Turn the Ctrl/⌘+D and Ctrl/⌘+E shortcuts off. */
  @property({ type: Boolean, attribute: 'no-shortcuts' }) noShortcuts = false;

  /** Show the buttons as icons only, whatever the width (their words stay their names, and show as tooltips). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Leave out the screen share button. */
  @property({ type: Boolean, attribute: 'no-screen-share' }) noScreenShare = false;

  /** Sharing the screen replaces the camera while it lasts (a hot switch), instead of adding to it. */
  @property({ type: Boolean, attribute: 'replace-camera' }) replaceCamera = false;

  /** Leave out the layout toggle. */
  @property({ type: Boolean, attribute: 'no-layout' }) noLayout = false;

  /** Leave out the device lists beside the microphone and camera. */
  @property({ type: Boolean, attribute: 'no-devices' }) noDevices = false;

  /** Reflected: the buttons show icons only now (set `compact`, or too narrow for their words). @readonly */
  @property({ type: Boolean, reflect: true, attribute: 'icons-only' }) iconsOnly = false;

  /** The room's layout, which decides whether there is a layout to toggle; given by `<rtc-room>`. */
  @consume({ context: layoutContext, subscribe: true })
  @property({ attribute: false })
  layoutControl: LayoutControl | undefined;

  /** The conference's panels and languages; given by `<rtc-conference>`. */
  @consume({ context: conferenceContext, subscribe: true })
  @property({ attribute: false })
  conference: ConferenceControl | undefined;

  /** The room session, for the participant count; given by `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  @query('[part="microphone"]') private microphone!: RtcMediaToggle;
  @query('[part="camera"]') private camera!: RtcMediaToggle;
  @query('[part="bar"]') private bar!: HTMLElement;
  @query('[part="more-menu"]') private moreMenu!: HTMLElement | null;
  @query('[part="more-button"]') private moreButton!: HTMLElement | null;

  /** Under 600px wide. */
  @state() private narrow = false;
  /** The buttons' words did not fit on one row. */
  @state() private crowded = false;
  /** How wide the row is with words, measured when it last had them: wider than that, they come back. */
  #wordsWidth = 0;
  #measuredLang = '';
  #width = 0;

  readonly #localize = new LocalizeController(this);
  readonly #more = new PopoverController(this, () => ({ popover: this.moreMenu, anchor: this.moreButton }));
  readonly #layout = new ReadableController<LayoutState | undefined>(this, () => this.layoutControl?.state, undefined);
  readonly #conference = new ReadableController<ConferenceState | undefined>(this, () => this.conference?.state, undefined);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);

  constructor() {
    super();
    new SizeController(this, () => [this], (sizes) => {
      this.#width = sizes.get(this)?.width ?? this.#width;
      this.narrow = this.#width > 0 && this.#width < NARROW;
      if (this.crowded && this.#width >= this.#wordsWidth) this.crowded = false;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#onKeyDown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another language has words of other widths: measure them again.
    if (this.#localize.lang !== this.#measuredLang) this.crowded = false;
    this.iconsOnly = this.compact || this.narrow || this.crowded;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.iconsOnly || !this.#width) return;
    this.#measuredLang = this.#localize.lang;
    const needed = this.#rowWidth();
    if (needed > this.#width + 1) {
      this.#wordsWidth = needed;
      this.crowded = true;
    }
  }

  /** The width the bar's controls take side by side, whatever room they have. */
  #rowWidth(): number {
    const items = [...this.bar.children]
      .flatMap((child) => (child instanceof HTMLSlotElement ? child.assignedElements({ flatten: true }) : [child]))
      .filter((item) => !item.hasAttribute('popover') && !item.classList.contains('visually-hidden'));
    const gap = parseFloat(getComputedStyle(this.bar).columnGap) || 0;
    const widths = items.map((item) => item.getBoundingClientRect().width).filter((width) => width > 0);
    return widths.reduce((sum, width) => sum + width, 0) + gap * Math.max(0, widths.length - 1);
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

  /** Opens or closes the "More" menu, as its button does. */
  toggleMore(open?: boolean): void {
    this.#more.toggle(open);
    if (this.#more.open) focusFirstItem(this.moreMenu);
  }

  #run(action: () => void): () => void {
    return () => {
      this.#more.toggle(false);
      action();
    };
  }

  #menuGroups(showLayout: boolean): { label?: string; items: MenuItem[] }[] {
    const t = this.#localize.t.bind(this.#localize);
    const conference = this.#conference.value;
    const panels = conference?.panels ?? [];
    const speaker = this.#layout.value?.layout === 'speaker';
    const open = (panel: ConferencePanel) => this.#run(() => this.conference?.togglePanel(panel));
    const view: MenuItem[] = showLayout
      ? [{ label: t(speaker ? 'layoutGrid' : 'layoutSpeaker'), icon: speaker ? gridIcon() : speakerLayoutIcon(), run: this.#run(() => this.layoutControl?.setLayout(speaker ? 'grid' : 'speaker')) }]
      : [];
    const panelItems: MenuItem[] = [
      ...(panels.includes('settings') ? [{ label: t('settings'), icon: settingsIcon(), run: open('settings') }] : []),
      ...(panels.includes('stats') ? [{ label: t('statistics'), icon: statsIcon(), run: open('stats') }] : []),
      ...(panels.includes('cast') ? [{ label: t('cast'), icon: broadcastIcon(), run: open('cast') }] : []),
    ];
    const lang = this.#localize.lang.toLowerCase();
    const languages: MenuItem[] = (conference?.languages ?? []).map((code) => ({
      label: languageName(code),
      icon: languageIcon(),
      lang: code,
      checked: code.toLowerCase() === lang || (lang.split('-')[0] === code.toLowerCase()),
      run: this.#run(() => this.conference?.chooseLanguage(code)),
    }));
    return [{ items: [...view, ...panelItems] }, { label: t('language'), items: languages }];
  }

  #panelToggle(panel: 'chat' | 'participants', state: ConferenceState) {
    const t = this.#localize.t.bind(this.#localize);
    const open = state.panel === panel;
    const count = panel === 'chat' ? state.unread : this.#participants.value.length;
    // A toggle's name stays the same: the count is its description.
    const description = count ? t(panel === 'chat' ? 'chatUnread' : 'peopleInCall', { count }) : '';
    return html`<button
        part=${`${panel}-button`}
        class=${['control', 'optional', open ? 'active' : '', this.iconsOnly ? 'compact' : ''].filter(Boolean).join(' ')}
        type="button"
        aria-pressed=${open ? 'true' : 'false'}
        aria-describedby=${description ? `${panel}-count` : nothing}
        @click=${() => this.conference?.togglePanel(panel)}
      >
        ${panel === 'chat' ? chatIcon() : peopleIcon()}<span class=${this.iconsOnly ? 'label tooltip' : 'label'}>${t(panel === 'chat' ? 'chat' : 'participants')}</span>
        ${count ? html`<span part=${panel === 'chat' ? 'unread' : 'count'} class=${panel === 'chat' ? 'badge' : 'badge count'} aria-hidden="true">${count > 99 ? '99+' : count}</span>` : nothing}
      </button>
      <span id=${`${panel}-count`} class="visually-hidden">${description}</span>`;
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const canShare = canShareScreen();
    const compact = this.iconsOnly;
    const conference = this.#conference.value;
    const hasLayout = !!this.layoutControl && !this.noLayout;
    // In a conference the layout is one of the "More" choices: the bar keeps the controls used all the time.
    const layoutInMenu = hasLayout && (compact || !!conference);
    const groups = this.#menuGroups(layoutInMenu);
    const hasMenu = groups.some((group) => group.items.length);
    const menus = !this.noDevices && !this.narrow;
    return html`<div part="bar" class=${compact ? 'bar compact' : 'bar'} role="toolbar" aria-label=${t('callControls')}>
      <rtc-media-toggle part="microphone" source="microphone" keyshortcuts=${this.noShortcuts ? '' : 'Control+D Meta+D'} ?compact=${compact} ?menu=${menus}></rtc-media-toggle>
      <rtc-media-toggle part="camera" source="camera" keyshortcuts=${this.noShortcuts ? '' : 'Control+E Meta+E'} ?compact=${compact} ?menu=${menus}></rtc-media-toggle>
      ${canShare && !this.noScreenShare
        ? html`<rtc-media-toggle part="screen" source="screen" ?replace-camera=${this.replaceCamera} ?compact=${compact}></rtc-media-toggle>`
        : nothing}
      ${hasLayout && !layoutInMenu ? html`<rtc-layout-toggle part="layout" ?compact=${compact}></rtc-layout-toggle>` : nothing}
      ${conference ? html`<span class="group-gap" aria-hidden="true"></span>` : nothing}
      ${conference?.panels.includes('chat') ? this.#panelToggle('chat', conference) : nothing}
      ${conference?.panels.includes('participants') ? this.#panelToggle('participants', conference) : nothing}
      ${hasMenu
        ? html`<button
              part="more-button"
              class=${compact ? 'control compact' : 'control'}
              type="button"
              aria-haspopup="menu"
              aria-expanded=${this.#more.open ? 'true' : 'false'}
              @click=${() => this.toggleMore()}
            >
              ${moreIcon()}<span class=${compact ? 'label tooltip' : 'label'}>${t('more')}</span>
            </button>
            <div
              part="more-menu"
              class="menu"
              popover
              role="menu"
              aria-label=${t('more')}
              @toggle=${this.#more.onToggle}
              @keydown=${(event: KeyboardEvent) => onMenuKeyDown(event, () => this.#more.toggle(false))}
            >
              ${renderMenuItems(groups)}
            </div>`
        : nothing}
      <slot></slot>
      ${conference ? html`<span class="group-gap" aria-hidden="true"></span>` : nothing}
      <rtc-leave-button part="leave" ?compact=${compact}></rtc-leave-button>
    </div>`;
  }
}
