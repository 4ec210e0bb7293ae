import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ScriptedSession } from '../src/index.js';
import '../src/define.js';
import { scriptedMeeting, sharingScreen } from './support/scenes.js';

interface SpeakerArgs {
  /** Who is speaking (`''`: nobody). */
  speaking: string;
  /** Who shares a screen (`''`: nobody). */
  sharing: string;
  /** The room's pin (`''`: nobody). */
  pinned: string;
  lang: string;
}

const people = ['', 'ming', 'alice', 'bob', 'wangfang'];

function meeting({ speaking, sharing }: SpeakerArgs): ScriptedSession {
  const session = scriptedMeeting();
  session.setParticipants(session.participants.get().map((p) => ({ ...p, isSpeaking: p.identity === speaking })));
  return sharingScreen(session, sharing);
}

const meta: Meta<SpeakerArgs> = {
  title: 'Elements/rtc-speaker-layout',
  component: 'rtc-speaker-layout',
  argTypes: {
    speaking: { control: 'select', options: people },
    sharing: { control: 'select', options: people },
    pinned: { control: 'select', options: people },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  args: { speaking: 'alice', sharing: '', pinned: '', lang: 'en' },
  render: (args) => html`
    <rtc-room
      manual
      lang=${args.lang}
      layout="speaker"
      pinned=${args.pinned}
      .session=${meeting(args)}
      style="display: block; padding: 8px; background: #111418; color: #f3f5f7"
    >
      <rtc-speaker-layout style="height: 480px"></rtc-speaker-layout>
    </rtc-room>
  `,
};
export default meta;

type Story = StoryObj<SpeakerArgs>;

/** Alice speaks: she is on the stage, everyone else (you included) in the filmstrip. */
export const ActiveSpeaker: Story = {};

/** Bob speaks with his camera off: his initials take the stage. */
export const SpeakerWithCameraOff: Story = { args: { speaking: 'bob' } };

/** 王芳 is pinned (the pin button on any tile does this): she keeps the stage while Alice speaks. */
export const Pinned: Story = { args: { pinned: 'wangfang' } };

/** Bob shares his screen: it takes the stage, shown whole; his camera tile stays in the filmstrip. */
export const ScreenShare: Story = { args: { sharing: 'bob' } };

/** A pin beats a screen share: the share waits in the filmstrip. */
export const PinnedWhileSomeoneShares: Story = { args: { sharing: 'bob', pinned: 'alice' } };

/** Your own share takes the stage only while nobody else shares. */
export const SharingYourScreen: Story = { args: { sharing: 'ming' } };

export const Chinese: Story = { args: { lang: 'zh-CN', sharing: 'wangfang' } };

/** A wide, low box (a phone held sideways): the filmstrip goes beside the stage. */
export const Sideways: Story = {
  render: (args) => html`
    <rtc-room manual lang=${args.lang} layout="speaker" .session=${meeting(args)} style="display: block; padding: 8px; background: #111418; color: #f3f5f7; width: 844px">
      <rtc-speaker-layout style="height: 330px"></rtc-speaker-layout>
    </rtc-room>
  `,
};
