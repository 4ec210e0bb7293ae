import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RtcSession } from '../../core/room-session.js';
import type { ParticipantView } from '../../core/types.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { TileFocusController } from '../../controllers/tile-focus-controller.js';
import { fitColumns, tilesOf, type Tile } from '../layout-tiles.js';
import { hostStyles } from '../../styles/host.styles.js';
import { gridStyles } from './grid.styles.js';

/**
 * @summary Everyone in the room as tiles (and each screen share as one more), in columns that fit, a page at a time, without tiles jumping around.
 *
 * @tag rtc-grid
 *
 * Inside `<rtc-room>`. The number of columns is the one that gives each tile the most room in the grid's box
 * (set a height on the grid, or let it fill the room's conference). The order is stable: you first, then
 * everyone in the order they joined; a tile never moves because someone speaks, except that with pages, a
 * speaker on a later page swaps places with the first page's longest-silent tile, so whoever speaks is seen.
 * Tiles off the current page are not rendered, so their video is not received. A screen share is a tile
 * of its own beside its sharer's. Keyboard focus stays on a tile that moves.
 *
 * @csspart tiles - The grid of tiles.
 * @csspart tile - Each `<rtc-participant-video>`.
 * @csspart screen-tile - Each screen share's `<rtc-participant-video>` (also a `tile`).
 * @csspart pager - The page controls (only with more than one page).
 * @csspart previous - The previous page button.
 * @csspart next - The next page button.
 * @csspart page-label - "Page 1 of 3".
 *
 * @cssprop --rtc-grid-tile-aspect-ratio - The tiles' shape (default `16 / 9`).
 */
export class RtcGrid extends LitElement {
  static override styles = [hostStyles, gridStyles];

  /** Tiles on a page; 0 (default) puts everyone on one page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 0;

  /** Shows this attribute of each participant's user data as a badge on their tile (`role`, say). */
  @property({ attribute: 'badge-attribute' }) badgeAttribute = '';


  /** The page shown, from 0. Reflected. */
  @property({ type: Number, reflect: true }) page = 0;

  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** The tiles' box (the grid less its page controls), the gap between tiles and their shape, as laid out. */
  @state() private box = { width: 0, height: 0, gap: 0, aspect: 16 / 9 };

  readonly #localize = new LocalizeController(this);

  constructor() {
    super();
    new TileFocusController(this);
  }
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);
  /** Tile keys in the order they are laid out. */
  #order: string[] = [];
  #tiles = new Map<string, Tile>();
  readonly #lastSpoke = new Map<string, number>();
  #resize: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // After a move within the page: watch the tiles' box again.
    if (this.hasUpdated) this.#watch();
  }

  protected override firstUpdated(): void {
    this.#watch();
  }

  #watch(): void {
    const tiles = this.renderRoot.querySelector<HTMLElement>('[part="tiles"]')!;
    this.#resize ??= new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      const gap = parseFloat(getComputedStyle(tiles).columnGap) || 0;
      // The shape the tiles are given in CSS (--rtc-grid-tile-aspect-ratio) is the one the columns are fitted to.
      const [w, h = 1] = getComputedStyle(this).getPropertyValue('--rtc-grid-tile-aspect-ratio').split('/').map(Number);
      const aspect = w && h ? w / h : 16 / 9;
      const box = this.box;
      if (width !== box.width || height !== box.height || gap !== box.gap || aspect !== box.aspect) this.box = { width, height, gap, aspect };
    });
    this.#resize.observe(tiles);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
  }

  /** How many pages there are now. */
  get pages(): number {
    const count = this.#order.length;
    return this.pageSize > 0 ? Math.max(1, Math.ceil(count / this.pageSize)) : 1;
  }

  /** The tiles of the current page, in order. */
  get shown(): Tile[] {
    const keys = this.pageSize <= 0 ? this.#order : this.#order.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);
    return keys.map((key) => this.#tiles.get(key)!);
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
    if (this.pageSize <= 0) return;
    for (const speaker of tiles.filter((t) => t.source === 'camera' && t.view.isSpeaking && !t.view.isLocal)) {
      const from = this.#order.indexOf(speaker.key);
      if (from < this.pageSize) continue;
      let to = -1;
      let oldest = Infinity;
      for (let index = 0; index < Math.min(this.pageSize, this.#order.length); index++) {
        const key = this.#order[index]!;
        const spoke = this.#lastSpoke.get(key) ?? 0;
        if (!this.#tiles.get(key)?.view.isLocal && spoke < oldest) [to, oldest] = [index, spoke];
      }
      if (to >= 0) [this.#order[to], this.#order[from]] = [this.#order[from]!, this.#order[to]!];
    }
  }

  protected override render() {
    const shown = this.shown;
    const { columns, tileWidth } = fitColumns(shown.length, this.box.width, this.box.height, this.box.gap, this.box.aspect);
    const template = tileWidth > 0 ? `repeat(${columns}, ${tileWidth}px)` : `repeat(${columns}, 1fr)`;
    const t = this.#localize.t.bind(this.#localize);
    return html`
      <div part="tiles" class="tiles" style="grid-template-columns: ${template}; justify-content: center">
        ${repeat(
          shown,
          (tile) => tile.key,
          (tile) =>
            tile.source === 'screen'
              ? html`<rtc-participant-video part="tile screen-tile" participant=${tile.participant} source="screen" fit="contain" badge-attribute=${this.badgeAttribute}></rtc-participant-video>`
              : html`<rtc-participant-video part="tile" participant=${tile.participant} badge-attribute=${this.badgeAttribute}></rtc-participant-video>`,
        )}
      </div>
      ${this.pages > 1
        ? html`<nav part="pager" class="pager" aria-label=${t('pages')}>
            <button part="previous" type="button" ?disabled=${this.page === 0} @click=${() => (this.page -= 1)}>‹ ${t('previousPage')}</button>
            <span part="page-label">${t('pageOf', { page: this.page + 1, pages: this.pages })}</span>
            <button part="next" type="button" ?disabled=${this.page >= this.pages - 1} @click=${() => (this.page += 1)}>${t('nextPage')} ›</button>
          </nav>`
        : nothing}
    `;
  }
}
