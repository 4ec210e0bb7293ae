import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { ScriptedSession } from '../../src/core/scripted-session.js';
import { deepQuery, settled } from '../support/deep.js';

// <rtc-room> joins again by itself when a call's connection is lost for good, and says when; the real outage
// against the dev server is in test/e2e/faults.test.ts.

async function roomIn(call: { lang?: string; rejoinFor?: number } = {}) {
  const session = new ScriptedSession({ room: 'r' });
  const room = await fixture<RtcRoom>(
    html`<rtc-room manual lang=${call.lang ?? 'en'} rejoin-for=${call.rejoinFor ?? 120} .session=${session} style="display: block; width: 800px; height: 600px"></rtc-room>`,
  );
  let joins = 0;
  session.onConnect = async () => {
    joins++;
    session.setState('connected');
  };
  await room.connect();
  await settled(room);
  return { room, session, joins: () => joins };
}

const countdown = (room: RtcRoom) => deepQuery<HTMLElement>(room, '[part="rejoin-countdown"]')?.textContent?.trim();

describe('<rtc-room> joining again by itself', () => {
  it('tries again a second after the call is lost, says so in the notice, and is back in the call', async () => {
    const { room, session, joins } = await roomIn();
    session.setState('failed', 'reconnect-failed');
    await waitUntil(() => countdown(room), 'the countdown shows');
    expect(countdown(room)).to.equal('Trying again by itself in 1 s');
    expect(deepQuery(room, '[part="retry"]'), 'Try again is still there').to.exist;
    await waitUntil(() => session.connection.get().state === 'connected', 'back in the call', { timeout: 3000 });
    expect(joins()).to.equal(2);
    await settled(room);
    expect(countdown(room), 'no countdown once connected').to.equal(undefined);
  });

  it('waits longer after each failed attempt (1, then 2 s), in Chinese too', async () => {
    const { room, session } = await roomIn({ lang: 'zh-CN' });
    session.onConnect = async () => session.setState('failed', 'server-unreachable');
    session.setState('failed', 'reconnect-failed');
    await waitUntil(() => countdown(room) === '1 秒后自动重试', 'the first countdown');
    await waitUntil(() => countdown(room) === '2 秒后自动重试', 'the second attempt failed: two seconds', { timeout: 3000 });
  });

  it('does not try again for what another attempt cannot heal, nor when rejoin-for is 0', async () => {
    const refused = await roomIn();
    refused.session.setState('failed', 'unauthorized');
    await settled(refused.room);
    expect(countdown(refused.room), 'a refused token').to.equal(undefined);
    const off = await roomIn({ rejoinFor: 0 });
    off.session.setState('failed', 'reconnect-failed');
    await settled(off.room);
    expect(countdown(off.room), 'rejoin-for="0"').to.equal(undefined);
    expect(off.room.autoRejoin.nextAttemptAt.get()).to.equal(undefined);
  });

  it('stops counting down when the person leaves', async () => {
    const { room, session } = await roomIn();
    session.setState('failed', 'reconnect-failed');
    await waitUntil(() => countdown(room), 'the countdown shows');
    await room.leave();
    await settled(room);
    expect(room.autoRejoin.nextAttemptAt.get(), 'left: nothing scheduled').to.equal(undefined);
  });
});
