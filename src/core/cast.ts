import { RtcError, type RtcErrorCode } from './errors.js';
import { Store, type Readable } from './readable.js';
import { readTokenClaims } from './token.js';

/** The room-metadata key under which the backend keeps the cast state, merged with the app's own keys. */
export const CAST_METADATA_KEY = 'rtc.cast';

export type CastState =
  | { status: 'idle' }
  | { status: 'starting'; participant: string; by?: string; at?: number }
  | { status: 'live'; participant: string; since: number }
  | { status: 'switching'; from: string; to: string }
  | { status: 'stopping'; participant?: string }
  | { status: 'failed'; code: RtcErrorCode | string; message: string };

export type CastAction = 'start' | 'switch' | 'stop';

export interface CastRequest {
  action: CastAction;
  room: string;
  /** Who to broadcast; absent for `stop`. */
  participant?: string;
}

/**
 * Whatever starts, switches and stops a broadcast: the HTTP provider below, or the page's own. It may
 * return the state it knows; when it returns nothing the controller assumes the action took effect.
 */
export interface CastProvider {
  request(request: CastRequest, token: string | undefined): Promise<CastState | void>;
}

/** The error codes of `rtc-elements/server`'s cast handler, as the elements report them. */
const CAST_ERROR_CODES: Record<string, RtcErrorCode> = {
  'participant-not-found': 'cast-participant-not-found',
  conflict: 'cast-conflict',
  'egress-unavailable': 'cast-egress-unavailable',
  'start-timeout': 'cast-start-timeout',
  'egress-failed': 'cast-failed',
};

/**
 * POSTs `{ action, room, participant }` to `endpoint`, with the participant's own token as bearer. Reads the
 * answer `{ state }`, or `{ error: { code, message } }` as `rtc-elements/server`'s cast handler sends it.
 */
export class HttpCastProvider implements CastProvider {
  /**
   * @param timeoutMs how long to wait for the backend before failing with `cast-request-failed`; longer than
   * the cast handler's own start timeout (30 s), since a LiveKit egress may take a while to start.
   */
  constructor(
    readonly endpoint: string,
    readonly timeoutMs = 45_000,
  ) {}

  async request(request: CastRequest, token: string | undefined): Promise<CastState | void> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      const reason = timedOut ? `did not answer within ${this.timeoutMs / 1000} s` : 'could not be reached';
      throw new RtcError('cast-request-failed', `The cast endpoint ${this.endpoint} ${reason}.`, { cause: error });
    }
    const body = (await response.json().catch(() => undefined)) as
      | { state?: unknown; message?: string; error?: { code?: string; message?: string } }
      | undefined;
    const message = body?.error?.message ?? body?.message;
    if (response.status === 401 || response.status === 403) {
      throw new RtcError('cast-forbidden', message ?? 'You are not allowed to control the broadcast.');
    }
    if (!response.ok) {
      const code = CAST_ERROR_CODES[body?.error?.code ?? ''] ?? 'cast-request-failed';
      throw new RtcError(code, message ?? `The cast endpoint answered ${response.status}.`);
    }
    return parseCastState(body?.state);
  }
}

/** Validates a cast state from an untrusted source (room metadata, an HTTP body); undefined when malformed. */
export function parseCastState(value: unknown): CastState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const state = value as Record<string, unknown>;
  const text = (key: string) => (typeof state[key] === 'string' ? (state[key] as string) : undefined);
  const time = (key: string) => (typeof state[key] === 'number' ? (state[key] as number) : undefined);
  switch (state.status) {
    case 'idle':
      return { status: 'idle' };
    case 'starting': {
      const participant = text('participant');
      if (!participant) return undefined;
      const starting: CastState = { status: 'starting', participant };
      const by = text('by');
      const at = time('at');
      if (by) starting.by = by;
      if (at !== undefined) starting.at = at;
      return starting;
    }
    case 'live': {
      const participant = text('participant');
      const since = time('since');
      return participant && since !== undefined ? { status: 'live', participant, since } : undefined;
    }
    case 'switching': {
      const from = text('from');
      const to = text('to');
      return from && to ? { status: 'switching', from, to } : undefined;
    }
    case 'stopping': {
      const participant = text('participant');
      return participant ? { status: 'stopping', participant } : { status: 'stopping' };
    }
    case 'failed':
      return { status: 'failed', code: text('code') ?? 'unknown', message: text('message') ?? '' };
    default:
      return undefined;
  }
}

/** Reads the cast state out of room metadata (a JSON object with the app's own keys beside ours). */
export function castStateFromRoomMetadata(metadata: string | undefined): CastState | undefined {
  if (!metadata) return undefined;
  try {
    return parseCastState((JSON.parse(metadata) as Record<string, unknown>)[CAST_METADATA_KEY]);
  } catch {
    return undefined;
  }
}

export interface CastContext {
  room(): string | undefined;
  token(): string | undefined;
}

/**
 * MeetingCast for one room: start broadcasting a participant, switch to another, stop. State comes from the
 * room metadata the backend writes (so everyone, late joiners too, sees the same), and between a request and
 * that update from what the provider answered.
 */
export class CastController {
  readonly #state = new Store<CastState>({ status: 'idle' });
  readonly #busy = new Store<boolean>(false);
  readonly #error = new Store<RtcError | undefined>(undefined);
  /** Bumped whenever the state comes from elsewhere (metadata, leaving), so a late answer cannot overwrite it. */
  #version = 0;
  readonly #context: CastContext;
  provider: CastProvider | undefined;

  readonly state: Readable<CastState> = this.#state;
  /** True while a request is on its way. */
  readonly busy: Readable<boolean> = this.#busy;
  /**
   * Why the last request failed, until the next one. A failed request leaves the state as it was (a running
   * broadcast stays live and can still be stopped); `failed` comes only from the backend.
   */
  readonly error: Readable<RtcError | undefined> = this.#error;

  constructor(context: CastContext, provider?: CastProvider) {
    this.#context = context;
    this.provider = provider;
  }

  /**
   * Whether this participant's token lets them control the broadcast (`roomAdmin`, what the cast handler
   * checks by default); undefined while there is no token it can read. A backend with its own rules may allow others.
   */
  get mayControl(): boolean | undefined {
    const token = this.#context.token();
    const claims = token ? readTokenClaims(token) : undefined;
    return claims ? !!claims.roomAdmin : undefined;
  }

  start(participant: string): Promise<void> {
    return this.#request('start', participant);
  }

  switch(participant: string): Promise<void> {
    return this.#request('switch', participant);
  }

  stop(): Promise<void> {
    return this.#request('stop');
  }

  /** Forgets the room's cast (after leaving it): what happens there is no longer ours to show. */
  reset(): void {
    this.#version++;
    this.#state.set({ status: 'idle' });
    this.#error.set(undefined);
  }

  /** Called by the session whenever the room metadata changes. */
  applyRoomMetadata(metadata: string | undefined): void {
    const state = castStateFromRoomMetadata(metadata);
    if (!state) return;
    this.#version++;
    this.#state.set(state);
  }

  async #request(action: CastAction, participant?: string): Promise<void> {
    const room = this.#context.room();
    if (!this.provider) throw this.#fail(new RtcError('cast-no-provider', 'No cast provider is configured for this room.'));
    if (!room) throw this.#fail(new RtcError('not-connected', 'Join a room before casting.'));
    if (this.#busy.get()) throw this.#fail(new RtcError('cast-busy', 'Another cast request is still on its way.'));
    const previous = this.#state.get();
    this.#busy.set(true);
    this.#error.set(undefined);
    this.#state.set(optimisticState(action, previous, participant));
    const version = this.#version;
    let settled: CastState;
    try {
      const answered = await this.provider.request(
        participant === undefined ? { action, room } : { action, room, participant },
        this.#context.token(),
      );
      settled = answered ?? settledState(action, previous, participant);
    } catch (error) {
      this.#busy.set(false);
      // The backend's own word (room metadata) or leaving the room came first: that state stands.
      if (version === this.#version) this.#state.set(previous);
      throw this.#fail(
        RtcError.is(error) ? error : new RtcError('cast-request-failed', String((error as Error)?.message ?? error), { cause: error }),
      );
    }
    // Not busy any more before anyone hears the new state, so a listener may act on it straight away.
    this.#busy.set(false);
    if (version === this.#version) this.#state.set(settled);
  }

  #fail(error: RtcError): RtcError {
    this.#error.set(error);
    return error;
  }
}

function optimisticState(action: CastAction, previous: CastState, participant?: string): CastState {
  if (action === 'start') return { status: 'starting', participant: participant!, at: Date.now() };
  if (action === 'switch') {
    const from = previous.status === 'live' ? previous.participant : '';
    return { status: 'switching', from, to: participant! };
  }
  return previous.status === 'live' ? { status: 'stopping', participant: previous.participant } : { status: 'stopping' };
}

function settledState(action: CastAction, previous: CastState, participant?: string): CastState {
  if (action === 'stop') return { status: 'idle' };
  // A switch keeps the broadcast running, so its running time keeps counting from the start.
  const since = action === 'switch' && previous.status === 'live' ? previous.since : Date.now();
  return { status: 'live', participant: participant!, since };
}
