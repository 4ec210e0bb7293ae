import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConnectionState } from '../src/index.js';
import '../src/define.js';
import { myCall } from './support/scenes.js';

interface LeaveArgs {
  state: ConnectionState;
  compact: boolean;
  lang: string;
}

const meta: Meta<LeaveArgs> = {
  title: 'Elements/rtc-leave-button',
  component: 'rtc-leave-button',
  argTypes: {
    state: { control: 'select', options: ['idle', 'connecting', 'connected', 'reconnecting', 'failed', 'disconnected'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { state: 'connected', compact: false, lang: 'en' },
  render: ({ state, compact, lang }) => html`
    <rtc-room manual lang=${lang} .session=${myCall({ state, microphone: true, camera: true })} style="padding: 12px; background: #111418">
      <rtc-leave-button ?compact=${compact}></rtc-leave-button>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<LeaveArgs>;

export const InACall: Story = {};

/** A call that hangs can be left. */
export const WhileConnecting: Story = { args: { state: 'connecting' } };

/** Nothing to leave: disabled. */
export const AfterLeaving: Story = { args: { state: 'disconnected' } };

export const Compact: Story = { args: { compact: true } };

export const Chinese: Story = { args: { lang: 'zh-CN' } };

/** The page asks for confirmation by cancelling `rtc-leave-request`. */
export const WithConfirmation: Story = {
  render: ({ state, lang }) => html`
    <rtc-room
      manual
      lang=${lang}
      .session=${myCall({ state, microphone: true, camera: true })}
      style="padding: 12px; background: #111418"
      @rtc-leave-request=${(event: Event) => {
        if (!confirm('Leave the call?')) event.preventDefault();
      }}
    >
      <rtc-leave-button></rtc-leave-button>
    </rtc-room>
  `,
};
