import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { setupChat, type ReceivedChatMessage } from '@livekit/components-core';
import { Room } from 'livekit-client';
import { RoomSession, type RoomSessionOptions } from '../../src/core/room-session.js';
import '../../src/define.js';
import type { Message } from '../../src/core/messages.js';
import { HELLO_TOPIC } from '../../src/core/delivery.js';

// The message hub with the real livekit-client against the dev server: chat as LiveKit Meet sends and reads
// it, barrage, commands to chosen people, limits, and messages sent while the connection is away.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let counter = 0;
const uniqueRoom = () => `messages-${Date.now()}-${counter++}`;

const sessions: RoomSession[] = [];
const rooms: Room[] = [];
afterEach(async () => {
  await Promise.all([...sessions.splice(0).map((session) => session.leave()), ...rooms.splice(0).map((room) => room.disconnect())]);
});

async function join(room: string, identity: string, options: RoomSessionOptions = {}): Promise<{ session: RoomSession; received: Message[] }> {
  const session = new RoomSession(options);
  sessions.push(session);
  const received: Message[] = [];
  session.messages.on('received', (message) => received.push(message));
  await session.connect({ serverUrl: await serverUrl(), token: await token({ room, identity, name: identity[0]!.toUpperCase() + identity.slice(1) }) });
  return { session, received };
}

/** A plain livekit-client Room, as LiveKit Meet's own code drives one. */
async function meetClient(room: string, identity: string): Promise<Room> {
  const lk = new Room();
  rooms.push(lk);
  await lk.connect(await serverUrl(), await token({ room, identity }));
  return lk;
}

const encoder = new TextEncoder();

describe('messages: chat', () => {
  it('sends chat as LiveKit Meet does and reads Meet’s, each message once, your own marked', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const meet = await meetClient(room, 'meet-user');
    const atMeet: { id: string; text: string; from: string }[] = [];
    meet.registerTextStreamHandler('lk.chat', async (reader, { identity }) => atMeet.push({ id: reader.info.id, text: await reader.readAll(), from: identity }));

    const sent = await alice.session.messages.sendChat('Hello 你好 <b>not bold</b>');
    expect(sent).to.include({ kind: 'chat', status: 'sent', own: true, text: 'Hello 你好 <b>not bold</b>' });
    await waitUntil(() => bob.received.length === 1 && atMeet.length === 1, 'bob and the Meet client get it', { timeout: 5000 });
    expect(bob.received[0]).to.include({ id: sent.id, kind: 'chat', text: 'Hello 你好 <b>not bold</b>', own: false });
    expect(bob.received[0]!.from).to.deep.equal({ identity: 'alice', name: 'Alice' });
    expect(atMeet[0]).to.deep.equal({ id: sent.id, text: 'Hello 你好 <b>not bold</b>', from: 'alice' });
    expect(alice.session.messages.chat.get().map((m) => [m.text, m.own, m.status])).to.deep.equal([['Hello 你好 <b>not bold</b>', true, 'sent']]);

    // Meet's way of sending: a text stream, then the legacy mirror saying to ignore it.
    const info = await meet.localParticipant.sendText('from Meet', { topic: 'lk.chat' });
    await meet.localParticipant.publishData(encoder.encode(JSON.stringify({ id: info.id, timestamp: Date.now(), message: 'from Meet', ignoreLegacy: true })), {
      reliable: true,
      topic: 'lk-chat-topic',
    });
    // An old client's: the legacy packet alone.
    await meet.localParticipant.publishData(encoder.encode(JSON.stringify({ id: 'old-1', timestamp: Date.now(), message: 'from an old client' })), {
      reliable: true,
      topic: 'lk-chat-topic',
    });
    await waitUntil(() => alice.received.length === 2, 'alice gets both', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alice.received.map((m) => [m.from.identity, m.text])).to.deep.equal([
      ['meet-user', 'from Meet'],
      ['meet-user', 'from an old client'],
    ]);
    expect(bob.session.messages.chat.get().map((m) => m.text), 'nothing twice').to.deep.equal(['Hello 你好 <b>not bold</b>', 'from Meet', 'from an old client']);
  });
});

describe('messages: LiveKit Meet’s own chat code', () => {
  it('delivers chat sent the moment a newcomer is seen joining: it waits on the server for their channel to open', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const greeted = new Promise<Message>((resolve, reject) => {
      alice.session.on('participant-joined', ({ initial }) => {
        if (!initial) alice.session.messages.sendChat('Welcome!').then(resolve, reject);
      });
    });
    const bob = await join(room, 'bob');
    const sent = await greeted;
    await waitUntil(() => bob.received.some((message) => message.id === sent.id), 'bob reads the welcome sent as he arrived', { timeout: 5000 });
    expect(bob.received.filter((message) => message.kind === 'chat').map((message) => message.text)).to.deep.equal(['Welcome!']);
  });

  it('reads and is read by @livekit/components-core’s setupChat, each message once', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const meet = await meetClient(room, 'meet-user');
    const meetChat = setupChat(meet);
    let atMeet: ReceivedChatMessage[] = [];
    const subscription = meetChat.messageObservable.subscribe((messages) => (atMeet = messages));
    try {
      await waitUntil(() => alice.session.participants.get().some((p) => p.identity === 'meet-user'), 'alice sees the Meet user', { timeout: 5000 });
      const sent = await alice.session.messages.sendChat('from our kit <i>plain</i>');
      await waitUntil(() => atMeet.some((m) => m.message === 'from our kit <i>plain</i>'), 'Meet shows it', { timeout: 5000 });
      await meetChat.send('from Meet');
      await waitUntil(() => alice.received.some((m) => m.text === 'from Meet'), 'our hub reads Meet', { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ours = atMeet.filter((m) => m.from?.identity === 'alice');
      expect(ours.map((m) => [m.id, m.message]), 'Meet shows ours once (stream and legacy mirror deduplicated)').to.deep.equal([[sent.id, 'from our kit <i>plain</i>']]);
      expect(alice.received.map((m) => [m.from.identity, m.text]), 'and we show Meet’s once').to.deep.equal([['meet-user', 'from Meet']]);
    } finally {
      subscription.unsubscribe();
    }
  });
});

describe('messages: commands, barrage, custom topics', () => {
  it('delivers a command to the chosen identities only, never echoed; barrage and custom topics to everyone', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const carol = await join(room, 'carol');
    await alice.session.messages.sendCommand('mute-yourself', ['bob']);
    await alice.session.messages.sendCommand('everyone-look-up');
    await alice.session.messages.sendBarrage('666');
    await alice.session.messages.send('quiz', 'question 1');
    await waitUntil(() => bob.received.length === 4 && carol.received.length === 3, 'delivered', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Barrage goes on the lossy channel, which may overtake the reliable one: compare without order there.
    expect(bob.received.map((m) => [m.kind, m.text])).to.have.deep.members([
      ['command', 'mute-yourself'],
      ['command', 'everyone-look-up'],
      ['barrage', '666'],
      ['custom', 'question 1'],
    ]);
    expect(bob.received.filter((m) => m.kind !== 'barrage').map((m) => m.text), 'reliable ones in order').to.deep.equal(['mute-yourself', 'everyone-look-up', 'question 1']);
    expect(carol.received.map((m) => m.text), 'carol was not named').to.have.members(['everyone-look-up', '666', 'question 1']);
    expect(alice.received, 'no echo to the sender').to.deep.equal([]);
    expect(carol.received.find((m) => m.kind === 'custom')).to.include({ topic: 'quiz' });
    await alice.session.messages.send('lk.chat', 'x').then(
      () => expect.fail('a reserved topic is refused'),
      (error: Error) => expect(error.message).to.contain('taken'),
    );
  });

  it('checks limits before anything is sent: too large, too fast', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const failed: string[] = [];
    alice.session.messages.on('failed', (message) => failed.push(message.code!));
    const tooLarge = await alice.session.messages.sendBarrage('x'.repeat(1025)).catch((error: { code: string }) => error.code);
    expect(tooLarge).to.equal('message-too-large');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => alice.session.messages.sendChat(`burst ${i}`).then(() => 'sent', (error: { code: string }) => error.code)));
    expect(results.filter((result) => result === 'sent')).to.have.length(10);
    expect(results.filter((result) => result === 'rate-limited')).to.have.length(2);
    expect(failed).to.deep.equal(['message-too-large', 'rate-limited', 'rate-limited']);
    await waitUntil(() => bob.received.length === 10, 'the ten within the limit arrive', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bob.received.some((m) => m.kind === 'barrage'), 'the oversized one never left').to.equal(false);
  });
});

describe('messages: delivered or reported', () => {
  it('keeps messages sent while the connection is away, and sends them in order once it is back', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const statuses: string[] = [];
    alice.session.messages.on('status', (message) => statuses.push(`${message.text}:${message.status}`));
    await executeServerCommand('dev-server-drop', { room, identity: 'alice', resumable: true });
    await waitUntil(() => alice.session.connection.get().state === 'reconnecting', 'alice is reconnecting', { timeout: 10000 });
    const sending = ['one', 'two', 'three'].map((text) => alice.session.messages.sendChat(text));
    const lossy = await alice.session.messages.sendBarrage('lost?').catch((error: { code: string }) => error.code);
    expect(lossy, 'barrage is refused rather than silently lost').to.equal('not-connected');
    expect(statuses).to.deep.equal(['one:queued', 'two:queued', 'three:queued']);
    const sent = await Promise.all(sending);
    expect(sent.map((m) => m.status)).to.deep.equal(['sent', 'sent', 'sent']);
    await waitUntil(() => bob.received.length === 3, 'bob gets all three', { timeout: 10000 });
    expect(bob.received.map((m) => m.text), 'in order').to.deep.equal(['one', 'two', 'three']);
  });

  for (const scenario of ['signal-reconnect', 'resume-reconnect', 'full-reconnect'] as const) {
    it(`accounts for every one of fifty messages sent across a ${scenario}: received once, or reported`, async () => {
      const room = uniqueRoom();
      // Rates high enough for fifty at once: this is about the reconnect, not the rate limit.
      const alice = await join(room, 'alice', { messageLimits: { perSecond: { chat: 100, command: 100 } } });
      const bob = await join(room, 'bob');
      await waitUntil(() => alice.session.participants.get().some((p) => p.identity === 'bob'), 'alice sees bob', { timeout: 5000 });
      const outcome = new Map<string, string>();
      for (const event of ['sent', 'failed', 'status'] as const) alice.session.messages.on(event, (message) => outcome.set(message.text ?? '', message.status ?? ''));
      // Chat and commands to bob, alternately; the connection goes away half-way through.
      const send = (i: number) => (i % 2 ? alice.session.messages.sendCommand(`m-${i}`, ['bob']) : alice.session.messages.sendChat(`m-${i}`));
      const sending: Promise<unknown>[] = [];
      for (let i = 0; i < 25; i++) sending.push(send(i).catch(() => undefined));
      const scenarioDone = alice.session.room!.simulateScenario(scenario);
      for (let i = 25; i < 50; i++) sending.push(send(i).catch(() => undefined));
      await scenarioDone;
      await waitUntil(() => ['connected', 'reconnected'].includes(alice.session.connection.get().state), 'alice is back', { timeout: 20000 });
      await Promise.all(sending);
      // Let what was sent arrive, then take stock.
      let seen = -1;
      await waitUntil(
        () => {
          const stable = bob.received.length === seen;
          seen = bob.received.length;
          return stable;
        },
        'bob’s inbox settles',
        { timeout: 15000, interval: 700 },
      );
      const count = (text: string) => bob.received.filter((m) => m.text === text).length;
      const unaccounted: string[] = [];
      for (let i = 0; i < 50; i++) {
        const text = `m-${i}`;
        expect(count(text), `${text} at most once`).to.be.at.most(1);
        const status = outcome.get(text);
        if (count(text) === 0 && status !== 'failed' && status !== 'uncertain') unaccounted.push(`${text}:${status}`);
      }
      expect(unaccounted, 'sent, not received, and nothing said').to.deep.equal([]);
      expect(bob.received.length, 'most got through').to.be.greaterThan(25);
    });
  }

  it('fails what waits when the room is left, with not-connected', async () => {
    const session = new RoomSession();
    sessions.push(session);
    const failed: string[] = [];
    session.messages.on('failed', (message) => failed.push(`${message.text}:${message.code}`));
    const connecting = session.connect({ serverUrl: 'ws://127.0.0.1:9', token: await token({ room: uniqueRoom(), identity: 'x' }) }).catch(() => undefined);
    const waiting = session.messages.sendChat('while connecting');
    expect(await waiting.catch((error: { code: string }) => error.code)).to.equal('not-connected');
    await connecting;
    expect(failed).to.deep.equal(['while connecting:not-connected']);
    // With no room at all, sending fails at once rather than waiting.
    expect(await session.messages.sendChat('nowhere').catch((error: { code: string }) => error.code)).to.equal('not-connected');
  });
});

describe('messages: the room’s DOM events', () => {
  it('dispatches rtc-message-received, rtc-message-sent and rtc-message-failed from <rtc-room>', async () => {
    const room = uniqueRoom();
    const [alice, bob] = await Promise.all(
      ['alice', 'bob'].map(async (identity) => {
        const element = document.createElement('rtc-room');
        element.serverUrl = await serverUrl();
        element.token = await token({ room, identity, name: identity });
        element.append(document.createElement('span'));
        document.body.append(element);
        return element;
      }),
    );
    try {
      await waitUntil(() => alice!.connectionState === 'connected' && bob!.connectionState === 'connected', 'both join', { timeout: 10000 });
      const received = new Promise<CustomEvent<Message>>((resolve) => bob!.addEventListener('rtc-message-received', resolve as EventListener, { once: true }));
      const sentEvent = new Promise<CustomEvent<Message>>((resolve) => alice!.addEventListener('rtc-message-sent', resolve as EventListener, { once: true }));
      const failedEvent = new Promise<CustomEvent<Message>>((resolve) => alice!.addEventListener('rtc-message-failed', resolve as EventListener, { once: true }));
      await alice!.session.messages.sendCommand('hello', ['bob']);
      expect((await sentEvent).detail).to.include({ kind: 'command', text: 'hello', status: 'sent' });
      const { detail } = await received;
      expect(detail).to.include({ kind: 'command', topic: 'rtc.command', text: 'hello' });
      expect(detail.from.identity).to.equal('alice');
      expect(detail.receivedAt).to.be.a('number');
      await alice!.session.messages.sendChat('x'.repeat(5000)).catch(() => undefined);
      expect((await failedEvent).detail).to.include({ code: 'message-too-large', status: 'failed' });
    } finally {
      alice!.remove();
      bob!.remove();
    }
  });
});

describe('messages: across outages, nothing shown as sent and lost', function () {
  // A full reconnect, the resends after it, and a look for repeats.
  this.timeout(60_000);
  const texts = (person: { received: Message[] }) => person.received.filter((m) => m.kind === 'chat').map((m) => m.text);
  const statuses = (session: RoomSession) => session.messages.chat.get().filter((m) => m.own).map((m) => m.status);
  /** Cuts `identity`'s connection with nothing to resume: a full reconnect, as after a network change. */
  const cut = (room: string, identity: string) => executeServerCommand('dev-server-drop', { room, identity, resumable: false });
  const live = (session: RoomSession) => ['connected', 'reconnected'].includes(session.connection.get().state);

  /** Alice and Bob, each knowing the other confirms what it gets (a first message came back delivered). */
  async function pair(options: RoomSessionOptions = {}) {
    const room = uniqueRoom();
    const alice = await join(room, 'alice', options);
    let greeted = false;
    alice.session.room!.on('dataReceived', (_payload, _participant, _kind, topic) => (greeted ||= topic === HELLO_TOPIC));
    const bob = await join(room, 'bob');
    await waitUntil(() => greeted, 'Bob’s client says it confirms what it gets');
    await alice.session.messages.sendChat('hi');
    await waitUntil(() => statuses(alice.session).every((s) => s === 'delivered'), 'the first message is confirmed', { timeout: 5000 });
    return { room, alice, bob };
  }

  it('the receiver rejoins: what was sent meanwhile reaches it once, and the sender sees it delivered', async () => {
    const { room, alice, bob } = await pair();
    await cut(room, 'bob');
    for (const n of [1, 2, 3, 4, 5]) await alice.session.messages.sendChat(`while Bob is away ${n}`);
    await waitUntil(() => texts(bob).length === 6, `Bob gets all six (has ${texts(bob).length})`, { timeout: 20000 });
    await waitUntil(() => statuses(alice.session).every((s) => s === 'delivered'), `all delivered (${statuses(alice.session)})`, { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // resends would show up as repeats here
    expect(texts(bob)).to.deep.equal(['hi', ...[1, 2, 3, 4, 5].map((n) => `while Bob is away ${n}`)]);
  });

  it('the sender rejoins: what it typed while away goes out when it is back, once', async () => {
    const { room, alice, bob } = await pair();
    await cut(room, 'alice');
    await waitUntil(() => !live(alice.session), 'alice is away');
    const typed = [1, 2, 3].map((n) => alice.session.messages.sendChat(`typed while away ${n}`));
    await Promise.all(typed);
    await waitUntil(() => texts(bob).length === 4, `Bob gets all four (has ${texts(bob).length})`, { timeout: 20000 });
    await waitUntil(() => statuses(alice.session).every((s) => s === 'delivered'), `all delivered (${statuses(alice.session)})`, { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(texts(bob)).to.deep.equal(['hi', 'typed while away 1', 'typed while away 2', 'typed while away 3']);
  });

  for (const order of [
    ['alice', 'bob'],
    ['bob', 'alice'],
  ] as const) {
    it(`both drop out (${order[0]} first), and what was typed meanwhile arrives once both are back`, async () => {
      const { room, alice, bob } = await pair();
      for (const identity of order) await cut(room, identity);
      await waitUntil(() => !live(alice.session), 'alice is away');
      for (const n of [1, 2, 3]) await alice.session.messages.sendChat(`in the outage ${n}`);
      await waitUntil(() => texts(bob).length === 4, `Bob gets all four (has ${texts(bob).length})`, { timeout: 25000 });
      await waitUntil(() => statuses(alice.session).every((s) => s === 'delivered'), `all delivered (${statuses(alice.session)})`, { timeout: 10000 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(texts(bob)).to.deep.equal(['hi', 'in the outage 1', 'in the outage 2', 'in the outage 3']);
    });
  }

  it('says not delivered, naming who, when someone it was for does not come back in time', async () => {
    const { alice, bob } = await pair({ messageLimits: { outboxTtlMs: 3000 } });
    await bob.session.leave();
    const failed: Message[] = [];
    alice.session.messages.on('failed', (message) => failed.push(message));
    await alice.session.messages.sendChat('are you there?');
    await waitUntil(() => failed.length === 1, 'time is up for Bob', { timeout: 6000 });
    expect(failed[0]).to.include({ text: 'are you there?', status: 'failed', code: 'not-delivered' });
    expect(failed[0]!.undelivered).to.deep.equal(['bob']);
    expect(statuses(alice.session)).to.deep.equal(['delivered', 'failed']);
  });
});
