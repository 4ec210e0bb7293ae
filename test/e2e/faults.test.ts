import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { Room, type ReconnectPolicy } from 'livekit-client';
import '../../src/define.js';
import { RoomSession } from '../../src/core/room-session.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { deepQuery, deepQueryAll } from '../support/deep.js';

// Faults against the dev server, in real Chromium with fake devices: what the people in a call see and get
// when the server goes away and comes back.

const token = (room: string, identity: string) => executeServerCommand('dev-server-token', { room, identity, name: identity }) as Promise<string>;
const outage = (action: 'start' | 'stop') => executeServerCommand('dev-server-outage', { action }) as Promise<{ url?: string }>;

/** livekit-client gives up after one quick try, rather than after its default ~45 s. */
const quickToGiveUp: ReconnectPolicy = { nextRetryDelayInMs: ({ retryCount }) => (retryCount < 1 ? 300 : null) };
const sessionGivingUpQuickly = () => new RoomSession({ createRoom: (options) => new Room({ ...options, reconnectPolicy: quickToGiveUp }) });

/** Remote tiles of `room` that show a decoded picture. */
const remoteFrames = (room: RtcRoom) =>
  deepQueryAll(room, 'rtc-participant-video')
    .filter((tile) => tile.getAttribute('participant') !== 'local')
    .filter((tile) => (tile.shadowRoot?.querySelector('video')?.videoWidth ?? 0) > 0).length;

afterEach(async () => {
  await outage('stop');
});

describe('faults: the server goes away and comes back', () => {
  it('joins again by itself once the server is back, says when it will try, and the call has video both ways', async () => {
    const { url } = await outage('start');
    const name = `outage-${Date.now()}`;
    const rooms: RtcRoom[] = [];
    for (const identity of ['ann', 'bob']) {
      rooms.push(
        await fixture<RtcRoom>(html`<rtc-room
          lang="en"
          video
          server-url=${url!}
          .token=${await token(name, identity)}
          .session=${sessionGivingUpQuickly()}
          style="display: block; width: 640px; height: 400px"
        ></rtc-room>`),
      );
    }
    for (const room of rooms) await waitUntil(() => remoteFrames(room) === 1, 'each sees the other', { timeout: 20000 });

    await outage('stop');
    for (const room of rooms) {
      await waitUntil(() => room.connectionState === 'failed', 'livekit-client gives up', { timeout: 15000 });
      await waitUntil(() => /^Trying again by itself in \d+ s$/.test(deepQuery(room, '[part="rejoin-countdown"]')?.textContent?.trim() ?? ''), 'the countdown shows', {
        timeout: 5000,
      });
    }
    // Down long enough for the first attempt to fail too.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(rooms.map((room) => room.connectionState)).to.not.include('connected');

    await outage('start');
    for (const room of rooms) {
      await waitUntil(() => room.connectionState === 'connected', 'back in the call by itself', { timeout: 20000 });
      await waitUntil(() => remoteFrames(room) === 1, 'the other’s video again', { timeout: 20000 });
      expect(deepQuery(room, '[part="rejoin-countdown"]'), 'no countdown once back').to.equal(null);
    }
    for (const room of rooms) room.remove();
  });
});
