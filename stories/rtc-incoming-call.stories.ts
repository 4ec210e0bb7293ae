import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { ScriptedCallClient } from './support/scripted-calls.js';

interface IncomingCallArgs {
  caller: string;
  video: boolean;
  userData: string;
  muted: boolean;
  modal: boolean;
  lang: string;
}

const meta: Meta<IncomingCallArgs> = {
  title: 'Calls/rtc-incoming-call',
  component: 'rtc-incoming-call',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { caller: 'Alice Wang', video: true, userData: '', muted: true, modal: false, lang: 'en' },
  render: ({ caller, video, userData, muted, modal, lang }) => {
    const client = new ScriptedCallClient([{ userId: 'alice', name: caller, tabs: 1 }]);
    client.ring({ userId: 'alice', name: caller, tabs: 1 }, { video, userData });
    return html`<rtc-incoming-call lang=${lang} ?muted=${muted} ?modal=${modal} .client=${client.asClient()}></rtc-incoming-call>`;
  },
};
export default meta;

type Story = StoryObj<IncomingCallArgs>;

/** Accept and Decline; unmuted, the ring waits for the first click on the page, as browsers require. */
export const VideoCall: Story = {};

/** What the caller sent along is shown as text, markup included. */
export const VoiceCallWithNote: Story = { args: { video: false, userData: 'About the <b>release</b> — 5 minutes?' } };

export const InChinese: Story = { args: { lang: 'zh-CN', caller: '王小明' } };

/** As on a phone: a modal dialog over the page, focus on Accept; Escape declines. */
export const Modal: Story = { args: { modal: true } };
