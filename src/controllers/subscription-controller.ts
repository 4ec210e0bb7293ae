import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps one subscription to whatever `source` gives now (read again before every update, so a session or client
 * that arrives by context later is followed), and only while the host is on the page. `subscribe` is called each
 * time the source changes, with `undefined` when it is gone, and returns the function that ends what it started.
 * `ReadableController` builds on it for readables.
 */
export class SubscriptionController<T> implements ReactiveController {
  readonly #source: () => T | undefined;
  readonly #subscribe: (value: T | undefined) => (() => void) | void;
  #current: T | undefined;
  #stop: (() => void) | void = undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, source: () => T | undefined, subscribe: (value: T | undefined) => (() => void) | void) {
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
    this.#stop = this.#subscribe(value);
  }
}
