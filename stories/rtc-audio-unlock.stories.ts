import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { Store, readonly } from '../src/core/readable.js';
import type { AudioPlayback } from '../src/index.js';
import '../src/define.js';

interface UnlockArgs {
  blocked: boolean;
  lang: string;
}

/** A stand-in for the room's playback: blocked until the button is clicked. */
function playback(blocked: boolean): AudioPlayback {
  const state = new Store(blocked);
  return { blocked: readonly(state), resume: async () => state.set(false) };
}

const meta: Meta<UnlockArgs> = {
  title: 'Elements/rtc-audio-unlock',
  component: 'rtc-audio-unlock',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { blocked: true, lang: 'en' },
  render: ({ blocked, lang }) => html`<rtc-audio-unlock lang=${lang} .playback=${playback(blocked)}></rtc-audio-unlock>`,
};
export default meta;

type Story = StoryObj<UnlockArgs>;

/** The browser blocked the room's audio: one click starts it (here the button then goes away). */
export const Blocked: Story = {};

export const BlockedInChinese: Story = { args: { lang: 'zh-CN' } };

/** Audio plays: nothing shows. */
export const Playing: Story = { args: { blocked: false } };
