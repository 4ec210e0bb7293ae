import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ScriptedSession } from '../src/index.js';
import '../src/define.js';
import { conversation } from './support/scripted-chat.js';
import { LIVE_NOTE, live } from './support/live.js';

interface ChatArgs {
  failed: boolean;
  undelivered: boolean;
  empty: boolean;
  lang: string;
}

const meta: Meta<ChatArgs> = {
  title: 'Elements/rtc-chat',
  component: 'rtc-chat',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { failed: false, undelivered: false, empty: false, lang: 'en' },
  render: ({ failed, undelivered, empty, lang }) => {
    const session = new ScriptedSession({ room: 'daily-standup' });
    session.setState('connected');
    // The conversation fills in as the chat shows it.
    if (!empty) void conversation(session, { failed, undelivered });
    return html`<rtc-chat lang=${lang} style="max-width: 420px" .session=${session}></rtc-chat>`;
  },
};
export default meta;

type Story = StoryObj<ChatArgs>;

/** A conversation: others' messages with their names, yours on the right. */
export const Conversation: Story = {};

/** One of yours did not go (the room was left while it waited): the reason, and "Send again". */
export const FailedMessage: Story = { args: { failed: true } };

/** One of yours did not reach someone who dropped out and did not come back in time: who, and "Send again". */
export const NotDelivered: Story = { args: { undelivered: true } };

export const Empty: Story = { args: { empty: true } };

export const InChinese: Story = { args: { lang: 'zh-CN' } };

/** A real room's chat: the synthetic guest greets you and answers what you write. */
export const RealRoom: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: ({ lang }) => live(({ room, tokenEndpoint }) => html`
    <rtc-room room=${room} token-endpoint=${tokenEndpoint} name="You">
      <rtc-chat lang=${lang} style="max-width: 420px; height: 360px"></rtc-chat>
    </rtc-room>
  `),
};
