import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { RtcError } from '../../core/errors.js';
import type { RtcSession } from '../../core/session.js';
import type { ConnectionStatus } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcLeaveRequestEvent } from '../../events/leave-request.js';
import { controlButtonStyles, hostStyles } from '../../styles/host.styles.js';
import { leaveIcon } from '../../styles/icons.js';
import { leaveButtonStyles } from './leave-button.styles.js';

/** States in which there is a call to leave: connecting and reconnecting too, so a call that hangs can be left. */
const IN_CALL = new Set(['connecting', 'connected', 'reconnecting', 'reconnected']);

/**
 * @summary Leaves the room, after a cancelable request the page may answer with a confirmation.
 *
 * @tag rtc-leave-button
 *
 * A native button, enabled while there is a call to leave (connecting and reconnecting included). A click
 * dispatches `rtc-leave-request`; unless a listener calls `preventDefault()`, the room is left (the page's
 * preview keeps running). Inside `<rtc-room>`, or given a `session`.
 *
 * @fires {Record<string, never>} rtc-leave-request - The button was pressed. Cancelable: `preventDefault()` keeps the call, to confirm first.
 * @fires {RtcErrorDetail} rtc-error - Leaving failed.
 *
 * @csspart button - The button.
 * @csspart icon - The icon.
 * @csspart label - The words (a tooltip when `compact`).
 */
export class RtcLeaveButton extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, leaveButtonStyles];

  /** Show only the icon; the words show as a tooltip and stay the button's name. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #connection = new ReadableController<ConnectionStatus>(this, () => this.session?.connection, { state: 'idle', previous: 'idle' });

  /** Asks to leave, as a click does; resolves once left, or at once when a listener cancelled. */
  async leave(): Promise<void> {
    const request = new RtcLeaveRequestEvent();
    this.dispatchEvent(request);
    if (request.defaultPrevented || !this.session) return;
    try {
      await this.session.leave();
    } catch (error) {
      const rtcError = RtcError.is(error) ? error : new RtcError('unknown', String((error as Error)?.message ?? error));
      this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code, message: rtcError.message }));
    }
  }

  protected override render() {
    const inCall = !!this.session && IN_CALL.has(this.#connection.value.state);
    return html`<button part="button" class=${this.compact ? 'control leave compact' : 'control leave'} type="button" ?disabled=${!inCall} @click=${() => this.leave()}>
      <span part="icon" class="icon">${leaveIcon()}</span><span part="label" class=${this.compact ? 'label tooltip' : 'label'}>${this.#localize.t('leave')}</span>
    </button>`;
  }
}
