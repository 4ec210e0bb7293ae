import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { LocalMedia, memoryDeviceMemory, type DeviceKind } from '../src/index.js';
import '../src/define.js';
import { scriptedMeeting } from './support/scenes.js';

interface SelectArgs {
  kind: DeviceKind;
  hideLabel: boolean;
  lang: string;
}

/**
 * The small meeting, with a camera and microphone that capture nothing until turned on: a choice sticks (and
 * is recorded in `session.selectedDevices`) without lighting a camera, and is forgotten when the story closes.
 */
function meetingWithMedia() {
  const session = scriptedMeeting();
  session.useLocalMedia(new LocalMedia({ deviceMemory: memoryDeviceMemory() }));
  return session;
}

const meta: Meta<SelectArgs> = {
  title: 'Elements/rtc-device-select',
  component: 'rtc-device-select',
  argTypes: {
    kind: { control: 'inline-radio', options: ['videoinput', 'audioinput', 'audiooutput'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { kind: 'videoinput', hideLabel: false, lang: 'en' },
  render: ({ kind, hideLabel, lang }) => html`
    <rtc-room manual lang=${lang} .session=${meetingWithMedia()}>
      <rtc-device-select kind=${kind} ?hide-label=${hideLabel}></rtc-device-select>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<SelectArgs>;

/**
 * This browser's cameras. Browsers list devices only once the page has been allowed a camera or microphone
 * (before that: "None found"); the Before Joining story asks for them.
 */
export const Cameras: Story = {};

export const Microphones: Story = { args: { kind: 'audioinput' } };

/** Where everyone's audio plays (browsers without `setSinkId` list only their default). */
export const Speakers: Story = { args: { kind: 'audiooutput' } };

/** The label stays for screen readers, for a page that labels the list itself. */
export const LabelHidden: Story = { args: { hideLabel: true } };

export const Chinese: Story = { args: { lang: 'zh-CN', kind: 'audioinput' } };

/** Before joining there is no room: given the preview's `media`, the list switches the preview's camera or microphone live. */
export const BeforeJoining: Story = {
  argTypes: { kind: { control: 'inline-radio', options: ['videoinput', 'audioinput'] } },
  render: ({ kind, hideLabel, lang }) => {
    const preview = document.createElement('rtc-local-preview');
    preview.video = 'standard';
    preview.audio = true;
    preview.lang = lang;
    return html`
      <div style="display: grid; gap: 12px; width: 420px">
        ${preview}
        <rtc-device-select lang=${lang} kind=${kind} ?hide-label=${hideLabel} .media=${preview.media}></rtc-device-select>
      </div>
    `;
  },
};
