import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState, RtcErrorCode } from '../src/index.js';
import '../src/define.js';
import { scriptedMeeting } from './support/scenes.js';

interface StatusArgs {
  state: ConnectionState;
  reason?: RtcErrorCode;
  lang: string;
  quiet: boolean;
}

const meta: Meta<StatusArgs> = {
  title: 'Elements/rtc-connection-status',
  component: 'rtc-connection-status',
  argTypes: {
    state: {
      control: 'select',
      options: ['idle', 'connecting', 'connected', 'reconnecting', 'reconnected', 'failed', 'kicked', 'disconnected'],
    },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { state: 'connected', lang: 'en', quiet: false },
  render: ({ state, reason, lang, quiet }) => html`
    <rtc-room manual lang=${lang} .session=${scriptedMeeting(state, reason)}>
      <rtc-connection-status ?quiet=${quiet}></rtc-connection-status>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<StatusArgs>;

export const Connected: Story = {};

export const Connecting: Story = { args: { state: 'connecting' } };

export const Reconnecting: Story = { args: { state: 'reconnecting' } };

export const Reconnected: Story = { args: { state: 'reconnected' } };

export const ReconnectFailed: Story = { args: { state: 'failed', reason: 'reconnect-failed' } };

export const RoomFull: Story = { args: { state: 'failed', reason: 'room-full' } };

export const KickedOut: Story = { args: { state: 'kicked', reason: 'kicked' } };

export const Left: Story = { args: { state: 'disconnected' } };

export const KickedOutInChinese: Story = { args: { state: 'kicked', reason: 'kicked', lang: 'zh-CN' } };

/** Quiet: nothing shows while connected (screen readers still hear changes); trouble shows. */
export const QuietWhileConnected: Story = { args: { quiet: true } };

export const QuietWhileReconnecting: Story = { args: { quiet: true, state: 'reconnecting' } };
