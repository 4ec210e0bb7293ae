import { RpcError, type RpcInvocationData } from 'livekit-client';
import { Emitter } from './emitter.js';
import { RtcError } from './errors.js';
import type { LocalMediaOptions } from './local-media.js';
import { Store, type Readable } from './readable.js';
import { RoomSession, type ConnectOptions } from './room-session.js';
import type { TokenProvider } from './token.js';
import { isLive, type ConnectionStatus } from './types.js';

/** The room every signed-in tab joins, data only, to be reachable for calls. */
export const PRESENCE_ROOM = 'rtc-presence';

const METHOD = {
  invite: 'rtc.call.invite',
  accept: 'rtc.call.accept',
  reject: 'rtc.call.reject',
  cancel: 'rtc.call.cancel',
  hangUp: 'rtc.call.hangup',
} as const;

/** Application codes in RPC replies (LiveKit reserves 1001–1999 for its own). */
const REPLY = { malformed: 4400, unknownCall: 4410, busy: 4486, notRinging: 4487, glare: 4491, declined: 4603 } as const;
/** livekit-client's codes for a request that never reached anyone or whose answer was lost. */
const UNDELIVERED = new Set([1501, 1502, 1503, 1505]);

const MAX_USER_DATA_BYTES = 4096;
const MIN_RING_MS = 3000;
const MAX_RING_MS = 180_000;
/** The callee gives up a little after the caller would have, in case the caller's cancel is lost. */
const CALLEE_GRACE_MS = 2000;
const RPC_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 3;
/** How long a finished call is remembered, so a repeated invitation or acceptance is answered rightly. */
const FORGET_AFTER_MS = MAX_RING_MS + 30_000;
/** How long signing out waits for the last withdrawals to go. */
const SIGN_OUT_WAIT_MS = 2000;

export interface CallMedia {
  audio: boolean;
  video: boolean;
}

export type CallDirection = 'outgoing' | 'incoming';

/** Where an outgoing call is; the last six are how it can end before anyone talked. */
export type OutgoingCallState =
  | 'inviting'
  | 'ringing'
  | 'accepted'
  | 'connecting'
  | 'connected'
  | 'ended'
  | 'rejected'
  | 'busy'
  | 'cancelled'
  | 'timeout'
  | 'unavailable'
  | 'failed';

/** Where an incoming call is; `answered-elsewhere` and `rejected-elsewhere` come from the person's other tabs. */
export type IncomingCallState =
  | 'ringing'
  | 'accepting'
  | 'accepted'
  | 'connecting'
  | 'connected'
  | 'ended'
  | 'rejected'
  | 'cancelled'
  | 'missed'
  | 'answered-elsewhere'
  | 'rejected-elsewhere'
  | 'failed';

export type CallState = OutgoingCallState | IncomingCallState;

const OVER: ReadonlySet<CallState> = new Set<CallState>([
  'ended',
  'rejected',
  'busy',
  'cancelled',
  'timeout',
  'unavailable',
  'failed',
  'missed',
  'answered-elsewhere',
  'rejected-elsewhere',
]);

/** Whether a call in `state` is finished for good. */
export function isCallOver(state: CallState): boolean {
  return OVER.has(state);
}

/** Whether a call in `state` is still ringing (nobody has picked up yet). */
export function isCallRinging(state: CallState): boolean {
  return state === 'inviting' || state === 'ringing' || state === 'accepting';
}

export interface CallPeer {
  userId: string;
  name: string;
}

/** Why the caller withdrew an invite, as the callee's tabs are told. */
type CancelReason = 'cancelled' | 'timeout' | 'answered-elsewhere' | 'rejected-elsewhere' | 'glare';

const cancelledState: Record<CancelReason, IncomingCallState> = {
  cancelled: 'cancelled',
  timeout: 'missed',
  'answered-elsewhere': 'answered-elsewhere',
  'rejected-elsewhere': 'rejected-elsewhere',
  glare: 'cancelled',
};

/** What the caller answers a late acceptance with, for the callee's state. */
const notRingingReason: Partial<Record<CallState, IncomingCallState>> = {
  cancelled: 'cancelled',
  timeout: 'missed',
  rejected: 'rejected-elsewhere',
  busy: 'cancelled',
  unavailable: 'cancelled',
  failed: 'cancelled',
};

interface CallActions {
  cancel(call: OutgoingCall): void;
  accept(call: IncomingCall, media?: LocalMediaOptions): void;
  reject(call: IncomingCall, reason: 'declined' | 'busy'): void;
  hangUp(call: Call): void;
}

/**
 * One 1:1 call, either way. `state` says where it is; `session` is the call's room once someone accepted;
 * `result` resolves with that session when both sides are in, or rejects when the call ends before that:
 * with the call's `error` if something broke, else with `call-ended` (`state` says how).
 */
export abstract class Call {
  abstract readonly direction: CallDirection;
  /** A random UUID: the call room's name derives from it, so it cannot be guessed. */
  readonly id: string;
  /** The room both sides join once the call is accepted. */
  readonly room: string;
  readonly peer: CallPeer;
  readonly media: CallMedia;
  readonly userData: string | undefined;
  /** Set when the call went wrong (`failed`, or a connection that broke). */
  error: RtcError | undefined;
  /** The glare winner that took over from this call, when both called each other at once. */
  replacedBy: Call | undefined;
  readonly #state: Store<CallState>;
  readonly state: Readable<CallState>;
  #session: RoomSession | undefined;
  readonly result: Promise<RoomSession>;
  #settle!: { resolve: (session: RoomSession) => void; reject: (error: RtcError) => void };
  protected readonly actions: CallActions;

  constructor(actions: CallActions, init: { id: string; peer: CallPeer; media: CallMedia; userData?: string }, initial: CallState) {
    this.actions = actions;
    this.id = init.id;
    this.room = `call-${init.id}`;
    this.peer = init.peer;
    this.media = init.media;
    this.userData = init.userData;
    this.#state = new Store<CallState>(initial);
    this.state = this.#state;
    this.result = new Promise<RoomSession>((resolve, reject) => (this.#settle = { resolve, reject }));
    // A page that only watches `state` must not see an unhandled rejection.
    this.result.catch(() => undefined);
  }

  /** The call's room, from acceptance on. */
  get session(): RoomSession | undefined {
    return this.#session;
  }

  /** Leaves the call (or withdraws / declines it while it rings). */
  hangUp(): void {
    this.actions.hangUp(this);
  }

  /** @internal The client moves calls along; pages read `state`. */
  _set(state: CallState, session?: RoomSession): void {
    if (session) this.#session = session;
    if (isCallOver(this.#state.get())) return;
    this.#state.set(state);
    if (state === 'connected' && this.#session) this.#settle.resolve(this.#session);
    if (isCallOver(state)) {
      this.#settle.reject(this.error ?? new RtcError('call-ended', `The call ended before it connected: ${state}.`));
    }
  }
}

export class OutgoingCall extends Call {
  readonly direction = 'outgoing';

  /** Withdraws the invitation; after acceptance it hangs up. */
  cancel(): void {
    this.actions.cancel(this);
  }

  override hangUp(): void {
    this.actions.cancel(this);
  }
}

export class IncomingCall extends Call {
  readonly direction = 'incoming';

  /** Picks up: publishes `media` (what the caller asked for by default) in the call's room. */
  accept(media?: LocalMediaOptions): void {
    this.actions.accept(this, media);
  }

  /** Declines for every tab of yours; `busy` only for this one (the others keep ringing). */
  reject(reason: 'declined' | 'busy' = 'declined'): void {
    this.actions.reject(this, reason);
  }

  override hangUp(): void {
    if (this.state.get() === 'ringing') this.actions.reject(this, 'declined');
    else this.actions.hangUp(this);
  }
}

export type PresenceState = 'offline' | 'connecting' | 'online' | 'reconnecting' | 'failed';

/** Someone who can be called right now: signed in on at least one tab. */
export interface PresenceUser {
  userId: string;
  name: string;
  tabs: number;
}

export interface CallClientEventMap {
  /** A call that rings here and waits for `accept()` or `reject()`. */
  incoming: IncomingCall;
  'call-state-changed': { call: Call; state: CallState };
  error: RtcError;
}

export interface CallClientOptions {
  /** Who you are: the same on every tab and device (tabs get their own identity in the presence room). */
  userId: string;
  name?: string;
  serverUrl?: string;
  /** Mints tokens for the presence room and each call room; or give `tokenEndpoint`. */
  token?: TokenProvider;
  tokenEndpoint?: string;
  presenceRoom?: string;
  /** Says you are busy elsewhere (in a meeting, say): invitations are then answered `busy`. */
  isBusy?: () => boolean;
  /** How long the other side has to appear in the call room after acceptance (default 15 s). */
  peerJoinTimeoutMs?: number;
  /** How long a tab may be away from presence (a reconnect) before its ringing call gives up on it (default 5 s). */
  absenceGraceMs?: number;
}

export interface InviteOptions {
  /** What the call is: audio and video by default. The caller publishes it, and the callee by default too. */
  media?: Partial<CallMedia>;
  /** Up to 4 KiB the callee's page receives with the invitation (a subject, a meeting link). */
  userData?: string;
  /** How long it rings before giving up with `timeout` (default 30 s, 3 s to 180 s). */
  timeoutMs?: number;
}

interface InviteMessage {
  v: 1;
  callId: string;
  media: CallMedia;
  userData?: string;
  timeoutMs: number;
}

type TargetState = 'pending' | 'ringing' | 'busy' | 'gone';

interface Outgoing {
  call: OutgoingCall;
  /** Each tab of the callee that was invited, by presence identity. */
  targets: Map<string, TargetState>;
  payload: string;
  /** Invitations sent to each tab; a repeat after a reconnect carries the same call id. */
  attempts: Map<string, number>;
  /** The tab whose acceptance won. */
  acceptedBy?: string;
  timer?: ReturnType<typeof setTimeout>;
}

interface Incoming {
  call: IncomingCall;
  callerIdentity: string;
  /** The caller withdrew while our acceptance was on its way; if the caller took it anyway, hang up at once. */
  cancelledWhileAccepting?: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

const CALL_ID = /^[\w-]{8,64}$/;
const newCallId = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 14)}`;
const newTabId = () => Math.random().toString(36).slice(2, 10);
const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** The user id behind a presence identity (`<userId>#<tab>`). */
export function userIdOf(identity: string): string {
  const hash = identity.lastIndexOf('#');
  return hash > 0 ? identity.slice(0, hash) : identity;
}

function parse(payload: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(payload);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new RpcError(REPLY.malformed, 'malformed call message');
}

function callIdOf(message: Record<string, unknown>): string {
  if (typeof message.callId !== 'string' || !CALL_ID.test(message.callId)) throw new RpcError(REPLY.malformed, 'malformed call id');
  return message.callId;
}

/**
 * Ringing 1:1 calls with no backend beyond the app's token endpoint. Every signed-in tab sits, data only, in
 * one presence room; a call is an RPC invitation to each tab of the callee, and the caller arbitrates: the
 * first acceptance it sees wins, everything after is told the call is no longer ringing. Once accepted, both
 * sides join the room `call-<id>` with their media. When two people call each other at once, the call with
 * the smaller id survives on both sides.
 */
export class CallClient {
  readonly userId: string;
  readonly name: string;
  /** This tab's identity in the presence room. */
  readonly identity: string;
  readonly #options: CallClientOptions;
  readonly #presence: RoomSession;
  readonly #presenceState = new Store<PresenceState>('offline');
  readonly #users = new Store<readonly PresenceUser[]>([], (a, b) => JSON.stringify(a) === JSON.stringify(b));
  readonly #calls = new Store<readonly Call[]>([]);
  readonly #events = new Emitter<CallClientEventMap>();
  readonly #outgoing = new Map<string, Outgoing>();
  readonly #incoming = new Map<string, Incoming>();
  /** Tabs that left presence while a call rang for them, waiting to see whether they come back. */
  readonly #absent = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #actions: CallActions = {
    cancel: (call) => this.#cancel(call),
    accept: (call, media) => this.#accept(call, media),
    reject: (call, reason) => this.#reject(call, reason),
    hangUp: (call) => this.#hangUp(call),
  };

  readonly state: Readable<PresenceState> = this.#presenceState;
  /** Other people signed in now, each once however many tabs they have open. */
  readonly users: Readable<readonly PresenceUser[]> = this.#users;
  /** Calls that are not over yet, oldest first. */
  readonly calls: Readable<readonly Call[]> = this.#calls;

  constructor(options: CallClientOptions) {
    if (!options.userId || options.userId.includes('#')) throw new RtcError('unknown', 'A call client needs a user id without "#".');
    this.#options = options;
    this.userId = options.userId;
    this.name = options.name || options.userId;
    this.identity = `${options.userId}#${newTabId()}`;
    this.#presence = new RoomSession();
    this.#presence.registerRpcMethod(METHOD.invite, (data) => this.#onInvite(data));
    this.#presence.registerRpcMethod(METHOD.accept, (data) => this.#onAccept(data));
    this.#presence.registerRpcMethod(METHOD.reject, (data) => this.#onReject(data));
    this.#presence.registerRpcMethod(METHOD.cancel, (data) => this.#onCancel(data));
    this.#presence.registerRpcMethod(METHOD.hangUp, (data) => this.#onHangUp(data));
    this.#presence.connection.subscribe((status) => this.#presenceChanged(status));
    this.#presence.participants.subscribe((participants) => {
      const users = new Map<string, PresenceUser>();
      for (const participant of participants) {
        if (participant.isLocal) continue;
        const userId = userIdOf(participant.identity);
        if (userId === this.userId) continue;
        const user = users.get(userId);
        if (user) user.tabs++;
        else users.set(userId, { userId, name: participant.name || userId, tabs: 1 });
      }
      this.#users.set([...users.values()]);
    });
    this.#presence.on('participant-left', ({ identity }) => this.#tabLeft(identity));
    this.#presence.on('participant-joined', ({ identity }) => {
      clearTimeout(this.#absent.get(identity));
      this.#absent.delete(identity);
      // A callee's tab back from a reconnect may have missed the invitation.
      for (const record of this.#outgoing.values()) {
        if (record.targets.get(identity) === 'pending' && isCallRinging(record.call.state.get())) this.#sendInvite(record, identity);
      }
    });
  }

  on<K extends keyof CallClientEventMap>(type: K, listener: (detail: CallClientEventMap[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** The presence room's session, for what the kit does not cover (its RPC methods are taken). */
  get presence(): RoomSession {
    return this.#presence;
  }

  /**
   * Signs in to the presence room: from then on this tab can be called. Rejects with the session's error code.
   * Does nothing while already signed in or signing in.
   */
  async connect(): Promise<void> {
    if (this.#presenceState.get() !== 'offline' && this.#presenceState.get() !== 'failed') return;
    await this.#presence.connect({
      ...this.#connectOptions(),
      room: this.#options.presenceRoom ?? PRESENCE_ROOM,
      identity: this.identity,
      name: this.name,
    });
  }

  /** Signs out: ringing calls are withdrawn or declined, calls in progress are left. */
  async disconnect(): Promise<void> {
    const told: Promise<unknown>[] = [];
    for (const call of this.#calls.get()) {
      if (call instanceof IncomingCall && call.state.get() === 'ringing') told.push(this.#reject(call, 'busy'));
      else told.push(this.#hangUp(call));
    }
    // Give the other side a moment to hear it, rather than ringing on until its own timer.
    await Promise.race([Promise.allSettled(told), new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS))]);
    for (const timer of this.#absent.values()) clearTimeout(timer);
    this.#absent.clear();
    await this.#presence.leave();
  }

  /**
   * Calls `userId` on every tab they have open. The returned call is `unavailable` at once when they have none,
   * and otherwise goes inviting → ringing → accepted → connecting → connected.
   */
  invite(userId: string, options: InviteOptions = {}): OutgoingCall {
    if (options.userData !== undefined && byteLength(options.userData) > MAX_USER_DATA_BYTES) {
      throw new RtcError('message-too-large', `Call user data is limited to ${MAX_USER_DATA_BYTES} bytes.`);
    }
    const media = { audio: options.media?.audio ?? true, video: options.media?.video ?? true };
    const timeoutMs = Math.min(MAX_RING_MS, Math.max(MIN_RING_MS, options.timeoutMs ?? 30_000));
    const name = this.#users.get().find((user) => user.userId === userId)?.name ?? userId;
    const call = new OutgoingCall(
      this.#actions,
      { id: newCallId(), peer: { userId, name }, media, ...(options.userData !== undefined ? { userData: options.userData } : {}) },
      'inviting',
    );
    const message: InviteMessage = { v: 1, callId: call.id, media, timeoutMs, ...(call.userData !== undefined ? { userData: call.userData } : {}) };
    const record: Outgoing = { call, targets: new Map(), payload: JSON.stringify(message), attempts: new Map() };
    this.#outgoing.set(call.id, record);
    this.#track(call);
    // Decided after the caller has the call in hand, so its listeners see every state.
    queueMicrotask(() => this.#place(record, timeoutMs));
    return call;
  }

  #place(record: Outgoing, timeoutMs: number): void {
    const { call } = record;
    if (call.state.get() !== 'inviting') return;
    if (!isLive(this.#presence.connection.get().state)) {
      call.error = new RtcError('not-connected', 'Calls need the presence connection, which is not up.');
      return this.#finish(call, 'failed');
    }
    // They are already calling us: pick up theirs rather than ring them back.
    const theirs = [...this.#incoming.values()].find((entry) => entry.call.peer.userId === call.peer.userId && entry.call.state.get() === 'ringing');
    if (theirs) {
      call.replacedBy = theirs.call;
      this.#finish(call, 'cancelled');
      this.#accept(theirs.call);
      return;
    }
    const tabs = this.#tabsOf(call.peer.userId);
    if (!tabs.length) return this.#finish(call, 'unavailable');
    for (const identity of tabs) record.targets.set(identity, 'pending');
    record.timer = setTimeout(() => {
      this.#withdraw(record, 'timeout');
      this.#finish(call, 'timeout');
    }, timeoutMs);
    for (const identity of tabs) this.#sendInvite(record, identity);
  }

  #sendInvite(record: Outgoing, identity: string): void {
    const attempt = (record.attempts.get(identity) ?? 0) + 1;
    record.attempts.set(identity, attempt);
    this.#rpc(identity, METHOD.invite, record.payload).then(
        () => {
          if (record.targets.get(identity) !== 'pending') return;
          record.targets.set(identity, 'ringing');
          if (record.call.state.get() === 'inviting') this.#set(record.call, 'ringing');
        },
        (error: RpcError | RtcError) => {
          // Only the newest attempt speaks: an older one may time out after a repeat was answered.
          if (record.attempts.get(identity) === attempt) this.#inviteFailed(record, identity, error);
        },
      );
  }

  #inviteFailed(record: Outgoing, identity: string, error: RpcError | RtcError): void {
    const { call } = record;
    if (!isCallRinging(call.state.get()) || record.targets.get(identity) === 'gone') return;
    const code = error instanceof RpcError ? error.code : undefined;
    if (code === REPLY.declined) {
      this.#withdraw(record, 'rejected-elsewhere', identity);
      return this.#finish(call, 'rejected');
    }
    if (code === REPLY.glare) {
      // They are calling us with the smaller id: their invitation is on its way, and replaces this call.
      record.targets.set(identity, 'ringing');
      return;
    }
    if (code === REPLY.busy) {
      record.targets.set(identity, 'busy');
    } else if (code === undefined || UNDELIVERED.has(code)) {
      // Lost to a reconnect, ours or theirs: it goes again with the same id (the callee answers a repeat once)
      // when we are back, when their tab is back, or now if both are here. A tab that never comes back is
      // given up by #tabLeft.
      const here = this.#presence.participants.get().some((p) => p.identity === identity);
      if (!isLive(this.#presence.connection.get().state) || !here) return;
      if ((record.attempts.get(identity) ?? 0) < MAX_ATTEMPTS) return this.#sendInvite(record, identity);
      record.targets.set(identity, 'gone');
    } else {
      record.targets.set(identity, 'gone');
    }
    this.#settleTargets(record);
  }

  /** Ends a ringing call whose every tab is busy or gone. */
  #settleTargets(record: Outgoing): void {
    const states = [...record.targets.values()];
    if (states.some((state) => state === 'pending' || state === 'ringing')) return;
    this.#finish(record.call, states.includes('busy') ? 'busy' : 'unavailable');
  }

  /** Tells the callee's tabs (all but `except`) that the invitation is withdrawn. */
  #withdraw(record: Outgoing, reason: CancelReason, except?: string): Promise<unknown> {
    const payload = JSON.stringify({ v: 1, callId: record.call.id, reason });
    const sent: Promise<unknown>[] = [];
    for (const [identity, state] of record.targets) {
      if (identity === except || state === 'gone' || state === 'busy') continue;
      sent.push(this.#rpc(identity, METHOD.cancel, payload).catch(() => undefined));
    }
    return Promise.all(sent);
  }

  #cancel(call: OutgoingCall): Promise<unknown> {
    const record = this.#outgoing.get(call.id);
    if (!record) return Promise.resolve();
    if (isCallRinging(call.state.get())) {
      this.#finish(call, 'cancelled');
      return this.#withdraw(record, 'cancelled');
    }
    return this.#hangUp(call);
  }

  async #onInvite({ callerIdentity, payload }: RpcInvocationData): Promise<string> {
    const message = parse(payload);
    const callId = callIdOf(message);
    const existing = this.#incoming.get(callId);
    if (existing) {
      // The caller reconnected and asked again: the call rings on, once.
      if (existing.call.state.get() === 'ringing' || existing.call.state.get() === 'accepting') return '{"status":"ringing"}';
      throw new RpcError(REPLY.notRinging, existing.call.state.get());
    }
    const media = message.media as Partial<CallMedia> | undefined;
    const timeoutMs = typeof message.timeoutMs === 'number' ? Math.min(MAX_RING_MS, Math.max(MIN_RING_MS, message.timeoutMs)) : 30_000;
    const userData = typeof message.userData === 'string' ? message.userData.slice(0, MAX_USER_DATA_BYTES) : undefined;
    const userId = userIdOf(callerIdentity);
    const peerName = this.#presence.participants.get().find((p) => p.identity === callerIdentity)?.name || userId;
    const ours = [...this.#outgoing.values()].find(
      (entry) => entry.call.peer.userId === userId && isCallRinging(entry.call.state.get()),
    );
    // Both called each other at once. Each side decides the same way: the smaller id survives.
    if (ours && ours.call.id < callId) throw new RpcError(REPLY.glare, 'glare');
    if (!ours && this.#busy()) throw new RpcError(REPLY.busy, 'busy');

    const call = new IncomingCall(
      this.#actions,
      {
        id: callId,
        peer: { userId, name: peerName },
        media: { audio: media?.audio !== false, video: media?.video !== false },
        ...(userData !== undefined ? { userData } : {}),
      },
      'ringing',
    );
    const record: Incoming = { call, callerIdentity };
    this.#incoming.set(callId, record);
    this.#track(call);
    if (ours) {
      ours.call.replacedBy = call;
      this.#finish(ours.call, 'cancelled');
      void this.#withdraw(ours, 'glare');
      // At once, so nothing shows this call ringing: it was agreed to by calling.
      this.#accept(call);
    } else {
      record.timer = setTimeout(() => this.#finish(call, 'missed'), timeoutMs + CALLEE_GRACE_MS);
      this.#events.emit('incoming', call);
    }
    return '{"status":"ringing"}';
  }

  async #onAccept({ callerIdentity, payload }: RpcInvocationData): Promise<string> {
    const record = this.#outgoing.get(callIdOf(parse(payload)));
    if (!record || !record.targets.has(callerIdentity)) throw new RpcError(REPLY.unknownCall, 'unknown call');
    const { call } = record;
    const state = call.state.get();
    // The same tab asking again (its first answer was lost to a reconnect) gets the same answer.
    if (record.acceptedBy === callerIdentity && !isCallOver(state)) return '{"status":"accepted"}';
    // The caller is the only judge: the first acceptance while ringing wins, whatever comes after is told so.
    if (!isCallRinging(state)) {
      throw new RpcError(REPLY.notRinging, notRingingReason[state] ?? 'answered-elsewhere');
    }
    record.targets.set(callerIdentity, 'ringing');
    record.acceptedBy = callerIdentity;
    void this.#withdraw(record, 'answered-elsewhere', callerIdentity);
    clearTimeout(record.timer);
    this.#set(call, 'accepted');
    void this.#join(call, userIdOf(callerIdentity));
    return '{"status":"accepted"}';
  }

  async #onReject({ callerIdentity, payload }: RpcInvocationData): Promise<string> {
    const message = parse(payload);
    const record = this.#outgoing.get(callIdOf(message));
    if (!record || !record.targets.has(callerIdentity)) throw new RpcError(REPLY.unknownCall, 'unknown call');
    this.#inviteFailed(record, callerIdentity, new RpcError(message.reason === 'busy' ? REPLY.busy : REPLY.declined, String(message.reason)));
    return '{"status":"ok"}';
  }

  async #onCancel({ callerIdentity, payload }: RpcInvocationData): Promise<string> {
    const message = parse(payload);
    const record = this.#incoming.get(callIdOf(message));
    if (!record || record.callerIdentity !== callerIdentity) return '{"status":"ok"}';
    const { call } = record;
    const state = call.state.get();
    if (state === 'ringing') {
      const reason = (Object.hasOwn(cancelledState, String(message.reason)) ? message.reason : 'cancelled') as CancelReason;
      this.#finish(call, cancelledState[reason]);
    } else if (state === 'accepting') {
      // The caller's answer to our acceptance decides; should it say yes, the call is over at once anyway.
      record.cancelledWhileAccepting = true;
    } else {
      this.#finish(call, 'ended');
    }
    return '{"status":"ok"}';
  }

  /** The other side hung up, before or after both were in the call's room. */
  async #onHangUp({ callerIdentity, payload }: RpcInvocationData): Promise<string> {
    const callId = callIdOf(parse(payload));
    const outgoing = this.#outgoing.get(callId);
    const incoming = this.#incoming.get(callId);
    if (outgoing?.acceptedBy === callerIdentity) this.#finish(outgoing.call, 'ended');
    else if (incoming?.callerIdentity === callerIdentity) {
      if (incoming.call.state.get() === 'accepting') incoming.cancelledWhileAccepting = true;
      else this.#finish(incoming.call, 'ended');
    }
    return '{"status":"ok"}';
  }

  #accept(call: IncomingCall, media?: LocalMediaOptions): void {
    const record = this.#incoming.get(call.id);
    if (!record || call.state.get() !== 'ringing') return;
    clearTimeout(record.timer);
    this.#set(call, 'accepting');
    this.#sendAccept(record, media, 1);
  }

  #sendAccept(record: Incoming, media: LocalMediaOptions | undefined, attempt: number): void {
    const { call } = record;
    this.#rpc(record.callerIdentity, METHOD.accept, JSON.stringify({ v: 1, callId: call.id })).then(
        () => {
          if (call.state.get() !== 'accepting') return;
          if (record.cancelledWhileAccepting) {
            // The caller took our acceptance, then hung up before hearing back: tell it, and end here too.
            this.#finish(call, 'ended');
            void this.#notifyHangUp(call);
            return;
          }
          this.#set(call, 'accepted');
          void this.#join(call, call.peer.userId, media);
        },
        (error: RpcError | RtcError) => {
          if (call.state.get() !== 'accepting') return;
          const code = error instanceof RpcError ? error.code : undefined;
          if (code === REPLY.notRinging || code === REPLY.unknownCall) {
            const known: readonly string[] = ['answered-elsewhere', 'rejected-elsewhere', 'missed', 'cancelled'];
            return this.#finish(call, (known.includes(error.message) ? error.message : 'cancelled') as IncomingCallState);
          }
          // Lost to a reconnect: ask again with the same id (the caller answers a repeat from us the same way).
          if ((code === undefined || UNDELIVERED.has(code)) && attempt < MAX_ATTEMPTS) {
            const retry = () => this.#sendAccept(record, media, attempt + 1);
            if (isLive(this.#presence.connection.get().state)) return retry();
            const stop = this.#presence.connection.subscribe((status) => {
              if (!isLive(status.state)) return;
              queueMicrotask(() => stop());
              retry();
            });
            return;
          }
          call.error = RtcError.is(error) ? error : new RtcError('send-failed', `The caller did not get the answer: ${error.message}`, { cause: error });
          this.#finish(call, 'failed');
        },
      );
  }

  #reject(call: IncomingCall, reason: 'declined' | 'busy'): Promise<unknown> {
    const record = this.#incoming.get(call.id);
    if (!record || call.state.get() !== 'ringing') return Promise.resolve();
    this.#finish(call, 'rejected');
    return this.#rpc(record.callerIdentity, METHOD.reject, JSON.stringify({ v: 1, callId: call.id, reason })).catch(() => undefined);
  }

  #hangUp(call: Call): Promise<unknown> {
    if (isCallOver(call.state.get())) return Promise.resolve();
    if (call instanceof IncomingCall && call.state.get() === 'ringing') return this.#reject(call, 'declined');
    if (call instanceof OutgoingCall && isCallRinging(call.state.get())) return this.#cancel(call);
    this.#finish(call, 'ended');
    // Leaving the call's room tells a peer who is in it; one still on the way there hears it here.
    return this.#notifyHangUp(call);
  }

  #notifyHangUp(call: Call): Promise<unknown> {
    const identity = call instanceof OutgoingCall ? this.#outgoing.get(call.id)?.acceptedBy : this.#incoming.get(call.id)?.callerIdentity;
    if (!identity) return Promise.resolve();
    return this.#rpc(identity, METHOD.hangUp, JSON.stringify({ v: 1, callId: call.id })).catch(() => undefined);
  }

  /** Both sides: join the call's room with the call's media, and be connected once the other side is there. */
  async #join(call: Call, peerUserId: string, media?: LocalMediaOptions): Promise<void> {
    // A listener may have hung up as soon as the call was accepted.
    if (isCallOver(call.state.get())) return;
    const session = new RoomSession();
    call._set('connecting', session);
    this.#emitState(call);
    let peerArrived = false;
    let peerAway: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      call.error = new RtcError('connection-timeout', `${call.peer.name} did not join the call.`);
      this.#finish(call, 'failed');
    }, this.#options.peerJoinTimeoutMs ?? 15_000);
    const arrived = () => {
      if (!session.participants.get().some((p) => !p.isLocal && p.identity === peerUserId)) return;
      clearTimeout(peerAway);
      if (peerArrived) return;
      peerArrived = true;
      clearTimeout(timer);
      this.#set(call, 'connected');
    };
    const unwatch: (() => void)[] = [];
    unwatch.push(
      session.participants.subscribe(arrived),
      session.on('participant-left', ({ identity }) => {
        if (identity !== peerUserId) return;
        // They may be rejoining after a network change: the call ends only if they stay away.
        clearTimeout(peerAway);
        peerAway = setTimeout(() => this.#finish(call, 'ended'), this.#options.absenceGraceMs ?? 5000);
      }),
      session.connection.subscribe((status) => {
        if (!['failed', 'kicked', 'disconnected'].includes(status.state) || isCallOver(call.state.get())) return;
        if (status.state !== 'disconnected' && status.reason) {
          call.error = new RtcError(status.reason, status.message ?? status.reason);
        }
        this.#finish(call, status.state === 'disconnected' || peerArrived ? 'ended' : 'failed');
        // Our side left the room (its Leave button, say): the peer hears it now rather than after a grace period.
        void this.#notifyHangUp(call);
      }),
      call.state.subscribe((state) => {
        if (!isCallOver(state)) return;
        clearTimeout(timer);
        clearTimeout(peerAway);
        queueMicrotask(() => unwatch.forEach((stop) => stop()));
        void session.leave();
      }),
    );
    try {
      await session.connect({
        ...this.#connectOptions(),
        room: call.room,
        identity: this.userId,
        name: this.name,
        publish: media ?? { audio: call.media.audio, video: call.media.video ? 'standard' : false },
      });
    } catch (error) {
      call.error ??= RtcError.is(error) ? error : new RtcError('unknown', String(error));
      this.#finish(call, 'failed');
    }
  }

  #presenceChanged(status: ConnectionStatus): void {
    const state: PresenceState =
      status.state === 'connecting'
        ? 'connecting'
        : isLive(status.state)
          ? 'online'
          : status.state === 'reconnecting'
            ? 'reconnecting'
            : status.state === 'failed' || status.state === 'kicked'
              ? 'failed'
              : 'offline';
    this.#presenceState.set(state);
    if (status.reason && (state === 'failed' || status.state === 'disconnected')) {
      this.#events.emit('error', new RtcError(status.reason, status.message ?? status.reason));
    }
    if (status.state === 'reconnected') {
      // Anything still waiting on us goes again, with the same id; the other side answers a repeat once.
      for (const record of this.#outgoing.values()) {
        if (!isCallRinging(record.call.state.get())) continue;
        for (const [identity, target] of record.targets) if (target === 'pending') this.#sendInvite(record, identity);
      }
    }
    if (state === 'offline' || state === 'failed') {
      // Without presence nothing more can be said about a ringing call: it fails on both sides.
      for (const call of this.#calls.get()) {
        if (!isCallRinging(call.state.get())) continue;
        call.error = new RtcError('not-connected', 'The presence connection closed while the call was ringing.');
        this.#finish(call, 'failed');
      }
    }
  }

  /** A tab left presence: after a grace period for reconnects, calls ringing with it give up on it. */
  #tabLeft(identity: string): void {
    clearTimeout(this.#absent.get(identity));
    this.#absent.set(
      identity,
      setTimeout(() => {
        this.#absent.delete(identity);
        for (const record of this.#outgoing.values()) {
          if (!record.targets.has(identity) || !isCallRinging(record.call.state.get())) continue;
          record.targets.set(identity, 'gone');
          this.#settleTargets(record);
        }
        for (const record of this.#incoming.values()) {
          if (record.callerIdentity === identity && record.call.state.get() === 'ringing') this.#finish(record.call, 'cancelled');
        }
      }, this.#options.absenceGraceMs ?? 5000),
    );
  }

  #busy(): boolean {
    if (this.#options.isBusy?.()) return true;
    return this.#calls.get().some((call) => {
      const state = call.state.get();
      return state === 'accepting' || state === 'accepted' || state === 'connecting' || state === 'connected' || call.direction === 'outgoing';
    });
  }

  #tabsOf(userId: string): string[] {
    if (userId === this.userId) return [];
    return this.#presence.participants
      .get()
      .filter((participant) => !participant.isLocal && userIdOf(participant.identity) === userId)
      .map((participant) => participant.identity);
  }

  #track(call: Call): void {
    this.#calls.update((calls) => [...calls, call]);
    this.#emitState(call);
  }

  #set(call: Call, state: CallState): void {
    if (isCallOver(call.state.get()) || call.state.get() === state) return;
    call._set(state);
    this.#emitState(call);
  }

  #finish(call: Call, state: CallState): void {
    if (isCallOver(call.state.get())) return;
    clearTimeout(this.#outgoing.get(call.id)?.timer);
    clearTimeout(this.#incoming.get(call.id)?.timer);
    call._set(state);
    this.#emitState(call);
    this.#calls.update((calls) => calls.filter((other) => other !== call));
    setTimeout(() => {
      if (this.#outgoing.get(call.id)?.call === call) this.#outgoing.delete(call.id);
      if (this.#incoming.get(call.id)?.call === call) this.#incoming.delete(call.id);
    }, FORGET_AFTER_MS);
  }

  #emitState(call: Call): void {
    // A new list, so whoever follows `calls` hears of every change of every call in it.
    if (this.#calls.get().includes(call)) this.#calls.set([...this.#calls.get()]);
    this.#events.emit('call-state-changed', { call, state: call.state.get() });
  }

  #rpc(destinationIdentity: string, method: string, payload: string): Promise<string> {
    return this.#presence.performRpc({ destinationIdentity, method, payload, responseTimeout: RPC_TIMEOUT_MS });
  }

  /** Where the presence room and every call room get their tokens (the session resolves an endpoint itself). */
  #connectOptions(): Pick<ConnectOptions, 'serverUrl' | 'token' | 'tokenEndpoint'> {
    const { serverUrl, token, tokenEndpoint } = this.#options;
    return { serverUrl, token, tokenEndpoint };
  }
}
