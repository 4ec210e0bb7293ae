import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ScriptedSession, participantView, trackView } from '../src/index.js';
import '../src/define.js';

interface GridArgs {
  count: number;
  pageSize: number;
  speaking: string;
  lang: string;
  /** The box: a desktop's or a phone's. */
  phone: boolean;
}

const names = ['Ming Zhang', 'Alice Chen', 'Bob Li', 'Carol Wang', 'Dave Liu', 'Erin Zhao', 'Frank Wu', 'Grace Sun', 'Henry Ma', 'Ivy He', 'Jack Xu', 'Kate Hu'];

function meeting({ count, speaking }: GridArgs): ScriptedSession {
  const session = new ScriptedSession({ room: 'all-hands' });
  session.setParticipants(
    names.slice(0, count).map((name, index) =>
      participantView(index === 0 ? 'me' : name.split(' ')[0]!.toLowerCase(), {
        name,
        isLocal: index === 0,
        isSpeaking: name.startsWith(speaking) && !!speaking,
        tracks: [trackView('camera', { muted: true }), trackView('microphone', { muted: index % 3 === 2 })],
      }),
    ),
  );
  session.setState('connected');
  return session;
}

const meta: Meta<GridArgs> = {
  title: 'Elements/rtc-grid',
  component: 'rtc-grid',
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] }, count: { control: { type: 'range', min: 1, max: 12 } } },
  args: { count: 4, pageSize: 0, speaking: '', lang: 'en', phone: false },
  render: (args) => html`
    <rtc-room manual lang=${args.lang} .session=${meeting(args)} style="display: block; padding: 8px; background: #111418; color: #f3f5f7; ${args.phone ? 'width: 390px' : ''}">
      <rtc-grid page-size=${args.pageSize} style="height: ${args.phone ? 760 : 420}px"></rtc-grid>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<GridArgs>;

/** Four tiles, two by two in a 16:9 box: the tiles fill it. */
export const Four: Story = {};

export const One: Story = { args: { count: 1 } };

export const Seven: Story = { args: { count: 7 } };

/** Twelve people, four to a page. */
export const Paged: Story = { args: { count: 12, pageSize: 4 } };

/** Kate, on page 3, speaks: she swaps places with the first page's longest-silent tile. */
export const SpeakerBroughtForward: Story = { args: { count: 12, pageSize: 4, speaking: 'Kate' } };

export const PagedInChinese: Story = { args: { count: 12, pageSize: 4, lang: 'zh-CN' } };

/** Three in a wide box: one large beside two smaller, no hole. */
export const Three: Story = { args: { count: 3 } };

/** Twelve on a phone: at most two side by side, pages of six with dots; swipe or press a dot. */
export const PhonePages: Story = { args: { count: 12, phone: true } };

/** Three on a phone, stacked. */
export const PhoneThree: Story = { args: { count: 3, phone: true } };
