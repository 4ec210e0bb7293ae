/**
 * A value that can be read now and watched for changes.
 *
 * `subscribe` calls the listener at once with the current value, then on every change, and returns the
 * function that stops it. That is the Svelte store contract, so a Svelte page can use a readable with `$`,
 * and the same shape serves Lit controllers, React's `useSyncExternalStore`, Vue's `shallowRef` and Angular signals.
 */
export interface Readable<T> {
  get(): T;
  subscribe(listener: (value: T) => void): () => void;
}

/** Rethrows a listener's error on its own task, where the page's error handlers and the console see it. */
export function reportListenerError(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}

/** The writable side, kept inside the core: elements and pages only ever see {@link Readable}. */
export class Store<T> implements Readable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();
  readonly #equals: (a: T, b: T) => boolean;

  constructor(initial: T, equals: (a: T, b: T) => boolean = Object.is) {
    this.#value = initial;
    this.#equals = equals;
  }

  get(): T {
    return this.#value;
  }

  set(value: T): void {
    if (this.#equals(this.#value, value)) return;
    this.#value = value;
    // A listener may unsubscribe itself or others while we notify: iterate over a copy. One that throws must
    // not stop the others nor the code that changed the value (a session's state machine, say).
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  update(change: (value: T) => T): void {
    this.set(change(this.#value));
  }

  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#value);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

/** A read-only view of a store, so callers cannot cast their way to `set`. */
export function readonly<T>(store: Readable<T>): Readable<T> {
  return { get: () => store.get(), subscribe: (listener) => store.subscribe(listener) };
}

/**
 * A readable whose producer runs only while someone listens: `start` is called on the first subscription and
 * the function it returns on the last unsubscription. Meters and statistics use it so nothing polls unobserved.
 */
export function lazyReadable<T>(initial: T, start: (set: (value: T) => void) => () => void): Readable<T> {
  const store = new Store<T>(initial);
  let stop: (() => void) | undefined;
  return {
    get: () => store.get(),
    subscribe(listener) {
      const unsubscribe = store.subscribe(listener);
      if (store.listenerCount === 1) stop = start((value) => store.set(value));
      return () => {
        unsubscribe();
        if (store.listenerCount === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
  };
}

/**
 * A readable of one part of another, that notifies only when that part changes by `equals`, so a tile
 * following one participant is not woken by everyone else's changes. Subscribes to `source` only while
 * it has listeners itself.
 */
export function select<T, U>(source: Readable<T>, pick: (value: T) => U, equals: (a: U, b: U) => boolean = Object.is): Readable<U> {
  return {
    get: () => pick(source.get()),
    subscribe(listener) {
      let first = true;
      let last: U;
      return source.subscribe((value) => {
        const next = pick(value);
        if (!first && equals(last, next)) return;
        first = false;
        last = next;
        listener(next);
      });
    },
  };
}
