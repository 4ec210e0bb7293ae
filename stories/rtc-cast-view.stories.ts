import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ScriptedSession, participantView, trackView } from '../src/index.js';
import '../src/define.js';
import { syntheticVideo } from './support/synthetic-media.js';

interface CastViewArgs {
  /** Who the layout shows: `rtc-cast:<identity>`. */
  shown: string;
}

/**
 * The recorder's view of a small meeting, with no server: the layout travels as the recorder's own
 * metadata, as LiveKit's UpdateLayout sets it. On a real page Egress opens it with `?url=&token=&layout=`.
 */
function recorderSession(shown: string): ScriptedSession {
  const session = new ScriptedSession({ room: 'daily-standup' });
  session.setParticipants([
    participantView('EG_recorder', { isLocal: true, metadata: JSON.stringify({ layout: `rtc-cast:${shown}` }) }),
    participantView('alice', { name: 'Alice', tracks: [trackView('camera', { mediaStreamTrack: syntheticVideo('Alice', 20) }), trackView('microphone')] }),
    participantView('bob', { name: 'Bob Li', tracks: [trackView('camera', { mediaStreamTrack: syntheticVideo('Bob Li', 260) }), trackView('microphone')] }),
    participantView('carol', { name: 'Carol', tracks: [trackView('camera', { muted: true }), trackView('microphone')] }),
  ]);
  session.setState('connected');
  return session;
}

const meta: Meta<CastViewArgs> = {
  title: 'Elements/rtc-cast-view',
  component: 'rtc-cast-view',
  argTypes: { shown: { control: 'inline-radio', options: ['alice', 'bob', 'carol', ''] } },
  args: { shown: 'alice' },
  render: ({ shown }) =>
    html`<rtc-cast-view style="width: 640px; height: 360px" .session=${recorderSession(shown)}></rtc-cast-view>`,
};
export default meta;

type Story = StoryObj<CastViewArgs>;

/** The broadcast shows Alice, full frame, with only her sound. */
export const ShowingAlice: Story = {};

/** Switched to Bob: Alice's picture stays until Bob's first frame, then swaps. */
export const ShowingBob: Story = { args: { shown: 'bob' } };

/** The one shown has their camera off: black, and the broadcast goes on. */
export const CameraOff: Story = { args: { shown: 'carol' } };

/** No one chosen yet. */
export const NobodyChosen: Story = { args: { shown: '' } };
