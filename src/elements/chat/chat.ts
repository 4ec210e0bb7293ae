import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { RtcError } from '../../core/errors.js';
import { MessageRefusedError, type Message } from '../../core/messages.js';
import type { RtcSession } from '../../core/session.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcUnreadChangedEvent } from '../../events/unread-changed.js';
import { hostStyles } from '../../styles/host.styles.js';
import { chatStyles } from './chat.styles.js';

const encoder = new TextEncoder();
/** One clock format per language, made once: formatters are costly to create. */
const clocks = new Map<string, Intl.DateTimeFormat>();
const clockFor = (lang: string) => {
  let clock = clocks.get(lang);
  if (!clock) clocks.set(lang, (clock = new Intl.DateTimeFormat(lang || undefined, { hour: '2-digit', minute: '2-digit' })));
  return clock;
};

/**
 * @summary The room's chat: the messages of this session, yours marked, and a box to write in.
 *
 * @tag rtc-chat
 *
 * Inside `<rtc-room>`. Chat is sent as LiveKit Meet sends it, so people in Meet and people on your page read
 * each other. Messages are shown as plain text, never as markup. Yours show whether they are on their way,
 * sent, failed (with the reason and "Send again") or uncertain after a full reconnect. While the connection
 * is away, what you send waits and goes out when it is back. The box says how much room is left near the
 * size limit. Enter sends, Shift+Enter starts a new line. `unread` counts messages that arrived while the
 * chat was out of view or scrolled up; reading them (scrolling to the end in view) clears it.
 *
 * @fires {UnreadChangedDetail} rtc-unread-changed - `{ count }`: the unread count changed.
 * @fires {RtcErrorDetail} rtc-error - A message could not be sent: `message-too-large`, `message-empty`, `rate-limited`, `no-permission`, `not-connected`, `queue-full`, `send-failed`.
 *
 * @csspart log - The list of messages (a polite live region).
 * @csspart message - Each message; also `own` for yours, `failed` and `uncertain` for those in trouble.
 * @csspart sender - The sender's name.
 * @csspart time - When it was sent.
 * @csspart text - The text.
 * @csspart status - Where one of your messages is.
 * @csspart retry-button - "Send again" on a failed or uncertain message.
 * @csspart form - The writing area.
 * @csspart input - The text box.
 * @csspart counter - How many bytes are left, near the limit.
 * @csspart send-button - The send button.
 * @csspart error - Why the last message was not sent.
 *
 * @cssprop --rtc-chat-own-background - Background of your own messages.
 * @cssprop --rtc-chat-input-background - Background of the text box.
 * @cssprop --rtc-chat-input-border-color - Border of the text box.
 * @cssprop --rtc-chat-max-height - Height the list may grow to before it scrolls (default 320px; `none` to fill the chat's box).
 */
export class RtcChat extends LitElement {
  static override styles = [hostStyles, chatStyles];

  /** Reflected: messages that arrived while you were not looking. @readonly */
  @property({ type: Number, reflect: true }) unread = 0;

  /** What the empty box says. Default: "Write a message…" in the page's language. */
  @property() placeholder = '';

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  @state() private draft = '';
  @state() private error = '';

  @query('[part="log"]') private log!: HTMLElement;

  readonly #localize = new LocalizeController(this);
  readonly #messages = new ReadableController<readonly Message[]>(this, () => this.session?.messages.chat, []);

  constructor() {
    super();
    // Each chat message as it arrives, for the unread count and to follow the conversation.
    new SubscriptionController(this, () => this.session?.messages, (messages) =>
      messages?.on('received', (message) => message.kind === 'chat' && this.#arrived()),
    );
  }
  #inView = true;
  #observer: IntersectionObserver | undefined;
  /** Messages whose "Send again" was pressed and is on its way. */
  readonly #retrying = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer ??= new IntersectionObserver((entries) => {
      this.#inView = !!entries.at(-1)?.isIntersecting;
      if (this.#inView && this.#atEnd()) this.markRead();
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }

  /** Clears the unread count. */
  markRead(): void {
    this.unread = 0;
  }

  /** Sends a failed or uncertain message of yours again, in its place, as its "Send again" button does. */
  async retry(message: Message): Promise<void> {
    const hub = this.session?.messages;
    if (!hub || this.#retrying.has(message.key)) return;
    this.#retrying.add(message.key);
    this.requestUpdate();
    try {
      await hub.retry(message);
    } catch (error) {
      this.#refuse(RtcError.is(error) ? error : new RtcError('send-failed', String(error)));
    } finally {
      this.#retrying.delete(message.key);
      this.requestUpdate();
    }
  }

  /** Sends `text` (the box's text by default), as the send button does. */
  async send(text = this.draft): Promise<void> {
    const hub = this.session?.messages;
    if (!hub) return this.#refuse(new RtcError('not-connected', 'This chat is not in a room.'));
    this.error = '';
    const typed = text;
    if (text === this.draft) this.draft = '';
    try {
      await hub.sendChat(typed);
    } catch (error) {
      // Refused before it was sent (too large, too fast): the text goes back in the box, nothing is lost. A
      // message that failed later is in the chat, with its "Send again".
      const rtcError = RtcError.is(error) ? error : new RtcError('send-failed', String(error));
      if (error instanceof MessageRefusedError && !this.draft) this.draft = typed;
      this.#refuse(rtcError);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('unread') && (changed.get('unread') !== undefined || this.unread)) {
      this.dispatchEvent(new RtcUnreadChangedEvent({ count: this.unread }));
    }
  }

  #refuse(error: RtcError): void {
    this.error = this.#localize.t(`error.${error.code}`);
    this.dispatchEvent(new RtcErrorEvent({ code: error.code, message: error.message }));
  }

  #arrived(): void {
    const atEnd = this.#atEnd();
    if (!this.#inView || !atEnd || document.visibilityState === 'hidden') this.unread++;
    // Keep following the conversation when it was followed; leave someone reading older messages where they are.
    if (atEnd) void this.updateComplete.then(() => this.log?.scrollTo({ top: this.log.scrollHeight }));
  }

  #atEnd(): boolean {
    const log = this.log;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight < 24;
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (this.draft.trim()) void this.send();
  }

  #statusOf(message: Message, t: LocalizeController['t']): string {
    if (message.status === 'queued') return t('chatSending');
    if (message.status === 'failed' && message.code === 'not-delivered') {
      // By name if they are here or said something; someone gone for good may be known by identity only.
      const nameOf = (identity: string) =>
        this.session?.participants.get().find((p) => p.identity === identity)?.name ||
        this.session?.messages.chat.get().find((m) => m.from.identity === identity && !m.own)?.from.name ||
        identity;
      const names = (message.undelivered ?? []).map(nameOf);
      return t('chatNotDelivered', { names: names.join(', ') });
    }
    if (message.status === 'failed') return `${t('chatFailed')}: ${t(`error.${message.code ?? 'send-failed'}`)}`;
    if (message.status === 'uncertain') return t('chatUncertain');
    return '';
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const messages = this.#messages.value;
    const limit = this.session?.messages.limits.bytes.chat ?? 4096;
    const left = limit - encoder.encode(this.draft).byteLength;
    const time = clockFor(this.#localize.lang);
    return html`
      <div part="log" class="log" role="log" aria-live="polite" aria-label=${t('chat')} tabindex="0" @scroll=${() => this.#inView && this.#atEnd() && this.markRead()}>
        <ol>
        ${guard([messages, [...this.#retrying].join('\n'), this.#localize.lang], () =>
          messages.length
          ? repeat(
              messages,
              (message) => message.key,
              (message) => {
                const trouble = message.status === 'failed' || message.status === 'uncertain';
                const status = message.own ? this.#statusOf(message, t) : '';
                return html`<li part=${['message', message.own ? 'own' : '', trouble ? message.status : ''].filter(Boolean).join(' ')} class=${message.own ? 'own' : ''}>
                  <span part="sender" class="sender">${message.own ? t('you') : message.from.name || message.from.identity}</span>
                  <time part="time" class="time" datetime=${new Date(message.sentAt).toISOString()}>${time.format(message.sentAt)}</time>
                  <p part="text" class="text">${message.text}</p>
                  ${status ? html`<span part="status" class="status">${status}</span>` : nothing}
                  ${message.own && trouble
                    ? html`<button part="retry-button" type="button" ?disabled=${this.#retrying.has(message.key)} @click=${() => this.retry(message)}>
                        ${t('chatRetry')}
                      </button>`
                    : nothing}
                </li>`;
              },
            )
          : html`<li class="empty">${t('chatEmpty')}</li>`,
        )}
        </ol>
      </div>
      <form part="form" class="form" @submit=${(event: Event) => (event.preventDefault(), void this.send())}>
        <label class="visually-hidden" for="input">${t('chatMessage')}</label>
        <textarea
          part="input"
          id="input"
          rows="1"
          placeholder=${this.placeholder || t('chatPlaceholder')}
          .value=${this.draft}
          aria-describedby="counter error"
          @input=${(event: Event) => (this.draft = (event.target as HTMLTextAreaElement).value)}
          @keydown=${this.#onKeyDown}
        ></textarea>
        <span part="counter" id="counter" class=${left < 0 ? 'counter over' : 'counter'} ?hidden=${left > limit / 4}>${t('chatBytesLeft', { count: left })}</span>
        <button part="send-button" type="submit" ?disabled=${!this.session || !this.draft.trim() || left < 0}>${t('chatSend')}</button>
        <p part="error" id="error" class="error" role="status">${this.error}</p>
      </form>
    `;
  }
}
