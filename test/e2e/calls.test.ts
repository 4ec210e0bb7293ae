import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { CallClient, isCallOver, type Call, type CallState, type IncomingCall } from '../../src/core/calls.js';
import type { TokenProvider } from '../../src/core/token.js';
import { framesIn } from '../support/media.js';

// 1:1 calls with the real livekit-client against the dev server: several people (and tabs) in one page, each
// with its own presence connection, ringing each other over RPC and meeting in a call room.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token: TokenProvider = async ({ room, identity, name }) => ({
  token: (await executeServerCommand('dev-server-token', { room, identity, name })) as string,
  serverUrl: await serverUrl(),
});
let counter = 0;

const clients: CallClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.disconnect()));
});

interface Person {
  client: CallClient;
  incoming: IncomingCall[];
  /** Every state each call went through, by call id. */
  history: Map<string, CallState[]>;
}

/** Signs `userId` in to this test's own presence room (a new tab each time). */
async function signIn(presenceRoom: string, userId: string, options: { isBusy?: () => boolean } = {}): Promise<Person> {
  const client = new CallClient({ userId, name: userId[0]!.toUpperCase() + userId.slice(1), token, presenceRoom, absenceGraceMs: 1000, ...options });
  clients.push(client);
  const incoming: IncomingCall[] = [];
  const history = new Map<string, CallState[]>();
  client.on('incoming', (call) => incoming.push(call));
  client.on('call-state-changed', ({ call, state }) => history.set(call.id, [...(history.get(call.id) ?? []), state]));
  await client.connect();
  return { client, incoming, history };
}

async function people(...userIds: string[]): Promise<Person[]> {
  const room = `presence-${Date.now()}-${counter++}`;
  const signedIn: Person[] = [];
  for (const userId of userIds) signedIn.push(await signIn(room, userId));
  // Everyone sees everyone before a test starts calling.
  await waitUntil(
    () => signedIn.every((person) => new Set(signedIn.map((other) => other.client.userId).filter((id) => id !== person.client.userId)).size === person.client.users.get().length),
    'everyone is online for everyone',
    { timeout: 10000 },
  );
  return signedIn;
}

const stateOf = (call: Call | undefined) => call?.state.get();
const waitForState = (call: Call | undefined, state: CallState, message: string) =>
  waitUntil(() => stateOf(call) === state, `${message} (is ${stateOf(call)})`, { timeout: 15000 });

async function expectBothInTheRoom(a: Call, b: Call): Promise<void> {
  expect(a.room).to.equal(b.room);
  const sessionA = await a.result;
  const sessionB = await b.result;
  for (const [session, peer] of [
    [sessionA, b.session!.participants.get().find((p) => p.isLocal)!.identity],
    [sessionB, a.session!.participants.get().find((p) => p.isLocal)!.identity],
  ] as const) {
    await waitUntil(() => session.participants.get().find((p) => p.identity === peer)?.tracks.find((t) => t.source === 'camera')?.mediaStreamTrack, 'the other side’s camera arrives', { timeout: 15000 });
    const camera = session.participants.get().find((p) => p.identity === peer)!.tracks.find((t) => t.source === 'camera')!;
    (await framesIn(camera.mediaStreamTrack!, `frames from ${peer}`)).remove();
  }
}

describe('calls: the basic answers', () => {
  it('rings the callee, who accepts: both land in the same room with each other’s media', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob', { userData: 'about the <b>release</b>' });
    expect(call.state.get()).to.equal('inviting');
    await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
    const incoming = bob!.incoming[0]!;
    expect(incoming.peer).to.deep.equal({ userId: 'alice', name: 'Alice' });
    expect(incoming.userData).to.equal('about the <b>release</b>');
    expect(incoming.media).to.deep.equal({ audio: true, video: true });
    await waitForState(call, 'ringing', 'alice hears it ring');
    incoming.accept();
    await waitForState(call, 'connected', 'alice is connected');
    await waitForState(incoming, 'connected', 'bob is connected');
    await expectBothInTheRoom(call, incoming);
    expect(alice!.history.get(call.id)).to.deep.equal(['inviting', 'ringing', 'accepted', 'connecting', 'connected']);
    expect(bob!.history.get(incoming.id)).to.deep.equal(['ringing', 'accepting', 'accepted', 'connecting', 'connected']);

    incoming.hangUp();
    await waitForState(call, 'ended', 'bob hanging up ends it for alice');
    expect(alice!.client.calls.get()).to.deep.equal([]);
  });

  it('tells the caller when the callee declines, and the callee’s phone stops', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob');
    await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
    bob!.incoming[0]!.reject();
    await waitForState(call, 'rejected', 'alice hears the refusal');
    expect(stateOf(bob!.incoming[0])).to.equal('rejected');
    const error = await call.result.catch((e) => e);
    expect(error.code).to.equal('call-ended');
  });

  it('stops the callee’s phone when the caller cancels', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob');
    await waitForState(call, 'ringing', 'it rings');
    call.cancel();
    expect(call.state.get()).to.equal('cancelled');
    await waitForState(bob!.incoming[0], 'cancelled', 'bob’s phone stops');
  });

  it('gives up after the timeout: no answer for the caller, a missed call for the callee', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob', { timeoutMs: 3000 });
    await waitForState(call, 'ringing', 'it rings');
    await waitForState(call, 'timeout', 'nobody answers');
    await waitForState(bob!.incoming[0], 'missed', 'bob missed it');
  });

  it('answers a call to someone offline at once, without sending anything', async () => {
    const [alice] = await people('alice', 'bob');
    const sent: string[] = [];
    const presence = alice!.client.presence;
    const performRpc = presence.performRpc.bind(presence);
    presence.performRpc = (params) => {
      sent.push(params.method);
      return performRpc(params);
    };
    const call = alice!.client.invite('carol');
    await Promise.resolve();
    await Promise.resolve();
    // Decided from presence alone: no RPC went out, so no 7 s acknowledgement timer was involved.
    expect(call.state.get()).to.equal('unavailable');
    expect(sent).to.deep.equal([]);
  });

  it('says busy when the callee is in another call', async () => {
    const [alice, bob, carol] = await people('alice', 'bob', 'carol');
    const first = alice!.client.invite('bob');
    await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
    bob!.incoming[0]!.accept();
    await waitForState(first, 'connected', 'alice and bob talk');
    const second = carol!.client.invite('bob');
    await waitForState(second, 'busy', 'carol hears busy');
    expect(bob!.incoming.length, 'bob’s phone never rang for carol').to.equal(1);
  });
});

describe('calls: the hard cases', () => {
  it('rings every tab of the callee; the first to accept wins and the other stops ringing', async () => {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = await signIn(room, 'alice');
    const bobLaptop = await signIn(room, 'bob');
    const bobPhone = await signIn(room, 'bob');
    await waitUntil(() => alice.client.users.get()[0]?.tabs === 2, 'alice sees both of bob’s tabs', { timeout: 10000 });
    const call = alice.client.invite('bob');
    await waitUntil(() => bobLaptop.incoming.length === 1 && bobPhone.incoming.length === 1, 'both tabs ring', { timeout: 10000 });
    // Both pick up at the same moment: the caller decides.
    bobPhone.incoming[0]!.accept();
    bobLaptop.incoming[0]!.accept();
    await waitForState(call, 'connected', 'alice is connected');
    await waitUntil(
      () => [bobLaptop, bobPhone].some((tab) => stateOf(tab.incoming[0]) === 'connected') && [bobLaptop, bobPhone].some((tab) => isCallOver(stateOf(tab.incoming[0])!)),
      'one tab is in the call and the other has stopped',
      { timeout: 10000 },
    );
    const winners = [bobLaptop, bobPhone].filter((tab) => stateOf(tab.incoming[0]) === 'connected');
    const losers = [bobLaptop, bobPhone].filter((tab) => stateOf(tab.incoming[0]) !== 'connected');
    expect(winners.length).to.equal(1);
    expect(stateOf(losers[0]!.incoming[0])).to.equal('answered-elsewhere');
  });

  it('declining on one tab declines for the person: the other tab stops ringing', async () => {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = await signIn(room, 'alice');
    const bobLaptop = await signIn(room, 'bob');
    const bobPhone = await signIn(room, 'bob');
    await waitUntil(() => alice.client.users.get()[0]?.tabs === 2, 'alice sees both tabs', { timeout: 10000 });
    const call = alice.client.invite('bob');
    await waitUntil(() => bobLaptop.incoming.length === 1 && bobPhone.incoming.length === 1, 'both tabs ring', { timeout: 10000 });
    bobPhone.incoming[0]!.reject();
    await waitForState(call, 'rejected', 'alice hears the refusal');
    await waitForState(bobLaptop.incoming[0], 'rejected-elsewhere', 'the laptop stops ringing');
  });

  it('keeps one call when both call each other at the same moment', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const fromAlice = alice!.client.invite('bob');
    const fromBob = bob!.client.invite('alice');
    await waitUntil(
      () => alice!.client.calls.get().some((c) => c.state.get() === 'connected') && bob!.client.calls.get().some((c) => c.state.get() === 'connected'),
      'both end up connected',
      { timeout: 15000 },
    );
    const aliceCall = alice!.client.calls.get()[0]!;
    const bobCall = bob!.client.calls.get()[0]!;
    expect(alice!.client.calls.get().length, 'one call at alice').to.equal(1);
    expect(bob!.client.calls.get().length, 'one call at bob').to.equal(1);
    expect(aliceCall.id, 'the same call on both sides').to.equal(bobCall.id);
    expect(aliceCall.id, 'the smaller id survives').to.equal([fromAlice.id, fromBob.id].sort()[0]);
    const loser = fromAlice.id === aliceCall.id ? fromBob : fromAlice;
    expect(loser.state.get()).to.equal('cancelled');
    expect(loser.replacedBy?.id).to.equal(aliceCall.id);
    expect(alice!.incoming.length + bob!.incoming.length, 'nobody was asked to pick up').to.equal(0);
    await expectBothInTheRoom(aliceCall, bobCall);
  });

  it('never leaves one side connected and the other cancelled when a cancel races an accept', async () => {
    for (const delay of [0, 5, 20, 50]) {
      const [alice, bob] = await people('alice', 'bob');
      const call = alice!.client.invite('bob');
      await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
      const incoming = bob!.incoming[0]!;
      incoming.accept();
      await new Promise((resolve) => setTimeout(resolve, delay));
      call.cancel();
      await waitUntil(() => !['accepting', 'accepted', 'connecting', 'ringing'].includes(stateOf(incoming)!), `bob settles (delay ${delay})`, { timeout: 15000 });
      await waitUntil(() => !['accepted', 'connecting', 'ringing', 'inviting'].includes(stateOf(call)!), `alice settles (delay ${delay})`, { timeout: 15000 });
      const outcome = [stateOf(call), stateOf(incoming)];
      expect([
        ['cancelled', 'cancelled'],
        ['ended', 'ended'],
      ], `delay ${delay}: ${outcome}`).to.deep.include(outcome);
      await Promise.all(clients.splice(0).map((client) => client.disconnect()));
    }
  });

  it('keeps ringing through a reconnect of either side, and the call still connects', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob');
    await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
    await bob!.client.presence.room!.simulateScenario('full-reconnect');
    await alice!.client.presence.room!.simulateScenario('signal-reconnect');
    await waitUntil(() => bob!.client.state.get() === 'online' && alice!.client.state.get() === 'online', 'both are back', { timeout: 15000 });
    await waitForState(call, 'ringing', 'alice still hears it ring');
    expect(stateOf(bob!.incoming[0])).to.equal('ringing');
    bob!.incoming[0]!.accept();
    await waitForState(call, 'connected', 'alice is connected');
    await waitForState(bob!.incoming[0], 'connected', 'bob is connected');
  });

  it('gives up on a callee whose only tab closes while ringing, and on a caller who vanishes', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob');
    await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
    // Bob's tab goes away without a word (closed, crashed).
    await bob!.client.presence.room!.disconnect();
    await waitForState(call, 'unavailable', 'alice stops waiting for bob');
  });
});
