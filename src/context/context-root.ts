import { ContextRoot } from '@lit/context';

let attached = false;

/**
 * Lets elements that asked for the room's session before `<rtc-room>` was defined (a lazily loaded room,
 * or define entries imported in any order) receive it once the room appears. Called by the define entries,
 * which are the kit's only modules with side effects.
 */
export function ensureContextRoot(): void {
  if (attached || typeof document === 'undefined') return;
  attached = true;
  new ContextRoot().attach(document.documentElement);
}
