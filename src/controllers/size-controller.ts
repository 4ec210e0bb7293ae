import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Follows the size of some of its host's elements (the host itself, a box in its shadow root). Sizes are
 * handed over in the next animation frame, all that changed at once: a layout that answers a size by
 * rendering again then never re-enters the browser's resize loop ("ResizeObserver loop completed with
 * undelivered notifications", an error on the page). Elements that appear after the first render are
 * followed from the update that brings them.
 */
export class SizeController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #targets: () => (Element | null | undefined)[];
  readonly #onResize: (sizes: ReadonlyMap<Element, DOMRectReadOnly>) => void;
  #observer: ResizeObserver | undefined;
  readonly #observed = new Set<Element>();
  #pending = new Map<Element, DOMRectReadOnly>();
  #frame = 0;

  constructor(host: ReactiveElement, targets: () => (Element | null | undefined)[], onResize: (sizes: ReadonlyMap<Element, DOMRectReadOnly>) => void) {
    this.#host = host;
    this.#targets = targets;
    this.#onResize = onResize;
    host.addController(this);
  }

  hostConnected(): void {
    // Back in the page after a move: follow the same elements again.
    if (this.#host.hasUpdated) this.#observe();
  }

  hostUpdated(): void {
    this.#observe();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observed.clear();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending.clear();
  }

  #observe(): void {
    if (typeof ResizeObserver === 'undefined') return;
    for (const target of this.#targets()) {
      if (!target || this.#observed.has(target)) continue;
      this.#observer ??= new ResizeObserver((entries) => this.#queue(entries));
      this.#observer.observe(target);
      this.#observed.add(target);
    }
  }

  #queue(entries: ResizeObserverEntry[]): void {
    for (const entry of entries) this.#pending.set(entry.target, entry.contentRect);
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const sizes = this.#pending;
      this.#pending = new Map();
      this.#onResize(sizes);
    });
  }
}
