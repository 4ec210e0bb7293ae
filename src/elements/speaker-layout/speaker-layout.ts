import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RtcSession } from '../../core/session.js';
import { findTrack, type ParticipantView } from '../../core/types.js';
import { layoutContext, type LayoutControl, type LayoutState } from '../../context/layout-context.js';
import { sessionContext } from '../../context/session-context.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { ReadableController } from '../../controllers/readable-controller.js';
import { TileFocusController } from '../../controllers/tile-focus-controller.js';
import { SizeController } from '../../controllers/size-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import { tilesOf, type Tile } from '../layout-tiles.js';
import { arrangeTiles } from '../tile-arrangement.js';
import { speakerLayoutStyles } from './speaker-layout.styles.js';

/**
 * @summary One participant large on the stage, everyone else in a filmstrip.
 *
 * @tag rtc-speaker-layout
 *
 * Inside `<rtc-room>` (`layout="speaker"` renders it). The stage shows, first that applies: the pinned
 * participant (their screen share while they share), the newest screen share, the active speaker, the first
 * other participant whose camera is on, the first other participant, or you. The active speaker takes the
 * stage only once the one there has stopped speaking, so two people talking over each other do not make it
 * flicker. The stage's tile fills the stage (a camera cropped no further than 3:4 to 2:1, a screen shown
 * whole). The filmstrip keeps the join order, below the stage, or beside it in a wide, low box (a phone
 * held sideways); its tiles are small, so they receive a small simulcast layer, and those scrolled out of
 * view receive no video at all. Keyboard focus follows a tile that moves to or from the stage.
 *
 * @csspart stage - The stage's box.
 * @csspart stage-tile - The `<rtc-participant-video>` on the stage.
 * @csspart filmstrip - The scrolling row of the other tiles.
 * @csspart tile - Each `<rtc-participant-video>` in the filmstrip.
 *
 * @cssprop --rtc-speaker-layout-filmstrip-height - Height of the filmstrip below the stage (default: a quarter of the layout, between 64px and 140px).
 * @cssprop --rtc-speaker-layout-filmstrip-width - Width of the filmstrip beside the stage (default: a quarter of the layout, between 96px and 220px).
 */
export class RtcSpeakerLayout extends LitElement {
  static override styles = [hostStyles, speakerLayoutStyles];

  /** The identity to keep on the stage; inside a room, the room's pin. */
  @property() pinned = '';

  /** Shows this attribute of each participant's user data as a badge on their tile (`role`, say). */
  @property({ attribute: 'badge-attribute' }) badgeAttribute = '';


  /** The room session; given by the enclosing `<rtc-room>`. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: RtcSession | undefined;

  /** The room's layout and pin; given by the enclosing `<rtc-room>`. */
  @consume({ context: layoutContext, subscribe: true })
  @property({ attribute: false })
  layoutControl: LayoutControl | undefined;

  readonly #localize = new LocalizeController(this);
  readonly #participants = new ReadableController<readonly ParticipantView[]>(this, () => this.session?.participants, []);
  readonly #layout = new ReadableController<LayoutState | undefined>(this, () => this.layoutControl?.state, undefined);
  /** Screen share tile keys in the order they started: the newest takes the stage. */
  #screens: string[] = [];
  /** The remote participant the active-speaker rule put on the stage. */
  #speaker = '';
  #stage: Tile | undefined;
  #filmstrip: Tile[] = [];
  /** The stage's box, as laid out. */
  @state() private stageBox = { width: 0, height: 0 };

  /** Reflected: where the filmstrip is, `below` the stage or `beside` it (in a box more than twice as wide as high). @readonly */
  @property({ reflect: true, attribute: 'filmstrip-position' }) filmstripPosition: 'below' | 'beside' = 'below';

  constructor() {
    super();
    new TileFocusController(this);
    new SizeController(this, () => [this, this.renderRoot.querySelector('[part="stage"]')], (sizes) => {
      for (const [target, { width, height }] of sizes) {
        if (target === this) this.filmstripPosition = height > 0 && width / height > 2 ? 'beside' : 'below';
        else if (width !== this.stageBox.width || height !== this.stageBox.height) this.stageBox = { width, height };
      }
    });
  }

  /** The tile on the stage now. */
  get stage(): Tile | undefined {
    return this.#stage;
  }

  /** The filmstrip's tiles, in order. */
  get filmstrip(): readonly Tile[] {
    return this.#filmstrip;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const participants = this.#participants.value;
    const tiles = tilesOf(participants);
    const screens = tiles.filter((tile) => tile.source === 'screen').map((tile) => tile.key);
    this.#screens = [...this.#screens.filter((key) => screens.includes(key)), ...screens.filter((key) => !this.#screens.includes(key))];
    this.#followSpeaker(participants);
    const stage = this.#chooseStage(tiles);
    this.#stage = stage;
    this.#filmstrip = tiles.filter((tile) => tile !== stage);
  }

  #followSpeaker(participants: readonly ParticipantView[]): void {
    const current = participants.find((p) => p.identity === this.#speaker && !p.isLocal);
    if (current?.isSpeaking) return;
    const next = participants.find((p) => p.isSpeaking && !p.isLocal);
    if (next) this.#speaker = next.identity;
    else if (!current) this.#speaker = '';
  }

  #chooseStage(tiles: Tile[]): Tile | undefined {
    const pinned = this.#layout.value?.pinned || this.pinned;
    if (pinned) {
      const ofPinned = tiles.filter((tile) => tile.identity === pinned);
      const choice = ofPinned.find((tile) => tile.source === 'screen') ?? ofPinned[0];
      if (choice) return choice;
    }
    const newestScreen = this.#screens.at(-1);
    if (newestScreen) {
      const remote = [...this.#screens].reverse().map((key) => tiles.find((tile) => tile.key === key)).find((tile) => tile && !tile.view.isLocal);
      // Your own screen only when nobody else shares: seeing yourself present is of little use to you.
      return remote ?? tiles.find((tile) => tile.key === newestScreen);
    }
    const cameraOn = (tile: Tile) => {
      const camera = findTrack(tile.view, 'camera');
      return !!camera && !camera.muted;
    };
    return (
      tiles.find((tile) => tile.source === 'camera' && tile.identity === this.#speaker && !tile.view.isLocal) ??
      tiles.find((tile) => tile.source === 'camera' && !tile.view.isLocal && cameraOn(tile)) ??
      tiles.find((tile) => tile.source === 'camera' && !tile.view.isLocal) ??
      tiles[0]
    );
  }

  /** The stage tile's size: the whole stage for a screen, for a camera the stage cropped no further than 3:4 to 2:1. */
  #stageTileStyle(stage: Tile): string {
    const { width, height } = this.stageBox;
    if (!width || !height) return 'width: 100%; height: 100%';
    if (stage.source === 'screen') return `width: ${width}px; height: ${height}px`;
    const [rect] = arrangeTiles(1, width, height, { maxAspect: 2 }).rects;
    return `width: ${rect!.width}px; height: ${rect!.height}px`;
  }

  protected override render() {
    const stage = this.#stage;
    const t = this.#localize.t.bind(this.#localize);
    return html`
      <div part="stage" class="stage" role="group" aria-label=${t('stage')}>
        ${stage
          ? // Keyed: another participant on the stage is another tile, so focus can follow the one who left it.
            keyed(
              stage.key,
              html`<rtc-participant-video
              style=${this.#stageTileStyle(stage)}
              part="stage-tile"
              participant=${stage.participant}
              badge-attribute=${this.badgeAttribute}
              source=${stage.source}
              fit=${stage.source === 'screen' ? 'contain' : 'cover'}
            ></rtc-participant-video>`,
            )
          : nothing}
      </div>
      ${this.#filmstrip.length
        ? html`<div part="filmstrip" class="filmstrip" role="group" aria-label=${t('filmstrip')}>
            ${repeat(
              this.#filmstrip,
              (tile) => tile.key,
              (tile) =>
                html`<rtc-participant-video
                  part="tile"
                  participant=${tile.participant}
                  badge-attribute=${this.badgeAttribute}
                  source=${tile.source}
                  fit=${tile.source === 'screen' ? 'contain' : 'cover'}
                ></rtc-participant-video>`,
            )}
          </div>`
        : nothing}
    `;
  }
}
