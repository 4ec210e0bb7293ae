import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { ScriptedCallClient } from './support/scripted-calls.js';

interface CallCenterArgs {
  ringing: boolean;
  lang: string;
}

const people = [
  { userId: 'alice', name: 'Alice Wang', tabs: 2 },
  { userId: 'bob', name: 'Bob Li', tabs: 1 },
];

const meta: Meta<CallCenterArgs> = {
  title: 'Calls/rtc-call-center',
  component: 'rtc-call-center',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { ringing: false, lang: 'en' },
  render: ({ ringing, lang }) => {
    // Against a server: <rtc-call-center user-id="me" token-endpoint="/token" server-url="ws://…">.
    const client = new ScriptedCallClient(people);
    if (ringing) client.ring(people[0]!);
    return html`<rtc-call-center lang=${lang} manual .client=${client.asClient()}>
      <ul style="list-style: none; padding: 0; display: grid; gap: 8px">
        ${[...people, { userId: 'carol', name: 'Carol Zhang', tabs: 0 }].map(
          (person) => html`<li><rtc-call-button user=${person.userId} label=${person.name}></rtc-call-button></li>`,
        )}
      </ul>
    </rtc-call-center>`;
  },
};
export default meta;

type Story = StoryObj<CallCenterArgs>;

/** A contact list of call buttons; Carol is offline. An accepted call shows its <rtc-room> below. */
export const Contacts: Story = {};

/** Alice calls: the center's own ringer shows, since the page put none inside. */
export const IncomingCall: Story = { args: { ringing: true } };

export const InChinese: Story = { args: { lang: 'zh-CN', ringing: true } };
