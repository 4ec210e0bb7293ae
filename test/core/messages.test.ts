import { expect, waitUntil } from '@open-wc/testing';
import { CHAT_TOPIC, COMMAND_TOPIC, LEGACY_CHAT_TOPIC, MessageHub, type Message, type MessageTransport } from '../../src/core/messages.js';
import { HELLO_TOPIC, RECEIPT_TOPIC } from '../../src/core/delivery.js';

// The hub's own rules with a recording transport: what a full reconnect does to recent messages, repeats,
// the outbox's bounds. (Delivery through a real room is in test/e2e/messages.test.ts.)

/**
 * Records what the hub sends: messages in `sent`, its delivery notes (hello, receipts) in `notes`. `present` is
 * who else is in the room.
 */
function recordingTransport(identity = 'me', present: string[] = []) {
  const sent: { topic: string; text: string; to?: string[] }[] = [];
  const notes: { topic: string; text: string; to?: string[] }[] = [];
  const decoder = new TextDecoder();
  let streams = 0;
  const transport: MessageTransport = {
    identity,
    canPublishData: true,
    legacyChatIgnored: true,
    nameOf: (who) => who.toUpperCase(),
    present: () => [...present],
    async sendText(text, options) {
      sent.push({ topic: options.topic, text, ...(options.destinationIdentities ? { to: options.destinationIdentities } : {}) });
      return { id: `TS_${++streams}`, timestamp: Date.now() };
    },
    async publishData(payload, options) {
      const record = { topic: options.topic, text: decoder.decode(payload), ...(options.destinationIdentities ? { to: options.destinationIdentities } : {}) };
      (options.topic === RECEIPT_TOPIC || options.topic === HELLO_TOPIC ? notes : sent).push(record);
    },
  };
  return { transport, sent, notes, present };
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('MessageHub', () => {
  it('after a full reconnect, sends recent commands again with the same id and marks recent chat uncertain', async () => {
    const hub = new MessageHub();
    // Alice's client cannot confirm (LiveKit Meet, say): whether she got it cannot be known.
    const { transport, sent } = recordingTransport('me', ['alice']);
    hub.connected(transport);
    const statuses: string[] = [];
    hub.on('status', (message) => statuses.push(`${message.kind}:${message.status}:${message.code ?? ''}`));
    const chat = await hub.sendChat('did this arrive?');
    const command = await hub.sendCommand('raise-hand', ['host']);
    hub.fullReconnect();
    expect(statuses).to.deep.equal(['chat:uncertain:delivery-uncertain']);
    expect(hub.chat.get()[0]).to.include({ id: chat.id, status: 'uncertain' });
    const before = sent.length;
    hub.connected(transport);
    await waitUntil(() => sent.length === before + 1, 'the command goes out again');
    const again = JSON.parse(sent.at(-1)!.text) as { id: string; command: string };
    expect(sent.at(-1)!.topic).to.equal(COMMAND_TOPIC);
    expect(sent.at(-1)!.to).to.deep.equal(['host']);
    expect(again.id, 'the same id, so receivers drop it if they had it').to.equal(command.id);
  });

  it('receives a repeated message once, and drops what is malformed', () => {
    const hub = new MessageHub();
    const received: Message[] = [];
    hub.on('received', (message) => received.push(message));
    const packet = new TextEncoder().encode(JSON.stringify({ v: 1, id: 'c1', command: 'go', sentAt: 5 }));
    hub.receiveData('alice', COMMAND_TOPIC, packet);
    hub.receiveData('alice', COMMAND_TOPIC, packet);
    hub.receiveData('alice', COMMAND_TOPIC, new TextEncoder().encode('{not json'));
    hub.receiveData('alice', COMMAND_TOPIC, new TextEncoder().encode(JSON.stringify({ id: 7, command: [] })));
    hub.receiveData('alice', 'lk.something-else', packet);
    hub.receiveData('alice', 'big', new Uint8Array(70 * 1024));
    expect(received.map((m) => [m.from.identity, m.kind, m.text, m.sentAt])).to.deep.equal([['alice', 'command', 'go', 5]]);
  });

  it('bounds the outbox, and fails what waited too long', async () => {
    const hub = new MessageHub({ outbox: 2, outboxTtlMs: 50 });
    hub.waiting();
    const failed: string[] = [];
    hub.on('failed', (message) => failed.push(`${message.text}:${message.code}`));
    const first = hub.sendChat('a').catch((error: { code: string }) => error.code);
    const second = hub.sendChat('b').catch((error: { code: string }) => error.code);
    expect(await hub.sendChat('c').catch((error: { code: string }) => error.code)).to.equal('queue-full');
    expect(await first).to.equal('not-connected');
    expect(await second).to.equal('not-connected');
    expect(failed).to.deep.equal(['c:queue-full', 'a:not-connected', 'b:not-connected']);
    hub.closed();
  });

  it('refuses without permission to publish data, and an empty message', async () => {
    const hub = new MessageHub();
    const { transport, sent } = recordingTransport();
    hub.connected({ ...transport, canPublishData: false });
    expect(await hub.sendChat('hi').catch((error: { code: string }) => error.code)).to.equal('no-permission');
    hub.connected(transport);
    expect(await hub.sendChat('   ').catch((error: { code: string }) => error.code)).to.equal('message-empty');
    expect(sent).to.deep.equal([]);
  });

  it('sends a failed message again in its place, and keeps it as it was when the retry is refused', async () => {
    const hub = new MessageHub({ perSecond: { chat: 1 } });
    const { transport } = recordingTransport();
    hub.waiting();
    const first = hub.sendChat('first');
    hub.closed();
    expect(await first.catch((error: { code: string }) => error.code)).to.equal('not-connected');
    hub.connected(transport);
    await hub.sendChat('second');
    const failed = hub.chat.get()[0]!;
    expect(hub.chat.get().map((m) => [m.text, m.status])).to.deep.equal([
      ['first', 'failed'],
      ['second', 'sent'],
    ]);
    // The rate (one a second, bursts of two) is spent: the retry is refused, and nothing is lost.
    const refused = await hub.retry(failed).catch((error: { code: string }) => error.code);
    expect(refused).to.equal('rate-limited');
    expect(hub.chat.get().map((m) => [m.key, m.status])).to.deep.equal([
      [failed.key, 'failed'],
      [hub.chat.get()[1]!.key, 'sent'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const resent = await hub.retry(failed);
    expect(hub.chat.get().map((m) => [m.text, m.status]), 'the new one in the old one’s place').to.deep.equal([
      ['first', 'sent'],
      ['second', 'sent'],
    ]);
    expect(hub.chat.get()[0]!.key).to.equal(resent.key);
    hub.closed();
  });

  it('holds a message for someone who is away, sends it (same id) when they are back, and says delivered once they confirm', async () => {
    const hub = new MessageHub();
    const { transport, sent, present } = recordingTransport('me', ['bob']);
    hub.connected(transport);
    hub.receiveData('bob', HELLO_TOPIC, bytes({ v: 1 })); // Bob's client confirms what it gets
    present.length = 0; // Bob drops out (a full reconnect of his)
    hub.participantLeft('bob');
    const statuses: string[] = [];
    hub.on('status', (message) => statuses.push(message.status!));
    const message = await hub.sendChat('for Bob');
    expect(sent.map((p) => p.topic)).to.deep.equal([CHAT_TOPIC, LEGACY_CHAT_TOPIC]);
    present.push('bob');
    await waitUntil(() => sent.length === 3, 'sent again once Bob is back', { timeout: 3000 });
    expect(sent[2]!.to, 'to Bob only').to.deep.equal(['bob']);
    expect(sent[2]!.topic).to.equal(LEGACY_CHAT_TOPIC);
    expect(JSON.parse(sent[2]!.text)).to.include({ id: message.id, message: 'for Bob', ignoreLegacy: false });
    hub.receiveData('bob', RECEIPT_TOPIC, bytes({ v: 1, ids: [message.id] }));
    expect(statuses).to.deep.equal(['delivered']);
    expect(hub.chat.get()[0]!.status).to.equal('delivered');
    hub.closed();
  });

  it('sends again to a client that does not confirm within 3 s, and fails naming who never got it', async function () {
    this.timeout(10000);
    const hub = new MessageHub({ outboxTtlMs: 4500 });
    const { transport, sent } = recordingTransport('me', ['bob', 'carol']);
    hub.connected(transport);
    hub.receiveData('bob', HELLO_TOPIC, bytes({ v: 1 }));
    hub.receiveData('carol', HELLO_TOPIC, bytes({ v: 1 }));
    const failed: Message[] = [];
    hub.on('failed', (message) => failed.push(message));
    const command = await hub.sendCommand('go');
    hub.receiveData('carol', RECEIPT_TOPIC, bytes({ v: 1, ids: [command.id] }));
    await waitUntil(() => sent.some((p) => p.to?.[0] === 'bob'), 'Bob is asked again', { timeout: 4500 });
    expect(sent.filter((p) => p.to), 'Carol confirmed: only Bob').to.have.length(1);
    expect(JSON.parse(sent.at(-1)!.text)).to.include({ id: command.id, command: 'go' });
    await waitUntil(() => failed.length === 1, 'time is up for Bob', { timeout: 4000 });
    expect(failed[0]).to.include({ status: 'failed', code: 'not-delivered' });
    expect(failed[0]!.undelivered).to.deep.equal(['bob']);
    hub.closed();
  });

  it('confirms every copy it receives, once per sender in a batch, and keeps one', async () => {
    const hub = new MessageHub();
    const { transport, notes } = recordingTransport('me', ['alice']);
    hub.connected(transport);
    const received: Message[] = [];
    hub.on('received', (message) => received.push(message));
    hub.receiveChat('alice', 'hello', { id: 'TS_a', timestamp: 1 });
    hub.receiveData('alice', LEGACY_CHAT_TOPIC, bytes({ id: 'TS_a', timestamp: 1, message: 'hello', ignoreLegacy: false }));
    await waitUntil(() => notes.some((note) => note.topic === RECEIPT_TOPIC), 'a receipt goes out');
    expect(received).to.have.length(1);
    const receipts = notes.filter((note) => note.topic === RECEIPT_TOPIC);
    expect(receipts.map((note) => [note.to, JSON.parse(note.text).ids])).to.deep.equal([[['alice'], ['TS_a']]]);
    // A client it had not met says hello, and is greeted back (once).
    hub.receiveData('dan', HELLO_TOPIC, bytes({ v: 1 }));
    hub.receiveData('dan', HELLO_TOPIC, bytes({ v: 1 }));
    const greetings = () => notes.filter((note) => note.topic === HELLO_TOPIC && note.to?.[0] === 'dan');
    await waitUntil(() => greetings().length > 0, 'Dan is greeted back');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(greetings()).to.have.length(1);
    hub.closed();
  });

  it('fails, on leaving, a message that never reached someone it was for', async () => {
    const hub = new MessageHub();
    const { transport, present } = recordingTransport('me', ['bob']);
    hub.connected(transport);
    hub.waiting(); // I drop out, and type meanwhile: for Bob, whom I saw
    present.length = 0;
    const failed: Message[] = [];
    hub.on('failed', (message) => failed.push(message));
    const typed = hub.sendChat('still there?');
    hub.connected(transport); // back, but Bob is not
    await typed;
    hub.closed();
    expect(failed.map((m) => [m.text, m.code, m.undelivered])).to.deep.equal([['still there?', 'not-delivered', ['bob']]]);
  });
});

