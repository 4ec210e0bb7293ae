import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { RtcErrorCode } from '../../core/errors.js';
import type { RtcSession } from '../../core/session.js';
import type { ConnectionState, ConnectionStatus } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import { connectionStatusStyles } from './connection-status.styles.js';

/**
 * @summary Shows and announces the room's connection: connecting, connected, reconnecting, reconnected, failed (with why), kicked out, left.
 *
 * @tag rtc-connection-status
 *
 * Inside `<rtc-room>` (or given a `session`). The text is a polite live region, so screen readers hear
 * every change, in the language of the page or of the nearest `lang`. After a failure or removal it says
 * why; problems that do not end the call (a camera that could not start) are added to the line until the
 * next change of state. `<rtc-room>`'s default conference uses it as its status line.
 *
 * @csspart status - The line, a polite live region.
 * @csspart indicator - The coloured dot before the text.
 * @csspart text - The words.
 *
 * @cssprop --rtc-connection-status-color - Text colour (the page's by default).
 * @cssprop --rtc-connection-status-error-text-color - Text colour after a failure or removal (the same by default).
 * @cssprop --rtc-connection-status-ok-color - The dot while connected.
 * @cssprop --rtc-connection-status-warning-color - The dot while connecting or reconnecting.
 * @cssprop --rtc-connection-status-error-color - The dot after a failure or removal.
 * @cssprop --rtc-connection-status-align - How the line is aligned (`center` by default, `flex-start` for the left).
 */
export class RtcConnectionStatus extends LitElement {
  static override styles = [hostStyles, connectionStatusStyles];

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** Reflected: the connection state, for styling (`rtc-connection-status[state='reconnecting']`). @readonly */
  @property({ reflect: true }) state: ConnectionState = 'idle';

  /** Show nothing while connected (unless there is a problem to tell) or not yet connecting; changes are still announced. */
  @property({ type: Boolean, reflect: true }) quiet = false;

  /** A problem that did not end the call, shown until the state changes. */
  @state() private problem: RtcErrorCode | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #connection = new ReadableController<ConnectionStatus>(
    this,
    () => this.session?.connection,
    { state: 'idle', previous: 'idle' },
    () => (this.problem = undefined),
  );
  #stopListening: (() => void) | undefined;
  #listeningTo: RtcSession | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Listening for problems starts in the next update.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#listeningTo = undefined;
  }

  /** The words shown and announced now. */
  get text(): string {
    const { state, reason } = this.#connection.value;
    const t = this.#localize.t.bind(this.#localize);
    const words = t(`state.${state}`);
    // "Removed from the room: you were removed from the room" says nothing twice: the state alone is enough then.
    if ((state === 'failed' || state === 'kicked') && reason && reason !== 'kicked') return `${words}: ${t(`error.${reason}`)}`;
    if (this.problem && this.problem !== reason) return `${words}. ${t(`error.${this.problem}`)}`;
    return words;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.isConnected && this.session !== this.#listeningTo) {
      this.#stopListening?.();
      this.#listeningTo = this.session;
      this.#stopListening = this.session?.on('error', (error) => (this.problem = error.code));
    }
    this.state = this.#connection.value.state;
    super.willUpdate(changed);
  }

  protected override render() {
    // Quiet: nothing to see while all is well, but the live region stays to announce.
    const outOfSight = this.quiet && !this.problem && ['idle', 'connected', 'reconnected'].includes(this.state);
    return html`<p part="status" class=${outOfSight ? 'status visually-hidden' : 'status'} role="status" aria-live="polite">
      <span part="indicator" class="indicator" aria-hidden="true"></span><span part="text">${this.text}</span>
    </p>`;
  }
}
