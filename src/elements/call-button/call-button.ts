import { RtcCallRequestEvent } from '../../events/call-request.js';
import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { callClientContext } from '../../context/call-context.js';
import { isCallOver, isCallRinging, type Call, type CallClient, type CallState, type OutgoingCall, type PresenceUser } from '../../core/calls.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { phoneIcon } from '../../styles/icons.js';
import { callButtonStyles } from './call-button.styles.js';

/** How long the outcome of a call that did not connect stays on the button ("Bob is busy"). */
const OUTCOME_MS = 5000;

/**
 * @summary Calls one person, and shows how the call is going.
 *
 * @tag rtc-call-button
 *
 * A native button inside `<rtc-call-center>`: "Call Bob" rings every tab `user` has open; while it rings the
 * same button cancels, and during the call it hangs up. What happens ("Ringing Bob…", "Bob is busy", "No
 * answer from Bob") is shown next to it and said in a polite live region. Someone offline is answered at
 * once. The call's own events come from the center (`rtc-call-state-changed`).
 *
 * @fires {CallRequestDetail} rtc-call-request - `{ user, media }`: pressed to call. Cancelable: a page in a meeting may ask first, then call through `client.invite()`.
 *
 * @csspart button - The button.
 * @csspart icon - The phone icon.
 * @csspart label - The button's words.
 * @csspart status - What the call is doing, or how it ended.
 *
 * @cssprop --rtc-call-button-online-color - The dot shown while the person is online (default the speaking green).
 */
export class RtcCallButton extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, callButtonStyles];

  /** The user id to call. */
  @property() user = '';

  /** Their name, until presence tells it (or for someone offline). */
  @property() label = '';

  /** A voice call: no camera on either side. */
  @property({ type: Boolean, attribute: 'audio-only' }) audioOnly = false;

  /** Seconds it rings before giving up (default 30). */
  @property({ type: Number }) timeout = 30;

  /** Up to 4 KiB of text the callee's page receives with the call. */
  @property({ attribute: 'user-data' }) userData = '';

  /** Reflected: whether `user` is online (`online` / `offline`), for styling. @readonly */
  @property({ reflect: true }) presence: 'online' | 'offline' = 'offline';

  /** Reflected: the state of this button's call, or absent when there is none. @readonly */
  @property({ reflect: true, attribute: 'call-state' }) callState: CallState | undefined;

  @consume({ context: callClientContext, subscribe: true })
  @property({ attribute: false })
  client: CallClient | undefined;

  @state() private call: Call | undefined;
  #outcomeTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #users = new ReadableController<readonly PresenceUser[]>(this, () => this.client?.users, []);

  constructor() {
    super();
    // The client publishes a new list on every change of every call in it.
    new ReadableController<readonly Call[]>(this, () => this.client?.calls, [], (calls) => {
      // A call with this person that did not start here (theirs, accepted; a glare winner) shows here too.
      const mine = (call: Call) => call.peer.userId === this.user && !isCallOver(call.state.get());
      const next = calls.find((call) => mine(call) && call.direction === 'outgoing') ?? calls.find((call) => mine(call) && call.session);
      if (next && next !== this.call) this.call = next;
    });
    // The shown call's state renders the button; once over, its outcome stays a moment, then the button is free.
    new SubscriptionController(this, () => this.call, (call) => {
      clearTimeout(this.#outcomeTimer);
      return call?.state.subscribe((state) => {
        this.requestUpdate();
        if (!isCallOver(state)) return;
        this.#outcomeTimer = setTimeout(() => {
          if (this.call === call) this.call = undefined;
        }, OUTCOME_MS);
      });
    });
  }

  get #name(): string {
    return this.#users.value.find((user) => user.userId === this.user)?.name || this.label || this.user;
  }

  /** Calls, cancels or hangs up, as a click does. */
  toggle(): void {
    const call = this.call;
    if (call && !isCallOver(call.state.get())) {
      call.hangUp();
      return;
    }
    if (!this.client || !this.user) return;
    const media = { audio: true, video: !this.audioOnly };
    const request = new RtcCallRequestEvent({ user: this.user, media });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    const outgoing: OutgoingCall = this.client.invite(this.user, {
      media,
      timeoutMs: this.timeout * 1000,
      ...(this.userData ? { userData: this.userData } : {}),
    });
    this.call = outgoing;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#outcomeTimer);
  }

  protected override willUpdate(): void {
    this.callState = this.call?.state.get();
    this.presence = this.#users.value.some((user) => user.userId === this.user) ? 'online' : 'offline';
  }

  protected override render() {
    const name = this.#name;
    const state = this.call?.state.get();
    const active = state !== undefined && !isCallOver(state);
    const ringing = state !== undefined && isCallRinging(state);
    const label = !active ? this.#localize.t('callUser', { name }) : ringing ? this.#localize.t('cancelCall', { name }) : this.#localize.t('hangUp');
    // A replaced call (both called at once) is not news: the surviving call shows instead.
    const status = state === undefined || (state === 'cancelled' && this.call?.replacedBy) ? '' : this.#localize.t(`call.${state}`, { name });
    return html`<button
        part="button"
        class=${active ? 'control leave' : 'control call'}
        type="button"
        ?disabled=${!this.client || !this.user}
        @click=${() => this.toggle()}
      >
        <span part="icon" class="icon">${phoneIcon(!active)}</span><span part="label">${label}</span
        ><span class="dot" aria-hidden="true"></span>
      </button>
      <span part="status" class="status" role="status" aria-live="polite">${status}</span>`;
  }
}
