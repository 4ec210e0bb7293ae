import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { scriptedMeeting, withAgent } from './support/scenes.js';

interface ListArgs {
  lang: string;
}

const meta: Meta<ListArgs> = {
  title: 'Elements/rtc-participant-list',
  component: 'rtc-participant-list',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { lang: 'en' },
  render: ({ lang }) => html`
    <rtc-room manual lang=${lang} .session=${scriptedMeeting('connected')} style="display: block; max-width: 320px">
      <rtc-participant-list></rtc-participant-list>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<ListArgs>;

/** You, Alice speaking, Bob with his camera off, 王芳 muted. */
export const Meeting: Story = {};

export const Chinese: Story = { args: { lang: 'zh-CN' } };

/** With an AI agent in the room, marked as one. */
export const WithAnAgent: Story = {
  render: ({ lang }) => html`
    <rtc-room manual lang=${lang} .session=${withAgent(scriptedMeeting('connected'))} style="display: block; max-width: 320px">
      <rtc-participant-list></rtc-participant-list>
    </rtc-room>
  `,
};
