import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { scriptedMeeting, withAgent } from './support/scenes.js';
import { syntheticVideo } from './support/synthetic-media.js';
import { LIVE_NOTE, live } from './support/live.js';

interface TileArgs {
  participant: string;
  fit: 'cover' | 'contain';
  lang: string;
}

const meta: Meta<TileArgs> = {
  title: 'Elements/rtc-participant-video',
  component: 'rtc-participant-video',
  argTypes: {
    participant: { control: 'select', options: ['local', 'alice', 'bob', 'wangfang'] },
    fit: { control: 'inline-radio', options: ['cover', 'contain'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { participant: 'alice', fit: 'cover', lang: 'en' },
  render: ({ participant, fit, lang }) => html`
    <rtc-room manual .session=${scriptedMeeting()}>
      <rtc-participant-video lang=${lang} participant=${participant} fit=${fit} style="width: 360px"></rtc-participant-video>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<TileArgs>;

/** Alice is speaking: the ring shows it. */
export const Speaking: Story = {};

/** Bob's camera is off: his initials stand in. */
export const CameraOff: Story = { args: { participant: 'bob' } };

/** 王芳's microphone is muted. */
export const MicrophoneMuted: Story = { args: { participant: 'wangfang' } };

/** Your own tile, mirrored. */
export const Yourself: Story = { args: { participant: 'local' } };

export const Chinese: Story = { args: { participant: 'local', lang: 'zh-CN' } };

/** An AI agent (its token's kind is `agent`): the tile says so beside the name. */
export const Agent: Story = {
  render: ({ fit, lang }) => html`
    <rtc-room manual .session=${withAgent(scriptedMeeting())}>
      <rtc-participant-video lang=${lang} participant="agent-notes" fit=${fit} style="width: 360px"></rtc-participant-video>
    </rtc-room>
  `,
};

/** A video whose first picture has not arrived (a camera starting, a stream on its way): the initials, not an empty box. */
export const PictureOnItsWay: Story = {
  render: () => {
    // A live track that never delivers a frame.
    const track = new (globalThis as unknown as { MediaStreamTrackGenerator: new (init: { kind: 'video' }) => MediaStreamTrack }).MediaStreamTrackGenerator({ kind: 'video' });
    return html`<rtc-participant-video name="Grace Hopper" .track=${track} style="width: 360px"></rtc-participant-video>`;
  },
};

/** Outside a room, given a track by property. */
export const StandaloneTrack: Story = {
  render: ({ fit }) => html`
    <rtc-participant-video name="Canvas track" fit=${fit} .track=${syntheticVideo('Canvas track', 280)} style="width: 360px"></rtc-participant-video>
  `,
};

/** The synthetic guest's tile, received from the dev server: the room shows only what its children show. */
export const RealRoom: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: ({ fit, lang }) => live(({ room, tokenEndpoint }) => html`
    <rtc-room room=${room} token-endpoint=${tokenEndpoint} name="You">
      <rtc-participant-video lang=${lang} participant=${`guest-${room}`} fit=${fit} style="width: 360px"></rtc-participant-video>
    </rtc-room>
  `),
};
