import { createElement, forwardRef, useCallback, useLayoutEffect, useRef, type ForwardedRef, type ReactNode } from 'react';

/** What a wrapper needs to know of its element; `scripts/framework-types.mjs` writes one per tag from the manifest. */
export interface ElementShape {
  /** The element's settable properties, by name. */
  readonly properties: readonly string[];
  /** Properties that have an attribute too, and its name: strings, numbers and booleans go out as the attribute. */
  readonly attributes: Readonly<Record<string, string>>;
  /** React prop → DOM event name: `onRtcParticipantJoined` → `rtc-participant-joined`. */
  readonly events: Readonly<Record<string, string>>;
}

type Props = Record<string, unknown> & { children?: ReactNode };

const isMarkup = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A React component for one custom element that works the same whether React renders it or hydrates it from
 * server HTML. React 19 sets custom-element properties and listeners while it creates elements, but not while it
 * hydrates them (facebook/react#35446), so on a server-rendered page a rich property or an `on…` handler would be
 * lost. Here, values that fit an attribute are rendered as that attribute (so the server's HTML carries them),
 * everything else is set as a property in a layout effect, and each event gets one listener that calls the
 * newest handler. A property is written only when the page passes a new value, so the element's own changes to
 * it are not undone by an unrelated re-render.
 */
export function createComponent<E extends HTMLElement, P extends object>(tagName: string, shape: ElementShape) {
  const properties = new Set(shape.properties);
  const eventProps = Object.keys(shape.events);

  const Component = forwardRef<E, P>(function RtcElement(props, forwardedRef) {
    const element = useRef<E | null>(null);
    const applied = useRef(new Map<string, unknown>());
    const handlers = useRef<Props>({});

    const { children, ...rest } = props as Props;
    const markup: Props = {};
    const assigned = new Map<string, unknown>();
    for (const [key, value] of Object.entries(rest)) {
      if (key in shape.events) continue;
      if (!properties.has(key)) {
        markup[key] = value;
        continue;
      }
      const attribute = shape.attributes[key];
      if (attribute && (isMarkup(value) || value == null)) {
        if (value === true) markup[attribute] = '';
        else if (value !== false && value != null) markup[attribute] = String(value);
      } else {
        assigned.set(key, value);
      }
    }
    handlers.current = props as Props;

    useLayoutEffect(() => {
      const node = element.current as unknown as Record<string, unknown> | null;
      if (!node) return;
      for (const [key, value] of assigned) {
        if (applied.current.has(key) && applied.current.get(key) === value) continue;
        node[key] = value;
        applied.current.set(key, value);
      }
      // A property the page stops passing goes back to unset, as React does with DOM properties.
      for (const key of [...applied.current.keys()]) {
        if (assigned.has(key)) continue;
        if (!(key in rest) || rest[key] == null) node[key] = undefined;
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

    const ref = useCallback(
      (node: E | null) => {
        element.current = node;
        setRef(forwardedRef, node);
      },
      [forwardedRef],
    );
    return createElement(tagName, { ...markup, ref }, children);
  });
  Component.displayName = tagName.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
  return Component;
}

function setRef<E>(ref: ForwardedRef<E>, node: E | null) {
  if (typeof ref === 'function') ref(node);
  else if (ref) ref.current = node;
}
