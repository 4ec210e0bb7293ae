import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { RoomSession } from '../../src/core/room-session.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { fakeToken } from '../support/fake-livekit-room.js';
import { deepQuery } from '../support/deep.js';

// Real livekit-client, no fake Room: what a person gets when the server is not there.
// Port 9 (discard) is closed on test machines, so the connection is refused at once.
const closedServer = 'ws://127.0.0.1:9';

describe('RoomSession with the real livekit-client', () => {
  it('fails with server-unreachable when nothing listens at the server URL', async () => {
    const session = new RoomSession();
    const failure = await session.connect({ serverUrl: closedServer, token: fakeToken() }).catch((e) => e);
    expect(failure.code).to.equal('server-unreachable');
    expect(session.connection.get()).to.include({ state: 'failed', previous: 'connecting', reason: 'server-unreachable' });
  });

  it('<rtc-room> shows the failure and dispatches rtc-error, without throwing', async () => {
    const element = document.createElement('rtc-room') as RtcRoom;
    element.serverUrl = closedServer;
    element.token = fakeToken();
    const error = oneEvent(element, 'rtc-error');
    const el = await fixture<RtcRoom>(element);
    expect((await error).detail.code).to.equal('server-unreachable');
    await el.updateComplete;
    expect(el.getAttribute('connection-state')).to.equal('failed');
    const status = deepQuery(el, 'rtc-connection-status') as HTMLElementTagNameMap['rtc-connection-status'];
    await status.updateComplete;
    expect(status.text).to.equal('Connection failed: The server could not be reached.');
  });

  it('<rtc-room> reports a malformed server URL as invalid-url', async () => {
    const element = document.createElement('rtc-room') as RtcRoom;
    element.serverUrl = 'localhost:7880';
    element.token = fakeToken();
    const error = oneEvent(element, 'rtc-error');
    await fixture(html`${element}`);
    expect((await error).detail.code).to.equal('invalid-url');
  });
});
