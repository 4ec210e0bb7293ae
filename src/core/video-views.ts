import type { TrackSource } from './types.js';

/** Where one tile shows a remote video: whether it is in view, and its size in device pixels. */
export interface VideoViewState {
  visible: boolean;
  width: number;
  height: number;
}

/** A tile's hold on a remote video; `update` as it moves or resizes, `release` when it goes. */
export interface VideoView {
  update(state: VideoViewState): void;
  release(): void;
}

/** What the session should receive of one remote video. */
export interface VideoDemand {
  enabled: boolean;
  /** The largest size a visible tile shows it at, in device pixels; 0 when none is visible. */
  width: number;
  height: number;
}

const keyOf = (identity: string, source: TrackSource) => `${identity}\n${source}`;
const sameDemand = (a: VideoDemand | undefined, b: VideoDemand) => !!a && a.enabled === b.enabled && a.width === b.width && a.height === b.height;

/**
 * Bandwidth follows what people see: every tile showing a remote video holds a view of it, and the session
 * receives each video at the size of the largest visible tile, and not at all while no tile shows it. Once
 * tiles manage video (one has ever opened a view), a video no tile shows is not received; a page that shows
 * videos only its own way (no tiles) receives them all, as before.
 */
export class VideoViews {
  readonly #views = new Map<string, Map<object, VideoViewState>>();
  readonly #applied = new Map<string, VideoDemand>();
  #managed = false;

  /**
   * @param apply receives each change of what a video should be.
   * @param onManaged is called when the first tile opens a view: videos received until then (and shown by no
   *   tile) should be refreshed, so they stop.
   */
  constructor(
    readonly apply: (identity: string, source: TrackSource, demand: VideoDemand) => void,
    readonly onManaged: () => void = () => undefined,
  ) {}

  /**
   * Opens a view of `identity`'s `source` video. Until its first update the tile counts as visible at no
   * particular size, so a new tile never switches a video off and on again while it is being laid out.
   */
  open(identity: string, source: TrackSource): VideoView {
    const first = !this.#managed;
    this.#managed = true;
    const key = keyOf(identity, source);
    let views = this.#views.get(key);
    if (!views) this.#views.set(key, (views = new Map()));
    const token = {};
    views.set(token, { visible: true, width: 0, height: 0 });
    let released = false;
    if (first) this.onManaged();
    return {
      update: (state) => {
        if (released) return;
        views.set(token, state);
        this.refresh(identity, source);
      },
      release: () => {
        if (released) return;
        released = true;
        views.delete(token);
        if (!views.size) this.#views.delete(key);
        this.refresh(identity, source);
      },
    };
  }

  /** What should be received of a video now; undefined while no tile manages video at all. */
  demandFor(identity: string, source: TrackSource): VideoDemand | undefined {
    if (!this.#managed) return undefined;
    const visible = [...(this.#views.get(keyOf(identity, source))?.values() ?? [])].filter((view) => view.visible);
    if (!visible.length) return { enabled: false, width: 0, height: 0 };
    return {
      enabled: true,
      width: Math.max(...visible.map((view) => Math.ceil(view.width))),
      height: Math.max(...visible.map((view) => Math.ceil(view.height))),
    };
  }

  /**
   * Applies the demand for a video if it changed; with `force`, also when it did not (a track that was just
   * subscribed starts from the server's defaults).
   */
  refresh(identity: string, source: TrackSource, force = false): void {
    const demand = this.demandFor(identity, source);
    if (!demand) return;
    const key = keyOf(identity, source);
    if (!force && sameDemand(this.#applied.get(key), demand)) return;
    this.#applied.set(key, demand);
    this.apply(identity, source, demand);
  }

  /** Forgets what was applied (a new connection starts from scratch); open views stay. */
  reset(): void {
    this.#applied.clear();
  }
}
