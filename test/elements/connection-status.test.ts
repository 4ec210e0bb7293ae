import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/connection-status/rtc-connection-status.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcConnectionStatus } from '../../src/elements/connection-status/connection-status.js';
import { RtcError } from '../../src/core/errors.js';
import { FakeSession } from '../support/fake-session.js';

const line = (el: RtcConnectionStatus) => el.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;
const words = (el: RtcConnectionStatus) => el.shadowRoot!.querySelector('[part="text"]')!.textContent;

async function statusFor(session: FakeSession, lang = 'en') {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><rtc-connection-status .session=${session}></rtc-connection-status></div>`);
  return wrapper.querySelector('rtc-connection-status')!;
}

describe('rtc-connection-status', () => {
  it('shows and announces every connection state, reflected for styling', async () => {
    const session = new FakeSession();
    const el = await statusFor(session);
    expect(line(el).getAttribute('role')).to.equal('status');
    expect(line(el).getAttribute('aria-live')).to.equal('polite');
    const seen: [string, string | null][] = [];
    const cases: [Parameters<FakeSession['setState']>[0], Parameters<FakeSession['setState']>[1]?][] = [
      ['idle'],
      ['connecting'],
      ['connected'],
      ['reconnecting'],
      ['reconnected'],
      ['failed', 'reconnect-failed'],
      ['kicked', 'kicked'],
      ['kicked', 'duplicate-identity'],
      ['disconnected'],
    ];
    for (const [state, reason] of cases) {
      session.setState(state, reason);
      await el.updateComplete;
      seen.push([words(el)!, el.getAttribute('state')]);
    }
    expect(seen).to.deep.equal([
      ['Not connected', 'idle'],
      ['Connecting…', 'connecting'],
      ['Connected', 'connected'],
      ['Connection lost, reconnecting…', 'reconnecting'],
      ['Reconnected', 'reconnected'],
      ['Connection failed: The connection was lost and could not be restored.', 'failed'],
      ['You were removed from the room', 'kicked'],
      ['You were removed from the room: You joined this room from somewhere else.', 'kicked'],
      ['You left the room', 'disconnected'],
    ]);
  });

  it('speaks Chinese where the page does', async () => {
    const session = new FakeSession();
    const el = await statusFor(session, 'zh-CN');
    session.setState('kicked', 'kicked');
    await el.updateComplete;
    expect(words(el)).to.equal('你已被移出房间');
    session.setState('failed', 'room-full');
    await el.updateComplete;
    expect(words(el)).to.equal('连接失败: 房间已满。');
  });

  it('adds a problem that does not end the call, until the state changes', async () => {
    const session = new FakeSession();
    session.setState('connected');
    const el = await statusFor(session);
    session.emit('error', new RtcError('device-not-found', 'no camera'));
    await el.updateComplete;
    expect(words(el)).to.equal('Connected. No camera or microphone was found. Connect one, or join without it.');
    session.setState('reconnecting');
    await el.updateComplete;
    expect(words(el)).to.equal('Connection lost, reconnecting…');
  });

  it('when quiet, shows nothing while all is well but keeps announcing', async () => {
    const session = new FakeSession();
    session.setState('connected');
    const wrapper = await fixture<HTMLElement>(html`<div><rtc-connection-status quiet .session=${session}></rtc-connection-status></div>`);
    const el = wrapper.querySelector('rtc-connection-status')!;
    await el.updateComplete;
    expect(line(el).getBoundingClientRect().width, 'out of sight').to.be.at.most(1);
    expect(words(el)).to.equal('Connected');
    session.setState('reconnecting');
    await el.updateComplete;
    expect(line(el).getBoundingClientRect().width, 'trouble shows').to.be.above(50);
  });

  it('finds the session of the room it is in', async () => {
    const session = new FakeSession();
    const room = await fixture(html`<rtc-room manual .session=${session}><rtc-connection-status></rtc-connection-status></rtc-room>`);
    const el = room.querySelector('rtc-connection-status')!;
    session.setState('connecting');
    await el.updateComplete;
    expect(words(el)).to.equal('Connecting…');
    expect(room.shadowRoot!.querySelector('rtc-connection-status'), 'the room does not announce it a second time').to.equal(null);
  });

  it('is accessible in every state that shows', async () => {
    const session = new FakeSession();
    const el = await statusFor(session);
    for (const state of ['connecting', 'connected', 'failed'] as const) {
      session.setState(state, state === 'failed' ? 'server-unreachable' : undefined);
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
  });
});
