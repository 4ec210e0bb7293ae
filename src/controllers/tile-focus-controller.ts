import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

interface FocusedTile {
  participant: string;
  source: string;
  /** The `part` of the focused control inside the tile (its pin button), if any. */
  part: string | null;
  /** Where the tile was among its layout's tiles, for when it is gone: the tile that took its place gets focus. */
  index: number;
}

const TILE = 'RTC-PARTICIPANT-VIDEO';

/** The tile holding focus under `root`, looking through the shadow roots of layouts on the way. */
function focusedTile(root: ShadowRoot | Document): { tile: HTMLElement; inner: Element | null } | undefined {
  let element = root.activeElement;
  while (element && element.tagName !== TILE && element.shadowRoot) element = element.shadowRoot.activeElement;
  if (!element || element.tagName !== TILE) return undefined;
  return { tile: element as HTMLElement, inner: element.shadowRoot?.activeElement ?? null };
}

/** The tiles under `root`, including those of the layouts inside it (a room's grid or speaker layout). */
function allTiles(root: ParentNode): HTMLElement[] {
  const tiles: HTMLElement[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('rtc-participant-video, rtc-grid, rtc-speaker-layout')) {
    if (element.tagName === TILE) tiles.push(element);
    else if (element.shadowRoot) tiles.push(...allTiles(element.shadowRoot));
  }
  return tiles;
}

/**
 * Keeps keyboard focus on the same participant's tile when a layout re-renders: tiles that move in the DOM,
 * or that are replaced (a pinned participant going to the stage, the room switching layouts), would
 * otherwise drop focus to the page's body and leave a keyboard or screen reader user lost. When the
 * participant's tile is gone (paged away, left), the tile now in its place takes focus.
 */
export class TileFocusController implements ReactiveController {
  readonly #host: Host;
  #focused: FocusedTile | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const root = this.#host.shadowRoot;
    const found = root ? focusedTile(root) : undefined;
    this.#focused = found
      ? {
          participant: found.tile.getAttribute('participant') ?? '',
          source: found.tile.getAttribute('source') ?? 'camera',
          part: found.inner?.getAttribute('part') ?? null,
          // Among the tiles beside it only: this runs on every update while a tile has focus.
          index: [...(found.tile.parentNode as ParentNode).querySelectorAll(TILE)].indexOf(found.tile),
        }
      : undefined;
  }

  hostUpdated(): void {
    const focused = this.#focused;
    this.#focused = undefined;
    if (!focused) return;
    void this.#restore(focused);
  }

  async #restore(focused: FocusedTile): Promise<void> {
    const root = this.#host.shadowRoot;
    if (!root || root.activeElement) return; // focus is still inside: nothing was lost
    // Nested layouts render after their host: let them settle before looking for the tile.
    for (const layout of root.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('rtc-grid, rtc-speaker-layout')) await layout.updateComplete;
    if (root.activeElement || (document.activeElement && document.activeElement !== document.body)) return;
    const tiles = allTiles(root);
    const tile =
      tiles.find((t) => t.getAttribute('participant') === focused.participant && (t.getAttribute('source') ?? 'camera') === focused.source) ??
      tiles.find((t) => t.getAttribute('participant') === focused.participant) ??
      tiles[Math.min(focused.index, tiles.length - 1)];
    if (!tile) return;
    await (tile as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    const target =
      (focused.part ? tile.shadowRoot?.querySelector<HTMLElement>(`[part~="${focused.part}"]`) : undefined) ??
      tile.shadowRoot?.querySelector<HTMLElement>('button');
    target?.focus();
  }
}
