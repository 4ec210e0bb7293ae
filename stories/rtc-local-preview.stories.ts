import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/define.js';
import { LIVE_NOTE, live } from './support/live.js';

interface PreviewArgs {
  video: string;
  audio: boolean;
  deviceId?: string;
  lang: string;
}

const meta: Meta<PreviewArgs> = {
  title: 'Elements/rtc-local-preview',
  component: 'rtc-local-preview',
  argTypes: {
    video: { control: 'select', options: ['low', 'standard', 'hd', 'fullhd', '1280x720'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { video: 'standard', audio: true, lang: 'en' },
  render: ({ video, audio, deviceId, lang }) => html`
    <rtc-local-preview lang=${lang} video=${video} ?audio=${audio} device-id=${ifDefined(deviceId)} style="width: 420px"></rtc-local-preview>
  `,
};
export default meta;

type Story = StoryObj<PreviewArgs>;

/** The seeds' "standard" 640x480 camera with the microphone and its level meter. */
export const Standard: Story = {};

export const AudioOnly: Story = {
  render: ({ lang }) => html`<rtc-local-preview lang=${lang} audio style="width: 420px"></rtc-local-preview>`,
};

export const HighDefinition: Story = { args: { video: 'hd' } };

/** A camera that is not there: the preview says so and the page can still join. */
export const MissingCamera: Story = { args: { deviceId: 'unplugged-camera', audio: false } };

export const Chinese: Story = { args: { lang: 'zh-CN', deviceId: 'unplugged-camera' } };

/** The preview, then Join: the room publishes the preview's own tracks (nothing is captured twice). */
export const RealRoom: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: ({ video, audio, lang }) =>
    live(({ room, tokenEndpoint }) => {
      const join = (event: Event) => {
        const root = (event.target as HTMLElement).parentElement!;
        const preview = root.querySelector('rtc-local-preview')!;
        const conference = root.querySelector('rtc-room')!;
        conference.session.useLocalMedia(preview.media);
        conference.hidden = false;
        (event.target as HTMLButtonElement).disabled = true;
        void conference.connect();
      };
      return html`<div>
        <rtc-local-preview lang=${lang} video=${video} ?audio=${audio} style="width: 320px"></rtc-local-preview>
        <button type="button" @click=${join}>Join the room</button>
        <rtc-room manual hidden room=${room} token-endpoint=${tokenEndpoint} name="You" video="low" audio style="height: 420px"></rtc-room>
      </div>`;
    }),
};
