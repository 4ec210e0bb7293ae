import { LitElement, html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  checkSystemRequirements,
  type CodecName,
  type ConnectionTestOptions,
  type SystemCheckItem,
  type SystemCheckStatus,
  type SystemEnvironment,
  type SystemReport,
} from '../../core/system-check.js';
import { tokenEndpoint } from '../../core/token.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { RtcErrorEvent } from '../../events/error.js';
import { RtcSystemCheckCompleteEvent } from '../../events/system-check-complete.js';
import type { StringKey } from '../../i18n/localize.js';
import { hostStyles } from '../../styles/host.styles.js';
import { systemCheckStyles } from './system-check.styles.js';

export type SystemCheckState = 'checking' | 'ok' | 'failed';

/** Decorative: the status word beside it says the same. */
const statusIcon = (status: SystemCheckStatus) =>
  svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">${
    status === 'pass'
      ? svg`<circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.5 3.5L17 9"/>`
      : status === 'fail'
        ? svg`<circle cx="12" cy="12" r="10"/><path d="M8 8l8 8M16 8l-8 8"/>`
        : status === 'warn'
          ? svg`<path d="M12 3L2 21h20z"/><path d="M12 10v5M12 18v.01"/>`
          : svg`<circle cx="12" cy="12" r="10"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17v.01"/>`
  }</svg>`;

const codecNames: Record<CodecName, string> = { VP8: 'VP8', H264: 'H.264', VP9: 'VP9', AV1: 'AV1', H265: 'H.265', Opus: 'Opus' };

/**
 * @summary Checks whether this browser can hold a call, and shows the answer as a checklist with what to do about each problem.
 *
 * @tag rtc-system-check
 *
 * Runs `checkSystemRequirements()` when added to the page and on "Check again": WebRTC, a secure page,
 * camera and microphone (present, and permission), screen sharing, speaker choice, the VP8, H.264, VP9, AV1,
 * H.265 and Opus codecs for sending and receiving, and, given `server-url` with `token` or `token-endpoint`,
 * a real connection to the server. Each line shows an icon and a status word (not colour alone), what was
 * found, and for a failure or warning what to do. The summary is a polite live region. It starts no camera
 * unless `probe-devices` is set, which asks for the camera and microphone once (the browser may ask the
 * person) to learn the real permission.
 *
 * @fires {SystemReport} rtc-system-check-complete - The check ended; `detail` is the report (`{ ok, items, browser, checkedAt }`).
 * @fires {RtcErrorDetail} rtc-error - `insecure-context`: the page is not secure, so no camera or microphone can be used.
 *
 * @csspart summary - The line that sums up the result (a polite live region).
 * @csspart list - The checklist, a `<ul>`.
 * @csspart item - Each check; also `pass`, `fail`, `warn` or `unknown`.
 * @csspart icon - The icon of the status.
 * @csspart label - What was checked.
 * @csspart status - The status word.
 * @csspart detail - What was found.
 * @csspart remedy - What to do about a failure or warning.
 * @csspart browser - The browser's name and version.
 * @csspart rerun - The "Check again" button.
 *
 * @cssprop --rtc-system-check-color - Text colour (the page's by default).
 * @cssprop --rtc-system-check-pass-color - Icon of a passed check.
 * @cssprop --rtc-system-check-fail-color - Icon and remedy bar of a failed check.
 * @cssprop --rtc-system-check-warn-color - Icon and remedy bar of a warning.
 * @cssprop --rtc-system-check-unknown-color - Icon of a check that could not be made.
 * @cssprop --rtc-system-check-divider-color - Line between checks.
 * @cssprop --rtc-system-check-button-background - Background of "Check again".
 */
export class RtcSystemCheck extends LitElement {
  static override styles = [hostStyles, systemCheckStyles];

  /** The LiveKit server to test a connection to. */
  @property({ attribute: 'server-url' }) serverUrl = '';

  /** A token for the connection test. */
  @property() token = '';

  /** Where to get a token for the connection test (room `system-check`), when no `token` is given. */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '';

  /** Start the camera and microphone once to learn the real permission (the browser may ask). */
  @property({ type: Boolean, attribute: 'probe-devices' }) probeDevices = false;

  /** Reflected: `checking`, then `ok` (no required check failed) or `failed`. @readonly */
  @property({ reflect: true }) status: SystemCheckState = 'checking';

  /** Replaces what the check reads from the browser, to show how another browser or an insecure page fares. */
  @property({ attribute: false }) environment: Partial<SystemEnvironment> | undefined;

  @state() private current: SystemReport | undefined;

  readonly #localize = new LocalizeController(this);
  #run = 0;

  /** The latest report, once a check has ended. */
  get report(): SystemReport | undefined {
    return this.current;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Once, after the first update, so properties a framework sets right after inserting the element count.
    // Moved within the page, it keeps its report: checking again would start the camera or a connection again.
    if (this.#run) return;
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.#run) void this.check();
    });
  }

  /** Runs the check again, as "Check again" does; a newer run supersedes one still going. */
  async check(): Promise<SystemReport> {
    const run = ++this.#run;
    this.status = 'checking';
    const report = await checkSystemRequirements({
      probeDevices: this.probeDevices,
      environment: this.environment,
      connection: this.#connectionTest(),
    });
    if (run !== this.#run) return report;
    this.current = report;
    this.status = report.ok ? 'ok' : 'failed';
    this.dispatchEvent(new RtcSystemCheckCompleteEvent(report));
    const insecure = report.items.find((item) => item.id === 'secure-context' && item.status === 'fail');
    if (insecure) this.dispatchEvent(new RtcErrorEvent({ code: 'insecure-context', message: insecure.detail ?? 'The page is not secure.' }));
    return report;
  }

  #connectionTest(): ConnectionTestOptions | undefined {
    const serverUrl = this.serverUrl || undefined;
    if (this.token) return { serverUrl, token: this.token };
    if (this.tokenEndpoint) return { serverUrl, token: tokenEndpoint(this.tokenEndpoint) };
    // A server without a way to get a token is a set-up mistake worth showing, not a reason to skip the test.
    if (serverUrl) return { serverUrl, token: '' };
    return undefined;
  }

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return this.#localize.t(key, params);
  }

  #label(item: SystemCheckItem): string {
    if (item.codec) {
      return this.#t(item.codec === 'Opus' ? 'systemCheck.label.audio-codec' : 'systemCheck.label.video-codec', { codec: codecNames[item.codec] });
    }
    return this.#t(`systemCheck.label.${item.id}` as StringKey);
  }

  #detail(item: SystemCheckItem): string {
    const passed = item.status === 'pass';
    switch (item.id) {
      case 'camera-permission':
      case 'microphone-permission':
        return this.#t(`systemCheck.permission.${item.permission ?? 'unknown'}`);
    }
    if (item.status === 'unknown') {
      // Without a code, the browser simply does not list devices here (an insecure page); with one, the check broke.
      const unlisted = (item.id === 'camera' || item.id === 'microphone') && !item.code;
      return this.#t(unlisted ? 'systemCheck.device.unlisted' : 'systemCheck.unknown');
    }
    switch (item.id) {
      case 'webrtc':
      case 'secure-context':
      case 'get-user-media':
        return this.#t(`systemCheck.${item.id}.${passed ? 'pass' : 'fail'}`);
      case 'camera':
      case 'microphone':
        if (passed) return item.count ? this.#t('systemCheck.device.count', { count: item.count }) : this.#t('systemCheck.device.found');
        return this.#t(item.code === 'device-not-found' ? `systemCheck.${item.id}.none` : 'systemCheck.device.notStarted');
      case 'screen-share':
      case 'audio-output':
        return this.#t(`systemCheck.${item.id}.${passed ? 'pass' : 'warn'}`);
      case 'connection':
        return passed ? this.#t('systemCheck.connection.pass', { ms: item.durationMs ?? 0 }) : this.#t(`error.${item.code ?? 'unknown'}`);
      default:
        return this.#t(
          item.send && item.receive ? 'systemCheck.codec.both' : item.send ? 'systemCheck.codec.send' : item.receive ? 'systemCheck.codec.receive' : 'systemCheck.codec.none',
        );
    }
  }

  #remedy(item: SystemCheckItem): string | undefined {
    return item.advice && (item.status === 'fail' || item.status === 'warn') ? this.#t(`systemCheck.remedy.${item.advice}`) : undefined;
  }

  #summary(): string {
    const report = this.current;
    if (this.status === 'checking' || !report) return this.#t('systemCheck.checking');
    if (!report.ok) return this.#t('systemCheck.notReady', { count: report.items.filter((item) => item.status === 'fail').length });
    const notes = report.items.filter((item) => item.status === 'fail' || item.status === 'warn').length;
    return notes ? this.#t('systemCheck.readyWithNotes', { count: notes }) : this.#t('systemCheck.ready');
  }

  protected override render() {
    const report = this.current;
    // An insecure page fails two checks for one reason: say what to do once.
    const advised = new Set<string>();
    return html`<p part="summary" class="summary" role="status" aria-live="polite">${this.#summary()}</p>
      ${report
        ? html`<ul part="list" class="list" aria-label=${this.#t('systemCheck')} aria-busy=${this.status === 'checking' ? 'true' : 'false'}>
            ${report.items.map((item) => {
              let remedy = this.#remedy(item);
              if (remedy && advised.has(remedy)) remedy = undefined;
              if (remedy) advised.add(remedy);
              return html`<li part="item ${item.status}" class="item ${item.status}" data-check=${item.id}>
                <span part="icon" class="icon">${statusIcon(item.status)}</span>
                <span part="label" class="label">${this.#label(item)}</span>
                <span part="status" class="status">${this.#t(`systemCheck.status.${item.status}`)}</span>
                <span part="detail" class="detail">${this.#detail(item)}</span>
                ${remedy ? html`<p part="remedy" class="remedy">${remedy}</p>` : nothing}
              </li>`;
            })}
          </ul>`
        : nothing}
      <div class="footer">
        ${report
          ? html`<p part="browser" class="browser">${this.#t('systemCheck.browser', { name: report.browser.name, version: report.browser.version })}</p>`
          : nothing}
        <button part="rerun" class="rerun" type="button" @click=${() => void this.check()}>${this.#t('systemCheck.rerun')}</button>
      </div>`;
  }
}
