import type { VideoQuality } from '@livekit/protocol';

/** The best quality subscribers want of each codec of a track, by MIME type; a codec left out is wanted by none. */
export type WantedQualities = ReadonlyMap<string, VideoQuality>;

/** Dynacast: a layer nobody wants any more is paused this long after, in case someone wants it again. */
export const LOWER_AFTER_MS = 2000;

const same = (a: WantedQualities, b: WantedQualities) => a.size === b.size && [...a].every(([codec, quality]) => b.get(codec) === quality);

/**
 * Tells a publisher what its subscribers want of each codec, so it can pause what nobody receives and start a
 * backup codec someone needs. A raise is told at once (someone is waiting for it); a fall only if it still
 * holds a little later, so layers do not flap.
 */
export class WantedQualityTeller {
  #told: WantedQualities;
  #latest: WantedQualities;
  #lowerTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /** @param sending what the publisher sends before it hears anything (every layer of its first codec). */
  constructor(
    sending: WantedQualities,
    readonly tell: (wanted: WantedQualities) => void,
  ) {
    this.#told = sending;
    this.#latest = sending;
  }

  update(wanted: WantedQualities): void {
    if (this.#closed) return;
    this.#latest = wanted;
    if (same(wanted, this.#told)) {
      clearTimeout(this.#lowerTimer);
      this.#lowerTimer = undefined;
      return;
    }
    const raised = [...wanted].some(([codec, quality]) => {
      const told = this.#told.get(codec);
      return told === undefined || quality > told;
    });
    if (raised) return this.#tell(wanted);
    this.#lowerTimer ??= setTimeout(() => {
      this.#lowerTimer = undefined;
      if (!this.#closed) this.#tell(this.#latest);
    }, LOWER_AFTER_MS);
  }

  #tell(wanted: WantedQualities): void {
    clearTimeout(this.#lowerTimer);
    this.#lowerTimer = undefined;
    if (same(wanted, this.#told)) return;
    this.#told = wanted;
    this.tell(wanted);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#lowerTimer);
  }
}
