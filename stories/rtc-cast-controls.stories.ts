import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { CastProvider, CastState } from '../src/index.js';
import '../src/define.js';
import { scriptedMeeting } from './support/scenes.js';
import { LIVE_NOTE, live } from './support/live.js';

interface CastArgs {
  state: CastState;
  lang: string;
  /** How long the pretend backend takes to answer, in ms. */
  latency: number;
}

/** A pretend backend that answers after `latency`, so the busy states can be seen. */
const pretendBackend = (latency: number): CastProvider => ({
  request: () => new Promise((resolve) => setTimeout(resolve, latency)),
});

function sessionIn(state: CastState, latency: number) {
  const session = scriptedMeeting();
  session.cast.provider = pretendBackend(latency);
  session.cast.applyRoomMetadata(JSON.stringify({ 'rtc.cast': state }));
  return session;
}

const meta: Meta<CastArgs> = {
  title: 'Elements/rtc-cast-controls',
  component: 'rtc-cast-controls',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { state: { status: 'idle' }, lang: 'en', latency: 800 },
  render: ({ state, lang, latency }) => html`
    <rtc-room manual .session=${sessionIn(state, latency)}>
      <rtc-cast-controls lang=${lang} style="max-width: 560px"></rtc-cast-controls>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<CastArgs>;

/** Pick a participant and start: the pretend backend answers after the latency. */
export const Idle: Story = {};

export const Live: Story = { args: { state: { status: 'live', participant: 'alice', since: Date.now() - 754_000 } } };

export const Starting: Story = { args: { state: { status: 'starting', participant: 'alice' } } };

export const Switching: Story = { args: { state: { status: 'switching', from: 'alice', to: 'bob' } } };

export const Failed: Story = {
  args: { state: { status: 'failed', code: 'cast-request-failed', message: 'egress unavailable' } },
};

export const LiveInChinese: Story = {
  args: { lang: 'zh-CN', state: { status: 'live', participant: 'wangfang', since: Date.now() - 65_000 } },
};

/** Outside a room the controls are disabled and say why. */
export const OutsideARoom: Story = {
  render: ({ lang }) => html`<rtc-cast-controls lang=${lang} style="max-width: 560px"></rtc-cast-controls>`,
};

/**
 * Broadcast a real room: Storybook's `/cast` is the kit's cast handler over the dev server's egress (it records
 * to a file the dev server lists at /dev/egress/). Pick whom to broadcast, switch, stop.
 */
export const RealRoom: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: ({ lang }) => live(({ room, tokenEndpoint }) => html`
    <rtc-room room=${room} token-endpoint=${tokenEndpoint} name="You" video="low" audio style="height: 420px">
      <rtc-participant-video participant="local" style="width: 240px"></rtc-participant-video>
      <rtc-cast-controls lang=${lang} cast-endpoint="/cast" style="max-width: 560px"></rtc-cast-controls>
    </rtc-room>
  `),
};
