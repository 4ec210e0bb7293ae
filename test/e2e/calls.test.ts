import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { CallClient, isCallOver, type Call, type CallState, type IncomingCall } from '../../src/core/calls.js';
import type { TokenProvider } from '../../src/core/token.js';
import { framesIn, waitForFrames } from '../support/media.js';
import '../../src/define.js';
import type { RtcCallCenter } from '../../src/elements/call-center/call-center.js';
import type { CallStateChangedDetail } from '../../src/events/call-state-changed.js';
import type { CallIncomingDetail } from '../../src/events/call-incoming.js';
import type { CallRequestDetail } from '../../src/events/call-request.js';
import type { CallAcceptRequestDetail } from '../../src/events/call-accept-request.js';
import { deepQuery } from '../support/deep.js';

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
async function waitForState(call: Call | undefined, state: CallState, message: string): Promise<void> {
  try {
    await waitUntil(() => stateOf(call) === state, message, { timeout: 15000 });
  } catch {
    // Said at the timeout, not when the wait began.
    throw new Error(`Timeout: ${message} (still ${stateOf(call)})`);
  }
}

/**
 * Runs `action` the moment `call` enters `state`. For a state that lasts a few milliseconds (`connecting` on a
 * single-connection join), which polling would miss.
 */
function onEntering(call: Call, state: CallState, action: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Timeout: waiting for ${state} (still ${stateOf(call)})`));
    }, 15000);
    const stop = call.state.subscribe((now) => {
      if (now !== state) return;
      clearTimeout(timer);
      // After the other listeners have heard of the state, as a page's own listener would act.
      queueMicrotask(() => {
        stop();
        action();
        resolve();
      });
    });
  });
}

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
  async function aliceRingsBothOfBobsTabs() {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = await signIn(room, 'alice');
    const bobLaptop = await signIn(room, 'bob');
    const bobPhone = await signIn(room, 'bob');
    await waitUntil(() => alice.client.users.get()[0]?.tabs === 2, 'alice sees both of bob’s tabs', { timeout: 10000 });
    const call = alice.client.invite('bob');
    await waitUntil(() => bobLaptop.incoming.length === 1 && bobPhone.incoming.length === 1, 'both tabs ring', { timeout: 10000 });
    return { call, bobLaptop, bobPhone };
  }

  it('rings every tab of the callee; the first to accept wins and the other stops ringing', async () => {
    const { call, bobLaptop, bobPhone } = await aliceRingsBothOfBobsTabs();
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
    const { call, bobLaptop, bobPhone } = await aliceRingsBothOfBobsTabs();
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
    // From "before the acceptance arrives" to "while both are on their way into the call's room".
    for (const delay of [0, 5, 20, 50, 150, 400]) {
      const [alice, bob] = await people('alice', 'bob');
      const call = alice!.client.invite('bob');
      await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
      const incoming = bob!.incoming[0]!;
      incoming.accept();
      await new Promise((resolve) => setTimeout(resolve, delay));
      call.cancel();
      // Settled means over: a side may pass through "connected" on its way to "ended" when the cancel comes late.
      await waitUntil(() => isCallOver(stateOf(call)!), `alice settles (delay ${delay})`, { timeout: 15000 });
      await waitUntil(() => isCallOver(stateOf(incoming)!), `bob settles (delay ${delay})`, { timeout: 15000 });
      const outcome = [stateOf(call), stateOf(incoming)];
      expect([
        ['cancelled', 'cancelled'],
        ['ended', 'ended'],
      ], `delay ${delay}: ${outcome}`).to.deep.include(outcome);
      await Promise.all(clients.splice(0).map((client) => client.disconnect()));
    }
  });

  it('tells the other side at once when one hangs up on the way into the call', async () => {
    for (const side of ['caller', 'callee'] as const) {
      const [alice, bob] = await people('alice', 'bob');
      const call = alice!.client.invite('bob');
      await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
      const incoming = bob!.incoming[0]!;
      incoming.accept();
      const leaving = side === 'caller' ? call : incoming;
      await onEntering(leaving, 'connecting', () => leaving.hangUp());
      const other = side === 'caller' ? incoming : call;
      // Without a word the other side would wait for the peer join timeout and fail.
      await waitUntil(() => isCallOver(stateOf(other)!), `the other side of the ${side} hears`, { timeout: 10000 });
      expect(stateOf(other), side).to.equal('ended');
      await Promise.all(clients.splice(0).map((client) => client.disconnect()));
    }
  });

  it('keeps the call through a full reconnect of one side in the call’s room', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const call = alice!.client.invite('bob');
    await waitUntil(() => bob!.incoming.length === 1, 'bob’s phone rings', { timeout: 10000 });
    bob!.incoming[0]!.accept();
    await waitForState(call, 'connected', 'alice is connected');
    await waitForState(bob!.incoming[0], 'connected', 'bob is connected');
    await bob!.incoming[0]!.session!.room!.simulateScenario('full-reconnect');
    await waitUntil(() => bob!.incoming[0]!.session!.connection.get().state === 'reconnected', 'bob is back', { timeout: 15000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stateOf(call), 'alice still talks to bob').to.equal('connected');
    expect(stateOf(bob!.incoming[0])).to.equal('connected');
    await expectBothInTheRoom(call, bob!.incoming[0]!);
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

describe('calls: the elements', () => {
  const centers: RtcCallCenter[] = [];
  afterEach(async () => {
    centers.splice(0).forEach((center) => center.remove());
  });

  function center(presenceRoom: string, userId: string, name: string, inside = ''): RtcCallCenter {
    const element = document.createElement('rtc-call-center');
    element.userId = userId;
    element.name = name;
    element.presenceRoom = presenceRoom;
    element.token = token;
    element.innerHTML = inside;
    centers.push(element);
    document.body.append(element);
    return element;
  }

  const ringerOf = (element: RtcCallCenter) => element.querySelector('rtc-incoming-call') ?? element.shadowRoot!.querySelector('rtc-incoming-call')!;
  const tileOf = (element: RtcCallCenter, identity: string) =>
    deepQuery(element, 'rtc-grid')?.shadowRoot?.querySelector<HTMLElement>(`rtc-participant-video[participant="${identity}"]`);

  it('rings with a button, accepts with a button, and both land in one <rtc-room> seeing each other', async () => {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = center(room, 'alice', 'Alice', '<rtc-call-button user="bob" label="Bob"></rtc-call-button>');
    const bobName = '<img src=x onerror="window.pwned=1">Bob';
    const bob = center(room, 'bob', bobName, '<rtc-call-button user="alice"></rtc-call-button>');
    const events: Record<string, string[]> = { alice: [], bob: [] };
    alice.addEventListener('rtc-call-state-changed', (e) => events.alice!.push((e as CustomEvent<CallStateChangedDetail>).detail.state));
    bob.addEventListener('rtc-call-state-changed', (e) => events.bob!.push((e as CustomEvent<CallStateChangedDetail>).detail.state));
    const incoming: CallIncomingDetail[] = [];
    bob.addEventListener('rtc-call-incoming', (e) => incoming.push((e as CustomEvent<CallIncomingDetail>).detail));
    const button = alice.querySelector('rtc-call-button')!;
    await waitUntil(() => button.getAttribute('presence') === 'online' && bob.presence === 'online', 'alice sees bob online', { timeout: 10000 });
    const press = button.shadowRoot!.querySelector('button')!;
    // Presence gives the name, shown as text: markup in it is never run.
    expect(press.textContent!.trim()).to.equal(`Call ${bobName}`);
    await expect(button).to.be.accessible();

    press.click();
    const ringer = ringerOf(bob);
    await waitUntil(() => ringer.shadowRoot!.querySelector('[part="dialog"]'), 'bob’s page rings', { timeout: 10000 });
    expect(ringer.shadowRoot!.querySelector('[part="caller"]')!.textContent).to.equal('Alice is calling');
    expect(ringer.shadowRoot!.querySelector('[part="kind"]')!.textContent).to.contain('Video call');
    // No click on this page yet: the browser holds the ring back, and the element says so instead of failing.
    expect(ringer.getAttribute('ring')).to.equal('blocked');
    expect(ringer.shadowRoot!.querySelector('[part="ring-hint"]')).to.exist;
    await expect(ringer).to.be.accessible();
    // The first click anywhere on the page lets it ring.
    const caller = ringer.shadowRoot!.querySelector('[part="caller"]')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(caller.left + 5), Math.round(caller.top + caller.height / 2)] });
    await waitUntil(() => ringer.getAttribute('ring') === 'playing', 'the ring plays after a click', { timeout: 5000 });
    expect(ringer.shadowRoot!.querySelector('[part="ring-hint"]')).to.equal(null);
    await waitUntil(() => button.getAttribute('call-state') === 'ringing', 'alice’s button shows it ringing', { timeout: 5000 });
    expect(button.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal(`Ringing ${bobName}…`);
    expect(press.textContent).to.contain(`Cancel the call to ${bobName}`);
    expect(incoming.map((detail) => detail.from)).to.deep.equal([{ userId: 'alice', name: 'Alice' }]);

    ringer.shadowRoot!.querySelector<HTMLButtonElement>('[part="accept"]')!.click();
    await waitUntil(() => tileOf(alice, 'bob') && tileOf(bob, 'alice'), 'both show the call’s room with the other in it', { timeout: 15000 });
    for (const [element, other] of [[alice, 'bob'], [bob, 'alice']] as const) {
      const tile = tileOf(element, other)!;
      await waitUntil(() => !tile.hasAttribute('camera-off'), `${other}'s camera arrives`, { timeout: 15000 });
      await waitForFrames(tile.shadowRoot!.querySelector('video')!, `${other}'s tile shows frames`);
    }
    expect(tileOf(alice, 'bob')!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal(bobName);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
    expect(press.textContent).to.contain('Hang up');
    expect(bob.querySelector('rtc-call-button')!.shadowRoot!.querySelector('button')!.textContent, 'bob’s button for alice follows the call he accepted').to.contain('Hang up');
    expect(events.alice).to.deep.equal(['inviting', 'ringing', 'accepted', 'connecting', 'connected']);
    expect(events.bob).to.deep.equal(['ringing', 'accepting', 'accepted', 'connecting', 'connected']);

    // Leaving the room (its own Leave button) hangs up on both sides.
    const leave = deepQuery(bob, 'rtc-control-bar')!.shadowRoot!.querySelector('rtc-leave-button')!.shadowRoot!.querySelector('button')!;
    leave.click();
    await waitUntil(() => events.alice!.at(-1) === 'ended' && events.bob!.at(-1) === 'ended', 'the call ends for both', { timeout: 10000 });
    await waitUntil(() => !alice.shadowRoot!.querySelector('rtc-room') && !bob.shadowRoot!.querySelector('rtc-room'), 'the rooms go', { timeout: 5000 });
  });

  it('lets a page in a meeting ask first: a modal ring, cancelable call and accept requests, then the call goes on', async () => {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = center(room, 'alice', 'Alice', '<rtc-call-button user="bob" label="Bob"></rtc-call-button>');
    const bob = center(room, 'bob', 'Bob', '<rtc-incoming-call modal></rtc-incoming-call>');
    const button = alice.querySelector('rtc-call-button')!;
    await waitUntil(() => button.getAttribute('presence') === 'online' && bob.presence === 'online', 'alice sees bob online', { timeout: 10000 });

    // Alice's page is in a meeting: it takes the press, asks (here: at once), then calls itself.
    const requested: CallRequestDetail[] = [];
    alice.addEventListener('rtc-call-request', (event) => (event.preventDefault(), requested.push(event.detail)), { once: true });
    button.shadowRoot!.querySelector('button')!.click();
    expect(requested).to.deep.equal([{ user: 'bob', media: { audio: true, video: true } }]);
    expect(alice.client!.calls.get(), 'nothing rings until the page says so').to.have.length(0);
    alice.client!.invite('bob', { media: requested[0]!.media });
    await waitUntil(() => button.getAttribute('call-state') === 'ringing', 'the button follows the call the page made', { timeout: 10000 });

    // Bob's ring is a modal dialog with focus on Accept.
    const ringer = ringerOf(bob);
    await waitUntil(() => ringer.shadowRoot!.querySelector('dialog[open]'), 'a modal dialog rings', { timeout: 10000 });
    const accept = ringer.shadowRoot!.querySelector<HTMLButtonElement>('[part="accept"]')!;
    expect(ringer.shadowRoot!.activeElement, 'focus on Accept').to.equal(accept);
    await expect(ringer).to.be.accessible();
    // Bob's page is in a meeting too: Accept asks first, and the call rings on meanwhile.
    let asked: CallAcceptRequestDetail | undefined;
    bob.addEventListener('rtc-call-accept-request', (event) => (event.preventDefault(), (asked = event.detail)), { once: true });
    accept.click();
    expect(asked?.from).to.deep.equal({ userId: 'alice', name: 'Alice' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ringing = bob.client!.calls.get().find((call) => call.id === asked!.callId)!;
    expect(ringing.state.get(), 'still ringing while the page asks').to.equal('ringing');
    (ringing as IncomingCall).accept();
    await waitUntil(() => tileOf(alice, 'bob') && tileOf(bob, 'alice'), 'both land in the call’s room', { timeout: 15000 });
    expect(ringer.shadowRoot!.querySelector('dialog'), 'the ring is gone').to.equal(null);
  });

  it('shows a decline to the caller, and a missed call to the callee in its language', async () => {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = center(room, 'alice', 'Alice', '<rtc-call-button user="bob" timeout="3"></rtc-call-button>');
    const bob = center(room, 'bob', 'Bob', '<rtc-incoming-call lang="zh-CN" muted></rtc-incoming-call>');
    const button = alice.querySelector('rtc-call-button')!;
    const ringer = bob.querySelector('rtc-incoming-call')!;
    expect(bob.shadowRoot!.querySelector('rtc-incoming-call'), 'the page’s own ringer replaces the built-in one').to.equal(null);
    await waitUntil(() => button.getAttribute('presence') === 'online', 'bob is online', { timeout: 10000 });
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => ringer.shadowRoot!.querySelector('[part="dialog"]'), 'bob’s page rings', { timeout: 10000 });
    expect(ringer.getAttribute('ring'), 'muted').to.equal('off');
    expect(ringer.shadowRoot!.querySelector('[part="caller"]')!.textContent).to.equal('Alice来电');
    ringer.shadowRoot!.querySelector<HTMLButtonElement>('[part="decline"]')!.click();
    await waitUntil(() => button.getAttribute('call-state') === 'rejected', 'alice sees the decline', { timeout: 10000 });
    expect(button.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('Call declined');
    expect(ringer.shadowRoot!.querySelector('[part="dialog"]')).to.equal(null);

    // Calling again and letting it ring out: no answer for alice, a missed call said to bob.
    await waitUntil(() => !button.hasAttribute('call-state'), 'the outcome clears', { timeout: 8000 });
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => button.getAttribute('call-state') === 'timeout', 'nobody answers', { timeout: 10000 });
    expect(button.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('No answer from Bob');
    await waitUntil(() => ringer.shadowRoot!.querySelector('[role="status"]')!.textContent === 'Alice的未接来电', 'bob hears of the missed call', { timeout: 10000 });
  });

  it('answers a button for someone offline at once', async () => {
    const room = `presence-${Date.now()}-${counter++}`;
    const alice = center(room, 'alice', 'Alice', '<rtc-call-button user="carol" label="Carol"></rtc-call-button>');
    await waitUntil(() => alice.presence === 'online', 'alice is online', { timeout: 10000 });
    const button = alice.querySelector('rtc-call-button')!;
    expect(button.getAttribute('presence')).to.equal('offline');
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => button.getAttribute('call-state') === 'unavailable', 'carol is not online', { timeout: 1000 });
    expect(button.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('Carol is not online');
  });
});
