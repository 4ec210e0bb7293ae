import type { RoomLayout } from '../src/context/layout-context.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState } from '../src/index.js';
import '../src/define.js';
import { myCall } from './support/scenes.js';
import { LIVE_NOTE, live } from './support/live.js';

interface BarArgs {
  state: ConnectionState;
  microphone: boolean;
  camera: boolean;
  /** You share your screen. */
  screen: boolean;
  /** The room's layout, which the layout button switches. */
  layout: RoomLayout;
  compact: boolean;
  replaceCamera: boolean;
  noScreenShare: boolean;
  noLayout: boolean;
  noDevices: boolean;
  lang: string;
}

const meta: Meta<BarArgs> = {
  title: 'Elements/rtc-control-bar',
  component: 'rtc-control-bar',
  argTypes: {
    state: { control: 'select', options: ['idle', 'connecting', 'connected', 'reconnecting', 'failed', 'disconnected'] },
    layout: { control: 'inline-radio', options: ['grid', 'speaker'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: {
    state: 'connected',
    microphone: true,
    camera: true,
    screen: false,
    layout: 'grid',
    compact: false,
    replaceCamera: false,
    noScreenShare: false,
    noLayout: false,
    noDevices: false,
    lang: 'en',
  },
  render: (args) => html`
    <rtc-room manual lang=${args.lang} layout=${args.layout} .session=${myCall(args)} style="padding: 12px; background: #111418">
      <rtc-control-bar
        ?compact=${args.compact}
        ?replace-camera=${args.replaceCamera}
        ?no-screen-share=${args.noScreenShare}
        ?no-layout=${args.noLayout}
        ?no-devices=${args.noDevices}
      ></rtc-control-bar>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<BarArgs>;

/**
 * Microphone, camera, screen share, layout, device settings and leave; Ctrl/⌘+D and Ctrl/⌘+E toggle the first
 * two. Clicks really toggle here. The screen share button shows only where the browser can share a screen.
 */
export const InACall: Story = {};

export const Muted: Story = { args: { microphone: false } };

export const CameraOff: Story = { args: { camera: false } };

export const SharingYourScreen: Story = { args: { screen: true } };

/** The room shows the speaker layout: the layout button is pressed. */
export const SpeakerLayout: Story = { args: { layout: 'speaker' } };

/** Only microphone, camera and leave: `no-screen-share`, `no-layout` and `no-devices`. */
export const Essentials: Story = { args: { noScreenShare: true, noLayout: true, noDevices: true } };

export const Compact: Story = { args: { compact: true } };

/** On a phone (390px): one row of 44px icons, their words as tooltips; the layout is in "More". */
export const Phone: Story = {
  render: (args) => html`
    <rtc-room manual lang=${args.lang} layout=${args.layout} .session=${myCall(args)} style="display: block; width: 390px; padding: 12px 0; background: #111418">
      <rtc-control-bar></rtc-control-bar>
    </rtc-room>
  `,
};

/** Leaving is possible while connecting, so a call that hangs can be abandoned. */
export const Connecting: Story = { args: { state: 'connecting' } };

export const Chinese: Story = { args: { lang: 'zh-CN', microphone: false } };

/** The page's own controls go in the slot, before the leave button. */
export const WithYourOwnControls: Story = {
  render: (args) => html`
    <rtc-room manual lang=${args.lang} .session=${myCall(args)} style="padding: 12px; background: #111418">
      <rtc-control-bar><button type="button" style="min-height: 40px; border-radius: 999px; padding: 0 14px">✋ Raise hand</button></rtc-control-bar>
    </rtc-room>
  `,
};

/** Your own tile and the bar in a real room: the buttons turn your real (or fake) camera and microphone off and on. */
export const RealRoom: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: () => live(({ room, tokenEndpoint }) => html`
    <rtc-room room=${room} token-endpoint=${tokenEndpoint} name="You" video="low" audio style="max-width: 480px">
      <rtc-participant-video participant="local"></rtc-participant-video>
      <rtc-control-bar></rtc-control-bar>
    </rtc-room>
  `),
};
