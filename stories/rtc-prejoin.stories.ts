import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';

interface PrejoinArgs {
  name: string;
  video: string;
  audio: boolean;
  lang: 'en' | 'zh-CN';
  width: string;
}

const meta: Meta<PrejoinArgs> = {
  title: 'Elements/rtc-prejoin',
  component: 'rtc-prejoin',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { name: 'Ming Li', video: 'standard', audio: true, lang: 'en', width: '100%' },
  render: ({ name, video, audio, lang, width }) => html`<div style="background: #111418; color: #f3f5f7; width: ${width}">
    <rtc-prejoin lang=${lang} name=${name} video=${video} audio=${audio ? 'true' : 'false'} @rtc-join-request=${(event: Event) => event.preventDefault()}></rtc-prejoin>
  </div>`,
};
export default meta;

type Story = StoryObj<PrejoinArgs>;

/** Your camera and its level, the devices, your name and Join. Join here only says who would join (the story keeps the request). */
export const Default: Story = {};

export const Chinese: Story = { args: { lang: 'zh-CN', name: '李明' } };

/** On a phone: one column. */
export const Phone: Story = { args: { width: '390px' } };

/** Voice only: no camera asked for. */
export const VoiceOnly: Story = { args: { video: '' } };

/** No name yet: Join asks for one. */
export const NoName: Story = { args: { name: '' } };
