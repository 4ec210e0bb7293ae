import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps one subscription to whatever `source` gives now (read again before every update, so a session or client
 * that arrives by context later is followed), and only while the host is on the page. `subscribe` returns the
 * function that ends it. For event sources; `ReadableController` is the same for readables.
 */
export class SubscriptionController<T> implements ReactiveController {
  readonly #source: () => T | undefined;
  readonly #subscribe: (value: T) => () => void;
  #current: T | undefined;
  #stop: (() => void) | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, source: () => T | undefined, subscribe: (value: T) => () => void) {
    this.#source = source;
    this.#subscribe = subscribe;
    host.addController(this);
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
    this.#stop?.();
    this.#stop = undefined;
    this.#current = undefined;
  }

  #follow(): void {
    if (!this.#connected) return;
    const value = this.#source();
    if (value === this.#current) return;
    this.#stop?.();
    this.#current = value;
    this.#stop = value === undefined ? undefined : this.#subscribe(value);
  }
}
