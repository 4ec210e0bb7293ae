import { Emitter } from './emitter.js';
import { RtcError, type RtcErrorCode } from './errors.js';
import { Store, type Readable } from './readable.js';

/** LiveKit Meet's chat: text streams on `lk.chat`, and a JSON mirror on the legacy topic for older clients. */
export const CHAT_TOPIC = 'lk.chat';
export const LEGACY_CHAT_TOPIC = 'lk-chat-topic';
export const BARRAGE_TOPIC = 'rtc.barrage';
export const COMMAND_TOPIC = 'rtc.command';

export type MessageKind = 'chat' | 'barrage' | 'command' | 'custom';
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'uncertain';

export interface MessageSender {
  identity: string;
  name: string;
}

/** One message, sent or received. `text` is plain text: show it as text, never as markup. */
export interface Message {
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
  readonly canPublishData: boolean;
  /** Whether other clients read the text stream (so the legacy chat mirror asks them to ignore it). */
  readonly legacyChatIgnored: boolean;
  nameOf(identity: string): string;
  sendText(text: string, options: { topic: string; destinationIdentities?: string[] }): Promise<{ id: string; timestamp: number }>;
  publishData(payload: Uint8Array<ArrayBuffer>, options: { reliable: boolean; topic: string; destinationIdentities?: string[] }): Promise<void>;
}

export interface MessageEventMap {
  received: Message;
  sent: Message;
  failed: Message;
  /** Status changes of your own messages (queued → sent, sent → uncertain). */
  status: Message;
}

interface Pending {
  message: Message;
  queuedAt: number;
  resolve: (message: Message) => void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const RESERVED = /^(lk[.-]|rtc\.)/;
/** Reliable messages this recent may have been lost by a full reconnect (livekit-client drops its replay state). */
const UNCERTAIN_WINDOW_MS = 5000;
const SEEN_LIMIT = 1000;
/** A received payload larger than this is not read (nobody of ours sends one). */
const MAX_RECEIVED_BYTES = 64 * 1024;

const newId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Every message of one room: chat (interoperable with LiveKit Meet), barrage, custom commands and the page's
 * own topics. LiveKit allows one handler per topic, so the hub owns them all and elements listen to it.
 * Limits are checked before anything is sent. While the room is connecting or reconnecting, messages wait
 * in a bounded outbox and go out in order; what cannot be delivered fails with a code, and what a full
 * reconnect may have lost is marked uncertain (commands are sent again with the same id, and receivers drop
 * repeats). No message is lost without an event saying so.
 */
export class MessageHub {
  readonly #events = new Emitter<MessageEventMap>();
  readonly #chat = new Store<readonly Message[]>([]);
  readonly #limits: MessageLimits;
  readonly #outbox: Pending[] = [];
  readonly #seen = new Set<string>();
  readonly #buckets = new Map<MessageKind, { tokens: number; at: number }>();
  /** Reliable messages sent lately, by time, for the full-reconnect window. */
  #recent: { message: Message; at: number; resend: () => Promise<void> }[] = [];
  #transport: MessageTransport | undefined;
  #live = false;
  #expiry: ReturnType<typeof setInterval> | undefined;

  /** This session's chat, oldest first, your own messages included. */
  readonly chat: Readable<readonly Message[]> = this.#chat;

  constructor(limits: Partial<MessageLimits> = {}) {
    this.#limits = { ...DEFAULT_MESSAGE_LIMITS, ...limits };
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

  /** Sends a failed or uncertain message of yours again (a new message, with a new id). */
  retry(message: Message): Promise<Message> {
    if (message.kind === 'chat') return this.sendChat(message.text, message.to ? { to: message.to } : {});
    if (message.kind === 'barrage') return this.sendBarrage(message.text);
    if (message.kind === 'command') return this.sendCommand(message.text, message.to);
    return this.send(message.topic, message.text, message.to ? { to: message.to } : {});
  }

  // --- driven by the session ---

  /** The room is connected (or reconnected) through `transport`: waiting messages go out in order. */
  connected(transport: MessageTransport): void {
    this.#transport = transport;
    this.#live = true;
    this.#flush();
  }

  /** The room is connecting or reconnecting: messages wait in the outbox. */
  waiting(): void {
    this.#live = false;
    this.#expiry ??= setInterval(() => this.#expire(), 1000);
  }

  /**
   * A full reconnect began: livekit-client drops what it had not delivered. Recent commands go out again with
   * the same id; recent chat and custom messages are marked uncertain, with a retry.
   */
  fullReconnect(): void {
    this.waiting();
    const now = Date.now();
    for (const entry of this.#recent.filter((recent) => now - recent.at < UNCERTAIN_WINDOW_MS)) {
      if (entry.message.kind === 'command') {
        this.#outbox.push({ message: entry.message, queuedAt: now, resolve: () => undefined });
      } else {
        this.#update(entry.message, { status: 'uncertain', code: 'delivery-uncertain' }, 'status');
      }
    }
    this.#recent = [];
  }

  /** The room is gone (left, failed, kicked): what waits can no longer be delivered. */
  closed(): void {
    this.#live = false;
    this.#transport = undefined;
    clearInterval(this.#expiry);
    this.#expiry = undefined;
    for (const pending of this.#outbox.splice(0)) this.#fail(pending, 'not-connected', 'The room was left before the message could be sent.');
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

  #send(kind: MessageKind, topic: string, text: string, to: string[] | undefined, reliable: boolean): Promise<Message> {
    const message: Message = {
      id: newId(),
      kind,
      topic,
      text,
      from: { identity: this.#transport?.identity ?? '', name: '' },
      sentAt: Date.now(),
      own: true,
      ...(to?.length ? { to: [...to] } : {}),
    };
    const refuse = (code: RtcErrorCode, why: string) => {
      const failed = { ...message, status: 'failed' as const, code };
      this.#events.emit('failed', failed);
      return Promise.reject(new RtcError(code, why));
    };
    const bytes = encoder.encode(text).byteLength;
    if (!text.trim()) return refuse('message-too-large', 'An empty message is not sent.');
    if (bytes > this.#limits.bytes[kind]) return refuse('message-too-large', `The message is ${bytes} bytes; at most ${this.#limits.bytes[kind]} may be sent.`);
    if (this.#transport && !this.#transport.canPublishData) return refuse('no-permission', 'Your token does not allow sending messages.');
    if (!this.#take(kind)) return refuse('rate-limited', `At most ${this.#limits.perSecond[kind]} ${kind} messages a second may be sent.`);
    if (!this.#live && !reliable) return refuse('not-connected', 'Barrage is sent only while connected: it would be lost.');
    if (!this.#live && this.#outbox.length >= this.#limits.outbox) return refuse('queue-full', 'Too many messages are waiting for the connection.');
    if (kind === 'chat') {
      const status: MessageStatus = 'queued';
      this.#chat.set([...this.#chat.get(), { ...message, status }].slice(-this.#limits.history));
    }
    return new Promise<Message>((resolve) => {
      const pending: Pending = { message, queuedAt: Date.now(), resolve };
      if (this.#live) void this.#deliver(pending);
      else {
        this.#outbox.push(pending);
        this.#expiry ??= setInterval(() => this.#expire(), 1000);
        this.#update(message, { status: 'queued' }, 'status');
      }
    }).then((settled) => (settled.status === 'failed' ? Promise.reject(new RtcError(settled.code ?? 'send-failed', `The message could not be sent (${settled.code}).`)) : settled));
  }

  async #deliver(pending: Pending): Promise<void> {
    const transport = this.#transport;
    const { message } = pending;
    if (!transport) return this.#fail(pending, 'not-connected', 'Not connected.');
    const sender = { identity: transport.identity, name: transport.nameOf(transport.identity) };
    const destinationIdentities = message.to;
    const send = async (): Promise<void> => {
      const options = destinationIdentities ? { destinationIdentities } : {};
      if (message.kind === 'chat') {
        const info = await transport.sendText(message.text, { topic: CHAT_TOPIC, ...options });
        // Meet's own mirror: older clients read this; those that read the stream are told to ignore it.
        const legacy = { id: info.id, timestamp: message.sentAt, message: message.text, ignoreLegacy: transport.legacyChatIgnored };
        await transport.publishData(encoder.encode(JSON.stringify(legacy)), { reliable: true, topic: LEGACY_CHAT_TOPIC, ...options });
        // The stream's id is the one every client keys the message by.
        this.#rename(message, info.id);
      } else {
        const field = message.kind === 'command' ? 'command' : 'text';
        const body = JSON.stringify({ v: 1, id: message.id, [field]: message.text, sentAt: message.sentAt });
        await transport.publishData(encoder.encode(body), { reliable: message.kind !== 'barrage', topic: message.topic, ...options });
      }
    };
    try {
      await send();
    } catch (error) {
      return this.#fail(pending, 'send-failed', `Sending failed: ${(error as Error)?.message ?? error}`);
    }
    const sent = this.#update(message, { status: 'sent', from: sender }, 'sent');
    if (message.kind !== 'barrage') this.#recent.push({ message: sent, at: Date.now(), resend: send });
    this.#recent = this.#recent.filter((entry) => Date.now() - entry.at < UNCERTAIN_WINDOW_MS);
    pending.resolve(sent);
  }

  #flush(): void {
    // In order: each waits for the one before, as a person typing them would expect.
    const waiting = this.#outbox.splice(0);
    void waiting.reduce((previous, pending) => previous.then(() => this.#deliver(pending)), Promise.resolve());
    if (!this.#outbox.length) {
      clearInterval(this.#expiry);
      this.#expiry = undefined;
    }
  }

  #expire(): void {
    const now = Date.now();
    const expired = this.#outbox.filter((pending) => now - pending.queuedAt >= this.#limits.outboxTtlMs);
    if (!expired.length) return;
    this.#outbox.splice(0, this.#outbox.length, ...this.#outbox.filter((pending) => !expired.includes(pending)));
    // Oldest first, as they were written.
    for (const pending of expired) this.#fail(pending, 'not-connected', 'The connection did not come back in time to send the message.');
  }

  #fail(pending: Pending, code: RtcErrorCode, _why: string): void {
    const failed = this.#update(pending.message, { status: 'failed', code }, 'failed');
    pending.resolve(failed);
  }

  /** Changes one of your messages, in the chat history too, and tells listeners with `event`. */
  #update(message: Message, change: Partial<Message>, event: keyof MessageEventMap): Message {
    Object.assign(message, change);
    const updated = { ...message };
    if (message.kind === 'chat') this.#chat.set(this.#chat.get().map((entry) => (entry.id === message.id ? updated : entry)));
    this.#events.emit(event, updated);
    return updated;
  }

  #rename(message: Message, id: string): void {
    const previous = message.id;
    message.id = id;
    this.#chat.set(this.#chat.get().map((entry) => (entry.id === previous ? { ...entry, id } : entry)));
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
    if (this.#seen.has(key)) return; // the same message again (a resend, or its legacy mirror)
    this.#seen.add(key);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
    const message: Message = {
      id: entry.id,
      kind: entry.kind,
      topic: entry.topic,
      text: entry.text,
      from: { identity: entry.identity, name: this.#transport?.nameOf(entry.identity) ?? entry.identity },
      sentAt: entry.sentAt || Date.now(),
      receivedAt: Date.now(),
      own: false,
    };
    if (message.kind === 'chat') this.#chat.set([...this.#chat.get(), message].slice(-this.#limits.history));
    this.#events.emit('received', message);
  }
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
