import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RoomSession } from '../../src/core/room-session.js';
import type { ParticipantUpdatedDetail } from '../../src/core/types.js';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { deepQuery } from '../support/deep.js';

// User data (Wilddog's userData): set on join, seen by everyone, updated live, limited in size.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let counter = 0;
const uniqueRoom = () => `userdata-${Date.now()}-${counter++}`;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('user data', () => {
  it('is set on join, seen by everyone, shown as a badge, and updated live', async () => {
    const room = uniqueRoom();
    const url = await serverUrl();
    const alice = document.createElement('rtc-room') as RtcRoom;
    alice.serverUrl = url;
    alice.token = await token({ room, identity: 'alice', name: 'Alice' });
    alice.metadata = JSON.stringify({ title: '<b>PM</b>' });
    alice.participantAttributes = { role: 'host' };
    const bob = document.createElement('rtc-room') as RtcRoom;
    bob.serverUrl = url;
    bob.token = await token({ room, identity: 'bob', name: 'Bob' });
    bob.badgeAttribute = 'role';
    const updates: ParticipantUpdatedDetail[] = [];
    bob.addEventListener('rtc-participant-updated', ({ detail }) => updates.push(detail));
    document.body.append(alice, bob);
    cleanups.push(() => alice.remove(), () => bob.remove());

    const aliceAtBob = () => bob.session.participants.get().find((p) => p.identity === 'alice');
    await waitUntil(() => aliceAtBob()?.attributes.role === 'host' && aliceAtBob()?.metadata, 'bob sees alice’s user data', { timeout: 10000 });
    expect(JSON.parse(aliceAtBob()!.metadata!)).to.deep.equal({ title: '<b>PM</b>' });
    const badge = () =>
      deepQuery(bob, 'rtc-grid')?.shadowRoot?.querySelector('rtc-participant-video[participant="alice"]')?.shadowRoot?.querySelector('[part="badge"]');
    await waitUntil(() => badge()?.textContent === 'host', 'alice’s tile shows her role', { timeout: 5000 });

    await (alice.session as RoomSession).setUserData({ attributes: { role: '<i>presenter</i>' } });
    await waitUntil(() => updates.some((u) => u.identity === 'alice' && u.attributes.role === '<i>presenter</i>'), 'bob hears of the change', { timeout: 5000 });
    await waitUntil(() => badge()?.textContent === '<i>presenter</i>', 'the badge follows, as text', { timeout: 5000 });
  });

  it('applies changes in the order asked: the page’s right after joining wins over the join’s', async () => {
    const room = uniqueRoom();
    const dave = new RoomSession();
    const erin = new RoomSession();
    cleanups.push(() => dave.leave(), () => erin.leave());
    await erin.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'erin' }) });
    await dave.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'dave' }), attributes: { role: 'guest' }, metadata: 'joined' });
    await dave.setUserData({ attributes: { role: 'host' } });
    const daveAtErin = () => erin.participants.get().find((p) => p.identity === 'dave');
    await waitUntil(() => daveAtErin()?.attributes.role === 'host', 'erin sees the later role', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(daveAtErin()!.attributes.role, 'and it stays').to.equal('host');
    expect(daveAtErin()!.metadata, 'the metadata set on joining stands').to.equal('joined');
  });

  it('refuses user data over the limit with a code, before sending anything', async () => {
    let asked = 0;
    const session = new RoomSession();
    cleanups.push(() => session.leave());
    const failure = await session
      .connect({
        serverUrl: await serverUrl(),
        room: uniqueRoom(),
        metadata: 'x'.repeat(20_000),
        token: async () => {
          asked++;
          return { token: 'never used' };
        },
      })
      .then(
        () => undefined,
        (error: { code: string }) => error.code,
      );
    expect(failure).to.equal('user-data-too-large');
    expect(asked, 'no token was even asked for').to.equal(0);
    expect(session.connection.get()).to.include({ state: 'failed', reason: 'user-data-too-large' });

    const room = uniqueRoom();
    await session.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'carol' }), attributes: { role: 'guest' } });
    const tooMany = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`key-${i}`, 'v'.repeat(40)]));
    const refused = await session.setUserData({ attributes: tooMany }).then(
      () => undefined,
      (error: { code: string }) => error.code,
    );
    expect(refused).to.equal('user-data-too-large');
    await waitUntil(() => session.participants.get().find((p) => p.isLocal)?.attributes.role === 'guest', 'the join’s attributes stand', { timeout: 5000 });
    expect(Object.keys(session.participants.get().find((p) => p.isLocal)!.attributes)).to.deep.equal(['role']);
  });
});
