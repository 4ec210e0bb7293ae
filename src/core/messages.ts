import { Emitter } from './emitter.js';
import { RtcError, type RtcErrorCode } from './errors.js';
import { Store, readonly, type Readable } from './readable.js';
import { DeliveryTracker, HELLO_TOPIC, RECEIPT_TOPIC, type Settled } from './delivery.js';

/** LiveKit Meet's chat: text streams on `lk.chat`, and a JSON mirror on the legacy topic for older clients. */
export const CHAT_TOPIC = 'lk.chat';
export const LEGACY_CHAT_TOPIC = 'lk-chat-topic';
export const BARRAGE_TOPIC = 'rtc.barrage';
export const COMMAND_TOPIC = 'rtc.command';

export type MessageKind = 'chat' | 'barrage' | 'command' | 'custom';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'uncertain';

export interface MessageSender {
  identity: string;
  name: string;
}

/** One message, sent or received. `text` is plain text: show it as text, never as markup. */
export interface Message {
  /** Stable on this side for the message's whole life; the wire `id` of your own chat is known only once sent. */
  key: string;
  /** The id every client knows the message by. */
  id: string;
  kind: MessageKind;
  topic: string;
  text: string;
  from: MessageSender;
  /** The identities it was sent to; absent for everyone. */
  to?: string[];
  /** The sender's clock, in ms. */
  sentAt: number;
  /** This side's clock when it arrived (received messages only). */
  receivedAt?: number;
  /** Your own message. */
  own: boolean;
  /** Your own messages: where they are. */
  status?: MessageStatus;
  /** Why it failed (or is uncertain). */
  code?: RtcErrorCode;
  /** Failed with `not-delivered`: who never got it. */
  undelivered?: string[];
}

export interface MessageLimits {
  /** Largest message, in UTF-8 bytes, per kind. */
  bytes: Record<MessageKind, number>;
  /** Messages a second per kind, with bursts up to twice that. */
  perSecond: Record<MessageKind, number>;
  /** Messages waiting for a connection, at most. */
  outbox: number;
  /** How long a message may wait for a connection before it fails (ms). */
  outboxTtlMs: number;
  /** Chat messages kept in `chat`. */
  history: number;
}

/** Limits to change: any part left out keeps its default. */
export interface MessageLimitsInit extends Partial<Omit<MessageLimits, 'bytes' | 'perSecond'>> {
  bytes?: Partial<Record<MessageKind, number>>;
  perSecond?: Partial<Record<MessageKind, number>>;
}

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  // ZEGO's limits for barrage and commands; chat is the size Meet users type.
  bytes: { chat: 4096, barrage: 1024, command: 1024, custom: 15_000 },
  perSecond: { chat: 5, barrage: 10, command: 10, custom: 10 },
  outbox: 100,
  outboxTtlMs: 30_000,
  history: 200,
};

/** What the hub needs of a connected room. The session gives it livekit-client's; tests may give another. */
export interface MessageTransport {
  readonly identity: string;
  /** Read at each send: the server may change the permission during the call. */
  readonly canPublishData: boolean;
  /** Whether other clients read the text stream (so the legacy chat mirror asks them to ignore it). */
  readonly legacyChatIgnored: boolean;
  nameOf(identity: string): string;
  /** Who else is in the room now: a reliable message is for them (see delivery.ts). Without it, nobody is followed. */
  present?(): string[];
  sendText(text: string, options: { topic: string; destinationIdentities?: string[] }): Promise<{ id: string; timestamp: number }>;
  publishData(payload: Uint8Array<ArrayBuffer>, options: { reliable: boolean; topic: string; destinationIdentities?: string[] }): Promise<void>;
}

export interface MessageEventMap {
  received: Message;
  sent: Message;
  failed: Message;
  /**
   * Your message waits for the connection (`queued`), a full reconnect may have lost it (`uncertain`), or
   * everyone it was for has it (`delivered`).
   */
  status: Message;
}

/** What pages and elements use of a room's messages; the session drives the rest. */
export interface MessageChannel {
  readonly chat: Readable<readonly Message[]>;
  readonly limits: MessageLimits;
  on<K extends keyof MessageEventMap>(type: K, listener: (detail: MessageEventMap[K]) => void): () => void;
  sendChat(text: string, options?: { to?: string[] }): Promise<Message>;
  sendBarrage(text: string): Promise<Message>;
  sendCommand(command: string, to?: string[]): Promise<Message>;
  send(topic: string, text: string, options?: { reliable?: boolean; to?: string[] }): Promise<Message>;
  retry(message: Message): Promise<Message>;
}

interface Pending {
  key: string;
  reliable: boolean;
  queuedAt: number;
  resolve: (message: Message) => void;
  reject: (error: RtcError) => void;
}

const encoder = new TextEncoder();
// Fatal, so text that is not UTF-8 is dropped rather than shown garbled.
const decoder = new TextDecoder('utf-8', { fatal: true });
const RESERVED = /^(lk[.-]|rtc\.)/;
/** Reliable messages this recent may have been lost by a full reconnect (livekit-client drops its replay state). */
const UNCERTAIN_WINDOW_MS = 5000;
const SEEN_LIMIT = 1000;
/** How often resends and time-outs of delivery are looked at. */
const SWEEP_MS = 1000;
/** Someone who left this recently may be reconnecting: a message to everyone waits for them too. */
const RETURN_WINDOW_MS = 10_000;
const RECEIPT_BATCH_MS = 50;
const MAX_RECEIPT_IDS = 200;
/** A received payload larger than this is not read (nobody of ours sends one). */
const MAX_RECEIVED_BYTES = 64 * 1024;

const newId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Every message of one room: chat (interoperable with LiveKit Meet), barrage, custom commands and the page's
 * own topics. LiveKit allows one handler per topic, so the hub owns them all and elements listen to it.
 * Limits are checked before anything is sent. While the room is connecting or reconnecting, messages wait
 * in a bounded outbox and go out in order; what cannot be delivered fails with a code, and what a full
 * reconnect may have lost is marked uncertain (commands are sent again with the same id, and receivers drop
 * repeats). No message is lost without an event saying so. Without a room, sending fails at once.
 */
/** A message refused before anything was sent (too large, too fast, not allowed…): nothing is queued or in the chat. */
export class MessageRefusedError extends RtcError {}

export class MessageHub implements MessageChannel {
  readonly #events = new Emitter<MessageEventMap>();
  readonly #chat = new Store<readonly Message[]>([]);
  readonly #limits: MessageLimits;
  /** Your own messages not yet settled for good, by key: one record each, replaced on every change. */
  readonly #own = new Map<string, Message>();
  readonly #outbox: Pending[] = [];
  readonly #seen = new Set<string>();
  readonly #buckets = new Map<MessageKind, { tokens: number; at: number }>();
  /** Keys of reliable messages sent lately, with when, for the full-reconnect window. */
  #recent: { key: string; at: number }[] = [];
  #transport: MessageTransport | undefined;
  #state: 'closed' | 'waiting' | 'live' = 'closed';
  /** Deliveries run one after another, in the order they were asked for. */
  #tail: Promise<void> = Promise.resolve();
  #expiry: ReturnType<typeof setInterval> | undefined;
  readonly #delivery = new DeliveryTracker();
  #sweeper: ReturnType<typeof setInterval> | undefined;
  /** Who else was in the room when the connection was last up. */
  #lastSeen: string[] = [];
  /** Who left lately, and when. */
  readonly #departed = new Map<string, number>();
  /** Receipts to send, by the sender they go to. */
  readonly #receipts = new Map<string, Set<string>>();
  #receiptTimer: ReturnType<typeof setTimeout> | undefined;

  /** This session's chat, oldest first, your own messages included. */
  readonly chat: Readable<readonly Message[]> = readonly(this.#chat);

  constructor(limits: MessageLimitsInit = {}) {
    const defaults = DEFAULT_MESSAGE_LIMITS;
    this.#limits = {
      ...defaults,
      ...limits,
      bytes: { ...defaults.bytes, ...limits.bytes },
      perSecond: { ...defaults.perSecond, ...limits.perSecond },
    };
  }

  get limits(): MessageLimits {
    return this.#limits;
  }

  on<K extends keyof MessageEventMap>(type: K, listener: (detail: MessageEventMap[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** A chat message to everyone (or to `to`), as LiveKit Meet sends it. */
  sendChat(text: string, options: { to?: string[] } = {}): Promise<Message> {
    return this.#send('chat', CHAT_TOPIC, text, options.to, true);
  }

  /** A barrage (danmaku) message: lossy, never queued, for text flying over the video. */
  sendBarrage(text: string): Promise<Message> {
    return this.#send('barrage', BARRAGE_TOPIC, text, undefined, false);
  }

  /** A custom command to everyone or to `to`: reliable, never echoed to you. */
  sendCommand(command: string, to?: string[]): Promise<Message> {
    return this.#send('command', COMMAND_TOPIC, command, to, true);
  }

  /** Text on a topic of the page's own (not `lk.…`, `lk-…` or `rtc.…`). */
  send(topic: string, text: string, options: { reliable?: boolean; to?: string[] } = {}): Promise<Message> {
    if (!topic || RESERVED.test(topic)) {
      return Promise.reject(new RtcError('unknown', `"${topic}" is not a topic the page may use; lk.*, lk-* and rtc.* are taken.`));
    }
    return this.#send('custom', topic, text, options.to, options.reliable ?? true);
  }

  /**
   * Sends a failed or uncertain message of yours again, to the same people: a new message (with a new id),
   * which takes the old one's place in the chat once it is accepted. Refused again (too fast, say), the old
   * one stays as it was, with its "Send again".
   */
  retry(message: Message): Promise<Message> {
    return this.#send(message.kind, message.topic, message.text, message.to, message.kind !== 'barrage', message.key);
  }

  // --- driven by the session ---

  /** The room is connected (or reconnected) through `transport`: waiting messages go out in order. */
  connected(transport: MessageTransport): void {
    this.#transport = transport;
    this.#state = 'live';
    // Nothing waits for the connection while it is up: no expiry to watch.
    clearInterval(this.#expiry);
    this.#expiry = undefined;
    // Tells the room this client confirms what it receives (again after a reconnect: the room may have changed).
    this.#sendNote(transport, HELLO_TOPIC, { v: 1 });
    this.#pump();
    this.#sweep();
  }

  /** The room is connecting or reconnecting: messages wait in the outbox. */
  waiting(): void {
    // Who was here, as the person saw it: what they type now is for them (livekit-client may forget them meanwhile).
    if (this.#state === 'live') this.#lastSeen = this.#transport?.present?.() ?? [];
    this.#state = 'waiting';
    this.#expiry ??= setInterval(() => this.#expire(), 1000);
  }

  /**
   * A full reconnect began: livekit-client drops what it had not delivered. Recent commands go out again with
   * the same id; recent chat and custom messages are marked uncertain, with a retry.
   */
  fullReconnect(): void {
    this.waiting();
    const now = Date.now();
    this.#delivery.lostSince(now - UNCERTAIN_WINDOW_MS);
    for (const { key } of this.#recent.filter((recent) => now - recent.at < UNCERTAIN_WINDOW_MS)) {
      const message = this.#own.get(key);
      if (!message || message.status === 'delivered') continue;
      if (message.kind === 'command') this.#outbox.push({ key, reliable: true, queuedAt: now, resolve: () => undefined, reject: () => undefined });
      else this.#change(key, { status: 'uncertain', code: 'delivery-uncertain' }, 'status');
    }
    this.#recent = [];
  }

  /** The room is gone (left, failed, kicked): what waits can no longer be delivered, and sending fails at once. */
  closed(): void {
    this.#state = 'closed';
    this.#transport = undefined;
    clearInterval(this.#expiry);
    this.#expiry = undefined;
    for (const pending of this.#outbox.splice(0)) {
      this.#fail(pending, new RtcError('not-connected', 'The room was left before the message could be sent.'));
    }
    // Whoever it had not reached yet will not get it now.
    for (const { key, identities } of this.#delivery.abandon()) this.#undelivered(key, identities);
    this.#stopSweeping();
    clearTimeout(this.#receiptTimer);
    this.#receiptTimer = undefined;
    this.#receipts.clear();
  }

  /** Someone left the room; if they come back soon (a reconnect of theirs), what was sent meanwhile is for them too. */
  participantLeft(identity: string): void {
    this.#departed.set(identity, Date.now());
  }

  /** Forgets the last room's chat and limits' counters, before joining another. */
  reset(): void {
    this.closed();
    this.#delivery.clear();
    this.#lastSeen = [];
    this.#departed.clear();
    this.#chat.set([]);
    this.#own.clear();
    this.#recent = [];
    this.#seen.clear();
    this.#buckets.clear();
  }

  /** A chat text stream arrived. */
  receiveChat(identity: string, text: string, info: { id: string; timestamp: number }): void {
    this.#receive({ kind: 'chat', topic: CHAT_TOPIC, id: info.id, text, identity, sentAt: info.timestamp });
  }

  /** A data packet arrived on `topic`. Malformed or oversized payloads are dropped without a word. */
  receiveData(identity: string, topic: string | undefined, payload: Uint8Array): void {
    if (!topic || payload.byteLength > MAX_RECEIVED_BYTES) return;
    let text: string;
    try {
      text = decoder.decode(payload);
    } catch {
      return;
    }
    if (topic === RECEIPT_TOPIC || topic === HELLO_TOPIC) return this.#receiveDeliveryNote(identity, topic, parseObject(text));
    if (topic === LEGACY_CHAT_TOPIC || topic === BARRAGE_TOPIC || topic === COMMAND_TOPIC) {
      const body = parseObject(text);
      if (!body) return;
      if (topic === LEGACY_CHAT_TOPIC) {
        // Clients that also send the text stream say so; that copy is the one read.
        if (body.ignoreLegacy === true || typeof body.message !== 'string' || typeof body.id !== 'string') return;
        this.#receive({ kind: 'chat', topic: CHAT_TOPIC, id: body.id, text: body.message, identity, sentAt: numberOr(body.timestamp) });
        return;
      }
      const value = topic === COMMAND_TOPIC ? body.command : body.text;
      if (typeof value !== 'string' || typeof body.id !== 'string') return;
      this.#receive({ kind: topic === COMMAND_TOPIC ? 'command' : 'barrage', topic, id: body.id, text: value, identity, sentAt: numberOr(body.sentAt) });
      return;
    }
    if (RESERVED.test(topic)) return;
    const body = parseObject(text);
    const id = typeof body?.id === 'string' ? body.id : newId();
    const value = typeof body?.text === 'string' ? body.text : text;
    this.#receive({ kind: 'custom', topic, id, text: value, identity, sentAt: numberOr(body?.sentAt) });
  }

  // --- inside ---

  /** `replaces`: the key of the message a retry stands in for. */
  #send(kind: MessageKind, topic: string, text: string, to: string[] | undefined, reliable: boolean, replaces?: string): Promise<Message> {
    const key = newId();
    const message: Message = {
      key,
      id: key,
      kind,
      topic,
      text,
      from: { identity: this.#transport?.identity ?? '', name: this.#transport?.nameOf(this.#transport.identity) ?? '' },
      sentAt: Date.now(),
      own: true,
      status: 'queued',
      ...(to?.length ? { to: [...to] } : {}),
    };
    const refuse = (code: RtcErrorCode, why: string) => {
      this.#events.emit('failed', { ...message, status: 'failed', code });
      return Promise.reject(new MessageRefusedError(code, why));
    };
    const bytes = encoder.encode(text).byteLength;
    if (!text.trim()) return refuse('message-empty', 'An empty message is not sent.');
    if (bytes > this.#limits.bytes[kind]) return refuse('message-too-large', `The message is ${bytes} bytes; at most ${this.#limits.bytes[kind]} may be sent.`);
    if (this.#state === 'closed') return refuse('not-connected', 'Join a room before sending messages.');
    if (this.#transport && !this.#transport.canPublishData) return refuse('no-permission', 'Your token does not allow sending messages.');
    if (this.#state !== 'live' && !reliable) return refuse('not-connected', 'Barrage is sent only while connected: it would be lost.');
    if (this.#outbox.length >= this.#limits.outbox) return refuse('queue-full', 'Too many messages are waiting for the connection.');
    // Last, so a message refused for another reason does not use up the rate.
    if (!this.#take(kind)) return refuse('rate-limited', `At most ${this.#limits.perSecond[kind]} ${kind} messages a second may be sent.`);
    this.#own.set(key, message);
    if (replaces) {
      this.#own.delete(replaces);
      this.#delivery.forget(replaces);
    }
    if (reliable) {
      this.#delivery.track(key, to?.length ? to : this.#everyone(), Date.now());
      this.#startSweeping();
    }
    if (kind === 'chat') {
      this.#chat.update((list) =>
        replaces && list.some((entry) => entry.key === replaces)
          ? list.map((entry) => (entry.key === replaces ? message : entry))
          : [...list, message].slice(-this.#limits.history),
      );
    }
    return new Promise<Message>((resolve, reject) => {
      this.#outbox.push({ key, reliable, queuedAt: Date.now(), resolve, reject });
      if (this.#state === 'live') this.#pump();
      else this.#events.emit('status', message);
    });
  }

  /** Sends what waits, in order, while the room is live; what is left waits for the next `connected`. */
  #pump(): void {
    this.#tail = this.#tail
      .then(async () => {
        while (this.#state === 'live' && this.#outbox.length) await this.#deliver(this.#outbox.shift()!);
      })
      .catch(() => undefined);
  }

  async #deliver(pending: Pending): Promise<void> {
    const transport = this.#transport;
    const message = this.#own.get(pending.key);
    if (!message) return; // retried meanwhile: the new message replaces it
    if (!transport) return this.#fail(pending, new RtcError('not-connected', 'Not connected.'));
    const options = message.to ? { destinationIdentities: message.to } : {};
    let id = message.id;
    try {
      if (message.kind === 'chat') {
        const info = await transport.sendText(message.text, { topic: CHAT_TOPIC, ...options });
        // The stream's id is the one every client keys the message by.
        id = info.id;
        // Meet's own mirror, for older clients; those that read the stream are told to ignore it. It is a
        // courtesy: the message is delivered once the stream is sent, whatever becomes of the mirror.
        const mirror = packetOf({ ...message, id }, transport.legacyChatIgnored);
        await transport.publishData(mirror.payload, { reliable: true, topic: mirror.topic, ...options }).catch(() => undefined);
      } else {
        const packet = packetOf(message, false);
        await transport.publishData(packet.payload, { reliable: pending.reliable, topic: packet.topic, ...options });
      }
    } catch (error) {
      return this.#fail(pending, new RtcError('send-failed', `Sending failed: ${(error as Error)?.message ?? error}`, { cause: error }));
    }
    const sent = this.#change(pending.key, { id, status: 'sent', from: { identity: transport.identity, name: transport.nameOf(transport.identity) } }, 'sent');
    // Kept only as long as a full reconnect could still have lost it.
    // In the order sent, so the stale ones are the first few.
    const now = Date.now();
    const fresh = this.#recent.findIndex((entry) => now - entry.at < UNCERTAIN_WINDOW_MS);
    for (const entry of this.#recent.splice(0, fresh === -1 ? this.#recent.length : fresh)) {
      if (!this.#delivery.has(entry.key)) this.#own.delete(entry.key);
    }
    if (pending.reliable) this.#recent.push({ key: pending.key, at: now });
    else this.#own.delete(pending.key);
    this.#settled(pending.key, this.#delivery.sent(pending.key, id, new Set(transport.present?.() ?? []), Date.now()));
    pending.resolve(sent);
  }

  // --- who has it (see delivery.ts) ---

  /** Who a message to everyone is for: who is here (or was, while you are away), and who left moments ago. */
  #everyone(): string[] {
    const now = Date.now();
    for (const [identity, at] of this.#departed) if (now - at > RETURN_WINDOW_MS) this.#departed.delete(identity);
    const here = this.#state === 'live' ? (this.#transport?.present?.() ?? []) : this.#lastSeen;
    return [...new Set([...here, ...this.#departed.keys()])];
  }

  #startSweeping(): void {
    this.#sweeper ??= setInterval(() => this.#sweep(), SWEEP_MS);
  }

  #stopSweeping(): void {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
  }

  /** Sends again to who is back or has not confirmed; fails for who ran out of time. */
  #sweep(): void {
    const transport = this.#transport;
    const live = this.#state === 'live' && !!transport;
    const present = new Set(transport?.present?.() ?? []);
    const { resend, undelivered } = this.#delivery.sweep(Date.now(), present, live, this.#limits.outboxTtlMs);
    for (const { key, identities } of undelivered) this.#undelivered(key, identities);
    if (live) for (const { key, identity } of resend) void this.#resend(transport, key, identity);
    if (!this.#delivery.size) this.#stopSweeping();
  }

  /** The same message, with the same id, to `identity` only. Chat goes as Meet's JSON mirror, which carries the id. */
  async #resend(transport: MessageTransport, key: string, identity: string): Promise<void> {
    const message = this.#own.get(key);
    if (!message) return this.#delivery.forget(key);
    // Chat goes again as Meet's mirror, which carries the id (a text stream would get a new one).
    const { topic, payload } = packetOf(message, false);
    try {
      await transport.publishData(payload, { reliable: true, topic, destinationIdentities: [identity] });
    } catch {
      return; // tried again at the next sweep
    }
    this.#settled(key, this.#delivery.resent(key, identity, Date.now()));
  }

  /** Everyone it was for has it: said as `delivered` when each of them confirmed it. */
  #settled(key: string, settled: Settled): void {
    if (!settled) return;
    const message = this.#own.get(key);
    if (settled === 'confirmed' && message && message.status !== 'failed') this.#change(key, { status: 'delivered', code: undefined }, 'status');
    this.#dropIfSettled(key);
  }

  #undelivered(key: string, identities: string[]): void {
    if (!this.#own.has(key) || this.#own.get(key)!.status === 'failed') return;
    this.#change(key, { status: 'failed', code: 'not-delivered', undelivered: identities }, 'failed');
    this.#dropIfSettled(key);
  }

  /** Forgets a message of yours nothing can happen to any more. */
  #dropIfSettled(key: string): void {
    if (!this.#delivery.has(key) && !this.#recent.some((recent) => recent.key === key)) this.#own.delete(key);
  }

  #receiveDeliveryNote(identity: string, topic: string, body: Record<string, unknown> | undefined): void {
    if (topic === HELLO_TOPIC) {
      // Newly met: say it back, so each knows the other confirms.
      if (this.#delivery.hello(identity) && this.#state === 'live' && this.#transport) this.#sendNote(this.#transport, HELLO_TOPIC, { v: 1 }, identity);
      return;
    }
    const ids = Array.isArray(body?.ids) ? body.ids.filter((id): id is string => typeof id === 'string').slice(0, MAX_RECEIPT_IDS) : [];
    for (const { key, settled } of this.#delivery.confirmed(identity, ids)) this.#settled(key, settled);
  }

  /** A hello or a receipt: best effort, never a failure of anything the page did (a lost one is made up for). */
  #sendNote(transport: MessageTransport, topic: string, body: object, to?: string): void {
    Promise.resolve()
      .then(() => transport.publishData(encoder.encode(JSON.stringify(body)), { reliable: true, topic, ...(to ? { destinationIdentities: [to] } : {}) }))
      .catch(() => undefined);
  }

  /** Says "got it" to `identity` for `id`, batched with the others said in the same moment. */
  #confirm(identity: string, id: string): void {
    if (this.#state !== 'live') return; // the sender sends it again, and hears then
    let ids = this.#receipts.get(identity);
    if (!ids) this.#receipts.set(identity, (ids = new Set()));
    ids.add(id);
    this.#receiptTimer ??= setTimeout(() => {
      this.#receiptTimer = undefined;
      const transport = this.#transport;
      for (const [to, batch] of this.#receipts) if (transport) this.#sendNote(transport, RECEIPT_TOPIC, { v: 1, ids: [...batch].slice(0, MAX_RECEIPT_IDS) }, to);
      this.#receipts.clear();
    }, RECEIPT_BATCH_MS);
  }

  #expire(): void {
    const now = Date.now();
    const expired = this.#outbox.filter((pending) => now - pending.queuedAt >= this.#limits.outboxTtlMs);
    if (!expired.length) return;
    this.#outbox.splice(0, this.#outbox.length, ...this.#outbox.filter((pending) => !expired.includes(pending)));
    // Oldest first, as they were written.
    for (const pending of expired) this.#fail(pending, new RtcError('not-connected', 'The connection did not come back in time to send the message.'));
  }

  #fail(pending: Pending, error: RtcError): void {
    // Never sent: that it reached nobody is said by this failure.
    this.#delivery.forget(pending.key);
    if (this.#own.has(pending.key)) this.#change(pending.key, { status: 'failed', code: error.code }, 'failed');
    pending.reject(error);
  }

  /** Replaces one of your messages with a changed copy, in the chat too, and tells listeners with `event`. */
  #change(key: string, change: Partial<Message>, event: keyof MessageEventMap): Message {
    const updated: Message = { ...this.#own.get(key)!, ...change };
    this.#own.set(key, updated);
    if (updated.kind === 'chat') this.#chat.update((list) => list.map((entry) => (entry.key === key ? updated : entry)));
    this.#events.emit(event, updated);
    return updated;
  }

  #take(kind: MessageKind): boolean {
    const rate = this.#limits.perSecond[kind];
    const now = Date.now();
    const bucket = this.#buckets.get(kind) ?? { tokens: rate * 2, at: now };
    bucket.tokens = Math.min(rate * 2, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.#buckets.set(kind, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  #receive(entry: { kind: MessageKind; topic: string; id: string; text: string; identity: string; sentAt: number }): void {
    const key = `${entry.identity}\n${entry.kind}\n${entry.id}`;
    // Every copy is confirmed: the sender resends until it hears, and the first receipt may have been lost.
    if (entry.kind !== 'barrage') this.#confirm(entry.identity, entry.id);
    if (this.#seen.has(key)) return; // the same message again (a resend, or its legacy mirror)
    this.#seen.add(key);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
    const message: Message = {
      key,
      id: entry.id,
      kind: entry.kind,
      topic: entry.topic,
      text: entry.text,
      from: { identity: entry.identity, name: this.#transport?.nameOf(entry.identity) ?? entry.identity },
      sentAt: entry.sentAt,
      receivedAt: Date.now(),
      own: false,
    };
    if (message.kind === 'chat') this.#chat.update((list) => [...list, message].slice(-this.#limits.history));
    this.#events.emit('received', message);
  }
}

/**
 * A message as one data packet: commands, barrage and the page's topics as our JSON; chat as LiveKit Meet's
 * legacy mirror (`ignoreLegacy` tells clients that read the text stream to skip it).
 */
function packetOf(message: Message, ignoreLegacy: boolean): { topic: string; payload: Uint8Array<ArrayBuffer> } {
  const body =
    message.kind === 'chat'
      ? { id: message.id, timestamp: message.sentAt, message: message.text, ignoreLegacy }
      : { v: 1, id: message.id, [message.kind === 'command' ? 'command' : 'text']: message.text, sentAt: message.sentAt };
  return { topic: message.kind === 'chat' ? LEGACY_CHAT_TOPIC : message.topic, payload: encoder.encode(JSON.stringify(body)) };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const numberOr = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : Date.now());
