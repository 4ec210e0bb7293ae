import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import type { CallState } from '../src/index.js';
import { ScriptedCallClient } from './support/scripted-calls.js';

interface CallButtonArgs {
  user: string;
  online: boolean;
  audioOnly: boolean;
  /** Show the button in the middle of a call in this state. */
  state: CallState | '';
  lang: string;
}

const meta: Meta<CallButtonArgs> = {
  title: 'Calls/rtc-call-button',
  component: 'rtc-call-button',
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    state: { control: 'select', options: ['', 'ringing', 'connected', 'busy', 'timeout', 'unavailable', 'rejected'] },
  },
  args: { user: 'bob', online: true, audioOnly: false, state: '', lang: 'en' },
  render: ({ user, online, audioOnly, state, lang }) => {
    const client = new ScriptedCallClient(online ? [{ userId: user, name: 'Bob Li', tabs: 1 }] : []);
    const button = html`<rtc-call-button lang=${lang} user=${user} label="Bob Li" ?audio-only=${audioOnly} .client=${client.asClient()}></rtc-call-button>`;
    if (state) {
      // Place the call once the button is up, then hold it in the state the story shows.
      setTimeout(() => {
        const element = document.querySelector<HTMLElement & { toggle(): void }>(`rtc-call-button[user="${user}"]`);
        element?.toggle();
        const call = client.calls.get().at(-1);
        if (call) client.settle(call, state);
      });
    }
    return button;
  },
};
export default meta;

type Story = StoryObj<CallButtonArgs>;

/** Bob is online (the dot): a press rings every tab he has open, and the same button cancels. */
export const Online: Story = {};

/** Nobody to ring: a press is answered at once. */
export const Offline: Story = { args: { online: false } };

export const Ringing: Story = { args: { state: 'ringing' } };

/** During the call the button hangs up. */
export const InACall: Story = { args: { state: 'connected' } };

export const Busy: Story = { args: { user: 'busy-bob', state: 'busy' } };

export const InChinese: Story = { args: { lang: 'zh-CN', state: 'ringing' } };
