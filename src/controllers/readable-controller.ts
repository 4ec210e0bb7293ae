import type { ReactiveControllerHost } from 'lit';
import type { Readable } from '../core/readable.js';
import { SubscriptionController } from './subscription-controller.js';

/**
 * Keeps a host up to date with a readable chosen by `source`, which is read again before every update, so a
 * readable that comes from a context or property that changes later is followed too. `onChange` sees every
 * change as it happens (renders may merge several), which is where hosts dispatch their events.
 */
export class ReadableController<T> {
  #value: T;
  #followed = false;

  constructor(host: ReactiveControllerHost, source: () => Readable<T> | undefined, fallback: T, onChange?: (value: T) => void) {
    this.#value = fallback;
    new SubscriptionController(host, source, (readable) => {
      const shown = this.#value;
      const followedBefore = this.#followed;
      this.#followed = true;
      this.#value = fallback;
      if (!readable) {
        host.requestUpdate();
        return undefined;
      }
      let first = true;
      const unsubscribe = readable.subscribe((value) => {
        this.#value = value;
        host.requestUpdate();
        // A new source's first value is a change only if it differs from what the host showed before it
        // (another session, or one that arrived late); the very first value ever is not a change.
        if (!first || (followedBefore && value !== shown)) onChange?.(value);
      });
      first = false;
      return unsubscribe;
    });
  }

  get value(): T {
    return this.#value;
  }
}
