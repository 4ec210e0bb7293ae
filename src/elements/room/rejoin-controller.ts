import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RtcErrorCode } from '../../core/errors.js';
import { Store, readonly, type Readable } from '../../core/readable.js';
import { isLive, type ConnectionStatus } from '../../core/types.js';
import type { RtcSession } from '../../core/session.js';

/** Failures a later attempt can heal: the network or the server, not the token, the room or the person. */
const HEALABLE = new Set<RtcErrorCode | undefined>(['reconnect-failed', 'server-unreachable', 'connection-timeout', 'token-fetch-failed']);
/** Seconds between attempts: quick at first, then every 15 s. */
const DELAYS_S = [1, 2, 4, 8, 15];

interface RejoinHost extends ReactiveControllerHost {
  readonly session: RtcSession;
  /** For how long (s) to keep trying after the connection was lost; 0: never. */
  readonly rejoinFor: number;
  connect(): Promise<void>;
}

/**
 * Joins the room again by itself when a call's connection was lost for good (livekit-client gave up
 * reconnecting): after 1, 2, 4, 8, then every 15 s, for `rejoinFor` seconds from the loss. Only a lost call
 * starts it (never a first join that failed), only failures the network or server could cause keep it going,
 * and anything the person or page does (Try again, leave, a new join) takes over.
 */
export class RejoinController implements ReactiveController {
  readonly #host: RejoinHost;
  readonly #next = new Store<number | undefined>(undefined);
  /** When the connection was lost, while trying. */
  #lostAt: number | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stop: (() => void) | undefined;
  #session: RtcSession | undefined;

  /** When the next attempt starts, while one is scheduled. */
  readonly nextAttemptAt: Readable<number | undefined> = readonly(this.#next);

  constructor(host: RejoinHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#watch();
  }

  hostUpdate(): void {
    // The page may give the room another session.
    if (this.#session !== this.#host.session) this.#watch();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#session = undefined;
    this.#giveUp();
  }

  #watch(): void {
    this.#stop?.();
    this.#giveUp();
    this.#session = this.#host.session;
    this.#stop = this.#session.connection.subscribe((status) => this.#changed(status));
  }

  #changed({ state, previous, reason }: ConnectionStatus): void {
    if (state === 'connecting') return this.#cancelTimer();
    if (state !== 'failed') return this.#giveUp();
    // Lost during a call (not a join that never got through), or an attempt of ours that failed again.
    const lostNow = previous === 'reconnecting' || isLive(previous);
    if (lostNow && this.#lostAt === undefined) {
      this.#lostAt = Date.now();
      this.#attempt = 0;
    }
    if (this.#lostAt === undefined || !HEALABLE.has(reason)) return this.#giveUp();
    const delay = DELAYS_S[Math.min(this.#attempt, DELAYS_S.length - 1)]! * 1000;
    const at = Date.now() + delay;
    if (this.#host.rejoinFor <= 0 || at > this.#lostAt + this.#host.rejoinFor * 1000) return this.#giveUp();
    this.#attempt++;
    this.#cancelTimer();
    this.#next.set(at);
    this.#timer = setTimeout(() => {
      this.#next.set(undefined);
      this.#host.connect().catch(() => undefined);
    }, delay);
  }

  #cancelTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#next.set(undefined);
  }

  #giveUp(): void {
    this.#cancelTimer();
    this.#lostAt = undefined;
    this.#attempt = 0;
  }
}
