import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { containsDeep, deepActiveElement } from './deep-focus.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Places an open popover (in the top layer, `position: fixed`) above `anchor`, or below it without room above, inside the viewport. */
function place(popover: HTMLElement, anchor: Element, gap = 8): void {
  const a = anchor.getBoundingClientRect();
  const p = popover.getBoundingClientRect();
  const margin = 8;
  const left = Math.min(Math.max(margin, a.left + a.width / 2 - p.width / 2), Math.max(margin, innerWidth - p.width - margin));
  const above = a.top - gap - p.height;
  const top = above >= margin ? above : Math.min(a.bottom + gap, Math.max(margin, innerHeight - p.height - margin));
  popover.style.left = `${Math.round(left)}px`;
  popover.style.top = `${Math.round(top)}px`;
}

/**
 * A popover (a menu, a device list) opened by a button of its host: shown in the top layer so no box clips it,
 * placed by its button, closed by Escape or a click elsewhere (the browser's light dismiss), with focus back
 * on the button when it closes from inside. The host's template binds `@toggle=${controller.onToggle}` on the
 * popover element and reads `open` for the button's `aria-expanded`.
 */
export class PopoverController implements ReactiveController {
  readonly #host: Host;
  readonly #parts: () => { popover: HTMLElement | null; anchor: HTMLElement | null };
  /** Whether the popover is showing. */
  open = false;

  constructor(host: Host, parts: () => { popover: HTMLElement | null; anchor: HTMLElement | null }) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  /** Opens or closes it (`force` to choose). */
  toggle(force = !this.open): void {
    const { popover, anchor } = this.#parts();
    if (!popover || !anchor || typeof popover.showPopover !== 'function') return;
    if (force && !popover.matches(':popover-open')) {
      popover.showPopover();
      // Placed before the browser paints it, so it never flashes in the middle of the screen.
      place(popover, anchor);
      this.#setOpen(true);
    } else if (!force && popover.matches(':popover-open')) {
      popover.hidePopover();
    }
  }

  /** Bind to the popover's `toggle` event: light dismiss and Escape close it without passing through `toggle()`. */
  readonly onToggle = (event: Event): void => {
    const open = (event as ToggleEvent).newState === 'open';
    this.#setOpen(open);
    if (open) return;
    const { popover, anchor } = this.#parts();
    // Closed while focus was inside (Escape, a choice made) or lost with it: back to the button that opened it.
    // Focus a choice moved on purpose (a panel it opened) stays where it went.
    const active = deepActiveElement();
    if (!active || active === document.body || (popover && containsDeep(popover, active))) anchor?.focus();
  };

  #onResize = (): void => this.toggle(false);

  #setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (open) addEventListener('resize', this.#onResize);
    else removeEventListener('resize', this.#onResize);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    removeEventListener('resize', this.#onResize);
    this.open = false;
  }
}

/** The look of a popover panel: a raised card on the page, scrolling when taller than the screen. */
export const popoverStyles = css`
  [popover] {
    position: fixed;
    inset: auto;
    margin: 0;
    max-width: min(360px, calc(100vw - 16px));
    max-height: calc(100vh - 16px);
    overflow: auto;
    padding: 8px;
    border: 1px solid rgb(255 255 255 / 0.12);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_on-surface);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.4);
    font-family: var(--_font);
    font-size: 14px;
  }
  @media (forced-colors: active) {
    [popover] {
      border-color: CanvasText;
    }
  }
`;
