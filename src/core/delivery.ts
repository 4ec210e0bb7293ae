/**
 * Who has your reliable messages (chat, commands, the page's topics), and who still needs them.
 *
 * A message is for the people in the room when you send it (or those it names). Each of them gets it once both
 * of you are connected: someone away when it went out (reconnecting, rejoining) gets it when back. Clients of
 * this kit say "got it" (`rtc.receipt`, to the sender only) for every reliable message, repeats included, and
 * tell each other they do (`rtc.hello`); to them a message is sent again, with the same id (receivers keep
 * one copy), until they confirm. Other clients (LiveKit Meet, agents) confirm nothing: to them a message is
 * delivered when the server took it while they were in the room. Whoever has not got it when the outbox's
 * time is up is named in the failed message (`not-delivered`).
 */

export const RECEIPT_TOPIC = 'rtc.receipt';
export const HELLO_TOPIC = 'rtc.hello';

/**
 * What became of a message once nobody is left to reach: `confirmed` by everyone it was for, or `done` (some
 * could not say, or it was for nobody).
 */
export type Settled = 'confirmed' | 'done' | undefined;

/** How long a kit client has to confirm before the message goes to it again. */
const RESEND_AFTER_MS = 3000;

type RecipientState =
  /** Not sent to them yet: they (or you) were away. */
  | 'waiting'
  /** Sent; a kit client's receipt is awaited. */
  | 'sent'
  | 'done';

interface Delivery {
  key: string;
  /** Someone has it without being able to say so (not a kit client): it can never be confirmed by all. */
  unconfirmable: boolean;
  /** The id receivers know it by, once sent. */
  id?: string;
  queuedAt: number;
  recipients: Map<string, { state: RecipientState; at: number }>;
}

export interface SweepResult {
  /** Send `key` again to `identity` only. */
  resend: { key: string; identity: string }[];
  /** Every recipient has it. */
  delivered: string[];
  /** Time is up: these recipients never got it. */
  undelivered: { key: string; identities: string[] }[];
}

export class DeliveryTracker {
  /** Identities known to send receipts. */
  readonly #kit = new Set<string>();
  readonly #deliveries = new Map<string, Delivery>();
  readonly #keyById = new Map<string, string>();

  get size(): number {
    return this.#deliveries.size;
  }

  /** Whether `key` still has recipients to reach. */
  has(key: string): boolean {
    return this.#deliveries.has(key);
  }

  /** Whether `identity` confirms what it receives. */
  confirms(identity: string): boolean {
    return this.#kit.has(identity);
  }

  /** `identity` said it sends receipts; true when this is news (then say hello back). */
  hello(identity: string): boolean {
    if (this.#kit.has(identity)) return false;
    this.#kit.add(identity);
    return true;
  }

  /** A message is on its way to `recipients` (the room as you saw it, or those it names). */
  track(key: string, recipients: readonly string[], queuedAt: number): void {
    this.#deliveries.set(key, { key, unconfirmable: recipients.length === 0, queuedAt, recipients: new Map(recipients.map((identity) => [identity, { state: 'waiting', at: queuedAt }])) });
  }

  /** Went out as `id` while `present` were in the room. Settled when nobody is left to reach. */
  sent(key: string, id: string, present: ReadonlySet<string>, now: number): Settled {
    const delivery = this.#deliveries.get(key);
    if (!delivery) return undefined;
    delivery.id = id;
    this.#keyById.set(id, key);
    for (const [identity, recipient] of delivery.recipients) {
      if (recipient.state !== 'waiting' || !present.has(identity)) continue;
      this.#reached(delivery, identity, now);
    }
    return this.#finishIfDone(delivery);
  }

  /** Went out again to `identity` only. */
  resent(key: string, identity: string, now: number): Settled {
    const delivery = this.#deliveries.get(key);
    const recipient = delivery?.recipients.get(identity);
    if (!delivery || !recipient || recipient.state === 'done') return undefined;
    this.#reached(delivery, identity, now);
    return this.#finishIfDone(delivery);
  }

  /** `from` confirmed these ids; returns the messages that settled with it. */
  confirmed(from: string, ids: readonly string[]): { key: string; settled: Settled }[] {
    this.#kit.add(from);
    const settled: { key: string; settled: Settled }[] = [];
    for (const id of ids) {
      const delivery = this.#deliveries.get(this.#keyById.get(id) ?? '');
      const recipient = delivery?.recipients.get(from);
      if (!delivery || !recipient) continue;
      recipient.state = 'done';
      const result = this.#finishIfDone(delivery);
      if (result) settled.push({ key: delivery.key, settled: result });
    }
    return settled;
  }

  #reached(delivery: Delivery, identity: string, now: number): void {
    const recipient = delivery.recipients.get(identity)!;
    recipient.at = now;
    if (this.#kit.has(identity)) {
      recipient.state = 'sent';
    } else {
      recipient.state = 'done';
      delivery.unconfirmable = true;
    }
  }

  /**
   * A full reconnect may have lost what went out lately: recipients who have not confirmed it are waiting
   * again (kit clients get it again; others cannot say, so the hub marks those messages uncertain).
   */
  lostSince(since: number): void {
    for (const delivery of this.#deliveries.values()) {
      for (const recipient of delivery.recipients.values()) {
        if (recipient.state === 'sent' && recipient.at >= since) recipient.state = 'waiting';
      }
    }
  }

  /** What to do now: resend to who is back or silent, give up on who ran out of time. */
  sweep(now: number, present: ReadonlySet<string>, live: boolean, ttlMs: number): SweepResult {
    const result: SweepResult = { resend: [], delivered: [], undelivered: [] };
    for (const delivery of this.#deliveries.values()) {
      if (delivery.id === undefined) continue; // still in the outbox: the hub sends it first
      if (now - delivery.queuedAt >= ttlMs) {
        const identities = [...delivery.recipients].filter(([, r]) => r.state !== 'done').map(([identity]) => identity);
        this.#forget(delivery);
        result.undelivered.push({ key: delivery.key, identities });
        continue;
      }
      if (!live) continue;
      for (const [identity, recipient] of delivery.recipients) {
        if (!present.has(identity)) continue;
        const due = recipient.state === 'waiting' || (recipient.state === 'sent' && now - recipient.at >= RESEND_AFTER_MS);
        if (due) result.resend.push({ key: delivery.key, identity });
      }
    }
    return result;
  }

  /**
   * The room was left: stops following everything, and says for which messages who never got them (those it
   * was never sent to; whoever it was sent to probably has it, unconfirmed).
   */
  abandon(): { key: string; identities: string[] }[] {
    const unreached = [...this.#deliveries.values()]
      .map((delivery) => ({ key: delivery.key, identities: [...delivery.recipients].filter(([, r]) => r.state === 'waiting').map(([identity]) => identity) }))
      .filter(({ identities }) => identities.length);
    this.#deliveries.clear();
    this.#keyById.clear();
    return unreached;
  }

  /** Stops following `key` (retried, or the room was left). */
  forget(key: string): void {
    const delivery = this.#deliveries.get(key);
    if (delivery) this.#forget(delivery);
  }

  clear(): void {
    this.#deliveries.clear();
    this.#keyById.clear();
    this.#kit.clear();
  }

  #finishIfDone(delivery: Delivery): Settled {
    if ([...delivery.recipients.values()].some((recipient) => recipient.state !== 'done')) return undefined;
    this.#forget(delivery);
    return delivery.unconfirmable ? 'done' : 'confirmed';
  }

  #forget(delivery: Delivery): void {
    this.#deliveries.delete(delivery.key);
    if (delivery.id !== undefined) this.#keyById.delete(delivery.id);
  }
}
