import { lazyReadable, type Readable } from './readable.js';
import type { ConnectionQuality, TrackKind, TrackSource } from './types.js';

/** One simulcast layer of a video you send. */
export interface LayerStats {
  rid: string;
  width: number | undefined;
  height: number | undefined;
  framesPerSecond: number | undefined;
  /** Bits per second over the last interval. */
  bitrate: number;
}

/** What WebRTC says of one track, sent (`publish`) or received (`play`), over the last interval. */
export interface TrackStats {
  identity: string;
  source: TrackSource;
  kind: TrackKind;
  direction: 'publish' | 'play';
  width: number | undefined;
  height: number | undefined;
  framesPerSecond: number | undefined;
  /** Bits per second over the last interval (all layers together for a simulcast video you send). */
  bitrate: number;
  /** Share of packets lost over the last interval, 0 to 1 (as the receiver reports it for what you send). */
  packetLoss: number;
  /** Packets lost since the track started. */
  packetsLost: number;
  /** Milliseconds. */
  jitter: number | undefined;
  /** Milliseconds, to the server and back. */
  roundTripTime: number | undefined;
  /** `VP8`, `H264`, `opus`… */
  codec: string | undefined;
  /** A video you send: its simulcast layers (the server forwards one of them to each viewer). */
  layers?: LayerStats[];
  /** A video you send: why the browser holds it back (`cpu`, `bandwidth`), when it does. */
  qualityLimitation?: string;
}

/** One sample of the whole call. */
export interface CallStats {
  /** When it was taken (ms since the epoch). */
  at: number;
  tracks: TrackStats[];
  /** The server's view of each participant's connection, by identity. */
  quality: Record<string, ConnectionQuality>;
}

/** A track whose stats can be read, as the session knows it. */
export interface StatsSource {
  identity: string;
  source: TrackSource;
  kind: TrackKind;
  direction: 'publish' | 'play';
  report(): Promise<RTCStatsReport | undefined>;
}

type Entry = Record<string, unknown> & { id: string; type: string; timestamp: number };

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const milliseconds = (seconds: unknown) => (number(seconds) === undefined ? undefined : Math.round(number(seconds)! * 1000 * 10) / 10);

function entries(report: RTCStatsReport): Entry[] {
  const list: Entry[] = [];
  report.forEach((value: Entry) => list.push(value));
  return list;
}

function rate(bytes: number | undefined, before: number | undefined, ms: number): number {
  if (bytes === undefined || before === undefined || ms <= 0 || bytes < before) return 0;
  return Math.round(((bytes - before) * 8 * 1000) / ms);
}

/** The interval a session samples at for the one asked: at least 200 ms, 1 s when it makes no sense. */
export function samplingInterval(intervalMs: number): number {
  return Number.isFinite(intervalMs) ? Math.max(200, Math.round(intervalMs)) : 1000;
}

/** One track's key across samples: whose, which source, which way. */
export const trackKey = (track: Pick<TrackStats, 'direction' | 'identity' | 'source'>) => `${track.direction}:${track.identity}:${track.source}`;

function codecOf(report: RTCStatsReport, entry: Entry | undefined): string | undefined {
  const codec = typeof entry?.codecId === 'string' ? (report.get(entry.codecId) as Entry | undefined) : undefined;
  const mime = typeof codec?.mimeType === 'string' ? codec.mimeType : undefined;
  return mime?.split('/')[1];
}

/**
 * Reads one track's WebRTC report against the previous one (for rates). Pure: the tests give it reports
 * they made, the sampler gives it the browser's.
 */
export function summarizeTrackStats(
  source: Omit<StatsSource, 'report'>,
  report: RTCStatsReport,
  previous: RTCStatsReport | undefined,
): TrackStats {
  const all = entries(report);
  const earlier = (entry: Entry) => previous?.get(entry.id) as Entry | undefined;
  const pair = all.find((entry) => entry.type === 'candidate-pair' && (entry.nominated || entry.selected) && entry.state === 'succeeded');
  const pairRtt = milliseconds(pair?.currentRoundTripTime);
  const base = { identity: source.identity, source: source.source, kind: source.kind, direction: source.direction };

  if (source.direction === 'publish') {
    const outbound = all.filter((entry) => entry.type === 'outbound-rtp' && entry.kind === source.kind);
    const layers: LayerStats[] = outbound.map((entry) => {
      const prior = earlier(entry);
      return {
        rid: typeof entry.rid === 'string' ? entry.rid : '',
        width: number(entry.frameWidth),
        height: number(entry.frameHeight),
        framesPerSecond: number(entry.framesPerSecond),
        bitrate: rate(number(entry.bytesSent), number(prior?.bytesSent), entry.timestamp - (prior?.timestamp ?? entry.timestamp)),
      };
    });
    const remote = all.filter((entry) => entry.type === 'remote-inbound-rtp' && entry.kind === source.kind);
    const lost = remote.reduce((sum, entry) => sum + (number(entry.packetsLost) ?? 0), 0);
    // An entry new in this sample has no interval behind it: its lifetime count is not news.
    const lostBefore = remote.reduce((sum, entry) => sum + (number(earlier(entry)?.packetsLost) ?? number(entry.packetsLost) ?? 0), 0);
    const sent = outbound.reduce((sum, entry) => sum + (number(entry.packetsSent) ?? 0), 0);
    const sentBefore = outbound.reduce((sum, entry) => sum + (number(earlier(entry)?.packetsSent) ?? number(entry.packetsSent) ?? 0), 0);
    const top = [...layers].sort((a, b) => (b.width ?? 0) - (a.width ?? 0)).find((layer) => layer.bitrate > 0 || layer.framesPerSecond) ?? layers[0];
    const limited = outbound.map((entry) => entry.qualityLimitationReason).find((reason) => typeof reason === 'string' && reason !== 'none');
    const rtts = remote.map((entry) => milliseconds(entry.roundTripTime)).filter((value): value is number => value !== undefined);
    return {
      ...base,
      width: top?.width,
      height: top?.height,
      framesPerSecond: top?.framesPerSecond ?? (source.kind === 'video' ? 0 : undefined),
      bitrate: layers.reduce((sum, layer) => sum + layer.bitrate, 0),
      packetLoss: previous && sent > sentBefore ? Math.max(0, Math.min(1, (lost - lostBefore) / (sent - sentBefore))) : 0,
      packetsLost: lost,
      jitter: milliseconds(remote[0]?.jitter),
      roundTripTime: rtts.length ? Math.max(...rtts) : pairRtt,
      codec: codecOf(report, outbound[0]),
      ...(source.kind === 'video' ? { layers } : {}),
      ...(typeof limited === 'string' ? { qualityLimitation: limited } : {}),
    };
  }

  const inbound = all.find((entry) => entry.type === 'inbound-rtp' && entry.kind === source.kind);
  const prior = inbound && earlier(inbound);
  const lost = number(inbound?.packetsLost) ?? 0;
  const received = number(inbound?.packetsReceived) ?? 0;
  const newlyLost = lost - (number(prior?.packetsLost) ?? lost);
  const newlyReceived = received - (number(prior?.packetsReceived) ?? received);
  return {
    ...base,
    width: number(inbound?.frameWidth),
    height: number(inbound?.frameHeight),
    framesPerSecond: number(inbound?.framesPerSecond) ?? (source.kind === 'video' && inbound ? 0 : undefined),
    bitrate: inbound ? rate(number(inbound.bytesReceived), number(prior?.bytesReceived), inbound.timestamp - (prior?.timestamp ?? inbound.timestamp)) : 0,
    packetLoss: newlyLost > 0 && newlyLost + newlyReceived > 0 ? newlyLost / (newlyLost + newlyReceived) : 0,
    packetsLost: lost,
    jitter: milliseconds(inbound?.jitter),
    roundTripTime: pairRtt,
    codec: codecOf(report, inbound),
  };
}

/**
 * Samples every track's stats every `intervalMs`, only while someone listens: with no listener there is no
 * timer and no `getStats()` call. `tracks` and `quality` are read at each sample, so tracks that come and go
 * are followed.
 */
export function statsReadable(
  tracks: () => StatsSource[],
  quality: () => Record<string, ConnectionQuality>,
  intervalMs: number,
): Readable<CallStats | undefined> {
  return lazyReadable<CallStats | undefined>(undefined, (set) => {
    const previous = new Map<string, RTCStatsReport>();
    let running = true;
    let busy = false;
    const sample = async () => {
      if (busy) return;
      busy = true;
      try {
        const sources = tracks();
        const reports = await Promise.all(sources.map((source) => source.report().catch(() => undefined)));
        if (!running) return;
        const seen = new Set<string>();
        const stats: TrackStats[] = [];
        sources.forEach((source, i) => {
          const report = reports[i];
          if (!report) return;
          const key = trackKey(source);
          seen.add(key);
          stats.push(summarizeTrackStats(source, report, previous.get(key)));
          previous.set(key, report);
        });
        for (const key of previous.keys()) if (!seen.has(key)) previous.delete(key);
        set({ at: Date.now(), tracks: stats, quality: quality() });
      } finally {
        busy = false;
      }
    };
    void sample();
    const timer = setInterval(() => void sample(), intervalMs);
    return () => {
      running = false;
      clearInterval(timer);
    };
  });
}
