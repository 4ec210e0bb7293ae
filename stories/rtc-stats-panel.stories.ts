import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ScriptedSession, participantView, trackView, type CallStats, type TrackStats } from '../src/index.js';
import '../src/define.js';

interface StatsPanelArgs {
  participant: string;
  lossy: boolean;
  lang: string;
}

/** A minute of made-up samples, ending now: a call that wobbles, with some loss when `lossy`. */
function script(session: ScriptedSession, lossy: boolean): void {
  const track = (i: number, direction: 'publish' | 'play', identity: string, source: 'camera' | 'microphone'): TrackStats => {
    const wave = Math.sin(i / 6);
    const video = source === 'camera';
    return {
      identity,
      source,
      kind: video ? 'video' : 'audio',
      direction,
      width: video ? 1280 : undefined,
      height: video ? 720 : undefined,
      framesPerSecond: video ? Math.round(27 + 3 * wave) : undefined,
      bitrate: video ? Math.round(1_200_000 + 300_000 * wave) : Math.round(32_000 + 4000 * wave),
      packetLoss: lossy ? Math.max(0, 0.02 + 0.02 * Math.sin(i / 3)) : 0,
      packetsLost: lossy ? i * 3 : 0,
      jitter: 4 + 2 * Math.abs(wave),
      roundTripTime: 38 + 10 * Math.abs(wave),
      codec: video ? 'VP8' : 'opus',
      ...(direction === 'publish' && video
        ? {
            layers: [
              { rid: 'h', width: 1280, height: 720, framesPerSecond: 30, bitrate: Math.round(1_000_000 + 250_000 * wave) },
              { rid: 'q', width: 320, height: 180, framesPerSecond: 15, bitrate: 150_000 },
            ],
            ...(lossy ? { qualityLimitation: 'bandwidth' } : {}),
          }
        : {}),
    };
  };
  const sample = (i: number): CallStats => ({
    at: Date.now(),
    tracks: [track(i, 'publish', 'me', 'camera'), track(i, 'publish', 'me', 'microphone'), track(i, 'play', 'alice', 'camera'), track(i, 'play', 'alice', 'microphone')],
    quality: { me: 'excellent', alice: lossy ? 'poor' : 'good' },
  });
  let i = 0;
  // Once the panel listens: a minute at once, then a sample a second while it is on the page.
  setTimeout(() => {
    while (i < 60) session.setStats(sample(i++));
    const timer = setInterval(() => (document.querySelector('rtc-stats-panel') ? session.setStats(sample(i++)) : clearInterval(timer)), 1000);
  }, 50);
}

const meta: Meta<StatsPanelArgs> = {
  title: 'Elements/rtc-stats-panel',
  component: 'rtc-stats-panel',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] }, participant: { control: 'inline-radio', options: ['', 'local', 'alice'] } },
  args: { participant: '', lossy: false, lang: 'en' },
  render: ({ participant, lossy, lang }) => {
    const session = new ScriptedSession({ room: 'daily-standup' });
    session.setState('connected');
    session.setParticipants([
      participantView('me', { name: 'Me', isLocal: true, tracks: [trackView('camera'), trackView('microphone')] }),
      participantView('alice', { name: 'Alice Wang', tracks: [trackView('camera'), trackView('microphone')] }),
    ]);
    script(session, lossy);
    return html`<rtc-stats-panel lang=${lang} participant=${participant} .session=${session} style="max-width: 460px"></rtc-stats-panel>`;
  },
};
export default meta;

type Story = StoryObj<StatsPanelArgs>;

/** Everyone's tracks, sent and received, each with a minute of bitrate, frame rate and loss. */
export const WholeRoom: Story = {};

/** One tile's worth, to lay over that tile. */
export const OneParticipant: Story = { args: { participant: 'alice' } };

/** Loss, a poor connection, and a camera held back by bandwidth. */
export const BadNetwork: Story = { args: { lossy: true, participant: 'local' } };

export const InChinese: Story = { args: { lang: 'zh-CN' } };
