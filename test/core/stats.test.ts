import { expect } from '@open-wc/testing';
import { summarizeTrackStats } from '../../src/core/stats.js';

// The arithmetic over WebRTC reports, with reports made by hand: loss and rates a local call never shows.

const report = (...entries: Record<string, unknown>[]) => new Map(entries.map((entry) => [entry.id as string, entry])) as unknown as RTCStatsReport;

describe('summarizeTrackStats', () => {
  it('reads a received video: size, frame rate, bitrate and the share of packets lost in the interval', () => {
    const source = { identity: 'alice', source: 'camera', kind: 'video', direction: 'play' } as const;
    const before = report({ id: 'in', type: 'inbound-rtp', kind: 'video', timestamp: 1000, bytesReceived: 100_000, packetsReceived: 900, packetsLost: 10 });
    const now = report(
      { id: 'in', type: 'inbound-rtp', kind: 'video', timestamp: 2000, bytesReceived: 162_500, packetsReceived: 990, packetsLost: 20, frameWidth: 640, frameHeight: 360, framesPerSecond: 24, jitter: 0.004, codecId: 'c' },
      { id: 'c', type: 'codec', mimeType: 'video/VP8', timestamp: 2000 },
      { id: 'p', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.031, timestamp: 2000 },
    );
    expect(summarizeTrackStats(source, now, before)).to.deep.include({
      width: 640,
      height: 360,
      framesPerSecond: 24,
      bitrate: 500_000,
      packetLoss: 0.1,
      packetsLost: 20,
      jitter: 4,
      roundTripTime: 31,
      codec: 'VP8',
    });
    expect(summarizeTrackStats(source, now, undefined).bitrate, 'no rate from a first sample').to.equal(0);
  });

  it('adds up a sent simulcast video’s layers and reads loss and round trip as the receiver reports them', () => {
    const source = { identity: 'me', source: 'camera', kind: 'video', direction: 'publish' } as const;
    const layer = (rid: string, bytes: number, packets: number, width: number, fps: number, timestamp: number) => ({
      id: `out-${rid}`,
      type: 'outbound-rtp',
      kind: 'video',
      rid,
      timestamp,
      bytesSent: bytes,
      packetsSent: packets,
      frameWidth: width,
      frameHeight: (width * 9) / 16,
      framesPerSecond: fps,
      codecId: 'c',
      qualityLimitationReason: rid === 'h' ? 'bandwidth' : 'none',
    });
    const remote = (rid: string, lost: number, timestamp: number) => ({ id: `remote-${rid}`, type: 'remote-inbound-rtp', kind: 'video', packetsLost: lost, roundTripTime: 0.02, jitter: 0.002, timestamp });
    const before = report(layer('h', 50_000, 500, 1280, 30, 0), layer('q', 10_000, 100, 320, 15, 0), remote('h', 0, 0), remote('q', 0, 0));
    const now = report(
      layer('h', 100_000, 900, 1280, 30, 1000),
      layer('q', 20_000, 200, 320, 15, 1000),
      remote('h', 25, 1000),
      remote('q', 0, 1000),
      { id: 'c', type: 'codec', mimeType: 'video/H264', timestamp: 1000 },
    );
    const stats = summarizeTrackStats(source, now, before);
    expect(stats).to.deep.include({ width: 1280, framesPerSecond: 30, bitrate: 480_000, packetLoss: 0.05, packetsLost: 25, roundTripTime: 20, codec: 'H264', qualityLimitation: 'bandwidth' });
    expect(stats.layers!.map((l) => [l.rid, l.bitrate])).to.deep.equal([
      ['h', 400_000],
      ['q', 80_000],
    ]);
  });
});
