import { expect, waitUntil } from '@open-wc/testing';
import { COMMAND_TOPIC, MessageHub, type Message, type MessageTransport } from '../../src/core/messages.js';

// The hub's own rules with a recording transport: what a full reconnect does to recent messages, repeats,
// the outbox's bounds. (Delivery through a real room is in test/e2e/messages.test.ts.)

function recordingTransport(identity = 'me') {
  const sent: { topic: string; text: string; to?: string[] }[] = [];
  const decoder = new TextDecoder();
  const transport: MessageTransport = {
    identity,
    canPublishData: true,
    legacyChatIgnored: true,
    nameOf: (who) => who.toUpperCase(),
    async sendText(text, options) {
      sent.push({ topic: options.topic, text, ...(options.destinationIdentities ? { to: options.destinationIdentities } : {}) });
      return { id: `TS_${sent.length}`, timestamp: Date.now() };
    },
    async publishData(payload, options) {
      sent.push({ topic: options.topic, text: decoder.decode(payload), ...(options.destinationIdentities ? { to: options.destinationIdentities } : {}) });
    },
  };
  return { transport, sent };
}

describe('MessageHub', () => {
  it('after a full reconnect, sends recent commands again with the same id and marks recent chat uncertain', async () => {
    const hub = new MessageHub();
    const { transport, sent } = recordingTransport();
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
});

