import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RtcError } from '../../core/errors.js';
import type { LocalMedia, LocalMediaOptions } from '../../core/local-media.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcJoinRequestEvent } from '../../events/join-request.js';
import { controlButtonStyles, hostStyles, textFieldStyles } from '../../styles/host.styles.js';
import type { RtcLocalPreview } from '../local-preview/local-preview.js';
import type { RtcRoom } from '../room/room.js';
import { videoAttributeConverter } from '../video-attribute.js';
import { prejoinStyles } from './prejoin.styles.js';

/**
 * @summary The screen before a call: your camera and microphone with their level, device choices, your name, and Join.
 *
 * @tag rtc-prejoin
 *
 * Captures as soon as it is attached, as `<rtc-local-preview>` does, with toggles, a microphone level meter
 * and lists of cameras, microphones and speakers that switch live. Join (or Enter in the name) dispatches a
 * cancelable `rtc-join-request` with the name and what is on. Unless a listener prevents it, the room named by
 * `for` (an id in the same document or shadow root), or given as `room`, is handed everything chosen: the name,
 * this preview's capture (so the call uses the same camera and microphone, on or off as they are, without a
 * second permission prompt), the speaker, and then joins. Without a room it only dispatches the event, for
 * the page to act on. Keep the element on the page while the call lasts (hide it): its capture is the call's.
 *
 * @fires {JoinRequestDetail} rtc-join-request - `{ name, audio, video }`: Join was pressed. Cancelable: `preventDefault()` to join your own way.
 * @fires {RtcErrorDetail} rtc-error - Capture failed (as `<rtc-local-preview>` reports it), or joining the room failed.
 *
 * @slot - More fields or text under the name (a room picker, terms to accept).
 * @slot heading - Replaces the heading ("Ready to join?").
 *
 * @csspart preview - The `<rtc-local-preview>`.
 * @csspart form - The column with the heading, name, devices and Join.
 * @csspart heading - The heading.
 * @csspart name-input - The name field.
 * @csspart devices - The device lists.
 * @csspart join-button - The Join button.
 * @csspart error - Why joining did not work.
 *
 * @cssprop --rtc-prejoin-background - Background of the whole screen.
 * @cssprop --rtc-prejoin-max-width - How wide it grows (default 960px).
 */
export class RtcPrejoin extends LitElement {
  static override styles = [hostStyles, controlButtonStyles, textFieldStyles, prejoinStyles];

  /** The camera to preview and join with (a preset such as `standard`, or `WIDTHxHEIGHT`); absent for none. */
  @property({ converter: videoAttributeConverter }) video: LocalMediaOptions['video'] = 'standard';

  /** Capture the microphone. On by default; `audio="false"` or the property `false` for none. */
  @property({ converter: { fromAttribute: (value) => value !== 'false' } }) audio = true;

  /** Your name, as filled in; the field starts with it. */
  @property() name = '';

  /** The id of the `<rtc-room>` to join, in the same document or shadow root. */
  @property() for = '';

  /** The room to join, by property (wins over `for`). */
  @property({ attribute: false }) room: RtcRoom | undefined;

  /** Reflected: joining is on its way. @readonly */
  @property({ type: Boolean, reflect: true }) busy = false;

  @state() private error = '';
  @query('rtc-local-preview') private preview!: RtcLocalPreview;

  readonly #localize = new LocalizeController(this);

  /** The capture shown here, and handed to the room on Join. */
  get media(): LocalMedia | undefined {
    return this.preview?.media;
  }

  #room(): RtcRoom | undefined {
    if (this.room) return this.room;
    if (!this.for) return undefined;
    const root = this.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(this.for);
    return found?.localName === 'rtc-room' ? (found as RtcRoom) : undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The device lists switch this preview's capture (and remember the speaker) before joining.
    for (const select of this.renderRoot.querySelectorAll('rtc-device-select')) select.media = this.preview.media;
  }

  /** Joins as Join does: the request, then (unless prevented) the room with everything chosen here. */
  async join(): Promise<void> {
    const name = this.name.trim();
    if (!name) {
      this.error = this.#localize.t('nameNeeded');
      this.renderRoot.querySelector<HTMLInputElement>('[part="name-input"]')?.focus();
      return;
    }
    if (this.busy) return;
    this.error = '';
    const media = this.preview.media;
    const request = new RtcJoinRequestEvent({ name, audio: !!media.microphone.get()?.enabled, video: !!media.camera.get()?.enabled });
    this.dispatchEvent(request);
    const room = this.#room();
    if (request.defaultPrevented || !room) return;
    this.busy = true;
    try {
      room.name = name;
      room.session.useLocalMedia(media);
      const speaker = media.chosenDevice('audiooutput');
      if (speaker) await room.session.selectDevice('audiooutput', speaker).catch(() => undefined);
      await room.connect();
    } catch (error) {
      const rtcError = RtcError.is(error) ? error : new RtcError('unknown', String((error as Error)?.message ?? error));
      this.error = this.#localize.t(`error.${rtcError.code}`);
      this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code, message: rtcError.message }));
    } finally {
      this.busy = false;
    }
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    void this.join();
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    return html`<div class="prejoin">
      <rtc-local-preview
        part="preview"
        class="preview"
        .video=${this.video}
        ?audio=${this.audio}
        exportparts="stage: preview-stage, video: preview-video, controls: preview-controls, meter, message: preview-message"
      ></rtc-local-preview>
      <form part="form" class="form" @submit=${this.#onSubmit} novalidate>
        <h2 part="heading" class="heading"><slot name="heading">${t('prejoinTitle')}</slot></h2>
        <label class="field">
          <span>${t('yourName')}</span>
          <input
            part="name-input"
            class="text-field"
            name="name"
            autocomplete="name"
            required
            maxlength="64"
            .value=${this.name}
            aria-invalid=${this.error && !this.name.trim() ? 'true' : 'false'}
            aria-describedby="error"
            @input=${(event: Event) => (this.name = (event.target as HTMLInputElement).value)}
          />
        </label>
        <slot></slot>
        <div part="devices" class="devices">
          ${this.video ? html`<rtc-device-select kind="videoinput"></rtc-device-select>` : nothing}
          ${this.audio ? html`<rtc-device-select kind="audioinput"></rtc-device-select>` : nothing}
          <rtc-device-select kind="audiooutput"></rtc-device-select>
        </div>
        <button part="join-button" class="control active join" type="submit" ?disabled=${this.busy}>${t(this.busy ? 'joining' : 'join')}</button>
        <p part="error" id="error" class="error" role="status" aria-live="polite">${this.error}</p>
      </form>
    </div>`;
  }
}
