import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RoomSession } from '../../src/core/room-session.js';
import { playKey, type PlayStateDetail, type PublishStateDetail } from '../../src/core/track-states.js';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { deepQuery } from '../support/deep.js';

// Publish and play states (ZEGO's publisher and player states) with the real livekit-client and the dev server.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let counter = 0;
const uniqueRoom = () => `states-${Date.now()}-${counter++}`;
const sessions: RoomSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.leave()));
});

/** The states in order, a repeat of the same state left out. */
const walk = (states: string[]) => states.filter((state, i) => state !== states[i - 1]);

describe('publish and play states', () => {
  it('walk their sequences on publish, camera off and on, and unpublish, on both sides', async () => {
    const room = uniqueRoom();
    const alice = new RoomSession();
    const bob = new RoomSession();
    sessions.push(alice, bob);
    const published: string[] = [];
    const played: string[] = [];
    alice.on('publish-state-changed', (detail: PublishStateDetail) => detail.source === 'camera' && published.push(detail.state));
    bob.on('play-state-changed', (detail: PlayStateDetail) => detail.identity === 'alice' && detail.source === 'camera' && played.push(detail.state));
    // Bob is there first, so he hears of alice's camera before it arrives.
    await bob.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'bob' }) });
    await alice.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'alice' }), publish: { video: 'low', audio: true } });
    const bobSees = () => bob.trackStates.get().play[playKey('alice', 'camera')];
    await waitUntil(() => alice.trackStates.get().publish.camera === 'publishing' && bobSees() === 'playing', 'the camera goes out and arrives', { timeout: 15000 });
    await waitUntil(() => alice.trackStates.get().publish.microphone === 'publishing', 'the microphone goes out too', { timeout: 10000 });

    await alice.setCameraEnabled(false);
    await waitUntil(() => alice.trackStates.get().publish.camera === 'stopped' && bobSees() === 'stopped', 'camera off: stopped on both sides', { timeout: 10000 });
    await alice.setCameraEnabled(true);
    await waitUntil(() => alice.trackStates.get().publish.camera === 'publishing' && bobSees() === 'playing', 'camera on again', { timeout: 15000 });
    await alice.unpublish('camera');
    await waitUntil(() => alice.trackStates.get().publish.camera === 'stopped' && bobSees() === undefined, 'unpublished', { timeout: 10000 });

    expect(walk(published)).to.deep.equal(['requesting', 'publishing', 'stopped', 'publishing', 'stopped']);
    expect(walk(played)).to.deep.equal(['requesting', 'playing', 'stopped', 'playing', 'stopped']);
  });

  it('are told by <rtc-room> as DOM events and shown on the tiles', async () => {
    const room = uniqueRoom();
    const url = await serverUrl();
    const elements = await Promise.all(
      (['alice', 'bob'] as const).map(async (identity) => {
        const element = document.createElement('rtc-room') as RtcRoom;
        element.serverUrl = url;
        element.token = await token({ room, identity });
        if (identity === 'alice') element.video = 'low';
        return element;
      }),
    );
    const [aliceRoom, bobRoom] = elements as [RtcRoom, RtcRoom];
    const publishEvents: string[] = [];
    const playEvents: string[] = [];
    aliceRoom.addEventListener('rtc-publish-state-changed', ({ detail }) => publishEvents.push(`${detail.source}:${detail.state}`));
    bobRoom.addEventListener('rtc-play-state-changed', ({ detail }) => playEvents.push(`${detail.identity}:${detail.source}:${detail.state}`));
    document.body.append(aliceRoom, bobRoom);
    try {
      const tile = (element: RtcRoom, identity: string) =>
        deepQuery(element, 'rtc-grid')?.shadowRoot?.querySelector(`rtc-participant-video[participant="${identity}"]`);
      await waitUntil(() => tile(bobRoom, 'alice')?.getAttribute('media-state') === 'playing', 'bob’s tile of alice says playing', { timeout: 15000 });
      await waitUntil(() => tile(aliceRoom, 'local')?.getAttribute('media-state') === 'publishing', 'alice’s own tile says publishing', { timeout: 15000 });
      expect(publishEvents).to.include('camera:publishing');
      expect(playEvents).to.include('alice:camera:playing');
    } finally {
      elements.forEach((element) => element.remove());
    }
  });
});
