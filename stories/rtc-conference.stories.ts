import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConferencePanel, ConnectionState, RoomLayout, RtcErrorCode } from '../src/index.js';
import '../src/define.js';
import { threePeople } from './support/scenes.js';
import { LIVE_NOTE, live } from './support/live.js';

interface ConferenceArgs {
  state: ConnectionState;
  reason?: RtcErrorCode;
  layout: RoomLayout;
  panel: ConferencePanel | '';
  /** How many people besides you (0: you wait alone). */
  alone: boolean;
  stats: boolean;
  castEndpoint: string;
  languages: string;
  inviteLink: string;
  /** The box the conference is given: a desktop window or a phone. */
  size: 'desktop' | 'phone';
  lang: 'en' | 'zh-CN';
}

const SIZES = { desktop: 'width: 100%; height: 600px', phone: 'width: 390px; height: 844px' };

const meta: Meta<ConferenceArgs> = {
  title: 'Elements/rtc-conference',
  component: 'rtc-conference',
  argTypes: {
    state: { control: 'select', options: ['connecting', 'connected', 'reconnecting', 'reconnected', 'failed', 'kicked', 'disconnected'] },
    layout: { control: 'inline-radio', options: ['grid', 'speaker'] },
    panel: { control: 'select', options: ['', 'chat', 'participants', 'settings', 'stats', 'cast'] },
    size: { control: 'inline-radio', options: ['desktop', 'phone'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: {
    state: 'connected',
    layout: 'grid',
    panel: '',
    alone: false,
    stats: true,
    castEndpoint: '',
    languages: 'en zh-CN',
    inviteLink: 'https://meet.example.com/?room=daily-standup',
    size: 'desktop',
    lang: 'en',
  },
  render: ({ state, reason, layout, panel, alone, stats, castEndpoint, languages, inviteLink, size, lang }) => {
    const session = threePeople(lang, state === 'failed' || state === 'kicked' ? 'idle' : state);
    if (state === 'failed' || state === 'kicked') session.setState(state, reason);
    if (alone) session.setParticipants(session.participants.get().filter((p) => p.isLocal));
    return html`<rtc-room manual lang=${lang} layout=${layout} .session=${session} style=${SIZES[size]}>
      <rtc-conference panel=${panel} ?stats=${stats} cast-endpoint=${castEndpoint} languages=${languages} invite-link=${inviteLink}></rtc-conference>
    </rtc-room>`;
  },
};
export default meta;

type Story = StoryObj<ConferenceArgs>;

/** Three people filling a desktop window: two beside one, a bar of icons and words, no hole in the grid. */
export const Desktop: Story = {};

/** The same three on a phone: stacked, and one row of 44px icons. */
export const Phone: Story = { args: { size: 'phone' } };

export const Chinese: Story = { args: { lang: 'zh-CN' } };

export const PhoneInChinese: Story = { args: { size: 'phone', lang: 'zh-CN' } };

/** The chat in the side panel; on a phone it is a sheet over everything. */
export const ChatOpen: Story = { args: { panel: 'chat' } };

export const ChatOnAPhone: Story = { args: { panel: 'chat', size: 'phone' } };

/** Who is here, and the invite link with its copy button. */
export const Participants: Story = { args: { panel: 'participants' } };

export const Settings: Story = { args: { panel: 'settings' } };

export const Statistics: Story = { args: { panel: 'stats' } };

/** You, alone: a word over the stage, with the link to send. */
export const WaitingAlone: Story = { args: { alone: true } };

export const Joining: Story = { args: { state: 'connecting' } };

/** The connection dropped: the stage dims and says so. */
export const Reconnecting: Story = { args: { state: 'reconnecting' } };

/** Back: said for a moment, then the stage is clear (the session settles on connected). */
export const Reconnected: Story = { args: { state: 'reconnected' } };

/** A failure keeps its Try again. */
export const Failed: Story = { args: { state: 'failed', reason: 'reconnect-failed' } };

/**
 * The call's connection was lost for good: the room joins again by itself (after 1, 2, 4, 8, then every 15 s,
 * for `rejoin-for` seconds) and says when. Here the server stays away, so the countdown goes on.
 */
export const LostTryingAgain: Story = {
  render: ({ size, lang }) => {
    const session = threePeople(lang, 'connected');
    session.onConnect = async () => session.setState('failed', 'server-unreachable');
    setTimeout(() => session.setState('failed', 'reconnect-failed'));
    return html`<rtc-room manual lang=${lang} .session=${session} style=${SIZES[size]}><rtc-conference></rtc-conference></rtc-room>`;
  },
};

export const Left: Story = { args: { state: 'disconnected' } };

export const SpeakerLayout: Story = { args: { layout: 'speaker' } };

/** A real conference: you and the synthetic guest, on the dev server. */
export const RealConference: Story = {
  parameters: { docs: { description: { story: LIVE_NOTE } } },
  render: ({ lang }) => live(({ room, tokenEndpoint }) => html`
    <rtc-room lang=${lang} room=${room} token-endpoint=${tokenEndpoint} name="You" video="low" audio style="height: 600px">
      <rtc-conference stats languages="en zh-CN"></rtc-conference>
    </rtc-room>
  `),
};
