import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RoomSession } from '../../src/core/room-session.js';
import type { CallStats, TrackStats } from '../../src/core/stats.js';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';

// Quality statistics from real WebRTC stats, between two real sessions on the dev server.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let counter = 0;
const uniqueRoom = () => `stats-${Date.now()}-${counter++}`;
const sessions: RoomSession[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(sessions.splice(0).map((session) => session.leave()));
});

async function call() {
  const room = uniqueRoom();
  const alice = new RoomSession();
  const bob = new RoomSession();
  sessions.push(alice, bob);
  await alice.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'alice', name: 'Alice' }), publish: { video: 'standard', audio: true } });
  await bob.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'bob', name: 'Bob' }) });
  await waitUntil(() => bob.participants.get().find((p) => p.identity === 'alice')?.tracks.find((t) => t.source === 'camera')?.mediaStreamTrack, 'bob receives alice', { timeout: 15000 });
  return { alice, bob };
}

/** Keeps the newest sample of a session's stats while the test runs. */
function follow(session: RoomSession, intervalMs: number): () => CallStats | undefined {
  let latest: CallStats | undefined;
  stops.push(session.stats(intervalMs).subscribe((stats) => (latest = stats)));
  return () => latest;
}

const find = (stats: CallStats | undefined, direction: 'publish' | 'play', source: string): TrackStats | undefined =>
  stats?.tracks.find((track) => track.direction === direction && track.source === source);

/** Counts the intervals alive with a given delay: the samplers' (no other code uses such an odd delay). */
function countIntervals(delay: number): { live: () => number; restore: () => void } {
  const live = new Set<number>();
  const { setInterval: originalSet, clearInterval: originalClear } = window;
  window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
    const id = originalSet(handler, timeout, ...args);
    if (timeout === delay) live.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) live.delete(id);
    originalClear(id);
  }) as typeof window.clearInterval;
  return { live: () => live.size, restore: () => Object.assign(window, { setInterval: originalSet, clearInterval: originalClear }) };
}

describe('quality statistics', () => {
  it('shows what goes out and comes in on both sides; a camera turned off sends no frames', async () => {
    const { alice, bob } = await call();
    const atAlice = follow(alice, 500);
    const atBob = follow(bob, 500);
    await waitUntil(() => (find(atAlice(), 'publish', 'camera')?.framesPerSecond ?? 0) > 0 && (find(atBob(), 'play', 'camera')?.bitrate ?? 0) > 0, 'video flows both ways in the stats', { timeout: 10000 });
    const sent = find(atAlice(), 'publish', 'camera')!;
    expect(sent.bitrate, 'camera bitrate sent').to.be.greaterThan(0);
    expect(sent.width, 'sent width').to.be.greaterThan(0);
    expect(sent.codec).to.be.a('string');
    expect(sent.layers!.length, 'simulcast layers').to.be.greaterThan(0);
    const received = find(atBob(), 'play', 'camera')!;
    expect(received.identity).to.equal('alice');
    await waitUntil(() => (find(atBob(), 'play', 'camera')?.framesPerSecond ?? 0) > 0, 'bob decodes frames', { timeout: 10000 });
    expect(find(atBob(), 'play', 'camera')!.width).to.be.greaterThan(0);
    await waitUntil(() => (find(atBob(), 'play', 'microphone')?.bitrate ?? 0) > 0, 'audio arrives too', { timeout: 10000 });
    expect(atBob()!.quality.alice).to.be.oneOf(['excellent', 'good', 'poor', 'lost', 'unknown']);

    await alice.setCameraEnabled(false);
    // The publication stays (the camera is muted, not unpublished): its stats say nothing goes out or arrives.
    await waitUntil(() => find(atAlice(), 'publish', 'camera')?.framesPerSecond === 0 && find(atAlice(), 'publish', 'camera')?.bitrate === 0, 'no frames go out with the camera off', { timeout: 10000 });
    await waitUntil(() => find(atBob(), 'play', 'camera')?.framesPerSecond === 0, 'and none arrive', { timeout: 10000 });
  });

  it('samples only while someone listens: no timer without a panel or rtc-stats', async () => {
    const delay = 777;
    const intervals = countIntervals(delay);
    try {
      const { alice } = await call();
      const room = document.createElement('rtc-room') as RtcRoom;
      room.manual = true;
      room.session = alice;
      document.body.append(room);
      await room.updateComplete;
      expect(intervals.live(), 'nobody asked').to.equal(0);

      const panel = document.createElement('rtc-stats-panel');
      panel.interval = delay;
      room.append(panel);
      await waitUntil(() => panel.shadowRoot?.querySelector('[part="track"]'), 'the panel shows tracks', { timeout: 5000 });
      expect(intervals.live(), 'one sampler for the panel').to.equal(1);
      panel.remove();
      expect(intervals.live(), 'gone with the panel').to.equal(0);

      const events: CallStats[] = [];
      room.addEventListener('rtc-stats', ({ detail }) => events.push(detail));
      room.statsInterval = delay;
      await waitUntil(() => events.length >= 2, 'rtc-stats arrives', { timeout: 5000 });
      expect(intervals.live(), 'one sampler for rtc-stats').to.equal(1);
      expect(events.at(-1)!.tracks.some((track) => track.direction === 'publish' && track.source === 'camera')).to.equal(true);
      room.statsInterval = 0;
      await room.updateComplete;
      expect(intervals.live(), 'stopped when no longer asked').to.equal(0);
      room.remove();
    } finally {
      intervals.restore();
    }
  });

  it('draws a minute of bitrate, frame rate and loss, in the page’s language, and is accessible', async () => {
    const { bob } = await call();
    const panel = document.createElement('rtc-stats-panel');
    panel.interval = 300;
    panel.session = bob;
    panel.participant = 'alice';
    panel.lang = 'zh-CN';
    document.body.append(panel);
    try {
      await waitUntil(() => (panel.shadowRoot!.querySelector('[part~="bitrate"] polyline')?.getAttribute('points')?.split(' ').length ?? 0) >= 4, 'the bitrate plot has a line', { timeout: 10000 });
      const titles = [...panel.shadowRoot!.querySelectorAll('[part="track-title"]')].map((h) => h.textContent);
      expect(titles).to.deep.equal(['Alice · 摄像头 · 接收', 'Alice · 麦克风 · 接收']);
      expect(panel.shadowRoot!.querySelector('[part~="frame-rate"] polyline')).to.exist;
      expect(panel.shadowRoot!.querySelector('.title')!.textContent).to.equal('通话统计');
      // Each track's play state has its place too.
      expect(panel.shadowRoot!.querySelector('[part="track"] [part="value"]')!.textContent).to.equal('拉流中');
      await expect(panel).to.be.accessible();
    } finally {
      panel.remove();
    }
  });
});
