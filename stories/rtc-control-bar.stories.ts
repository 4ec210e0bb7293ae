import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState } from '../src/index.js';
import '../src/define.js';
import { myCall } from './support/scenes.js';

interface BarArgs {
  state: ConnectionState;
  microphone: boolean;
  camera: boolean;
  compact: boolean;
  lang: string;
}

const meta: Meta<BarArgs> = {
  title: 'Elements/rtc-control-bar',
  component: 'rtc-control-bar',
  argTypes: {
    state: { control: 'select', options: ['idle', 'connecting', 'connected', 'reconnecting', 'failed', 'disconnected'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { state: 'connected', microphone: true, camera: true, compact: false, lang: 'en' },
  render: (args) => html`
    <rtc-room manual lang=${args.lang} .session=${myCall(args)} style="padding: 12px; background: #111418">
      <rtc-control-bar ?compact=${args.compact}></rtc-control-bar>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<BarArgs>;

/** Microphone, camera and leave; Ctrl/⌘+D and Ctrl/⌘+E toggle the first two. Clicks really toggle here. */
export const InACall: Story = {};

export const Muted: Story = { args: { microphone: false } };

export const CameraOff: Story = { args: { camera: false } };

export const Compact: Story = { args: { compact: true } };

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
