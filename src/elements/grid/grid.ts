import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RtcSession } from '../../core/session.js';
import type { ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { TileFocusController } from '../../controllers/tile-focus-controller.js';
import { tilesOf, type Tile } from '../layout-tiles.js';
import { arrangeTiles, tilesPerPage, type ArrangeOptions } from '../tile-arrangement.js';
import { SizeController } from '../../controllers/size-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import { gridStyles } from './grid.styles.js';

/** Narrower than this, the grid is on a phone in portrait: at most two tiles side by side, and fewer a page. */
const NARROW = 600;
const PHONE_TILES_PER_PAGE = 6;
/** A horizontal drag longer than this turns the page. */
const SWIPE = 48;

/**
 * @summary Everyone in the room as tiles (and each screen share as one more), filling the box, a page at a time, without tiles jumping around.
 *
 * @tag rtc-grid
 *
 * Inside `<rtc-room>`. The tiles fill the grid's box: their size and arrangement come from the box and the
 * count, so three people in a wide box are one large tile beside two smaller ones rather than a row with a
 * hole, and on a phone in portrait they stack, at most two side by side. Cameras are cropped to fill their
 * tile, never beyond 3:4 to 16:9; screen shares are shown whole. Give the grid a height, or put it in a box
 * that has one (the room's conference does); otherwise it is `--rtc-grid-min-height` tall.
 *
 * The order is stable: you first, then everyone in the order they joined; a tile never moves because someone
 * speaks, except that with pages, a speaker on a later page swaps places with the first page's longest-silent
 * tile, so whoever speaks is seen. Pages come when tiles would get too small to read (or at `page-size`);
 * dots, arrows and a horizontal swipe turn them. Tiles off the current page are not rendered, so their video
 * is not received. A screen share is a tile of its own beside its sharer's. Keyboard focus stays on a tile
 * that moves.
 *
 * @csspart tiles - The box the tiles are laid out in.
 * @csspart tile - Each `<rtc-participant-video>`.
 * @csspart screen-tile - Each screen share's `<rtc-participant-video>` (also a `tile`).
 * @csspart pager - The page controls (only with more than one page).
 * @csspart previous - The previous page button.
 * @csspart next - The next page button.
 * @csspart dot - Each page's dot, a button.
 * @csspart page-label - "Page 1 of 3" (for screen readers; the dots show it).
 *
 * @cssprop --rtc-grid-tile-aspect-ratio - A fixed shape for every tile (`16 / 9`, say); unset, tiles take the shape that fills the box best.
 * @cssprop --rtc-grid-min-height - The grid's height when nothing gives it one (default 240px).
 */
export class RtcGrid extends LitElement {
  static override styles = [hostStyles, gridStyles];

  /** Tiles on a page; 0 (default) puts as many as stay readable at the grid's size (at most 25, 6 on a phone). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 0;

  /** Shows this attribute of each participant's user data as a badge on their tile (`role`, say). */
  @property({ attribute: 'badge-attribute' }) badgeAttribute = '';

  /** The page shown, from 0. Reflected. */
  @property({ type: Number, reflect: true }) page = 0;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** The tiles' box (the grid less its page controls), the gap between tiles and a fixed shape, if any, as laid out. */
  @state() private box = { width: 0, height: 0, gap: 0, aspect: 0 };

  readonly #localize = new LocalizeController(this);

  constructor() {
    super();
    new TileFocusController(this);
    // The tiles are laid out again when their box changes size.
    new SizeController(this, () => [this.renderRoot.querySelector('[part="tiles"]')], (sizes) => {
      const tiles = this.renderRoot.querySelector<HTMLElement>('[part="tiles"]');
      const rect = tiles && sizes.get(tiles);
      if (!rect) return;
      const { width, height } = rect;
      const gap = parseFloat(getComputedStyle(tiles).columnGap) || 0;
      // A shape given in CSS (--rtc-grid-tile-aspect-ratio) fixes every tile's; unset, the box decides.
      const [w, h = 1] = getComputedStyle(this).getPropertyValue('--rtc-grid-tile-aspect-ratio').split('/').map(Number);
      const aspect = w && h ? w / h : 0;
      const box = this.box;
      if (width !== box.width || height !== box.height || gap !== box.gap || aspect !== box.aspect) this.box = { width, height, gap, aspect };
    });
  }
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);
  /** Tile keys in the order they are laid out. */
  #order: string[] = [];
  #tiles = new Map<string, Tile>();
  readonly #lastSpoke = new Map<string, number>();
  #swipeStart: { x: number; y: number; id: number } | undefined;


  get #arrangeOptions(): ArrangeOptions {
    const { gap, aspect, width } = this.box;
    return {
      gap,
      ...(aspect ? { minAspect: aspect, maxAspect: aspect, preferredAspect: aspect } : {}),
      ...(width < NARROW ? { maxColumns: 2 } : {}),
    };
  }

  /** Tiles on a page now: `page-size`, or as many as fit the box readably. */
  get perPage(): number {
    if (this.pageSize > 0) return this.pageSize;
    const { width, height } = this.box;
    return tilesPerPage(width, height, this.#arrangeOptions, width > 0 && width < NARROW ? PHONE_TILES_PER_PAGE : undefined);
  }

  /** How many pages there are now. */
  get pages(): number {
    return Math.max(1, Math.ceil(this.#order.length / this.perPage));
  }

  /** The tiles of the current page, in order. */
  get shown(): Tile[] {
    const perPage = this.perPage;
    return this.#order.slice(this.page * perPage, (this.page + 1) * perPage).map((key) => this.#tiles.get(key)!);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#arrange(this.#participants.value);
    this.page = Math.min(Math.max(0, Math.floor(this.page) || 0), this.pages - 1);
  }

  /** Keeps the order stable: leavers drop out, newcomers go last, and a speaker on a later page is brought forward. */
  #arrange(participants: readonly ParticipantView[]): void {
    const tiles = tilesOf(participants);
    this.#tiles = new Map(tiles.map((tile) => [tile.key, tile]));
    this.#order = this.#order.filter((key) => this.#tiles.has(key));
    for (const tile of tiles) {
      if (this.#order.includes(tile.key)) continue;
      // A screen share goes right after its sharer's tile; anyone new goes last.
      const sharer = tile.source === 'screen' ? this.#order.indexOf(`${tile.participant}\ncamera`) : -1;
      if (sharer >= 0) this.#order.splice(sharer + 1, 0, tile.key);
      else this.#order.push(tile.key);
    }
    const now = Date.now();
    for (const tile of tiles) if (tile.source === 'camera' && tile.view.isSpeaking) this.#lastSpoke.set(tile.key, now);
    const perPage = this.perPage;
    if (this.#order.length <= perPage) return;
    for (const speaker of tiles.filter((t) => t.source === 'camera' && t.view.isSpeaking && !t.view.isLocal)) {
      const from = this.#order.indexOf(speaker.key);
      if (from < perPage) continue;
      let to = -1;
      let oldest = Infinity;
      for (let index = 0; index < Math.min(perPage, this.#order.length); index++) {
        const key = this.#order[index]!;
        const spoke = this.#lastSpoke.get(key) ?? 0;
        if (!this.#tiles.get(key)?.view.isLocal && spoke < oldest) [to, oldest] = [index, spoke];
      }
      if (to >= 0) [this.#order[to], this.#order[from]] = [this.#order[from]!, this.#order[to]!];
    }
  }

  #turn(by: number): void {
    this.page = Math.min(Math.max(0, this.page + by), this.pages - 1);
  }

  #onPointerDown(event: PointerEvent): void {
    if (this.pages > 1 && event.isPrimary) this.#swipeStart = { x: event.clientX, y: event.clientY, id: event.pointerId };
  }

  #onPointerUp(event: PointerEvent): void {
    const start = this.#swipeStart;
    this.#swipeStart = undefined;
    if (!start || start.id !== event.pointerId) return;
    const dx = event.clientX - start.x;
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(event.clientY - start.y)) this.#turn(dx < 0 ? 1 : -1);
  }

  protected override render() {
    const shown = this.shown;
    const { width, height } = this.box;
    const { rects } = arrangeTiles(shown.length, width, height, this.#arrangeOptions);
    const placed = rects.length === shown.length;
    const place = (index: number) => {
      const rect = rects[index];
      return placed && rect ? `left: ${rect.x}px; top: ${rect.y}px; width: ${rect.width}px; height: ${rect.height}px` : '';
    };
    const t = this.#localize.t.bind(this.#localize);
    const pages = this.pages;
    return html`
      <div
        part="tiles"
        class=${placed ? 'tiles placed' : 'tiles'}
        @pointerdown=${this.#onPointerDown}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${() => (this.#swipeStart = undefined)}
      >
        ${repeat(
          shown,
          (tile) => tile.key,
          (tile, index) =>
            tile.source === 'screen'
              ? html`<rtc-participant-video part="tile screen-tile" style=${place(index)} participant=${tile.participant} source="screen" fit="contain" badge-attribute=${this.badgeAttribute}></rtc-participant-video>`
              : html`<rtc-participant-video part="tile" style=${place(index)} participant=${tile.participant} badge-attribute=${this.badgeAttribute}></rtc-participant-video>`,
        )}
      </div>
      ${pages > 1
        ? html`<nav part="pager" class="pager" aria-label=${t('pages')}>
            <button part="previous" type="button" aria-label=${t('previousPage')} ?disabled=${this.page === 0} @click=${() => this.#turn(-1)}>‹</button>
            <span class="dots">
              ${Array.from(
                { length: pages },
                (_, page) =>
                  html`<button
                    part="dot"
                    class="dot"
                    type="button"
                    aria-label=${t('pageOf', { page: page + 1, pages })}
                    aria-current=${page === this.page ? 'page' : 'false'}
                    @click=${() => (this.page = page)}
                  ></button>`,
              )}
            </span>
            <span part="page-label" class="visually-hidden">${t('pageOf', { page: this.page + 1, pages })}</span>
            <button part="next" type="button" aria-label=${t('nextPage')} ?disabled=${this.page >= pages - 1} @click=${() => this.#turn(1)}>›</button>
          </nav>`
        : nothing}
    `;
  }
}
