import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState, ToggleSource } from '../src/index.js';
import '../src/define.js';
import { myCall } from './support/scenes.js';

interface ToggleArgs {
  source: ToggleSource;
  on: boolean;
  /** With `source="screen"`: the screen takes the camera's place while shared. */
  replaceCamera: boolean;
  compact: boolean;
  lang: string;
  state: ConnectionState;
}

const meta: Meta<ToggleArgs> = {
  title: 'Elements/rtc-media-toggle',
  component: 'rtc-media-toggle',
  argTypes: {
    source: { control: 'inline-radio', options: ['microphone', 'camera', 'screen'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { source: 'microphone', on: true, replaceCamera: false, compact: false, lang: 'en', state: 'connected' },
  render: ({ source, on, replaceCamera, compact, lang, state }) => html`
    <rtc-room manual lang=${lang} .session=${myCall({ state, microphone: on, camera: on, screen: source === 'screen' && on })} style="padding: 12px; background: #111418">
      <rtc-media-toggle source=${source} ?replace-camera=${replaceCamera} ?compact=${compact}></rtc-media-toggle>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<ToggleArgs>;

export const MicrophoneOn: Story = {};

export const MicrophoneOff: Story = { args: { on: false } };

export const CameraOn: Story = { args: { source: 'camera' } };

export const CameraOff: Story = { args: { source: 'camera', on: false } };

/** Not sharing: a press opens the browser's screen picker (here it shares at once, with no picker). */
export const ScreenShareOff: Story = { args: { source: 'screen', on: false } };

export const ScreenShareOn: Story = { args: { source: 'screen' } };

/** The hot switch: while shared, the screen takes the camera's place, and the camera comes back when sharing stops. */
export const ScreenShareReplacingCamera: Story = { args: { source: 'screen', on: false, replaceCamera: true } };

/** Icon only; the label stays for screen readers. */
export const Compact: Story = { args: { compact: true } };

export const Chinese: Story = { args: { lang: 'zh-CN', source: 'camera' } };

/** Outside a room there is nothing to toggle: disabled. */
export const OutsideARoom: Story = {
  render: ({ source }) => html`<rtc-media-toggle source=${source}></rtc-media-toggle>`,
};
