import { provide } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { callClientContext } from '../../context/call-context.js';
import { CallClient, isCallOver, type Call, type CallState, type PresenceState, type PresenceUser } from '../../core/calls.js';
import { RtcError } from '../../core/errors.js';
import type { TokenProvider } from '../../core/token.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcCallIncomingEvent } from '../../events/call-incoming.js';
import { RtcCallStateChangedEvent } from '../../events/call-state-changed.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcPresenceChangedEvent } from '../../events/presence-changed.js';
import { hostStyles } from '../../styles/host.styles.js';
import { callCenterStyles } from './call-center.styles.js';

/**
 * @summary Makes this tab reachable for 1:1 calls, and shows the call once someone picks up.
 *
 * @tag rtc-call-center
 *
 * Signs `user-id` in to a shared presence room (data only, through the app's token endpoint) and gives the
 * calls to the `<rtc-call-button>`s and `<rtc-incoming-call>` inside it. When a call is accepted, both sides
 * land in the same `<rtc-room>`, shown in the `call` part; leaving it hangs up. Without an
 * `<rtc-incoming-call>` of the page's own inside, the center shows its own, so incoming calls always ring.
 *
 * @slot - Call buttons, a contact list, an `<rtc-incoming-call>`: anything of the page's.
 *
 * @fires {CallIncomingDetail} rtc-call-incoming - `{ callId, from, media, userData }`: someone calls and this tab rings.
 * @fires {CallStateChangedDetail} rtc-call-state-changed - `{ callId, direction, state, peer, room }` for every call, either way.
 * @fires {PresenceChangedDetail} rtc-presence-changed - `{ state, users }`: this tab's presence, or who is online, changed.
 * @fires {RtcErrorDetail} rtc-error - Signing in failed (`unauthorized`, `server-unreachable`, `duplicate-identity`…) or a call failed (`connection-timeout` when the other side never joined, `not-connected`).
 *
 * @csspart call - The section around the call's room, present during a call.
 * @csspart room - The `<rtc-room>` of the call.
 *
 * @cssprop --rtc-call-center-call-height - Height of the call's room (default `min(70vh, 640px)`).
 */
export class RtcCallCenter extends LitElement {
  static override styles = [hostStyles, callCenterStyles];

  /** Who you are: the same on every tab and device. Others call you by it. */
  @property({ attribute: 'user-id' }) userId = '';

  /** Your display name for the people you call. */
  @property() name = '';

  @property({ attribute: 'server-url' }) serverUrl = '';

  /** POST endpoint answering `{ token, serverUrl? }` for a room and identity (the presence room and each call's). */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '';

  /** A token function instead of `token-endpoint`. */
  @property({ attribute: false }) token: TokenProvider | undefined;

  /** The shared room every tab waits in (default `rtc-presence`). Apps give each tenant its own. */
  @property({ attribute: 'presence-room' }) presenceRoom = '';

  /** Do not sign in on attach; call `connect()` yourself. */
  @property({ type: Boolean }) manual = false;

  /** Reflected: `offline`, `connecting`, `online`, `reconnecting` or `failed`. @readonly */
  @property({ reflect: true }) presence: PresenceState = 'offline';

  /** The call client; made from the attributes on first connect, or set your own before. */
  @provide({ context: callClientContext })
  @property({ attribute: false })
  client: CallClient | undefined;

  @state() private hasOwnRinger = false;

  readonly #localize = new LocalizeController(this);
  readonly #calls = new ReadableController<readonly Call[]>(this, () => this.client?.calls, []);
  readonly #users = new ReadableController<readonly PresenceUser[]>(this, () => this.client?.users, [], (users) =>
    this.#presenceChanged(this.#state.value, users),
  );
  readonly #state: ReadableController<PresenceState> = new ReadableController<PresenceState>(this, () => this.client?.state, 'offline', (state) =>
    this.#presenceChanged(state, this.#users.value),
  );

  constructor() {
    super();
    // A client the page set or this element made: hear its calls, whether or not this element signs it in.
    new SubscriptionController(this, () => this.client, (client) => {
      if (!client) return undefined;
      const detailOf = (call: Call, state: CallState) => ({ callId: call.id, direction: call.direction, state, peer: call.peer, room: call.room });
      const stops = [
        client.on('incoming', (call) =>
          this.dispatchEvent(new RtcCallIncomingEvent({ callId: call.id, from: call.peer, media: call.media, userData: call.userData })),
        ),
        client.on('call-state-changed', ({ call, state }) => {
          this.dispatchEvent(new RtcCallStateChangedEvent(detailOf(call, state)));
          if (state === 'failed' && call.error) this.dispatchEvent(new RtcErrorEvent({ code: call.error.code, message: call.error.message }));
        }),
        client.on('error', (error) => this.dispatchEvent(new RtcErrorEvent({ code: error.code, message: error.message }))),
      ];
      return () => stops.forEach((stop) => stop());
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hasOwnRinger = !!this.querySelector('rtc-incoming-call');
    if (!this.manual) {
      // Wait a task so attributes set right after insertion (by frameworks) are all in place.
      setTimeout(() => {
        if (this.isConnected && !this.manual && this.presence === 'offline' && this.userId && (this.tokenEndpoint || this.token)) {
          this.connect().catch(() => undefined);
        }
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    queueMicrotask(() => {
      if (this.isConnected) return;
      void this.client?.disconnect();
    });
  }

  /** Signs in to the presence room. Resolves when online; failures are also dispatched as `rtc-error`. */
  async connect(): Promise<void> {
    if (!this.client) {
      try {
        this.client = new CallClient({
          userId: this.userId,
          ...(this.name ? { name: this.name } : {}),
          ...(this.serverUrl ? { serverUrl: this.serverUrl } : {}),
          ...(this.token ? { token: this.token } : {}),
          ...(this.tokenEndpoint ? { tokenEndpoint: this.tokenEndpoint } : {}),
          ...(this.presenceRoom ? { presenceRoom: this.presenceRoom } : {}),
        });
      } catch (error) {
        const rtcError = RtcError.is(error) ? error : new RtcError('unknown', String(error));
        this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code, message: rtcError.message }));
        throw rtcError;
      }
    }
    await this.client.connect();
  }

  /** Signs out: ringing calls are withdrawn or declined, a call in progress is left. */
  async disconnect(): Promise<void> {
    await this.client?.disconnect();
  }

  protected override willUpdate(): void {
    this.presence = this.#state.value;
  }

  #presenceChanged(state: PresenceState, users: readonly PresenceUser[]): void {
    if (this.hasUpdated) this.dispatchEvent(new RtcPresenceChangedEvent({ state, users }));
  }

  #onSlotChange(): void {
    this.hasOwnRinger = !!this.querySelector('rtc-incoming-call');
  }

  protected override render() {
    // The call whose room is up: accepted and joining, or talking.
    const active = this.#calls.value.find((call) => !isCallOver(call.state.get()) && call.session);
    return html`<slot @slotchange=${this.#onSlotChange}></slot>
      ${this.hasOwnRinger ? nothing : html`<rtc-incoming-call></rtc-incoming-call>`}
      ${active
        ? keyed(
            active.id,
            html`<section part="call" class="call" aria-label=${this.#localize.t('callWith', { name: active.peer.name })}>
              <rtc-room part="room" .session=${active.session!}></rtc-room>
            </section>`,
          )
        : nothing}`;
  }
}
