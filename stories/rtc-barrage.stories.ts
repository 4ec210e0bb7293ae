import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ScriptedSession } from '../src/index.js';
import '../src/define.js';
import { loopbackTransport } from './support/scripted-chat.js';

interface BarrageArgs {
  lanes: number;
  rate: number;
}

/** Viewers cheering over a video, a few messages a second, from a scripted session. */
function cheering(rate: number): ScriptedSession {
  const session = new ScriptedSession({ room: 'live-show' });
  session.setState('connected');
  session.messages.connected(loopbackTransport('ming', {}));
  const lines = ['666', '加油！', 'Great point', '好看', 'Ha ha ha', '来了来了', 'Can you show the chart again?'];
  let count = 0;
  const send = () => {
    const text = lines[count % lines.length]!;
    const packet = new TextEncoder().encode(JSON.stringify({ v: 1, id: `b${count}`, text, sentAt: Date.now() }));
    session.messages.receiveData(`viewer-${count % 5}`, 'rtc.barrage', packet);
    count++;
  };
  send();
  // A few minutes of it: a story left open does not cheer forever.
  if (rate > 0) {
    const cheer = setInterval(send, 1000 / rate);
    setTimeout(() => clearInterval(cheer), 5 * 60_000);
  }
  return session;
}

const meta: Meta<BarrageArgs> = {
  title: 'Elements/rtc-barrage',
  component: 'rtc-barrage',
  args: { lanes: 4, rate: 3 },
  render: ({ lanes, rate }) => html`<div style="position: relative; width: 640px; height: 360px; background: linear-gradient(135deg, #234, #456)">
    <rtc-barrage lanes=${lanes} .session=${cheering(rate)}></rtc-barrage>
  </div>`,
};
export default meta;

type Story = StoryObj<BarrageArgs>;

/** A few messages a second over a video. */
export const OverVideo: Story = {};

/** Busier: more than the screen takes; the rest are counted in `dropped`. */
export const Crowded: Story = { args: { rate: 20, lanes: 6 } };
