import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { deviceList, type DeviceKind, type DeviceOption } from '../../core/devices.js';
import { RtcError, mediaError } from '../../core/errors.js';
import type { LocalMedia, LocalTrackState } from '../../core/local-media.js';
import type { Readable } from '../../core/readable.js';
import type { RtcSession } from '../../core/session.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { RtcDeviceChangedEvent } from '../../events/device-changed.js';
import { RtcErrorEvent } from '../../events/error.js';
import { hostStyles } from '../../styles/host.styles.js';
import { deviceSelectStyles } from './device-select.styles.js';

/**
 * @summary Chooses the camera, microphone or speaker, and switches to it live.
 *
 * @tag rtc-device-select
 *
 * A labelled native `<select>` of the devices of one `kind` (or, with `variant="list"`, a group of radio
 * buttons, as in a menu), kept up to date as devices are plugged in and out. Choosing one switches at once: a published camera or microphone is replaced in place, so the others
 * keep receiving without any renegotiation, and the speaker change applies to everyone's audio in the room.
 * The choice is remembered (in `localStorage`) and preferred on the next visit while that device is there.
 * When the device in use disappears, the capture moves to another and the list shows the one now in use.
 *
 * Inside `<rtc-room>` it acts on the room's session; before joining, give it the preview's media
 * (`select.media = preview.media`) to switch the preview's camera or microphone, or to remember the speaker
 * the room will play the call on.
 *
 * @fires {DeviceChangedDetail} rtc-device-changed - `{ kind, deviceId, label }`: the chosen device is in use.
 * While a switch is on its way the list stays usable (`aria-busy`); a newer pick is applied when it ends.
 *
 * @fires {RtcErrorDetail} rtc-error - Switching failed: `device-not-found` (unplugged), `device-in-use`, `permission-denied`…
 *
 * @csspart label - The label ("Camera"); the legend of the list.
 * @csspart select - The native `<select>`.
 * @csspart list - The `<fieldset>` of radio buttons, with `variant="list"`.
 * @csspart option - Each device in the list.
 *
 * @cssprop --rtc-device-select-background - Background of the list.
 * @cssprop --rtc-device-select-border-color - Its border (the text colour by default).
 * @cssprop --rtc-device-select-label-color - Colour of the label.
 * @cssprop --rtc-device-select-max-width - How wide the list may grow (280px).
 */
export class RtcDeviceSelect extends LitElement {
  static override styles = [hostStyles, deviceSelectStyles];

  /** Which devices: `videoinput` (cameras), `audioinput` (microphones) or `audiooutput` (speakers). */
  @property({ reflect: true }) kind: DeviceKind = 'videoinput';

  /** `select`: a drop-down list. `list`: every device as a radio button, for a menu or a panel. */
  @property({ reflect: true }) variant: 'select' | 'list' = 'select';

  /** Keep the label for screen readers only. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-label' }) hideLabel = false;

  /** Reflected: a switch is on its way. @readonly */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** The camera and microphone to switch when not in a room (a preview's `media`). In a room, the room's. */
  @property({ attribute: false }) media: LocalMedia | undefined;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #devices = new ReadableController<readonly DeviceOption[]>(this, () => deviceList(this.kind), []);
  readonly #sessionMedia = new ReadableController<LocalMedia | undefined>(this, () => this.session?.localMedia, undefined);
  readonly #capture = new ReadableController<LocalTrackState | undefined>(this, () => this.#captureSource(), undefined);
  readonly #output = new ReadableController<string>(this, () => (this.kind === 'audiooutput' ? this.session?.audioOutput : undefined), '');

  /** The latest choice made while a switch was on its way: applied once it ends. */
  #queued: string | undefined;

  get #localMedia(): LocalMedia | undefined {
    return this.media ?? this.#sessionMedia.value;
  }

  #captureSource(): Readable<LocalTrackState | undefined> | undefined {
    const media = this.#localMedia;
    if (this.kind === 'videoinput') return media?.camera;
    if (this.kind === 'audioinput') return media?.microphone;
    return undefined;
  }

  /** The devices listed now. */
  get devices(): readonly DeviceOption[] {
    return this.#devices.value;
  }

  /** The `deviceId` shown as chosen: the one capturing (or playing) now, else the remembered choice. */
  get value(): string {
    const devices = this.devices;
    const wanted =
      this.kind === 'audiooutput'
        ? (this.session ? this.#output.value : this.#localMedia?.chosenDevice('audiooutput')) || 'default'
        : this.#inputInUse(this.kind);
    if (devices.some((device) => device.deviceId === wanted)) return wanted;
    // Not listed (unplugged, or nothing chosen yet): the browser's default, which is what it uses then.
    return devices.find((device) => device.deviceId === 'default')?.deviceId ?? devices[0]?.deviceId ?? '';
  }

  /** A running capture's device; while off, the one it will use when turned on. */
  #inputInUse(kind: 'videoinput' | 'audioinput'): string {
    const capture = this.#capture.value;
    const chosen = this.#localMedia?.chosenDevice(kind);
    return (capture?.enabled ? capture.deviceId : (chosen ?? capture?.deviceId)) ?? '';
  }

  /** Switches to `deviceId`, as choosing it in the list does. */
  async select(deviceId: string): Promise<void> {
    if (this.busy) {
      this.#queued = deviceId;
      return;
    }
    const label = this.#labelOf(this.devices.find((device) => device.deviceId === deviceId), 0);
    this.busy = true;
    try {
      if (this.session) await this.session.selectDevice(this.kind, deviceId);
      // Before joining, a speaker is only remembered, for the room that will play the call.
      else if (this.media) await this.media.switchDevice(this.kind, deviceId);
      else throw new RtcError('not-connected', 'This device list is neither in a room nor given a preview’s media.');
      this.dispatchEvent(new RtcDeviceChangedEvent({ kind: this.kind, deviceId, label }));
    } catch (error) {
      const rtcError = RtcError.is(error) ? error : mediaError(error);
      this.dispatchEvent(new RtcErrorEvent({ code: rtcError.code, message: rtcError.message }));
    } finally {
      this.busy = false;
      // The list shows what is really in use, which may not be what was picked.
      this.requestUpdate();
    }
    const queued = this.#queued;
    this.#queued = undefined;
    if (queued !== undefined && queued !== deviceId) await this.select(queued);
  }

  protected override updated(): void {
    // Bound here rather than in the template, so the list shows the device in use even after a failed pick.
    const list = this.renderRoot.querySelector('select');
    if (list && list.value !== this.value) list.value = this.value;
    for (const radio of this.renderRoot.querySelectorAll('input')) radio.checked = radio.value === this.value;
  }

  #labelOf(device: DeviceOption | undefined, index: number): string {
    if (device?.label) return device.label;
    return this.#localize.t('deviceNumbered', { kind: this.#localize.t(`device.${this.kind}`), number: index + 1 });
  }

  #onChange(event: Event): void {
    void this.select((event.target as HTMLSelectElement | HTMLInputElement).value);
  }

  protected override render() {
    const t = this.#localize.t.bind(this.#localize);
    const devices = this.devices;
    const value = this.value;
    if (this.variant === 'list') {
      return html`<fieldset part="list" class="list" aria-busy=${this.busy ? 'true' : 'false'}>
        <legend part="label" class=${this.hideLabel ? 'visually-hidden' : 'label'}>${t(`device.${this.kind}`)}</legend>
        ${devices.length
          ? devices.map(
              (device, index) => html`<label part="option" class="option">
                <input type="radio" name="device" .value=${device.deviceId} .checked=${device.deviceId === value} @change=${this.#onChange} />
                <span>${this.#labelOf(device, index)}</span>
              </label>`,
            )
          : html`<p class="none">${t('noDevices')}</p>`}
      </fieldset>`;
    }
    return html`<label part="label" class=${this.hideLabel ? 'visually-hidden' : 'label'} for="select">${t(`device.${this.kind}`)}</label>
      <select part="select" id="select" ?disabled=${!devices.length} aria-busy=${this.busy ? 'true' : 'false'} @change=${this.#onChange}>
        ${devices.length
          ? devices.map(
              (device, index) => html`<option value=${device.deviceId} ?selected=${device.deviceId === value}>${this.#labelOf(device, index)}</option>`,
            )
          : html`<option value="">${t('noDevices')}</option>`}
      </select>`;
  }
}
