import type { ReactiveController, ReactiveElement } from 'lit';
import { langOf, translate, type StringKey } from '../i18n/localize.js';

const hosts = new Set<ReactiveElement>();
let documentObserver: MutationObserver | undefined;

function watchDocumentLang(): void {
  if (documentObserver || typeof MutationObserver === 'undefined') return;
  documentObserver = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
  // Any ancestor's `lang` may decide, so watch the whole light tree; elements are few, re-rendering all is cheap.
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** Translates the host's strings into the language that applies to it, re-rendering when `lang` changes. */
export class LocalizeController implements ReactiveController {
  readonly #host: ReactiveElement;
  #observer: MutationObserver | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  get lang(): string {
    return langOf(this.#host);
  }

  t(key: StringKey, params?: Record<string, string | number>): string {
    return translate(this.lang, key, params);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    watchDocumentLang();
    this.#observer = new MutationObserver(() => this.#host.requestUpdate());
    this.#observer.observe(this.#host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
    this.#observer?.disconnect();
    if (!hosts.size) {
      documentObserver?.disconnect();
      documentObserver = undefined;
    }
  }
}
