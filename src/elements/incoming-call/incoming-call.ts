import { RtcCallAcceptRequestEvent } from '../../events/call-accept-request.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { callClientContext } from '../../context/call-context.js';
import type { Call, CallClient, CallState, IncomingCall } from '../../core/calls.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { cameraIcon, microphoneIcon, phoneIcon } from '../../styles/icons.js';
import { incomingCallStyles } from './incoming-call.styles.js';
import { Ringtone, type RingtoneState } from './ringtone.js';

/** Incoming endings worth saying out loud when the ringing stops without an answer here. */
const TOLD: ReadonlySet<CallState> = new Set<CallState>(['missed', 'cancelled', 'answered-elsewhere', 'rejected-elsewhere', 'failed']);

/**
 * @summary Rings for an incoming call, with Accept and Decline.
 *
 * @tag rtc-incoming-call
 *
 * Inside `<rtc-call-center>` (which shows one of its own when the page puts none inside). While a call rings
 * here it shows who calls, whether it is a video or voice call, and what the caller sent along (as text),
 * with native Accept and Decline buttons, and plays a ring. Browsers refuse sound before the person has
 * interacted with the page: the ring then starts at the first click or key press, and the element says so.
 * Calls that stop ringing without an answer here ("Missed call from Bob", "Answered on another device") are
 * said in a polite live region. With `modal`, the ringing call is a modal dialog over the page, with focus on
 * Accept, as on a phone; Escape declines.
 *
 * @fires {CallAcceptRequestDetail} rtc-call-accept-request - `{ callId, from, media }`: Accept was pressed. Cancelable: a page in a meeting may ask first, then answer with the call's `accept()`.
 *
 * @csspart dialog - The box shown while a call rings.
 * @csspart caller - The caller's name.
 * @csspart kind - "Video call" or "Voice call".
 * @csspart user-data - The text the caller sent along.
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 * @csspart ring-hint - The note shown while the browser holds the ring back.
 *
 * @cssprop --rtc-incoming-call-accept-color - Background of Accept (default a green).
 */
export class RtcIncomingCall extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, incomingCallStyles];

  /** No ring, only the visual. */
  @property({ type: Boolean }) muted = false;

  /** Show the ringing call as a modal dialog over the page (focus on Accept; Escape declines). */
  @property({ type: Boolean }) modal = false;

  /** Reflected: what the ring is doing: `off`, `playing`, or `blocked` until the page gets a click. @readonly */
  @property({ reflect: true, attribute: 'ring' }) ring: RingtoneState = 'off';

  @consume({ context: callClientContext, subscribe: true })
  @property({ attribute: false })
  client: CallClient | undefined;

  #announcement = '';
  readonly #ringtone = new Ringtone((state) => (this.ring = state));
  readonly #localize = new LocalizeController(this);
  // The client publishes a new list on every change of every call in it, so this follows ringing and stopping.
  readonly #calls = new ReadableController<readonly Call[]>(this, () => this.client?.calls, []);

  /** The call ringing now (the first, when several ring at once). */
  get call(): IncomingCall | undefined {
    return this.#calls.value.find((call): call is IncomingCall => call.direction === 'incoming' && call.state.get() === 'ringing');
  }

  /** Answers the ringing call, as Accept does: after a cancelable `rtc-call-accept-request`. */
  accept(): void {
    const call = this.call;
    if (!call) return;
    const request = new RtcCallAcceptRequestEvent({ callId: call.id, from: { userId: call.peer.userId, name: call.peer.name }, media: call.media });
    this.dispatchEvent(request);
    if (!request.defaultPrevented) call.accept();
  }

  decline(): void {
    this.call?.reject('declined');
  }

  constructor() {
    super();
    new SubscriptionController(this, () => this.client, (client) =>
      client?.on('call-state-changed', ({ call, state }) => {
        if (call.direction !== 'incoming') return;
        // A new call replaces the news of the last one; an ending worth telling is said once.
        if (state === 'ringing') this.#announcement = '';
        else if (TOLD.has(state)) this.#announcement = this.#localize.t(`call.${state}`, { name: call.peer.name });
        this.requestUpdate();
      }),
    );
  }

  protected override updated(): void {
    if (this.call && !this.muted) this.#ringtone.start();
    else this.#ringtone.stop();
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('[part="accept"]')?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ringtone.dispose();
  }

  protected override render() {
    const call = this.call;
    const announcement = call ? this.#localize.t('incomingCall', { name: call.peer.name }) : this.#announcement;
    return html`<div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>
      ${call && this.modal
        ? html`<dialog
            class="modal"
            aria-labelledby="caller"
            aria-describedby="kind"
            @cancel=${(event: Event) => (event.preventDefault(), this.decline())}
          >
            ${this.#renderCall(call)}
          </dialog>`
        : call
          ? this.#renderCall(call)
          : nothing}`;
  }

  #renderCall(call: IncomingCall) {
    return html`<div part="dialog" class="dialog" role=${this.modal ? nothing : 'group'} aria-labelledby=${this.modal ? nothing : 'caller'} aria-describedby=${this.modal ? nothing : 'kind'}>
      <p id="caller" part="caller" class="caller">${this.#localize.t('incomingCall', { name: call.peer.name })}</p>
      <p id="kind" part="kind" class="kind">
        ${call.media.video ? cameraIcon(true) : microphoneIcon(true)}
        ${this.#localize.t(call.media.video ? 'videoCall' : 'voiceCall')}
      </p>
      ${call.userData ? html`<p part="user-data" class="user-data">${call.userData}</p>` : nothing}
      ${this.ring === 'blocked' ? html`<p part="ring-hint" class="hint">${this.#localize.t('ringMuted')}</p>` : nothing}
      <div class="actions">
        <button part="decline" class="control leave" type="button" @click=${() => this.decline()}>
          ${phoneIcon(false)}<span>${this.#localize.t('declineCall')}</span>
        </button>
        <button part="accept" class="control accept" type="button" @click=${() => this.accept()}>
          ${phoneIcon(true)}<span>${this.#localize.t('acceptCall')}</span>
        </button>
      </div>
    </div>`;
  }
}
