import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Readable } from '../core/readable.js';

/**
 * Keeps a host up to date with a readable chosen by `source`, which is read again before every update, so a
 * readable that comes from a context or property that changes later is followed too. `onChange` sees every
 * change as it happens (renders may merge several), which is where hosts dispatch their events.
 */
export class ReadableController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => Readable<T> | undefined;
  readonly #fallback: T;
  readonly #onChange: ((value: T) => void) | undefined;
  #current: Readable<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #value: T;
  #connected = false;
  #followed = false;

  constructor(
    host: ReactiveControllerHost,
    source: () => Readable<T> | undefined,
    fallback: T,
    onChange?: (value: T) => void,
  ) {
    this.#host = host;
    this.#source = source;
    this.#fallback = fallback;
    this.#onChange = onChange;
    this.#value = fallback;
    host.addController(this);
  }

  get value(): T {
    return this.#value;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#current = undefined;
  }

  #follow(): void {
    if (!this.#connected) return;
    const next = this.#source();
    if (next === this.#current) return;
    this.#unsubscribe?.();
    this.#current = next;
    const shown = this.#value;
    const followedBefore = this.#followed;
    this.#followed = true;
    this.#value = this.#fallback;
    let first = true;
    this.#unsubscribe = next?.subscribe((value) => {
      this.#value = value;
      this.#host.requestUpdate();
      // A new source's first value is a change only if it differs from what the host showed before it
      // (another session, or one that arrived late); the very first value ever is not a change.
      if (!first || (followedBefore && value !== shown)) this.#onChange?.(value);
    });
    first = false;
    if (!next) this.#host.requestUpdate();
  }
}
