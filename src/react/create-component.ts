import { createElement, forwardRef, useCallback, useLayoutEffect, useRef, type ForwardedRef, type ReactNode } from 'react';

/** What a wrapper needs to know of its element; `scripts/framework-types.mjs` writes one per tag from the manifest. */
export interface ElementShape {
  /** The element's settable properties, by name. */
  readonly properties: readonly string[];
  /** Properties that have an attribute too, and its name: strings, numbers and booleans also go out as the attribute. */
  readonly attributes: Readonly<Record<string, string>>;
  /** React prop → DOM event name: `onRtcParticipantJoined` → `rtc-participant-joined`. */
  readonly events: Readonly<Record<string, string>>;
}

type Props = Record<string, unknown> & { children?: ReactNode };

const isMarkup = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A React component for one custom element that works the same whether React creates the element or hydrates it
 * from server HTML. React 19 sets custom-element properties and listeners when it creates elements, but not when
 * it hydrates them (facebook/react#35446), so on a server-rendered page a rich property or an `on…` handler would
 * be lost. Here every property is written in a layout effect, whichever way the element came about; strings,
 * numbers and booleans are also rendered as their attribute, so the server's HTML carries them. Each event gets
 * one listener that calls the newest handler. A property is written only when the page passes a new value, so
 * the element's own changes to it are not undone by an unrelated re-render.
 */
export function createComponent<E extends HTMLElement, P extends object>(tagName: string, shape: ElementShape) {
  const properties = new Set(shape.properties);
  const eventProps = Object.keys(shape.events);

  const Component = forwardRef<E, P>(function RtcElement(props, forwardedRef) {
    const element = useRef<E | null>(null);
    const applied = useRef(new Map<string, unknown>());
    const handlers = useRef<Props>({});

    const { children, ...rest } = props as Props;
    // Lit reflects some state as attributes when the element upgrades, before React hydrates it.
    const markup: Props = { suppressHydrationWarning: true };
    const assigned = new Map<string, unknown>();
    for (const [key, value] of Object.entries(rest)) {
      if (key in shape.events) continue;
      if (!properties.has(key)) {
        markup[key] = value;
        continue;
      }
      assigned.set(key, value);
      const attribute = shape.attributes[key];
      // React renders `true` as an empty attribute and leaves `false` out; in the browser the effect below decides.
      if (attribute && isMarkup(value) && value !== false) markup[attribute] = value;
    }

    useLayoutEffect(() => {
      handlers.current = props as Props;
      const node = element.current as unknown as Record<string, unknown> | null;
      if (!node) return;
      for (const [key, value] of assigned) {
        const known = applied.current.has(key);
        if (known ? applied.current.get(key) === value : value === undefined) continue;
        node[key] = value;
        applied.current.set(key, value);
      }
      // A property the page stops passing goes back to unset, as React does with DOM properties.
      for (const key of [...applied.current.keys()]) {
        if (assigned.has(key)) continue;
        node[key] = undefined;
        applied.current.delete(key);
      }
    });

    const listened = eventProps.filter((key) => typeof (props as Props)[key] === 'function').join(' ');
    useLayoutEffect(() => {
      const node = element.current;
      if (!node || !listened) return;
      const listeners = listened.split(' ').map((key) => {
        const listener = (event: Event) => (handlers.current[key] as ((event: Event) => void) | undefined)?.(event);
        node.addEventListener(shape.events[key]!, listener);
        return () => node.removeEventListener(shape.events[key]!, listener);
      });
      return () => listeners.forEach((remove) => remove());
    }, [listened]);

    const ref = useCallback((node: E | null) => {
      element.current = node;
      const cleanup = attachRef(forwardedRef, node);
      return () => {
        element.current = null;
        cleanup();
      };
    }, [forwardedRef]);
    return createElement(tagName, { ...markup, ref }, children);
  });
  Component.displayName = tagName.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
  return Component;
}

/** Gives the page's ref the element, and returns what undoes that (a React 19 ref callback's own cleanup too). */
function attachRef<E>(ref: ForwardedRef<E>, node: E | null): () => void {
  if (typeof ref === 'function') {
    const cleanup = (ref as (node: E | null) => unknown)(node);
    return typeof cleanup === 'function' ? (cleanup as () => void) : () => ref(null);
  }
  if (ref) ref.current = node;
  return () => {
    if (ref) ref.current = null;
  };
}
