import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HttpCastProvider, type CastProvider, type CastState } from '../../core/cast.js';
import { RtcError } from '../../core/errors.js';
import type { RtcSession } from '../../core/session.js';
import type { ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import type { StringKey } from '../../i18n/localize.js';
import { en } from '../../i18n/strings.js';
import { RtcCastStartRequestEvent } from '../../events/cast-start-request.js';
import { RtcCastStateChangedEvent } from '../../events/cast-state-changed.js';
import { RtcCastStopRequestEvent } from '../../events/cast-stop-request.js';
import { RtcCastSwitchRequestEvent } from '../../events/cast-switch-request.js';
import { RtcErrorEvent } from '../../events/error.js';
import { hostStyles } from '../../styles/host.styles.js';
import { castControlsStyles } from './cast-controls.styles.js';

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * @summary MeetingCast: broadcast one chosen participant live, switch who is broadcast, stop.
 *
 * @tag rtc-cast-controls
 *
 * Inside `<rtc-room>`. Pick a participant and start; while live, pick another and switch (the broadcast
 * goes on); stop. A LIVE badge shows who is live and for how long. Requests go to the room's cast provider:
 * set `cast-endpoint` to POST `{ action, room, participant }` to your backend with the participant's token
 * as bearer, or set `provider` to your own. Each button first dispatches a cancelable request event.
 *
 * @fires {CastParticipantDetail} rtc-cast-start-request - `{ participant }` before starting. Cancelable.
 * @fires {CastParticipantDetail} rtc-cast-switch-request - `{ participant }` before switching. Cancelable.
 * @fires {Record<string, never>} rtc-cast-stop-request - Before stopping. Cancelable.
 * @fires {CastStateDetail} rtc-cast-state-changed - `{ state }`: `idle`, `starting`, `live`, `switching`, `stopping` or `failed`.
 * @fires {RtcErrorDetail} rtc-error - A cast request failed: `cast-no-provider`, `cast-request-failed`, `cast-forbidden`, `cast-participant-not-found`, `cast-conflict` (started while live, switched while idle), `cast-egress-unavailable`, `cast-start-timeout`, `cast-failed`, `not-connected`.
 *
 * @csspart group - The fieldset around the controls.
 * @csspart legend - Its legend, "Broadcast".
 * @csspart badge - The LIVE badge with the running time.
 * @csspart select - The participant picker.
 * @csspart start-button - Starts the broadcast.
 * @csspart switch-button - Switches the broadcast to the picked participant.
 * @csspart stop-button - Stops the broadcast.
 * @csspart status - The status line (a polite live region).
 *
 * @cssprop --rtc-cast-controls-background - Background of the controls.
 * @cssprop --rtc-cast-controls-live-color - Colour of the LIVE badge.
 * @cssprop --rtc-cast-controls-error-color - Colour of the status line after a failure.
 */
export class RtcCastControls extends LitElement {
  static override styles = [hostStyles, castControlsStyles];

  /** The backend endpoint that starts, switches and stops broadcasts. */
  @property({ attribute: 'cast-endpoint' }) castEndpoint = '';

  /**
   * Who sees the start, switch and stop controls: `auto` (default) those whose token grants `roomAdmin`, as the
   * cast handler allows by default; `always` for a backend with its own rules; `never` for a watch-only badge.
   * Everyone sees the LIVE badge and who is live.
   */
  @property() controls: 'auto' | 'always' | 'never' = 'auto';

  /** A cast provider of your own; beats `cast-endpoint`. */
  @property({ attribute: false }) provider: CastProvider | undefined;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** Reflected: the cast status, for styling. @readonly */
  @property({ reflect: true, attribute: 'cast-status' }) castStatus: CastState['status'] = 'idle';

  /** Reflected: the code of the last failed request, until the next one. @readonly */
  @property({ reflect: true, attribute: 'cast-error' }) castError: string | undefined;

  /** Reflected: a request is on its way. @readonly */
  @property({ type: Boolean, reflect: true }) busy = false;

  @state() private selected = '';
  @state() private now = Date.now();

  readonly #localize = new LocalizeController(this);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);
  readonly #state = new ReadableController<CastState>(this, () => this.session?.cast.state, { status: 'idle' }, (state) =>
    this.dispatchEvent(new RtcCastStateChangedEvent({ state })),
  );
  readonly #busy = new ReadableController<boolean>(this, () => this.session?.cast.busy, false);
  readonly #error = new ReadableController<RtcError | undefined>(this, () => this.session?.cast.error, undefined);
  #clock: ReturnType<typeof setInterval> | undefined;

  /** The current cast state. */
  get state(): CastState {
    return this.#state.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopClock();
  }

  /** Starts broadcasting `participant` (an identity), as the start button does, request event included. */
  start(participant = this.selected): Promise<void> {
    const request = new RtcCastStartRequestEvent({ participant });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return Promise.resolve();
    if (!this.session) return this.#run(Promise.reject(new RtcError('not-connected', 'Join a room before casting.')));
    return this.#run(this.session.cast.start(participant));
  }

  switchTo(participant = this.selected): Promise<void> {
    const request = new RtcCastSwitchRequestEvent({ participant });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return Promise.resolve();
    if (!this.session) return this.#run(Promise.reject(new RtcError('not-connected', 'Join a room before casting.')));
    return this.#run(this.session.cast.switch(participant));
  }

  stop(): Promise<void> {
    const request = new RtcCastStopRequestEvent();
    this.dispatchEvent(request);
    if (request.defaultPrevented) return Promise.resolve();
    if (!this.session) return this.#run(Promise.reject(new RtcError('not-connected', 'Join a room before casting.')));
    return this.#run(this.session.cast.stop());
  }

  async #run(action: Promise<void>): Promise<void> {
    try {
      await action;
    } catch (error) {
      const rtcError = RtcError.is(error) ? error : new RtcError('cast-request-failed', String(error));
      this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code, message: rtcError.message }));
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const cast = this.session?.cast;
    if (cast && (changed.has('provider') || changed.has('castEndpoint') || changed.has('session'))) {
      if (this.provider) cast.provider = this.provider;
      else if (this.castEndpoint) cast.provider = new HttpCastProvider(this.castEndpoint);
    }
    const current = this.#state.value;
    this.castStatus = current.status;
    this.busy = this.#busy.value;
    this.castError = this.#error.value?.code;
    const candidates = this.#participants.value;
    if (!candidates.some((p) => p.identity === this.selected)) {
      const live = current.status === 'live' ? current.participant : undefined;
      this.selected = candidates.find((p) => p.identity !== live)?.identity ?? candidates[0]?.identity ?? '';
    }
    if (current.status === 'live') this.#startClock();
    else this.#stopClock();
  }

  #startClock(): void {
    if (this.#clock) return;
    this.now = Date.now();
    this.#clock = setInterval(() => (this.now = Date.now()), 1000);
  }

  #stopClock(): void {
    clearInterval(this.#clock);
    this.#clock = undefined;
  }

  #nameOf(identity: string): string {
    const participant = this.#participants.value.find((p) => p.identity === identity);
    if (!participant) return identity;
    return participant.isLocal ? this.#localize.t('nameYou', { name: participant.name || identity }) : participant.name;
  }

  #statusText(current: CastState): string {
    const t = this.#localize.t.bind(this.#localize);
    if (!this.session) return t('castNoRoom');
    const error = this.#error.value;
    if (error && !this.busy) return t('castFailed', { message: t(`error.${error.code}`) });
    switch (current.status) {
      case 'idle':
        return this.#participants.value.length ? t('castIdle') : t('castNobody');
      case 'starting':
        return t('castStarting', { name: this.#nameOf(current.participant) });
      case 'live': {
        const name = this.#nameOf(current.participant);
        // The broadcast goes on (on their last picture) until someone switches or stops it.
        const here = this.#participants.value.some((p) => p.identity === current.participant);
        return here ? t('castLiveWho', { name }) : t('castLiveAway', { name });
      }
      case 'switching':
        return t('castSwitching', { name: this.#nameOf(current.to) });
      case 'stopping':
        return t('castStopping');
      case 'failed': {
        // The backend's codes (rtc-elements/server) have translations under the elements' cast-… codes.
        const code = current.code === 'egress-failed' ? 'failed' : current.code;
        const key = [`error.${code}`, `error.cast-${code}`].find((candidate) => candidate in en);
        const message = key ? t(key as StringKey) : current.message;
        return t('castFailed', { message });
      }
    }
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const current = this.#state.value;
    const participants = this.#participants.value;
    const inRoom = !!this.session;
    const live = current.status === 'live';
    const idle = current.status === 'idle' || current.status === 'failed';
    const disabled = !inRoom || this.busy || !participants.length;
    const mayControl = this.controls === 'always' || (this.controls === 'auto' && this.session?.cast.mayControl !== false);
    if (!mayControl) {
      return html`<div part="group" class="watch-only">
        ${live
          ? html`<span part="badge" class="badge">${t('castLive')} <time>${formatElapsed(this.now - current.since)}</time></span>`
          : nothing}
        <p part="status" class="status" role="status" aria-live="polite">${this.#statusText(current)}</p>
      </div>`;
    }
    return html`
      <fieldset part="group" aria-busy=${this.busy ? 'true' : 'false'}>
        <legend part="legend">${t('cast')}</legend>
        ${live
          ? html`<span part="badge" class="badge" title=${t('castElapsed', { time: formatElapsed(this.now - current.since) })}>
              ${t('castLive')} <time>${formatElapsed(this.now - current.since)}</time>
            </span>`
          : nothing}
        <label>
          <span class="visually-hidden">${t('castParticipant')}</span>
          <select
            part="select"
            .value=${this.selected}
            ?disabled=${disabled}
            @change=${(event: Event) => (this.selected = (event.target as HTMLSelectElement).value)}
          >
            ${participants.map(
              (p) => html`<option value=${p.identity} ?selected=${p.identity === this.selected}>${this.#nameOf(p.identity)}</option>`,
            )}
          </select>
        </label>
        ${idle
          ? html`<button part="start-button" type="button" ?disabled=${disabled || !this.selected} @click=${() => this.start()}>
              ${t('castStart')}
            </button>`
          : nothing}
        ${live
          ? html`<button
                part="switch-button"
                type="button"
                ?disabled=${disabled || this.selected === current.participant}
                @click=${() => this.switchTo()}
              >
                ${t('castSwitch')}
              </button>
              <button part="stop-button" class="stop" type="button" ?disabled=${!inRoom || this.busy} @click=${() => this.stop()}>
                ${t('castStop')}
              </button>`
          : nothing}
        ${!live && !idle
          ? // Starting, switching or stopping: stopping stays possible, so nothing can hang on a step.
            html`<button part="stop-button" class="stop" type="button" ?disabled=${!inRoom || this.busy} @click=${() => this.stop()}>
              ${t('castStop')}
            </button>`
          : nothing}
        <p part="status" class="status" role="status" aria-live="polite">${this.#statusText(current)}</p>
      </fieldset>
    `;
  }
}
