import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState, ToggleSource } from '../src/index.js';
import '../src/define.js';
import { myCall } from './support/scenes.js';

interface ToggleArgs {
  source: ToggleSource;
  on: boolean;
  compact: boolean;
  lang: string;
  state: ConnectionState;
}

const meta: Meta<ToggleArgs> = {
  title: 'Elements/rtc-media-toggle',
  component: 'rtc-media-toggle',
  argTypes: {
    source: { control: 'inline-radio', options: ['microphone', 'camera'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { source: 'microphone', on: true, compact: false, lang: 'en', state: 'connected' },
  render: ({ source, on, compact, lang, state }) => html`
    <rtc-room manual lang=${lang} .session=${myCall({ state, microphone: on, camera: on })} style="padding: 12px; background: #111418">
      <rtc-media-toggle source=${source} ?compact=${compact}></rtc-media-toggle>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<ToggleArgs>;

export const MicrophoneOn: Story = {};

export const MicrophoneOff: Story = { args: { on: false } };

export const CameraOn: Story = { args: { source: 'camera' } };

export const CameraOff: Story = { args: { source: 'camera', on: false } };

/** Icon only; the label stays for screen readers. */
export const Compact: Story = { args: { compact: true } };

export const Chinese: Story = { args: { lang: 'zh-CN', source: 'camera' } };

/** Outside a room there is nothing to toggle: disabled. */
export const OutsideARoom: Story = {
  render: ({ source }) => html`<rtc-media-toggle source=${source}></rtc-media-toggle>`,
};
