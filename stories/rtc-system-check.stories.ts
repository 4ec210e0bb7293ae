import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/system-check/rtc-system-check.js';

interface SystemCheckArgs {
  insecure: boolean;
  probeDevices: boolean;
  lang: string;
}

const meta: Meta<SystemCheckArgs> = {
  title: 'Elements/rtc-system-check',
  component: 'rtc-system-check',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  args: { insecure: false, probeDevices: false, lang: 'en' },
  render: ({ insecure, probeDevices, lang }) =>
    html`<rtc-system-check
      lang=${lang}
      style="max-width: 520px"
      ?probe-devices=${probeDevices}
      .environment=${insecure ? { isSecureContext: false, mediaDevices: undefined } : undefined}
    ></rtc-system-check>`,
};
export default meta;

type Story = StoryObj<SystemCheckArgs>;

/** This browser, checked for real: nothing is started unless "probeDevices" is on. */
export const ThisBrowser: Story = {};

/** The page as if served over plain HTTP: the secure-page check fails and says to use HTTPS or localhost. */
export const InsecurePage: Story = { args: { insecure: true } };

export const InChinese: Story = { args: { lang: 'zh-CN' } };
