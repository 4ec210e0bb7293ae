import { IncomingCall, OutgoingCall, Store, type Call, type CallClient, type CallState, type PresenceState, type PresenceUser } from '../../src/index.js';

/**
 * A call client with no server, for stories: people online, calls that ring and answer on a script.
 * Calling someone whose id starts with `busy` is answered busy; anyone else accepts after a moment.
 */
export class ScriptedCallClient {
  readonly userId = 'me';
  readonly state = new Store<PresenceState>('online');
  readonly users = new Store<readonly PresenceUser[]>([]);
  readonly calls = new Store<readonly Call[]>([]);
  #ids = 0;
  readonly #actions = {
    cancel: (call: Call) => this.#move(call, 'cancelled'),
    accept: (call: Call) => this.#move(call, 'connecting'),
    reject: (call: Call) => this.#move(call, 'rejected'),
    hangUp: (call: Call) => this.#move(call, 'ended'),
  };

  constructor(users: PresenceUser[] = []) {
    this.users.set(users);
  }

  /** The elements take it where they take a `CallClient`. */
  asClient(): CallClient {
    return this as unknown as CallClient;
  }

  invite(userId: string, options: { media?: { audio?: boolean; video?: boolean } } = {}): OutgoingCall {
    const name = this.users.get().find((user) => user.userId === userId)?.name ?? userId;
    const call = new OutgoingCall(this.#actions, { id: `call-${++this.#ids}`, peer: { userId, name }, media: { audio: true, video: options.media?.video ?? true } }, 'inviting');
    this.calls.set([...this.calls.get(), call]);
    const online = this.users.get().some((user) => user.userId === userId);
    setTimeout(() => this.#move(call, online ? 'ringing' : 'unavailable'), online ? 400 : 0);
    if (online) setTimeout(() => this.#move(call, userId.startsWith('busy') ? 'busy' : 'ringing'), 2000);
    return call;
  }

  /** Someone calls you: the call rings until the story's buttons answer it. */
  ring(from: PresenceUser, options: { video?: boolean; userData?: string } = {}): IncomingCall {
    const call = new IncomingCall(
      this.#actions,
      { id: `call-${++this.#ids}`, peer: { userId: from.userId, name: from.name }, media: { audio: true, video: options.video ?? true }, ...(options.userData ? { userData: options.userData } : {}) },
      'ringing',
    );
    this.calls.set([...this.calls.get(), call]);
    return call;
  }

  /** Puts a call the button made straight into `state`, for stories that show one moment. */
  settle(call: Call, state: CallState): void {
    this.#move(call, state);
  }

  on(): () => void {
    return () => undefined;
  }

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}

  #move(call: Call, state: CallState): void {
    call._set(state);
    if (['ended', 'rejected', 'busy', 'cancelled', 'timeout', 'unavailable', 'failed', 'missed'].includes(state)) {
      this.calls.set(this.calls.get().filter((other) => other !== call));
    }
  }
}
