import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Message } from '../../core/messages.js';
import type { RtcSession } from '../../core/session.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { SubscriptionController } from '../../controllers/subscription-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import { barrageStyles } from './barrage.styles.js';

interface Flying {
  message: Message;
  lane: number;
}

/**
 * @summary Barrage (danmaku): messages flying across the video, as many at once as stay readable.
 *
 * @tag rtc-barrage
 *
 * Inside `<rtc-room>`, laid over the video (it takes no clicks: `pointer-events: none`). Every barrage message
 * of the room, yours included, crosses from right to left in one of `lanes` rows. At most `max-on-screen`
 * fly at once and `max-per-second` start each second; the rest are counted in `dropped`, not queued, so
 * the screen never lags behind the talk. A message takes a lane only once the one before it there has moved
 * well along, so they do not overlap. Send with `session.messages.sendBarrage(text)`. Text is shown as
 * text only. With reduced motion asked for, messages show in place instead of flying, one per lane. Screen
 * readers find the messages in the list but are not interrupted by them (the chat is where to read them).
 *
 * @csspart item - Each message; also `own` for yours.
 *
 * @cssprop --rtc-barrage-duration - How long a message takes to cross (default 8s).
 * @cssprop --rtc-barrage-color - Text colour (white).
 * @cssprop --rtc-barrage-font-size - Text size (default 20px).
 * @cssprop --rtc-barrage-shadow - Text outline, for reading over any picture.
 */
export class RtcBarrage extends LitElement {
  static override styles = [hostStyles, barrageStyles];

  /** Rows the messages fly in. */
  @property({ type: Number }) lanes = 4;

  /** Messages on screen at once, at most. */
  @property({ type: Number, attribute: 'max-on-screen' }) maxOnScreen = 30;

  /** Messages that may start each second, at most. */
  @property({ type: Number, attribute: 'max-per-second' }) maxPerSecond = 10;

  /** Reflected: messages left out because the screen was full. @readonly */
  @property({ type: Number, reflect: true }) dropped = 0;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  @state() private flying: Flying[] = [];

  readonly #localize = new LocalizeController(this);
  #startedThisSecond: number[] = [];
  /** When each lane may take its next message. */
  #laneFreeAt: number[] = [];
  /** How long a message stays, read from `--rtc-barrage-duration` when attached. */
  #durationMs = 8000;
  #stillMotion = false;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  /** The messages flying now, oldest first. */
  get shown(): readonly Message[] {
    return this.flying.map((entry) => entry.message);
  }

  constructor() {
    super();
    // Everyone's barrage, yours included (you see yours once it went out).
    new SubscriptionController(this, () => this.session?.messages, (messages) => {
      if (!messages) return undefined;
      const stops = [
        messages.on('received', (message) => message.kind === 'barrage' && this.#launch(message)),
        messages.on('sent', (message) => message.kind === 'barrage' && this.#launch(message)),
      ];
      return () => stops.forEach((stop) => stop());
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#durationMs = (parseFloat(getComputedStyle(this).getPropertyValue('--rtc-barrage-duration')) || 8) * 1000;
    this.#stillMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#timers.forEach(clearTimeout);
    this.#timers.clear();
    this.flying = [];
  }

  #launch(message: Message): void {
    const now = Date.now();
    this.#startedThisSecond = this.#startedThisSecond.filter((at) => now - at < 1000);
    if (this.flying.length >= this.maxOnScreen || this.#startedThisSecond.length >= this.maxPerSecond) {
      this.dropped++;
      return;
    }
    const lane = Array.from({ length: Math.max(1, this.lanes) }, (_, i) => i).find((i) => (this.#laneFreeAt[i] ?? 0) <= now);
    if (lane === undefined) {
      this.dropped++;
      return;
    }
    this.#startedThisSecond.push(now);
    // Flying, the next may follow once this one is well on its way; standing still, only once it is gone.
    this.#laneFreeAt[lane] = now + (this.#stillMotion ? this.#durationMs : this.#durationMs * 0.4);
    const entry: Flying = { message, lane };
    this.flying = [...this.flying, entry];
    // Gone when it has crossed; the timer also ends it where no animation runs (reduced motion).
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#land(entry);
    }, this.#durationMs + 200);
    this.#timers.add(timer);
  }

  #land(entry: Flying): void {
    // Both the animation's end and the timer land it: once is enough.
    if (!this.flying.includes(entry)) return;
    this.flying = this.flying.filter((flying) => flying !== entry);
  }

  protected override render() {
    const laneHeight = 100 / Math.max(1, this.lanes);
    return html`<div class="sky" role="log" aria-live="off" aria-label=${this.#localize.t('barrage')}><ul class="lanes">
      ${repeat(
        this.flying,
        (entry) => entry.message.key,
        (entry) =>
          html`<li part=${entry.message.own ? 'item own' : 'item'} class="item" style="top: ${entry.lane * laneHeight}%" @animationend=${() => this.#land(entry)}>
            ${entry.message.text}
          </li>`,
      )}
    </ul></div>`;
  }
}
