import { consume } from '@lit/context';
import { LitElement, html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import type { RtcSession } from '../../core/session.js';
import { samplingInterval, trackKey, type CallStats, type TrackStats } from '../../core/stats.js';
import { playKey, type TrackStateMap } from '../../core/track-states.js';
import type { ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import { statsPanelStyles } from './stats-panel.styles.js';

/** How much history the plots show. */
const PLOT_WINDOW_MS = 60_000;

interface History {
  bitrate: number[];
  framesPerSecond: number[];
  packetLoss: number[];
}

/** A small line over the last minute; the numbers beside it carry the meaning, so it is hidden from screen readers. */
function plot(values: readonly number[], slots: number, part: string, floor: number) {
  if (values.length < 2) return svg`<svg part="plot ${part}" class="plot" viewBox="0 0 100 24" aria-hidden="true"></svg>`;
  const top = Math.max(floor, ...values);
  const points = values.map((value, i) => `${(100 * (slots - values.length + i)) / (slots - 1)},${23 - (22 * value) / top}`).join(' ');
  return svg`<svg part="plot ${part}" class="plot" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true"><polyline points=${points} /></svg>`;
}

/**
 * @summary Live statistics of the call, with small plots of the last minute, and each track's publish or play state: for one participant or everyone.
 *
 * @tag rtc-stats-panel
 *
 * Inside `<rtc-room>` (or given a `session`). For each track sent and received: resolution, frame rate,
 * bitrate, packet loss, jitter, round trip, codec, the simulcast layers you send and why the browser holds them
 * back, and each participant's connection quality as the server reports it; bitrate, frame rate and packet
 * loss are also drawn over the last minute. Statistics are sampled only while a panel is on the page. To lay
 * it over a tile, put both in a positioned box and place the panel with CSS; `participant` limits it to one
 * person (`local` for yourself).
 *
 * @csspart panel - The whole panel.
 * @csspart title - Its heading, "Call statistics".
 * @csspart track - One track's block.
 * @csspart track-title - Whose track it is, and which way it goes.
 * @csspart value - A number.
 * @csspart plot - Every plot (with `bitrate`, `frame-rate` or `packet-loss`).
 * @csspart quality - A participant's connection quality.
 *
 * @cssprop --rtc-stats-panel-background - Background (a translucent dark by default, to sit over video).
 * @cssprop --rtc-stats-panel-color - Text colour.
 * @cssprop --rtc-stats-panel-plot-color - The plots' line colour.
 */
export class RtcStatsPanel extends LitElement {
  static override styles = [hostStyles, statsPanelStyles];

  /** Only this participant's tracks (`local` for yours); everyone's when empty. */
  @property({ reflect: true }) participant = '';

  /** Milliseconds between samples (default 1000). */
  @property({ type: Number }) interval = 1000;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);
  readonly #history = new Map<string, History>();
  readonly #trackStates = new ReadableController<TrackStateMap | undefined>(this, () => this.session?.trackStates, undefined);
  #lastSample: CallStats | undefined;
  readonly #stats = new ReadableController<CallStats | undefined>(this, () => this.session?.stats(this.interval), undefined, (stats) => this.#remember(stats));

  /** The newest sample shown. */
  get stats(): CallStats | undefined {
    return this.#stats.value;
  }

  /** The interval the session samples at (it clamps what it is given), and so how many samples make a minute. */
  get #slots(): number {
    return Math.max(2, Math.round(PLOT_WINDOW_MS / samplingInterval(this.interval)));
  }

  #remember(stats: CallStats | undefined): void {
    if (!stats || stats === this.#lastSample) return;
    this.#lastSample = stats;
    const slots = this.#slots;
    const seen = new Set<string>();
    for (const track of stats.tracks) {
      const key = trackKey(track);
      seen.add(key);
      const history = this.#history.get(key) ?? { bitrate: [], framesPerSecond: [], packetLoss: [] };
      history.bitrate.push(track.bitrate);
      history.framesPerSecond.push(track.framesPerSecond ?? 0);
      history.packetLoss.push(track.packetLoss);
      for (const values of Object.values(history) as number[][]) if (values.length > slots) values.splice(0, values.length - slots);
      this.#history.set(key, history);
    }
    for (const key of this.#history.keys()) if (!seen.has(key)) this.#history.delete(key);
  }

  /** The identity `participant` names (yours for `local`), or undefined for everyone. */
  #shownIdentity(): string | undefined {
    if (this.participant !== 'local') return this.participant || undefined;
    return this.#participants.value.find((p) => p.isLocal)?.identity;
  }

  #nameOf(identity: string): string {
    return this.#participants.value.find((p) => p.identity === identity)?.name || identity;
  }

  #track(track: TrackStats) {
    const t = (key: Parameters<LocalizeController['t']>[0], params?: Record<string, string | number>) => this.#localize.t(key, params);
    const history = this.#history.get(trackKey(track));
    const slots = this.#slots;
    const video = track.kind === 'video';
    const who = track.direction === 'publish' ? t('you') : this.#nameOf(track.identity);
    const row = (label: string, value: string, graph?: unknown) =>
      html`<div class="row"><dt>${label}</dt><dd><span part="value">${value}</span>${graph ?? nothing}</dd></div>`;
    const ms = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} ms`);
    const states = this.#trackStates.value;
    const state = track.direction === 'publish' ? states?.publish[track.source] : states?.play[playKey(track.identity, track.source)];
    return html`<section part="track" class="track" aria-label=${`${who} · ${t(`statsSource.${track.source}`)}`}>
      <h3 part="track-title">${who} · ${t(`statsSource.${track.source}`)} · ${t(track.direction === 'publish' ? 'statsSent' : 'statsReceived')}</h3>
      <dl>
        ${state ? row(t('statsState'), t(`mediaState.${state}`)) : nothing}
        ${video ? row(t('statsResolution'), track.width && track.height ? `${track.width}×${track.height}` : '–') : nothing}
        ${video ? row(t('statsFrameRate'), `${Math.round(track.framesPerSecond ?? 0)} fps`, plot(history?.framesPerSecond ?? [], slots, 'frame-rate', 30)) : nothing}
        ${row(t('statsBitrate'), `${Math.round(track.bitrate / 1000)} kbps`, plot(history?.bitrate ?? [], slots, 'bitrate', 64_000))}
        ${row(t('statsPacketLoss'), `${(track.packetLoss * 100).toFixed(1)} %`, plot(history?.packetLoss ?? [], slots, 'packet-loss', 0.05))}
        ${row(t('statsJitter'), ms(track.jitter))} ${row(t('statsRoundTrip'), ms(track.roundTripTime))}
        ${row(t('statsCodec'), track.codec ?? '–')}
        ${track.layers?.length
          ? row(
              t('statsLayers'),
              track.layers
                .map((layer) => `${layer.rid || '–'} ${layer.width ?? '?'}×${layer.height ?? '?'} ${Math.round(layer.bitrate / 1000)} kbps`)
                .join(' · '),
            )
          : nothing}
        ${track.qualityLimitation ? row(t('statsLimited'), track.qualityLimitation) : nothing}
      </dl>
    </section>`;
  }

  protected override render() {
    const stats = this.#stats.value;
    const who = this.#shownIdentity();
    const tracks = (stats?.tracks ?? []).filter((track) => !who || track.identity === who);
    const qualities = Object.entries(stats?.quality ?? {}).filter(([identity]) => !who || identity === who);
    return html`<section part="panel" class="panel" aria-label=${this.#localize.t('statsTitle')}>
      <h2 part="title" class="title">${this.#localize.t('statsTitle')}</h2>
      ${stats ? nothing : html`<p>${this.#localize.t('statsWaiting')}</p>`}
      ${tracks.map((track) => this.#track(track))}
      ${qualities.length
        ? html`<dl class="qualities">
            ${qualities.map(
              ([identity, quality]) =>
                html`<div class="row"><dt>${this.#nameOf(identity)}</dt><dd part="quality">${this.#localize.t(`quality.${quality}`)}</dd></div>`,
            )}
          </dl>`
        : nothing}
    </section>`;
  }
}
