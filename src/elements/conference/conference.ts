import { consume, provide } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RtcSession } from '../../core/session.js';
import { Store, readonly } from '../../core/readable.js';
import { isLive, type ConnectionStatus, type ParticipantView } from '../../core/types.js';
import { autoRejoinContext, type AutoRejoin } from '../../context/rejoin-context.js';
import { conferenceContext, type ConferenceControl, type ConferencePanel, type ConferenceState } from '../../context/conference-context.js';
import { layoutContext, type LayoutControl, type LayoutState } from '../../context/layout-context.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { deepActiveElement } from '../../controllers/deep-focus.js';
import { TileFocusController } from '../../controllers/tile-focus-controller.js';
import { RtcLanguageChangeRequestEvent } from '../../events/language-change-request.js';
import { RtcRejoinRequestEvent } from '../../events/rejoin-request.js';
import type { RtcUnreadChangedEvent } from '../../events/unread-changed.js';
import { controlButtonStyles, hostStyles, textFieldStyles } from '../../styles/host.styles.js';
import { InviteLink } from './invite-link.js';
import { loadPanel, renderPanelBody } from './conference-panels.js';
import { conferenceStyles } from './conference.styles.js';

/** Narrower than this the conference is on a phone: a panel covers it all, as a sheet, instead of sitting beside the stage. */
const NARROW = 600;
const PANELS: readonly ConferencePanel[] = ['chat', 'participants', 'settings', 'stats', 'cast'];

/**
 * @summary A whole conference that fills its box: the stage, a control bar, and a side panel for chat, participants, settings, statistics and broadcast.
 *
 * @tag rtc-conference
 *
 * Inside `<rtc-room>`, which renders one when it has no children of its own; put one inside yourself to choose
 * what it offers. It fills the box it is given (`<rtc-room style="position: fixed; inset: 0">` for the whole
 * page). The stage shows the room's layout (the grid, or the speaker layout) over the whole width; over it,
 * what the connection is doing: joining, "Reconnecting…" over a dimmed stage, "Reconnected" for a moment, a
 * failure with Try again, a word when you are the only one here (with the invite link to copy). The control
 * bar underneath holds the toggles for the chat (with the unread count) and the participants, and a "More"
 * menu with settings, statistics, broadcast and language, as the page enables them. A panel opens beside the
 * stage on a wide screen and over the stage on a phone (the control bar stays, to mute while typing); Escape
 * or its close button closes it and focus goes back to the button that opened it.
 *
 * @fires {LanguageChangeDetail} rtc-language-change-request - `{ lang }`: a language was chosen in the menu. Cancelable: unless prevented, the document's `lang` changes.
 * @fires {Record<string, never>} rtc-rejoin-request - Try again (or Join again) was pressed. Cancelable; the enclosing `<rtc-room>` joins again unless prevented.
 *
 * @slot overlay - Over the stage, above the video: an `<rtc-barrage>`, captions.
 * @slot controls - More controls for the control bar, before Leave.
 * @slot chat - More for the chat panel, under the chat.
 * @slot participants - More for the participants panel, under the list.
 * @slot settings - More for the settings panel.
 * @slot cast - More for the broadcast panel (a link to the recordings, say).
 *
 * @csspart conference - The whole conference.
 * @csspart main - The stage area: the layout and what is shown over it.
 * @csspart grid - The grid of tiles, an `<rtc-grid>`.
 * @csspart speaker-layout - The speaker layout, an `<rtc-speaker-layout>`.
 * @csspart notice - What is shown over the stage: joining, reconnecting, a failure, waiting for others.
 * @csspart retry - Try again / Join again.
 * @csspart rejoin-countdown - When the room tries again by itself after losing the call.
 * @csspart status - The connection status, an `<rtc-connection-status>` (a polite live region; seen only when there is something to say).
 * @csspart panel - The side panel (a sheet on a phone).
 * @csspart panel-title - Its title.
 * @csspart close - Its close button.
 * @csspart invite - The invite link's copy button.
 * @csspart controls - The control bar, an `<rtc-control-bar>`.
 *
 * @cssprop --rtc-conference-background - Background of the conference.
 * @cssprop --rtc-conference-panel-width - Width of the side panel on a wide screen (default 360px).
 * @cssprop --rtc-conference-panel-background - Background of the side panel.
 */
export class RtcConference extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, textFieldStyles, conferenceStyles];

  /** The panel open beside the stage (`chat`, `participants`, `settings`, `stats`, `cast`), or empty. Reflected. */
  @property({ reflect: true }) panel: ConferencePanel | '' = '';

  /** Leave out the chat. */
  @property({ type: Boolean, attribute: 'no-chat' }) noChat = false;

  /** Leave out the participants panel. */
  @property({ type: Boolean, attribute: 'no-participants' }) noParticipants = false;

  /** Leave out the device settings. */
  @property({ type: Boolean, attribute: 'no-settings' }) noSettings = false;

  /** Offer the call statistics in the "More" menu. */
  @property({ type: Boolean }) stats = false;

  /** Offer the broadcast (MeetingCast) in the "More" menu, through this endpoint (as `<rtc-cast-controls>` takes it). */
  @property({ attribute: 'cast-endpoint' }) castEndpoint = '';

  /**
   * Who sees the broadcast's start, switch and stop controls, as `<rtc-cast-controls controls>` takes it: `auto`
   * (holders of a `roomAdmin` token), `always` for a cast handler with rules of its own, `never`.
   */
  @property({ attribute: 'cast-controls' }) castControls: 'auto' | 'always' | 'never' = 'auto';

  /** Languages to offer in the "More" menu, separated by spaces (`en zh-CN`); none by default. */
  @property() languages = '';

  /** A link that brings others into this call: shown with a copy button while you wait alone and in the participants panel. */
  @property({ attribute: 'invite-link' }) inviteLink = '';

  /** Tiles on a page of the grid; 0 (default) as many as stay readable. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 0;

  /** Shows this attribute of each participant's user data as a badge on their tile. */
  @property({ attribute: 'badge-attribute' }) badgeAttribute = '';

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** The room's layout; given by the enclosing `<rtc-room>`. */
  @consume({ context: layoutContext, subscribe: true })
  @property({ attribute: false })
  layoutControl: LayoutControl | undefined;

  /** When the room tries again by itself after losing the call; given by the enclosing `<rtc-room>`. */
  @consume({ context: autoRejoinContext, subscribe: true })
  @property({ attribute: false })
  autoRejoin: AutoRejoin | undefined;

  /** Reflected: narrower than 600px, where a panel covers the conference. @readonly */
  @property({ type: Boolean, reflect: true }) narrow = false;

  @state() private unread = 0;
  @query('[part="panel-title"]') private panelTitle!: HTMLElement | null;

  readonly #state = new Store<ConferenceState>({ panel: '', panels: [], unread: 0, languages: [] }, (a, b) =>
    a.panel === b.panel && a.unread === b.unread && a.panels.join() === b.panels.join() && a.languages.join() === b.languages.join(),
  );

  /** The panels and language, given to the control bar inside. */
  @provide({ context: conferenceContext })
  readonly control: ConferenceControl = {
    state: readonly(this.#state),
    togglePanel: (panel) => this.togglePanel(panel),
    chooseLanguage: (lang) => this.#chooseLanguage(lang),
  };

  readonly #localize = new LocalizeController(this);
  readonly #connection = new ReadableController<ConnectionStatus>(this, () => this.session?.connection, { state: 'idle', previous: 'idle' });
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);
  readonly #layout = new ReadableController<LayoutState | undefined>(this, () => this.layoutControl?.state, undefined);
  readonly #nextAttempt = new ReadableController<number | undefined>(this, () => this.autoRejoin?.nextAttemptAt, undefined);
  /** Counts the seconds down while the room waits to try again. */
  #tick: ReturnType<typeof setTimeout> | undefined;
  readonly #invite = new InviteLink(this);
  /** Where focus was when a panel opened: it goes back there when the panel closes. */
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    new TileFocusController(this);
    new SizeController(this, () => [this], (sizes) => {
      const width = sizes.get(this)?.width;
      if (width) this.narrow = width < NARROW;
    });
  }

  /** The panels this conference offers, in the order their controls show. */
  get panels(): ConferencePanel[] {
    const off: Partial<Record<ConferencePanel, boolean>> = {
      chat: this.noChat,
      participants: this.noParticipants,
      settings: this.noSettings,
      stats: !this.stats,
      cast: !this.castEndpoint,
    };
    return PANELS.filter((panel) => !off[panel]);
  }

  /** Opens `panel`, or closes it when it is open: what its toggle does. */
  togglePanel(panel: ConferencePanel): void {
    this.setPanel(this.panel === panel ? '' : panel);
  }

  /** Opens a panel (moving focus to its title), or closes it with `''` (focus back where it was). */
  setPanel(panel: ConferencePanel | ''): void {
    if (panel === this.panel) return;
    if (panel && !this.panel) {
      const active = deepActiveElement();
      this.#opener = active instanceof HTMLElement && active !== document.body ? active : undefined;
    }
    this.panel = panel;
    void this.updateComplete.then(() => {
      if (panel) this.panelTitle?.focus();
      else if (this.#opener?.isConnected) this.#opener.focus();
      if (!panel) this.#opener = undefined;
    });
  }

  #chooseLanguage(lang: string): void {
    const request = new RtcLanguageChangeRequestEvent({ lang });
    this.dispatchEvent(request);
    if (!request.defaultPrevented) document.documentElement.lang = lang;
  }

  #rejoin(): void {
    this.dispatchEvent(new RtcRejoinRequestEvent());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    clearTimeout(this.#tick);
    if (this.#nextAttempt.value !== undefined && this.#connection.value.state === 'failed') this.#tick = setTimeout(() => this.requestUpdate(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#tick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const panels = this.panels;
    if (this.panel && !panels.includes(this.panel)) this.panel = '';
    if (changed.has('panel')) loadPanel(this.panel);
    this.#state.set({ panel: this.panel, panels, unread: this.unread, languages: this.languages.split(/\s+/).filter(Boolean) });
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || !this.panel) return;
    event.preventDefault();
    this.setPanel('');
  }

  #renderNotice() {
    const t = this.#localize.t.bind(this.#localize);
    const { state, reason } = this.#connection.value;
    if (state === 'connecting') return html`<div part="notice" class="notice"><span class="spinner" aria-hidden="true"></span>${t('state.connecting')}</div>`;
    if (state === 'reconnecting') {
      return html`<div class="scrim"></div>
        <div part="notice" class="notice"><span class="spinner" aria-hidden="true"></span>${t('state.reconnecting')}</div>`;
    }
    if (state === 'reconnected') return html`<div part="notice" class="notice toast">${t('state.reconnected')}</div>`;
    if (state === 'failed' || state === 'disconnected' || state === 'kicked') {
      const why = state === 'failed' && reason ? t(`error.${reason}`) : '';
      const nextAttempt = state === 'failed' ? this.#nextAttempt.value : undefined;
      return html`<div class="scrim"></div>
        <div part="notice" class="notice card">
          <strong>${t(`state.${state}`)}</strong>
          ${why ? html`<span>${why}</span>` : nothing}
          ${nextAttempt === undefined
            ? nothing
            : html`<span part="rejoin-countdown">${t('rejoinIn', { seconds: Math.max(1, Math.ceil((nextAttempt - Date.now()) / 1000)) })}</span>`}
          ${state === 'kicked'
            ? nothing
            : html`<button part="retry" class="control active" type="button" @click=${this.#rejoin}>${t(state === 'failed' ? 'retry' : 'rejoin')}</button>`}
        </div>`;
    }
    if (isLive(state) && this.#participants.value.length < 2) {
      return html`<div part="notice" class="notice card waiting">
        <span>${t('waitingForOthers')}</span>
        ${this.inviteLink ? this.#invite.render(this.inviteLink) : nothing}
      </div>`;
    }
    return nothing;
  }

  #renderPanel() {
    const t = this.#localize.t.bind(this.#localize);
    const panel = this.panel;
    // The chat stays on the page while closed, so it counts what arrives unseen and keeps what you were typing.
    const chat = !this.noChat
      ? html`<div class="panel-body" ?hidden=${panel !== 'chat'}>
          <rtc-chat @rtc-unread-changed=${(event: RtcUnreadChangedEvent) => (this.unread = event.detail.count)}></rtc-chat>
          <slot name="chat"></slot>
        </div>`
      : nothing;
    const title = panel ? t(panel === 'stats' ? 'statistics' : panel) : '';
    return html`<aside part="panel" class="panel" ?hidden=${!panel} aria-labelledby="panel-title" @keydown=${this.#onKeyDown}>
      <header class="panel-header">
        <h2 part="panel-title" id="panel-title" tabindex="-1">${title}</h2>
        <button part="close" class="close" type="button" aria-label=${t('closePanel', { panel: title })} @click=${() => this.setPanel('')}>✕</button>
      </header>
      ${chat}
      ${panel && panel !== 'chat'
        ? html`<div class="panel-body" tabindex=${panel === 'stats' ? '0' : nothing} aria-labelledby=${panel === 'stats' ? 'panel-title' : nothing}>
            ${renderPanelBody(panel, { castEndpoint: this.castEndpoint, castControls: this.castControls, invite: this.inviteLink ? this.#invite.render(this.inviteLink) : nothing })}
          </div>`
        : nothing}
    </aside>`;
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const speaker = this.#layout.value?.layout === 'speaker';
    const sheet = this.narrow && !!this.panel;
    return html`<section part="conference" class="conference" aria-label=${t('conference')}>
      <div part="main" class="main" ?inert=${sheet}>
        ${speaker
          ? html`<rtc-speaker-layout part="speaker-layout" class="layout" badge-attribute=${this.badgeAttribute} exportparts="stage, stage-tile, filmstrip, tile"></rtc-speaker-layout>`
          : html`<rtc-grid part="grid" class="layout" page-size=${this.pageSize} badge-attribute=${this.badgeAttribute} exportparts="tile, screen-tile, pager, previous, next, dot, page-label"></rtc-grid>`}
        <div class="overlay"><slot name="overlay"></slot></div>
        <rtc-connection-status part="status" class="status" quiet exportparts="indicator: status-indicator, text: status-text"></rtc-connection-status>
        ${this.#renderNotice()}
      </div>
      ${this.#renderPanel()}
      <rtc-control-bar part="controls" class="controls" exportparts="microphone: control, camera: control, screen: control, layout: control, leave: control">
        <slot name="controls"></slot>
      </rtc-control-bar>
    </section>`;
  }
}
