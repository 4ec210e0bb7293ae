import type { RoomLayout } from '../src/context/layout-context.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { scriptedMeeting } from './support/scenes.js';

interface LayoutToggleArgs {
  layout: RoomLayout;
  compact: boolean;
  lang: string;
}

const meta: Meta<LayoutToggleArgs> = {
  title: 'Elements/rtc-layout-toggle',
  component: 'rtc-layout-toggle',
  argTypes: {
    layout: { control: 'inline-radio', options: ['grid', 'speaker'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { layout: 'grid', compact: false, lang: 'en' },
  render: ({ layout, compact, lang }) => html`
    <rtc-room manual lang=${lang} layout=${layout} .session=${scriptedMeeting()} style="padding: 12px; background: #111418">
      <rtc-layout-toggle ?compact=${compact}></rtc-layout-toggle>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<LayoutToggleArgs>;

/** The room shows the grid: a press switches it to the speaker layout (and clicks really toggle here). */
export const Grid: Story = {};

/** Pressed: the room shows the speaker layout; a press goes back to the grid and unpins. */
export const Speaker: Story = { args: { layout: 'speaker' } };

/** Icon only; the label stays for screen readers. */
export const Compact: Story = { args: { compact: true } };

export const Chinese: Story = { args: { lang: 'zh-CN', layout: 'speaker' } };

/** Outside a room there is no layout to switch: disabled. */
export const OutsideARoom: Story = {
  render: ({ compact }) => html`<rtc-layout-toggle ?compact=${compact}></rtc-layout-toggle>`,
};
