import type { RtcErrorCode } from './errors.js';
import type { ParticipantView, PlayState, PlayStateDetail, PublishState, PublishStateDetail, TrackSource, TrackView } from './types.js';
import { Store, type Readable } from './readable.js';

export type { PlayState, PlayStateDetail, PublishState, PublishStateDetail } from './types.js';

/** Every track's state now: yours by source, others' by `identity` and source (see {@link playKey}). */
export interface TrackStateMap {
  publish: Readonly<Partial<Record<TrackSource, PublishState>>>;
  play: Readonly<Record<string, PlayState>>;
}

export const playKey = (identity: string, source: TrackSource) => `${identity}\u0000${source}`;

/**
 * Publish and play states derived from the participant snapshots, plus the moments a snapshot cannot show (a
 * publication on its way, a refusal). Each change is reported once; a track that never was is not reported.
 */
export class TrackStates {
  readonly #map = new Store<TrackStateMap>({ publish: {}, play: {} });
  /** The states now, for the session's `trackStates`. */
  readonly map: Readable<TrackStateMap> = this.#map;
  readonly #requesting = new Set<TrackSource>();
  readonly #publishFailures = new Map<TrackSource, RtcErrorCode>();
  readonly #playFailures = new Map<string, RtcErrorCode>();
  /** Tracks that stopped arriving, by play key: what they are reported as meanwhile. */
  readonly #stalls = new Map<string, 'requesting' | 'failed'>();
  readonly #onPublish: (detail: PublishStateDetail) => void;
  readonly #onPlay: (detail: PlayStateDetail) => void;

  constructor(handlers: { publish: (detail: PublishStateDetail) => void; play: (detail: PlayStateDetail) => void }) {
    this.#onPublish = handlers.publish;
    this.#onPlay = handlers.play;
  }

  publishing(source: TrackSource): void {
    this.#requesting.add(source);
    this.#publishFailures.delete(source);
  }

  published(source: TrackSource): void {
    this.#requesting.delete(source);
  }

  publishFailed(source: TrackSource, code: RtcErrorCode): void {
    this.#requesting.delete(source);
    this.#publishFailures.set(source, code);
  }

  playFailed(identity: string, source: TrackSource, code: RtcErrorCode): void {
    this.#playFailures.set(playKey(identity, source), code);
  }

  /**
   * A track that should be arriving received nothing for a while (`stalled`: being repaired, reported as
   * `requesting`), came back (`flowing`), or could not be repaired (`gave-up`: `failed`), all with
   * `media-stalled`. Takes effect at the next {@link update}.
   */
  playStalled(identity: string, source: TrackSource, change: 'stalled' | 'flowing' | 'gave-up'): void {
    const key = playKey(identity, source);
    if (change === 'flowing') this.#stalls.delete(key);
    else this.#stalls.set(key, change === 'stalled' ? 'requesting' : 'failed');
  }

  /** Compares the snapshot with the last one and reports what changed. */
  update(participants: readonly ParticipantView[]): void {
    const publish: Partial<Record<TrackSource, PublishState>> = {};
    const play: Record<string, PlayState> = {};
    const local = participants.find((participant) => participant.isLocal);
    for (const source of ['camera', 'microphone', 'screen', 'screen-audio'] as const) {
      const state = this.#publishState(source, local?.tracks.find((track) => track.source === source));
      if (state) publish[source] = state;
    }
    for (const participant of participants) {
      if (participant.isLocal) continue;
      for (const track of participant.tracks) {
        const key = playKey(participant.identity, track.source);
        play[key] = this.#playState(key, track);
      }
    }
    // A failure belongs to a track that is still there; one that came back later starts afresh.
    for (const key of this.#playFailures.keys()) if (!(key in play)) this.#playFailures.delete(key);
    for (const key of this.#stalls.keys()) if (!(key in play)) this.#stalls.delete(key);
    this.#apply({ publish, play });
  }

  /** The room is left: whatever went out or came in has stopped. */
  reset(): void {
    this.#requesting.clear();
    this.#publishFailures.clear();
    this.#playFailures.clear();
    this.#stalls.clear();
    this.#apply({ publish: {}, play: {} });
  }

  #publishState(source: TrackSource, track: TrackView | undefined): PublishState | undefined {
    if (this.#publishFailures.has(source)) return 'failed';
    if (this.#requesting.has(source)) return 'requesting';
    return track?.sid && !track.muted ? 'publishing' : undefined;
  }

  #playState(key: string, track: TrackView): PlayState {
    if (this.#playFailures.has(key) && !track.mediaStreamTrack) return 'failed';
    this.#playFailures.delete(key);
    if (track.muted) return 'stopped';
    const stall = this.#stalls.get(key);
    if (stall && (track.mediaStreamTrack || track.wanted)) return stall;
    if (track.mediaStreamTrack) return 'playing';
    return track.wanted ? 'requesting' : 'stopped';
  }

  #apply(next: { publish: Partial<Record<TrackSource, PublishState>>; play: Record<string, PlayState> }): void {
    const previous = this.#map.get();
    const changes: (() => void)[] = [];
    for (const source of new Set([...Object.keys(previous.publish), ...Object.keys(next.publish)]) as Set<TrackSource>) {
      const before = previous.publish[source];
      // Known before: now off or unpublished. Never known: not reported at all.
      const after = next.publish[source] ?? (before ? 'stopped' : undefined);
      if (after) next.publish[source] = after;
      if (after && after !== before) {
        const code = this.#publishFailures.get(source);
        changes.push(() => this.#onPublish({ source, state: after, ...(after === 'failed' && code ? { code } : {}) }));
      }
    }
    for (const key of new Set([...Object.keys(previous.play), ...Object.keys(next.play)])) {
      const before = previous.play[key];
      const after = next.play[key];
      const [identity, source] = key.split('\u0000') as [string, TrackSource];
      // A track that went away (unpublished, or its participant left) stopped; it is then forgotten.
      if (!after) {
        if (before && before !== 'stopped') changes.push(() => this.#onPlay({ identity, source, state: 'stopped' }));
        continue;
      }
      if (after !== before) {
        const code = this.#stalls.has(key) ? 'media-stalled' : this.#playFailures.get(key);
        const said = after === 'failed' || (after === 'requesting' && this.#stalls.has(key));
        changes.push(() => this.#onPlay({ identity, source, state: after, ...(said && code ? { code } : {}) }));
      }
    }
    if (!changes.length) return;
    this.#map.set(next);
    for (const change of changes) change();
  }
}
