import type { RoomLayout } from '../src/context/layout-context.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState, RtcErrorCode } from '../src/index.js';
import '../src/define.js';
import { scriptedMeeting, sharingScreen } from './support/scenes.js';
import { LIVE_NOTE, live } from './support/live.js';

interface RoomArgs {
  state: ConnectionState;
  reason?: RtcErrorCode;
  layout: RoomLayout;
  /** The identity pinned to the stage (`''`: nobody). */
  pinned: string;
  /** Who shares a screen (`''`: nobody). */
  sharing: string;
  lang: string;
}

const meta: Meta<RoomArgs> = {
  title: 'Elements/rtc-room',
  component: 'rtc-room',
  argTypes: {
    state: {
      control: 'select',
      options: ['idle', 'connecting', 'connected', 'reconnecting', 'reconnected', 'failed', 'kicked', 'disconnected'],
    },
    layout: { control: 'inline-radio', options: ['grid', 'speaker'] },
    pinned: { control: 'select', options: ['', 'alice', 'bob', 'wangfang'] },
    sharing: { control: 'select', options: ['', 'ming', 'alice', 'bob', 'wangfang'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { state: 'connected', layout: 'grid', pinned: '', sharing: '', lang: 'en' },
  render: ({ state, reason, layout, pinned, sharing, lang }) => html`
    <rtc-room
      manual
      lang=${lang}
      room="daily-standup"
      layout=${layout}
      pinned=${pinned}
      .session=${sharingScreen(scriptedMeeting(state, reason), sharing)}
      style="height: 520px"
    ></rtc-room>
  `,
};
export default meta;

type Story = StoryObj<RoomArgs>;

/** The default conference a bare `<rtc-room>` renders: a tile per participant, mic, camera and leave. */
export const Connected: Story = {};

export const Reconnecting: Story = { args: { state: 'reconnecting' } };

export const Reconnected: Story = { args: { state: 'reconnected' } };

export const TokenRejected: Story = { args: { state: 'failed', reason: 'unauthorized' } };

export const ReconnectFailed: Story = { args: { state: 'failed', reason: 'reconnect-failed' } };

export const KickedOut: Story = { args: { state: 'kicked', reason: 'kicked' } };

export const Left: Story = { args: { state: 'disconnected' } };

export const Chinese: Story = { args: { lang: 'zh-CN' } };

/** `layout="speaker"`: Alice, speaking, on the stage; the others in the filmstrip. The layout button switches back. */
export const SpeakerLayout: Story = { args: { layout: 'speaker' } };

/** Bob's screen share on the stage (a share someone starts during the call switches the room to this layout). */
export const ScreenShareOnStage: Story = { args: { layout: 'speaker', sharing: 'bob' } };

/** `pinned="wangfang"`: she keeps the stage whoever speaks; her tile's pin button unpins her. */
export const Pinned: Story = { args: { layout: 'speaker', pinned: 'wangfang' } };

/** A room with its own UI: the children find the room's session by context. */
export const CustomLayout: Story = {
  render: () => html`
    <rtc-room manual .session=${scriptedMeeting()}>
      <div style="display: grid; grid-template-columns: 2fr 1fr; gap: 8px">
        <rtc-participant-video participant="alice"></rtc-participant-video>
        <div style="display: grid; gap: 8px">
          <rtc-participant-video participant="local"></rtc-participant-video>
          <rtc-participant-video participant="bob"></rtc-participant-video>
        </div>
      </div>
    </rtc-room>
  `,
};

/** A real conference: you (the fake or real camera) and the synthetic guest, on the dev server. */
export const RealRoom: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: ({ layout, lang }) => live(({ room, tokenEndpoint }) => html`
    <rtc-room lang=${lang} layout=${layout} room=${room} token-endpoint=${tokenEndpoint} name="You" video="low" audio style="height: 520px"></rtc-room>
  `),
};
